"""PDF reports with a text layer: words and ruled tables, with page and box for every cell.

The mapper downstream walks lines in reading order and expects one :class:`Line` per table row
whose cells are that row's grid cells, left to right. So each page is read once: its words (by
pdfplumber's word rules) and ruled tables (by pdfplumber's table finder), nothing per cell,
because reports run to a hundred pages and an auditor opens hundreds of them, and the words are
dealt out to the table cells by their centre point in plain Python. Words outside every table
become text lines, split into cells at wide gaps so that tables drawn without ruling lines still
come out as label + value cells.

The characters and ruling lines of a page come from pdfium (:mod:`pdfium_page`), an order of
magnitude faster than pdfminer's parse, in pdfplumber's coordinates and boxes; a page pdfium
cannot read as pdfplumber would (no Unicode map, a rotated page, a font the file does not
settle…) is read with pdfplumber, as is a file pdfium cannot open. ``tools/compare_pdf_readers.py``
holds the two readings to the same cells and boxes.

The damage this reader undoes is the one seen in real reports (FORMAT.md, "Damage seen"):
headers wrapped one character per line in narrow cells (结/果/维/持), vertical labels written
bottom-to-top that pdfplumber reads reversed (``果结理办度年本、三``), Kangxi radicals that look like
ordinary characters (``⼀`` for ``一``), characters printed twice to fake bold, and fonts without a
Unicode map that turn text into ``(cid:123)``.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pdfplumber

from desktop.core.document import Document, DocumentBuilder, Page, Scan, UnreadableError
from desktop.core.readers.pdf_words import (
    FOLD,
    Cells,
    Grid,
    Word,
    deal,
    is_page_number,
    join_line,
    page_ranges,
    rotated_order,
    union,
    upright_lines,
)
from desktop.core.readers.pdf_chars import extract_words
from desktop.core.readers.pdf_fonts import read_descents
from desktop.core.readers.pdf_tables import ruled_tables
from desktop.core.readers.pdfium_page import NotLikePlumber, PageContent, PdfiumPages
from desktop.core.limits import MAX_PDF_PAGES, check_time, too_large

# pdfminer logs every oddity of a damaged file as a warning; with no logging set up Python would
# print them on stderr between the batch's own lines. What matters reaches the auditor as a note.
logging.getLogger("pdfminer").addHandler(logging.NullHandler())

# A gap wider than this many character heights between two words on a line starts a new cell.
GAP_FACTOR = 2.0


@dataclass
class _Notes:
    """What the reader noticed, collected per page and turned into sentences at the end."""

    no_text: list[int] = field(default_factory=list)
    blank: list[int] = field(default_factory=list)
    cid: dict[int, int] = field(default_factory=dict)
    folded: int = 0
    failed: list[tuple[int, str]] = field(default_factory=list)

    def scan(self, page_count: int) -> Scan | None:
        """The pages OCR should read: those with an image and no text (all pages when all are blank)."""
        scans = sorted(self.no_text + self.blank) if len(self.blank) == page_count else self.no_text
        return Scan(scans) if scans else None

    def sentences(self) -> list[str]:
        out: list[str] = []
        if self.cid:
            count = sum(self.cid.values())
            out.append(
                f"第{page_ranges(sorted(self.cid))}页有 {count} 处 (cid:xx) 乱码：PDF 字体缺少 Unicode 映射，这些文字无法读出"
            )
        if self.folded:
            out.append(f"已把 {self.folded} 个康熙部首或兼容汉字（如 ⼀）换成外形相同的常用汉字")
        for number, reason in self.failed:
            out.append(f"第{number}页无法解析（{reason}），该页内容缺失")
        return out


# --------------------------------------------------------------------------------------------
# Reading the file


def read_pdf(data: bytes, source: str, *, with_pdfium: bool = True) -> Document:
    """Read a text-layer PDF into a :class:`Document`, one :class:`Line` per table row or text line.

    Pages are read with pdfium where its reading is pdfplumber's, with pdfplumber otherwise
    (``with_pdfium=False`` reads them all with pdfplumber: the reference the pdfium reading is
    held to). Raises :class:`UnreadableError` for encrypted, damaged or page-less files. A scan
    (pages without text) is not an error: the document comes back with those pages in
    ``Document.scan``.
    """
    builder = DocumentBuilder()
    notes = _Notes()
    pages: list[Page] = []
    fast = _open_pdfium(data) if with_pdfium else None
    plumber = _Plumber(data)
    try:
        count = fast.count if fast is not None else len(plumber.pages())
        _check_count(count)
        for index in range(count):
            check_time()
            number = index + 1
            pages.append(Page(number, 0.0, 0.0))
            try:
                content = _pdfium_content(fast, index)
                if content is not None:
                    pages[-1] = Page(number, content.width, content.height)
                    rows = _pdfium_rows(content, number, notes)
                else:
                    rows = _plumber_rows(plumber.pages()[index], pages, notes)
            except MemoryError:
                raise
            except UnreadableError:
                if fast is None:
                    raise
                notes.failed.append((number, "pdfplumber"))  # pdfium opened the file, pdfplumber cannot
                continue
            except Exception as exc:  # pdfminer raises anything on a damaged content stream
                notes.failed.append((number, type(exc).__name__))
                continue
            for cells in rows:
                builder.add_line(cells)
    finally:
        if fast is not None:
            fast.close()
        plumber.close()
    if notes.failed and len(notes.failed) == len(pages):
        raise _damaged()
    return builder.build(source, "pdf", pages, notes.sentences(), notes.scan(len(pages)))


def _open_pdfium(data: bytes) -> PdfiumPages | None:
    """The file opened with pdfium; None when pdfium cannot open it (pdfplumber then says why)."""
    try:
        return PdfiumPages(data, read_descents(data))
    except NotLikePlumber:
        return None


def _pdfium_content(fast: PdfiumPages | None, index: int) -> PageContent | None:
    if fast is None:
        return None
    try:
        return fast.read(index)
    except NotLikePlumber:
        return None


def _check_count(count: int) -> None:
    if count <= 0:
        raise UnreadableError("PDF 文件没有任何页面", "The PDF has no pages")
    if count > MAX_PDF_PAGES:
        raise too_large(f"PDF 有 {count:,} 页", f"The PDF has {count:,} pages")


class _Plumber:
    """The file opened with pdfplumber on first need: for every page, or for the pages pdfium leaves."""

    def __init__(self, data: bytes):
        self._data = data
        self._pdf: Any = None
        self._pages: list[Any] | None = None
        self._refusal: UnreadableError | None = None  # once pdfplumber cannot open it, it cannot

    def pages(self) -> list[Any]:
        if self._refusal is not None:
            raise self._refusal
        if self._pages is None:
            try:
                self._pdf = _open(self._data)
                self._pages = _pages_of(self._pdf)
            except UnreadableError as exc:
                self._refusal = exc
                raise
        return self._pages

    def close(self) -> None:
        if self._pdf is not None:
            _close(self._pdf)


def _plumber_rows(page: Any, pages: list[Page], notes: _Notes) -> list[Cells]:
    """One page read by pdfplumber (its parsed objects dropped after: keeps a 100-page file small)."""
    number = page.page_number
    pages[-1] = Page(number, float(page.width), float(page.height))
    try:
        return _page_rows(
            number, float(page.height), page.extract_words(return_chars=True),
            [Grid(t.cells, t.rows) for t in page.find_tables()], bool(page.images or page.curves), notes,
        )
    finally:
        page.close()


def _pdfium_rows(content: PageContent, number: int, notes: _Notes) -> list[Cells]:
    """One page read by pdfium, words and tables made by pdfplumber's rules."""
    return _page_rows(
        number, content.height, extract_words(content.chars),
        [Grid(t.cells, t.rows) for t in ruled_tables(content.edges)], content.pictures, notes,
    )


