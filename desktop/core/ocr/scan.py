"""Reading scanned PDF pages: render, straighten, detect the text lines, find the ruled cells, cut
the lines at their gaps and add the marks the detector passed over, recognise, build lines.

This module imports the OCR engine (onnxruntime, RapidOCR, OpenCV); ``desktop.core.ocr`` imports
it only when a scan is actually read.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pypdfium2 as pdfium

from desktop.core.document import BBox, Document, DocumentBuilder, Page, Scan, UnreadableError
from desktop.core.limits import MAX_OCR_PAGES, MAX_PAGE_PIXELS, OCR_PROBE_PAGES, check_time, too_large
from desktop.core.ocr.engine import detect, page_workers, quad_box, read_digits, recognise
from desktop.core.ocr.image import Straightened, find_tables, ink_mask, line_masks, render_page, straighten
from desktop.core.ocr.regions import ink_region, sought_marks, split_at_gaps, stray_marks
from desktop.core.ocr.layout import OcrCell, page_rows, repair_numbers
from desktop.core.ocr.memory import give_back_memory, share_heaps
from desktop.core.pdfium_lock import PDFIUM_LOCK
from desktop.core.readers.pdf_words import page_ranges

if TYPE_CHECKING:
    import numpy as np

DPI = 150  # report text is 10–16 pt: 150 dpi gives it 20–33 px, what the recogniser was trained on
REPORT_WORDS = ("信息公开", "年度报告", "年报")  # on the first pages of every report

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
    Pages are read :func:`~desktop.core.ocr.engine.page_workers` at a time and their lines kept
    in page order.

    Held to the limits: at most :data:`MAX_OCR_PAGES` pages, none larger than
    :data:`MAX_PAGE_PIXELS` once rendered, and a scan that is all pages stops after
    :data:`OCR_PROBE_PAGES` read pages that show nothing of a report.
    """
    pdf = _open(data)
    try:
        with PDFIUM_LOCK:
            all_pages = [_page_size(pdf, i) for i in range(len(pdf))]
        asked = sorted({n for n in (pages if pages is not None else range(1, len(pdf) + 1)) if 1 <= n <= len(pdf)})
        wanted = asked[:MAX_OCR_PAGES]
        probe = len(asked) == len(pdf)  # every page is a scan: nothing else says this is a report
        read = _PagesRead(len(wanted), progress)
        _read_pages(pdf, wanted, all_pages, read, cancelled, len(asked) if probe else 0)
    finally:
        with PDFIUM_LOCK:
            pdf.close()
    if read.oversized and len(read.oversized) == len(wanted):
        raise too_large(_oversized_text(all_pages, read.oversized), "The scanned pages are too large to be read by OCR")
    notes = _notes(wanted, read.done, read.failed, read.oversized, asked[MAX_OCR_PAGES:])
    unread_notes = _failure_notes(read.failed)
    if read.oversized:
        unread_notes.append(f"{_oversized_text(all_pages, read.oversized)}，未识别，内容缺失")
        notes.append(unread_notes[-1])
    unread = [n for n, _ in read.failed] + read.oversized
    scan = Scan(wanted, pending=False, unread=unread, unread_notes=unread_notes)
    return read.builder.build(source, "pdf", all_pages, notes, scan)


@dataclass
class _PagesRead:
    """What the pages read so far gave: their lines in page order, and which pages were read or not."""

    total: int
    progress: Progress | None
    builder: DocumentBuilder = field(default_factory=DocumentBuilder)
    done: list[int] = field(default_factory=list)
    failed: list[tuple[int, str]] = field(default_factory=list)
    oversized: list[int] = field(default_factory=list)

    def collect(self, index: int, number: int, reading: Future) -> None:
        """Page ``number`` (the ``index``-th wanted) once read: its lines added, progress told."""
        rows, failure = reading.result()
        if failure is None:
            self.done.append(number)
        else:
            self.failed.append((number, failure))
        for cells in rows:
            self.builder.add_line([(c.text, number, c.bbox) for c in cells], [c.confidence for c in cells])
        if self.progress is not None:
            self.progress(index + 1, self.total)


def _read_pages(pdf: pdfium.PdfDocument, wanted: list[int], sizes: list[Page], read: _PagesRead,
                cancelled: Callable[[], bool], probing: int) -> None:
    """Read the ``wanted`` pages into ``read``, :func:`page_workers` at a time, collected in order.

    ``probing`` is the number of pages asked for when every page is a scan (0 otherwise): then
    the first :data:`OCR_PROBE_PAGES` read must show a report, or reading stops.
    """
    workers = page_workers()
    if workers > 1:
        share_heaps()
    known_report = not probing
    with ThreadPoolExecutor(workers, thread_name_prefix="ocr-page") as pool:
        reading: deque[tuple[int, int, Future]] = deque()
        for index, number in enumerate(wanted):
            if len(reading) == workers:
                read.collect(*reading.popleft())
            if cancelled():
                break
            check_time()
            if not known_report and index >= OCR_PROBE_PAGES:
                while reading:  # decided on the pages read so far, with no page more begun
                    read.collect(*reading.popleft())
                if len(read.done) >= OCR_PROBE_PAGES:
                    if not _shows_report(read.builder):
                        raise _no_report(len(read.done), probing)
                    known_report = True
            size = sizes[number - 1]
            if size.width * size.height * (DPI / 72) ** 2 > MAX_PAGE_PIXELS:
                read.oversized.append(number)
                continue
            reading.append((index, number, pool.submit(_read_page, pdf, number, size)))
        while reading:
            read.collect(*reading.popleft())


