"""The source report beside the extracted tables: the place a selected value came from lights up.

:class:`SourceView` shows one :class:`~desktop.core.document.Document`: a PDF as its rendered pages
(:mod:`desktop.gui.source_pdf`), anything else — text, DOCX, HTML, or a PDF whose bytes are not at
hand — as its extracted text (:mod:`desktop.gui.source_text`). Both answer the same four requests:
highlight these locations, tell me what was clicked, zoom, find. The main window never needs to
know which of the two is showing.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from desktop.core.document import Cell, Document, Location
from desktop.gui.qt import QtWidgets, Qt, Signal, Slot
from desktop.gui.source_pdf import PdfView
from desktop.gui.source_text import TextView

__all__ = ["SourceView", "ZOOM_STEPS"]

log = logging.getLogger(__name__)

# The zoom menu every reader knows; zoom_in/zoom_out step through it from wherever the zoom is.
ZOOM_STEPS = (0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0)


class SourceView(QtWidgets.QWidget):
    """The source report, as pages or as text.

    Signals:
        clicked(offset, page, point): a click on the text gives (offset, None, None); a click on a
            PDF page gives (None, page, (x_pt, y_pt)) in PDF points from the page's top-left.
        taken(offset, page, point): the same for a Ctrl+click, which takes the number clicked.
        zoom_changed(zoom): the zoom after any change (1.0 = 100%).
    """

    clicked = Signal(object, object, object)
    taken = Signal(object, object, object)  # a Ctrl+click, same arguments: take the number there
    zoom_changed = Signal(float)

    def __init__(self, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.document: Document | None = None
        self._pdf_cells: list[Cell] | None = None
        self._find_index = -1
        self._find_text = ""
        self._highlighted: list[Location] = []

        self._empty = QtWidgets.QLabel(self.tr("未打开报告"), alignment=Qt.AlignmentFlag.AlignCenter)
        self._empty.setEnabled(False)
        self.text_view = TextView(self)
        self.pdf_view = PdfView(self)
        self._stack = QtWidgets.QStackedWidget(self)
        for w in (self._empty, self.text_view, self.pdf_view):
            self._stack.addWidget(w)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._stack)

        self.text_view.offset_clicked.connect(lambda offset: self.clicked.emit(offset, None, None))
        self.pdf_view.page_clicked.connect(lambda page, x, y: self.clicked.emit(None, page, (x, y)))
        self.text_view.offset_taken.connect(lambda offset: self.taken.emit(offset, None, None))
        self.pdf_view.page_taken.connect(lambda page, x, y: self.taken.emit(None, page, (x, y)))
        self.text_view.zoom_changed.connect(self.zoom_changed)
        self.pdf_view.zoom_changed.connect(self.zoom_changed)

    # -- what is shown ------------------------------------------------------------------------

    @property
    def mode(self) -> str:
        """"pdf", "text" or "empty": which view is showing."""
        current = self._stack.currentWidget()
        return "pdf" if current is self.pdf_view else "text" if current is self.text_view else "empty"

    def focus_widget(self) -> QtWidgets.QWidget:
        """The view that takes the keyboard (scrolling, zoom keys): the pages or the text shown now."""
        return self._stack.currentWidget()

    def show_document(self, document: Document, data: bytes | None = None) -> None:
        """Show a report: its pages when it is a PDF and its bytes are given, else its text.

        A PDF only lays out blank pages here and renders the visible ones on the render thread,
        so opening a long report costs about as much as opening a short one.
        """
        self.clear()
        self.document = document
        if document.kind == "pdf" and data:
            try:
                self.pdf_view.open(data)
            except Exception as exc:  # noqa: BLE001 - a PDF pdfium rejects is still readable as text
                log.warning("cannot render %s: %s", document.source, exc)
            else:
                self._stack.setCurrentWidget(self.pdf_view)
                return
        self.text_view.set_text(document.text)
        self._stack.setCurrentWidget(self.text_view)

    @Slot()
    def clear(self) -> None:
        """Show nothing (no report open) and let go of the previous report's pages."""
        self.document = None
        self._pdf_cells = None
        self._find_index = -1
        self._find_text = ""
        self._highlighted = []
        self.pdf_view.close_document()
        self.text_view.set_text("")
        self._stack.setCurrentWidget(self._empty)

    # -- highlight ----------------------------------------------------------------------------

    def highlight(self, locations: Iterable[Location], scroll: bool = True) -> None:
        """Mark where a value came from, replacing the previous mark, and bring the first into view.

        On pages, locations without a page and box cannot be placed and are left out.
        """
        locations = list(locations)
        self._highlighted = locations if self.mode != "empty" else []
        if self.mode == "pdf":
            boxes = [(loc.page, loc.bbox) for loc in locations if loc.page is not None and loc.bbox is not None]
            self.pdf_view.highlight(boxes, scroll)
        elif self.mode == "text":
            self.text_view.highlight([(loc.start, loc.end) for loc in locations], scroll)

    def highlighted(self) -> list[Location]:
        """The locations last asked to be highlighted (on pages, those without a box are not drawn)."""
        return list(self._highlighted)

    @Slot()
    def clear_highlight(self) -> None:
        self.highlight([], scroll=False)

    # -- zoom ---------------------------------------------------------------------------------

    def zoom(self) -> float:
        """Current zoom: 1.0 is 100% (one point per logical pixel for pages, the base font for text)."""
        if self.mode == "pdf":
            return self.pdf_view.zoom
        return self.text_view.zoom

    @Slot(float)
    def set_zoom(self, zoom: float) -> None:
        if self.mode == "pdf":
            self.pdf_view.set_zoom(zoom)
        elif self.mode == "text":
            self.text_view.set_zoom(zoom)

    @Slot()
    def zoom_in(self) -> None:
        current = self.zoom()
        self.set_zoom(next((z for z in ZOOM_STEPS if z > current * 1.01), ZOOM_STEPS[-1]))

    @Slot()
    def zoom_out(self) -> None:
        current = self.zoom()
        self.set_zoom(next((z for z in reversed(ZOOM_STEPS) if z < current / 1.01), ZOOM_STEPS[0]))

    @Slot()
    def fit_width(self) -> None:
        """Pages as wide as the view (and following its width from now on); text back to 100%."""
        if self.mode == "pdf":
            self.pdf_view.fit_width()
        elif self.mode == "text":
            self.text_view.set_zoom(1.0)

    # -- find ---------------------------------------------------------------------------------

    def find(self, text: str, backwards: bool = False) -> bool:
        """Go to the next (or previous) place holding ``text``, case-insensitive, wrapping around.

        Text: the editor's own search, which selects the hit. Pages: the next cell whose text
        contains ``text`` (cells are what the reader placed on the page), framed like a highlight.
        """
        if not text or self.mode == "empty":
            return False
        if self.mode == "text":
            return self.text_view.find_text(text, backwards)
        return self._find_cell(text, backwards)

    def count(self, text: str) -> int:
        """How many places hold ``text`` (case-insensitive): in the text, or in the cells placed on the pages."""
        if not text or self.mode == "empty":
            return 0
        needle = text.casefold()
        if self.mode == "text":
            return self.document.text.casefold().count(needle) if self.document is not None else 0
        return sum(needle in cell.text.casefold() for cell in self._placed_cells())

    def _find_cell(self, text: str, backwards: bool) -> bool:
        cells = self._placed_cells()
        if not cells:
            return False
        needle = text.casefold()
        if needle != self._find_text:
            self._find_text, self._find_index = needle, -1
        n = len(cells)
        start = self._find_index if self._find_index >= 0 else (n if backwards else -1)
        step = -1 if backwards else 1
        for k in range(1, n + 1):
            i = (start + step * k) % n
            if needle in cells[i].text.casefold():
                self._find_index = i
                self.highlight([cells[i].loc])
                return True
        return False

    def _placed_cells(self) -> list[Cell]:
        """The document's cells that have a page and a box, in reading order (computed once per report)."""
        if self._pdf_cells is None:
            doc = self.document
            lines = doc.lines if doc is not None else []
            self._pdf_cells = [c for line in lines for c in line.cells if c.loc.page is not None and c.loc.bbox]
        return self._pdf_cells