def _open(data: bytes) -> Any:
    """Open the PDF, turning pdfminer's many exceptions into a reason the auditor can act on."""
    try:
        return pdfplumber.open(io.BytesIO(data))
    except MemoryError:
        raise
    except Exception as exc:
        if _is_encrypted_error(exc):
            raise UnreadableError(
                "PDF 文件已加密（需要密码才能打开），请先用密码打开并另存为未加密的 PDF",
                "The PDF is encrypted (password-protected); open it with the password and save an unencrypted copy",
            ) from exc
        raise _damaged() from exc


def _close(pdf: Any) -> None:
    """Close without letting a damaged page tree raise again and hide the reason already given.

    pdfplumber's own ``close`` walks the page list once more, which fails the same way it did
    when the pages were first read.
    """
    try:
        pdf.close()
    except Exception:
        pdf.stream.close()


def _pages_of(pdf: Any) -> list[Any]:
    """The page list; an unreadable page tree means a damaged file, no pages an empty one."""
    try:
        pages = list(pdf.pages)
    except MemoryError:
        raise
    except Exception as exc:
        if _is_encrypted_error(exc):
            raise UnreadableError(
                "PDF 文件已加密，无法读取其中的文字",
                "The PDF is encrypted and its text cannot be read",
            ) from exc
        raise _damaged() from exc
    if not pages:
        raise UnreadableError("PDF 文件没有任何页面", "The PDF has no pages")
    if len(pages) > MAX_PDF_PAGES:
        raise too_large(f"PDF 有 {len(pages):,} 页", f"The PDF has {len(pages):,} pages")
    return pages


