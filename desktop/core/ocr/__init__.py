"""Scanned reports: local OCR of image-only PDF pages, and what to say when OCR is not installed.

OCR is an optional extra (``pip install nianbao-review[ocr]``: RapidOCR on onnxruntime, with the
Chinese PP-OCR models inside its wheel). Nothing is downloaded and nothing leaves the machine:
the engine is pointed at the model files in the installed package, and onnxruntime's telemetry
is switched off before it loads (see ``engine.py``).

Importing this package costs nothing: onnxruntime, RapidOCR and OpenCV are imported only when a
scanned page is read, so the window starts as fast without a scan as it did before OCR existed.

- :func:`complete_scanned` — what the pipeline calls with a PDF reader's document: pages without a
  text layer (``Document.scan``) are read by OCR and merged in, or, without the extra, the report
  says it is a scan;
- :func:`ocr_pdf` — OCR the given pages of a PDF into a Document;
- :func:`low_confidence_findings` — a warning for each cell OCR was unsure of;
- :func:`unread_scan_report` — the empty report shown for a scan when OCR is not installed.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Collection
from pathlib import Path

from desktop.core.document import Document, DocumentBuilder, Line, Scan
from desktop.core.errors import Cancelled
from desktop.core.ocr.fallback import NO_OCR_NOTICE, unread_scan_report
from desktop.core.ocr.findings import LOW_CONFIDENCE, low_confidence_findings

__all__ = [
    "LOW_CONFIDENCE",
    "NO_OCR_NOTICE",
    "available",
    "complete_scanned",
    "low_confidence_findings",
    "ocr_pdf",
    "scanned_pages",
    "unread_scan_report",
]

MODEL_STAGES = ("det", "rec")  # the .onnx files OCR needs from the rapidocr wheel, by stage

Progress = Callable[[int, int], None]


def available() -> bool:
    """Whether the OCR extra is installed, models included, found without importing anything."""
    for name in ("rapidocr", "onnxruntime", "cv2", "numpy", "pypdfium2"):
        try:
            if importlib.util.find_spec(name) is None:
                return False
        except (ImportError, ValueError):
            return False
    spec = importlib.util.find_spec("rapidocr")
    locations = list(spec.submodule_search_locations or []) if spec else []
    return any(all(any((Path(loc) / "models").glob(f"*{stage}*.onnx")) for stage in MODEL_STAGES) for loc in locations)


def ocr_pdf(
    data: bytes,
    source: str,
    pages: list[int] | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> Document:
    """OCR the 1-based ``pages`` of a PDF (all when None) into a Document; see ``scan.ocr_pdf``."""
    from desktop.core.ocr.scan import ocr_pdf as _ocr_pdf

    return _ocr_pdf(data, source, pages, progress, cancelled)


def complete_scanned(
    data: bytes,
    document: Document,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Document:
    """The PDF reader's document with its scanned pages filled in by OCR, when it has any pending.

    Without the OCR extra the document comes back with the notice that the report is a scan and
    its tables are left empty for the auditor to fill, instead of the reader's technical note.
    Cancelled part-way, it raises :class:`Cancelled`: a report with pages silently missing must
    not reach the database.
    """
    if document.scan is None or not document.scan.pending:
        return document
    pages = scanned_pages(document)
    if not pages:
        document.scan = None
        return document
    if not available():
        notice = _no_ocr_notice(pages, len(document.pages))
        document.notes = document.notes + [notice]
        document.scan = Scan(pages, pending=False, unread=pages, unread_notes=[notice])
        return document
    stop = cancelled or (lambda: False)
    scanned = ocr_pdf(data, document.source, pages, progress, stop)
    if stop():
        raise Cancelled("文字识别已取消")
    return merge_pages(document, scanned, pages, document.notes + scanned.notes)


def scanned_pages(document: Document) -> list[int]:
    """Pages of a PDF document from which its text layer gave no line at all."""
    with_text = {cell.loc.page for line in document.lines for cell in line.cells}
    return [p.number for p in document.pages if p.number not in with_text]


def merge_pages(document: Document, scanned: Document, pages: list[int], notes: list[str]) -> Document:
    """One document, pages in order: the text layer's lines, and OCR's lines for ``pages``.

    ``Document.text`` is rebuilt, so every cell's span is new; page and box are kept.
    """
    ocr_pages = set(pages)
    by_page = _lines_by_page(document, exclude=ocr_pages)
    for page, lines in _lines_by_page(scanned, include=ocr_pages).items():
        by_page.setdefault(page, []).extend(lines)
    builder = DocumentBuilder()
    for page in sorted(by_page):
        for line in by_page[page]:
            builder.add_line(
                [(c.text, c.loc.page, c.loc.bbox) for c in line.cells],
                [c.confidence for c in line.cells],  # type: ignore[misc]
            )
    return builder.build(document.source, document.kind, document.pages, notes, scanned.scan)


def _lines_by_page(
    document: Document, include: Collection[int] | None = None, exclude: Collection[int] = ()
) -> dict[int, list[Line]]:
    """Lines grouped by the page of their first located cell (a line without one joins the page before)."""
    out: dict[int, list[Line]] = {}
    page = 0
    for line in document.lines:
        page = next((c.loc.page for c in line.cells if c.loc.page is not None), page)
        if page in exclude or (include is not None and page not in include):
            continue
        out.setdefault(page, []).append(line)
    return out


def _no_ocr_notice(pages: list[int], page_count: int) -> str:
    if len(pages) == page_count:
        return NO_OCR_NOTICE
    from desktop.core.readers.pdf_words import page_ranges

    return f"第{page_ranges(pages)}页为扫描件，未安装文字识别（OCR）组件，这些页的内容缺失，可手工填写"