def _oversized_text(pages: list[Page], numbers: list[int]) -> str:
    big = pages[numbers[0] - 1]
    cm = f"{big.width / 72 * 2.54:.0f}×{big.height / 72 * 2.54:.0f} 厘米"
    return f"第{page_ranges(numbers)}页页面过大（如 {cm}）"


def _read_page(pdf: pdfium.PdfDocument, number: int, size: Page) -> tuple[list[list[OcrCell]], str | None]:
    """One page's rows, or no rows and the reason the page could not be read.

    Pages are read on threads of their own, several at once (see ``engine.page_workers``).
    """
    try:
        return read_image(render(pdf, number), size), None
    except MemoryError:
        raise
    except pdfium.PdfiumError as exc:
        return [], f"页面已损坏：{exc}"[:160]
    except Exception as exc:  # a damaged image or an engine error costs one page, not the file
        return [], f"{type(exc).__name__}: {exc}"[:160]
    finally:
        give_back_memory()


def _open(data: bytes) -> pdfium.PdfDocument:
    try:
        with PDFIUM_LOCK:
            return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise UnreadableError(
            "扫描件 PDF 已损坏，无法读取其中的页面图像；请重新下载或重新扫描",
            "The scanned PDF is damaged and its page images cannot be read; download or scan it again",
        ) from exc


def _page_size(pdf: pdfium.PdfDocument, index: int) -> Page:
    """The page's size in points; a page whose size cannot be read counts as empty (0 × 0)."""
    try:
        return Page(index + 1, *map(float, pdf.get_page_size(index)))
    except pdfium.PdfiumError:
        return Page(index + 1, 0.0, 0.0)


def _shows_report(builder: DocumentBuilder) -> bool:
    """Whether the text read so far holds any word every report's first pages have."""
    return any(word in cell.text for line in builder.lines for cell in line.cells for word in REPORT_WORDS)


def _no_report(read: int, total: int) -> UnreadableError:
    return UnreadableError(
        f"扫描件前 {read} 页中没有识别出年度报告的文字（如“政府信息公开”“年度报告”），不像是一份年度报告，"
        f"其余 {total - read} 页未再识别；如确是年度报告，请检查扫描质量",
        f"The first {read} scanned pages show no words of an annual report; the other {total - read} pages "
        "were not read. If it is a report, check the scan",
    )


def render(pdf: pdfium.PdfDocument, number: int) -> np.ndarray:
    """Page ``number`` as a grey image at :data:`DPI`: the only pdfium work, done under the lock."""
    with PDFIUM_LOCK:
        page = pdf[number - 1]
        try:
            return render_page(page, DPI)
        finally:
            page.close()  # a rendered page holds its bitmap until closed


def read_image(gray: np.ndarray, size: Page) -> list[list[OcrCell]]:
    """One page's rows of cells from its image, boxes in points on the page as scanned.

    The ruling lines are found before recognition, so the lines the detector drew across
    columns are cut (without the rules, a gap in the ink parts two cells) and the dashes it
    passed over are read too: each cell is recognised on its own.
    """
    straight = straighten(gray)
    del gray
    region = ink_region(straight.image)
    if region is None:
        return []
    quads = detect(straight.image, region)
    give_back_memory()  # the detector's buffers, before the recogniser allocates its own
    found = [quad_box(q) for q in quads]
    horizontal, vertical = line_masks(straight.image, found)
    tables = find_tables(horizontal, vertical)
    lines = horizontal | vertical
    ink = ink_mask(straight.image) & ~lines
    boxes = recognise(straight.image, split_at_gaps(quads, ink))
    boxes += sought_marks(recognise(straight.image, stray_marks(ink, found, lines)))
    scale = 72 / DPI  # pixels → points: the page was rendered at DPI
    rows = page_rows(boxes, tables, scale, size.height)
    rows = [repair_numbers(row, lambda box: read_digits(straight.image, box), scale) for row in rows]
    return [[OcrCell(c.text, _to_scanned(c.bbox, straight, scale), c.confidence) for c in row] for row in rows]


def _to_scanned(bbox: BBox, straight: Straightened, scale: float) -> BBox:
    """A box in points on the straightened page → points on the page as scanned."""
    px = tuple(v / scale for v in bbox)
    x0, top, x1, bottom = straight.to_scanned(px)  # type: ignore[arg-type]
    return (x0 * scale, top * scale, x1 * scale, bottom * scale)


def _notes(wanted: list[int], done: list[int], failed: list[tuple[int, str]], oversized: list[int],
           beyond: list[int]) -> list[str]:
    """What the auditor should know about the OCR: which pages it read, and which it did not."""
    notes: list[str] = []
    if beyond:
        notes.append(f"扫描页超过 {MAX_OCR_PAGES} 页：第{page_ranges(beyond)}页未识别，内容缺失")
    if done:
        notes.append(f"第{page_ranges(done)}页为扫描件，已用文字识别（OCR）读出；识别的数字请与原件核对")
    notes += _failure_notes(failed)
    handled = {*done, *oversized, *(n for n, _ in failed)}
    skipped = [n for n in wanted if n not in handled]
    if skipped:
        notes.append(f"文字识别已取消：第{page_ranges(skipped)}页未识别，内容缺失")
    return notes


def _failure_notes(failed: list[tuple[int, str]]) -> list[str]:
    """One note per page the engine could not read, with the reason: the page's text is missing."""
    return [f"第{number}页文字识别失败（{reason}），该页内容缺失" for number, reason in failed]
