"""Row labels that stay put while a wide table scrolls sideways, as frozen panes do in Excel.

Table 三 is wider than the pane on a laptop: scrolled to the 法人或其他组织 columns, the numbers
lost their row labels. A second view over the same model and selection shows only the label
columns and sits over the left edge of the grid, following its vertical scroll and row heights.
"""

from __future__ import annotations

from desktop.gui.qt import QtCore, QtWidgets, Qt

FROZEN_EDGE = "#9aa3b2"  # a slightly darker line where the frozen labels end


class FrozenColumns(QtCore.QObject):
    """Keeps the first ``count`` columns of ``view`` in place over its left edge."""

    def __init__(self, view: QtWidgets.QTableView, count: int, delegate: QtWidgets.QAbstractItemDelegate):
        super().__init__(view)
        self.view = view
        self.count = count
        overlay = self.overlay = QtWidgets.QTableView(view)
        overlay.setObjectName("frozen")
        overlay.setModel(view.model())
        overlay.setSelectionModel(view.selectionModel())
        overlay.setItemDelegate(delegate)
        overlay.setFocusPolicy(Qt.NoFocus)  # the keyboard stays in the grid underneath
        overlay.horizontalHeader().hide()
        overlay.verticalHeader().hide()
        overlay.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        overlay.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        overlay.setVerticalScrollMode(view.verticalScrollMode())
        overlay.setSelectionMode(view.selectionMode())
        overlay.setWordWrap(view.wordWrap())
        overlay.setTextElideMode(view.textElideMode())
        overlay.setShowGrid(view.showGrid())
        overlay.setStyleSheet(view.styleSheet() + f" QTableView#frozen {{ border: none; border-right: 2px solid {FROZEN_EDGE}; }}")
        for col in range(view.model().columnCount()):
            overlay.setColumnHidden(col, col >= count)
        view.viewport().stackUnder(overlay)
        view.horizontalHeader().sectionResized.connect(self._column_resized)
        view.verticalHeader().sectionResized.connect(lambda row, _old, size: overlay.setRowHeight(row, size))
        view.verticalScrollBar().valueChanged.connect(overlay.verticalScrollBar().setValue)
        overlay.verticalScrollBar().valueChanged.connect(view.verticalScrollBar().setValue)
        view.viewport().installEventFilter(self)  # the viewport is sized after the view: follow it
        self.sync()

    def sync(self) -> None:
        """Spans, widths and heights as the grid has them now (after it sized its rows)."""
        view, overlay = self.view, self.overlay
        overlay.clearSpans()
        for row in range(view.model().rowCount()):
            overlay.setRowHeight(row, view.rowHeight(row))
            for col in range(self.count):
                rows, cols = view.rowSpan(row, col), view.columnSpan(row, col)
                if (rows > 1 or cols > 1) and not overlay.isIndexHidden(view.model().index(row, col)):
                    overlay.setSpan(row, col, rows, cols)
        for col in range(self.count):
            overlay.setColumnWidth(col, view.columnWidth(col))
        self._place()

    def width(self) -> int:
        return sum(self.view.columnWidth(col) for col in range(self.count))

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QtCore.QEvent.Resize:
            self._place()
        return False

    def _column_resized(self, col: int, _old: int, size: int) -> None:
        if col < self.count:
            self.overlay.setColumnWidth(col, size)
            self._place()

    def _place(self) -> None:
        view = self.view
        frame = view.frameWidth()
        self.overlay.setGeometry(frame, frame, self.width() + 2, view.viewport().height())
