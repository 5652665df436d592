"""How much of a file the readers will take on: every limit in one place, each with its refusal.

An auditor's batch holds whatever was downloaded or forwarded, and one file must never take the
laptop's memory or the afternoon. Real reports are far inside every limit here (a 100-page PDF
report has about 5,000 lines and 2,000 table cells; its DOCX XML is a few MB; a scanned report has
at most a few dozen pages), so a file that reaches one is not a report, or not one this tool can
check, and it is refused with the reason instead of being read at any cost.

The time limit is checked between pages (PDF text pages and OCR pages alike): a report whose pages
each read in seconds but which would take longer than :data:`FILE_SECONDS` in all is stopped.
"""

from __future__ import annotations

import contextlib
import contextvars
import time
from collections.abc import Iterator

from desktop.core.errors import UnreadableError

MAX_FILE_BYTES = 200 * 1024 * 1024  # a report file on disk
MAX_LINES = 100_000  # lines of text in one document (text, HTML, DOCX, PDF)
MAX_LINE_CHARS = 100_000  # characters on one line of a text file (a whole report on one line is ~30,000)
MAX_CELLS = 300_000  # cells of all lines of one document
MAX_TEXT_CHARS = 5_000_000  # characters of one document (a 100-page report has about 200,000)
MAX_HTML_TAGS = 200_000  # tags of a web page (a saved government page has a few thousand)
MAX_TABLE_COLUMNS = 200  # grid columns a web-page table may span (report tables have at most 12)
MAX_TABLE_SLOTS = 1_000_000  # grid positions (rows × columns) one web-page table may cover
MAX_XML_PART_BYTES = 20 * 1024 * 1024  # one XML part of a DOCX, inflated (a long report has a few MB)
MAX_UNZIPPED_BYTES = 150 * 1024 * 1024  # all parts of a DOCX, inflated (pictures included)
MAX_ZIP_PARTS = 10_000  # parts of one DOCX package (a report has a few dozen)
MAX_PDF_PAGES = 1_000
MAX_PAGE_PIXELS = 40_000_000  # a page rendered for OCR (A0 at 150 dpi is 35 million)
MAX_OCR_PAGES = 100  # scanned pages read by OCR in one file (about 4 minutes)
OCR_PROBE_PAGES = 5  # scanned pages read before giving up on a file that shows no report
FILE_SECONDS = 600.0  # reading one file, checked between pages


def too_large(what_zh: str, what_en: str) -> UnreadableError:
    """The refusal for a file past a limit: what was too large, and that it is not read."""
    return UnreadableError(
        f"{what_zh}，超出年度报告的正常范围，未读取；请确认文件是否正确，或只保留报告本身后再打开",
        f"{what_en}, beyond any annual report; the file was not read. Check that it is the right file",
    )


# (deadline on the monotonic clock, seconds allowed) of the file being read in this thread
_deadline: contextvars.ContextVar[tuple[float, float] | None] = contextvars.ContextVar("nianbao_deadline", default=None)


@contextlib.contextmanager
def time_limit(seconds: float = FILE_SECONDS) -> Iterator[None]:
    """Reading inside this block must end within ``seconds``; see :func:`check_time`."""
    token = _deadline.set((time.monotonic() + seconds, seconds))
    try:
        yield
    finally:
        _deadline.reset(token)


def check_time() -> None:
    """Raise when the file being read has used up its time: called between pages."""
    limit = _deadline.get()
    if limit is None or time.monotonic() <= limit[0]:
        return
    minutes = f"{limit[1] / 60:g}"
    raise UnreadableError(
        f"读取该文件超过了 {minutes} 分钟的时限，已停止；文件可能过大或已损坏，请检查后单独打开",
        f"Reading the file took longer than the {minutes}-minute limit and was stopped",
    )


def check_size(chars: int, lines: int, cells: int) -> None:
    """Refuse a document with more text, lines or cells than any report, before it is mapped."""
    if chars > MAX_TEXT_CHARS:
        raise too_large(f"文件的文字超过 {MAX_TEXT_CHARS:,} 个字符", f"The file holds more than {MAX_TEXT_CHARS:,} characters of text")
    if lines > MAX_LINES:
        raise too_large(f"文件超过 {MAX_LINES:,} 行", f"The file has more than {MAX_LINES:,} lines")
    if cells > MAX_CELLS:
        raise too_large(f"文件的表格单元格超过 {MAX_CELLS:,} 个", f"The file has more than {MAX_CELLS:,} table cells")