def _damaged() -> UnreadableError:
    return UnreadableError(
        "PDF 文件已损坏或不完整，无法读取；请重新下载或从原始文件重新导出",
        "The PDF is damaged or incomplete and cannot be read; download or export it again",
    )


def _is_encrypted_error(exc: BaseException) -> bool:
    """pdfplumber wraps pdfminer's errors; look through the wrapper for a password problem."""
    seen: list[BaseException] = [exc]
    seen += [a for a in exc.args if isinstance(a, BaseException)]
    if exc.__cause__ is not None:
        seen.append(exc.__cause__)
    for e in seen:
        name = type(e).__name__
        if "Password" in name or "Encrypt" in name or "encrypt" in str(e).lower():
            return True
    return False


# --------------------------------------------------------------------------------------------
# One page



def _page_rows(number: int, height: float, raw: list[dict], grids: list[Grid], pictures: bool,
               notes: _Notes) -> list[Cells]:
    """All lines of one page in reading order: table rows and text lines sorted by their top."""
    tables = [g for g in grids if g.is_data_table()]
    words = [_make_word(w, notes) for w in raw]
    _note_cid(words, number, notes)
    if not words:
        if pictures:
            notes.no_text.append(number)
        else:
            notes.blank.append(number)
        return []
    free = deal(words, tables)
    items: list[tuple[float, float, Cells]] = []
    for grid in tables:
        items += grid.row_items(number)
    items += _text_items(free, number, height)
    items.sort(key=lambda item: (item[0], item[1]))
    return [cells for _, _, cells in items]


def _make_word(raw: dict, notes: _Notes) -> Word:
    """A pdfplumber word with overprinted duplicates dropped and rotated text put in reading order."""
    chars = _dedupe(raw["chars"])
    upright = bool(raw["upright"])
    upward = False
    if not upright:
        # pdfplumber reads rotated characters top-to-bottom; text turned 90° anticlockwise
        # (Word's "bottom to top" direction) runs upwards and would come out reversed.
        ups = sum(1 for c in chars if c["matrix"][1] > 0)
        upward = ups * 2 > len(chars)
        if upward:
            chars = chars[::-1]
    text = "".join(c["text"] for c in chars)
    folded = text.translate(FOLD)
    if folded != text:
        notes.folded += sum(1 for a, b in zip(text, folded) if a != b)
    return Word(folded, raw["x0"], raw["top"], raw["x1"], raw["bottom"], upright, upward, chars)


def _dedupe(chars: list[dict]) -> list[dict]:
    """Drop characters printed twice on the same spot (fake bold), which read as ``总总体体``."""
    out: list[dict] = []
    for c in chars:
        if out:
            p = out[-1]
            if (
                p["text"] == c["text"]
                and abs(p["x0"] - c["x0"]) < 1
                and abs(p["top"] - c["top"]) < 1
            ):
                continue
        out.append(c)
    return out


def _note_cid(words: list[Word], number: int, notes: _Notes) -> None:
    """Count ``(cid:123)`` placeholders: a font without a Unicode map, whose text is lost."""
    count = sum(w.text.count("(cid:") for w in words if "(cid:" in w.text)
    if count:
        notes.cid[number] = count


def _text_items(words: list[Word], page: int, height: float) -> list[tuple[float, float, Cells]]:
    """Text outside tables: one item per line, split into cells at wide gaps."""
    items = []
    for line in upright_lines([w for w in words if w.upright]):
        groups = list(_gap_groups(line))
        cells: Cells = [(join_line(g), page, union(g)) for g in groups]
        if len(cells) == 1 and is_page_number(cells[0][0], line, height):
            continue
        items.append((min(w.top for w in line), line[0].x0, cells))
    for column in _rotated_columns([w for w in words if not w.upright]):
        items.append((min(w.top for w in column), min(w.x0 for w in column), [
            ("".join(w.text for w in column), page, union(column))
        ]))
    return items


def _gap_groups(line: list[Word]) -> Iterator[list[Word]]:
    """Split a line where the gap between words exceeds ~2 characters: a borderless table row."""
    group = [line[0]]
    for prev, w in zip(line, line[1:]):
        if w.x0 - prev.x1 > GAP_FACTOR * max(prev.size, w.size):
            yield group
            group = []
        group.append(w)
    yield group


def _rotated_columns(words: list[Word]) -> list[list[Word]]:
    """Rotated words outside tables (side labels, stamps) grouped by the column they stand in."""
    columns: list[list[Word]] = []
    for w in rotated_order(words):
        if columns and abs(columns[-1][-1].cx - w.cx) < max(w.size, 1.0) / 2:
            columns[-1].append(w)
        else:
            columns.append([w])
    return columns
