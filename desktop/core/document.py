"""One model for every kind of source: text with positions.

Every reader (text, PDF, DOCX, HTML, later OCR) produces a :class:`Document`: a plain text plus a
list of :class:`Line`s whose :class:`Cell`s point back into it. A cell from a table grid, a
tab-separated line or a PDF word keeps its character span in ``Document.text`` and, for PDFs, the
page and box it was printed in. That is what lets a value in the grid light up its source.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from desktop.core.errors import UnreadableError

__all__ = ["UnreadableError", "Location", "Cell", "Line", "Page", "Scan", "Document", "DocumentBuilder", "BBox"]


BBox = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points, origin top-left


@dataclass(frozen=True, slots=True)
class Location:
    start: int
    end: int
    page: int | None = None  # 1-based
    bbox: BBox | None = None

    def to_json(self) -> dict:
        out: dict = {"start": self.start, "end": self.end}
        if self.page is not None:
            out["page"] = self.page
        if self.bbox is not None:
            out["bbox"] = [round(v, 1) for v in self.bbox]
        return out

    @classmethod
    def from_json(cls, data: dict) -> Location:
        bbox = data.get("bbox")
        return cls(data["start"], data["end"], data.get("page"), tuple(bbox) if bbox else None)


@dataclass(slots=True)
class Cell:
    text: str
    loc: Location
    confidence: float | None = None  # OCR only


@dataclass(slots=True)
class Line:
    cells: list[Cell]

    @property
    def text(self) -> str:
        return "\t".join(c.text for c in self.cells)


@dataclass(frozen=True, slots=True)
class Page:
    number: int
    width: float
    height: float


@dataclass
class Scan:
    """The pages of a PDF without a text layer, and what became of them.

    The PDF reader lists the pages (``pending``: OCR has not been tried); the pipeline then reads
    them by OCR, or cannot, and records the pages whose text is still missing with the notes that
    tell the auditor why. The window and the empty-scan report go by these fields, never by the
    wording of a note.
    """

    pages: list[int]
    pending: bool = True
    unread: list[int] = field(default_factory=list)
    unread_notes: list[str] = field(default_factory=list)  # also among Document.notes


@dataclass
class Document:
    source: str
    kind: str  # text | pdf | docx | html
    text: str
    lines: list[Line]
    pages: list[Page] = field(default_factory=list)
    encoding: str | None = None
    notes: list[str] = field(default_factory=list)  # what the reader noticed, for the auditor
    scan: Scan | None = None  # PDF pages without a text layer, when there are any
    properties: dict[str, str] = field(default_factory=dict)  # what the source declares: a saved page's meta tags
    _line_starts: list[int] | None = field(default=None, repr=False)

    def line_number(self, offset: int) -> int:
        """1-based line of ``text`` that holds ``offset``: how a text source names a place."""
        if self._line_starts is None:
            starts = [0]
            pos = self.text.find("\n")
            while pos != -1:
                starts.append(pos + 1)
                pos = self.text.find("\n", pos + 1)
            self._line_starts = starts
        return bisect.bisect_right(self._line_starts, offset)

    def read_by_ocr(self) -> bool:
        """Whether any of the text came from OCR (a scanned page): only OCR gives cells a confidence."""
        return any(cell.confidence is not None for line in self.lines for cell in line.cells)


class DocumentBuilder:
    """Builds ``Document.text`` and cell spans together, for readers whose source is not plain text."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self.lines: list[Line] = []

    def add_line(self, cells: list[tuple[str, int | None, BBox | None]], confidences: list[float] | None = None) -> None:
        """Append one line; each cell is (text, page, bbox). Cells are joined by tabs in the text."""
        if self._parts:
            self._emit("\n")
        built: list[Cell] = []
        for i, (text, page, bbox) in enumerate(cells):
            if i:
                self._emit("\t")
            text = text.replace("\n", " ").replace("\t", " ")
            start = self._length
            self._emit(text)
            conf = confidences[i] if confidences else None
            built.append(Cell(text, Location(start, self._length, page, bbox), conf))
        self.lines.append(Line(built))

    def _emit(self, s: str) -> None:
        self._parts.append(s)
        self._length += len(s)

    def build(self, source: str, kind: str, pages: list[Page] | None = None, notes: list[str] | None = None,
              scan: Scan | None = None) -> Document:
        return Document(source, kind, "".join(self._parts), self.lines, pages or [], None, notes or [], scan)
