"""Reading scanned PDF pages: render, straighten, recognise, find the ruled cells, build lines.

This module imports the OCR engine (onnxruntime, RapidOCR, OpenCV); ``desktop.core.ocr`` imports
it only when a scan is actually read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pypdfium2 as pdfium

from desktop.core.document import BBox, Document, DocumentBuilder, Page, Scan
from desktop.core.ocr.engine import read_digits, recognise
from desktop.core.ocr.image import Straightened, find_tables, render_page, straighten
from desktop.core.ocr.layout import OcrCell, page_rows, repair_numbers
from desktop.core.pdfium_lock import PDFIUM_LOCK
from desktop.core.readers.pdf_words import page_ranges

if TYPE_CHECKING:
    import numpy as np

DPI = 150  # report text is 10–16 pt: 150 dpi gives it 20–33 px, what the recogniser was trained on

Progress = Callable[[int, int], None]


def ocr_pdf(
    data: bytes,
    source: str,
    pages: list[int] | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> Document:
    """Read the given 1-based ``pages`` (all when None) of a PDF by OCR into a Document.

    Every page of the PDF is listed in ``Document.pages`` (so page numbers keep their meaning);
    lines come only from the pages read. Boxes are in PDF points on the page as scanned (not as
    straightened), so a highlighted cell sits on the printed number. ``progress(done, total)`` is
    called after each page and ``cancelled()`` before each, so a window can show and stop it.
    """
    with PDFIUM_LOCK:
        pdf = pdfium.PdfDocument(data)
        all_pages = [Page(i + 1, *map(float, pdf.get_page_size(i))) for i in range(len(pdf))]
    try:
        wanted = sorted({n for n in (pages if pages is not None else range(1, len(pdf) + 1)) if 1 <= n <= len(pdf)})
        builder = DocumentBuilder()
        done: list[int] = []
        failed: list[tuple[int, str]] = []
        for index, number in enumerate(wanted):
            if cancelled():
                break
            try:
                rows = read_image(render(pdf, number), all_pages[number - 1])
            except MemoryError:
                raise
            except Exception as exc:  # a damaged image or an engine error costs one page, not the file
                failed.append((number, f"{type(exc).__name__}: {exc}"[:160]))
                rows = []
            else:
                done.append(number)
            for cells in rows:
                builder.add_line([(c.text, number, c.bbox) for c in cells], [c.confidence for c in cells])
            if progress is not None:
                progress(index + 1, len(wanted))
    finally:
        with PDFIUM_LOCK:
            pdf.close()
    scan = Scan(wanted, pending=False, unread=[n for n, _ in failed], unread_notes=_failure_notes(failed))
    return builder.build(source, "pdf", all_pages, _notes(wanted, done, failed), scan)


def render(pdf: pdfium.PdfDocument, number: int) -> np.ndarray:
    """Page ``number`` as a grey image at :data:`DPI`: the only pdfium work, done under the lock."""
    with PDFIUM_LOCK:
        page = pdf[number - 1]
        try:
            return render_page(page, DPI)
        finally:
            page.close()  # a rendered page holds its bitmap until closed


def read_image(gray: np.ndarray, size: Page) -> list[list[OcrCell]]:
    """One page's rows of cells from its image, boxes in points on the page as scanned."""
    straight = straighten(gray)
    del gray
    boxes = recognise(straight.image)
    tables = find_tables(straight.image, [box.box for box in boxes])
    scale = 72 / DPI  # pixels → points: the page was rendered at DPI
    rows = page_rows(boxes, tables, scale, size.height)
    rows = [repair_numbers(row, lambda box: read_digits(straight.image, box), scale) for row in rows]
    return [[OcrCell(c.text, _to_scanned(c.bbox, straight, scale), c.confidence) for c in row] for row in rows]


def _to_scanned(bbox: BBox, straight: Straightened, scale: float) -> BBox:
    """A box in points on the straightened page → points on the page as scanned."""
    px = tuple(v / scale for v in bbox)
    x0, top, x1, bottom = straight.to_scanned(px)  # type: ignore[arg-type]
    return (x0 * scale, top * scale, x1 * scale, bottom * scale)


def _notes(wanted: list[int], done: list[int], failed: list[tuple[int, str]]) -> list[str]:
    """What the auditor should know about the OCR: which pages it read, and which it did not."""
    notes: list[str] = []
    if done:
        notes.append(f"第{page_ranges(done)}页为扫描件，已用文字识别（OCR）读出；识别的数字请与原件核对")
    notes += _failure_notes(failed)
    skipped = [n for n in wanted if n not in done and n not in {f for f, _ in failed}]
    if skipped:
        notes.append(f"文字识别已取消：第{page_ranges(skipped)}页未识别，内容缺失")
    return notes


def _failure_notes(failed: list[tuple[int, str]]) -> list[str]:
    """One note per page the engine could not read, with the reason: the page's text is missing."""
    return [f"第{number}页文字识别失败（{reason}），该页内容缺失" for number, reason in failed]
