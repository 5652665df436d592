"""PDF reports with a text layer: words and ruled tables, with page and box for every cell.

The mapper downstream walks lines in reading order and expects one :class:`Line` per table row
whose cells are that row's grid cells, left to right. So each page is read once with pdfplumber
(``extract_words`` and ``find_tables``, nothing per cell, because reports run to a hundred pages
and an auditor opens hundreds of them), and the words are dealt out to the table cells by their
centre point in plain Python. Words outside every table become text lines, split into cells at
wide gaps so that tables drawn without ruling lines still come out as label + value cells.

The damage this reader undoes is the one seen in real reports (FORMAT.md, "Damage seen"):
headers wrapped one character per line in narrow cells (结/果/维/持), vertical labels written
bottom-to-top that pdfplumber reads reversed (``果结理办度年本、三``), Kangxi radicals that look like
ordinary characters (``⼀`` for ``一``), characters printed twice to fake bold, and fonts without a
Unicode map that turn text into ``(cid:123)``.
"""

from __future__ import annotations

import bisect
import io
import logging
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pdfplumber

from desktop.core.document import BBox, Document, DocumentBuilder, Page, UnreadableError
from desktop.core.limits import MAX_PDF_PAGES, check_time, too_large

# pdfminer logs every oddity of a damaged file as a warning; with no logging set up Python would
# print them on stderr between the batch's own lines. What matters reaches the auditor as a note.
logging.getLogger("pdfminer").addHandler(logging.NullHandler())

# A gap wider than this many character heights between two words on a line starts a new cell.
GAP_FACTOR = 2.0
# Margins (share of the page height) where a lone page number is a footer or header, not content.
MARGIN_SHARE = 0.12
# Slack in points when deciding that a word lies inside its cell or table.
SLACK = 1.5
# How the note on pages without a text layer ends: desktop.core.ocr finds the pages to read by it.
NEEDS_OCR = "需要 OCR"

_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－―\s]*\d{1,4}[-—–－―\s]*"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*[/／]\s*\d{1,4}"
    r"|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$"
)
_NUMERIC_EDGE = re.compile(r"[0-9.,%]")


def _compatibility_map() -> dict[int, str]:
    """Kangxi radicals and CJK compatibility ideographs → the ordinary character they look like.

    Word-to-PDF converters often emit ``⼀`` (U+2F00) for ``一``; the label would not match.
    Only these ranges are folded: full NFKC would also turn （一） into (一) and ０ into 0,
    which are the report's own characters and the mapper's business.
    """
    table: dict[int, str] = {}
    for lo, hi in ((0x2E80, 0x2EFF), (0x2F00, 0x2FDF), (0xF900, 0xFAFF)):
        for cp in range(lo, hi + 1):
            folded = unicodedata.normalize("NFKC", chr(cp))
            if len(folded) == 1 and folded != chr(cp):
                table[cp] = folded
    return table


_FOLD = _compatibility_map()


@dataclass(slots=True)
class _Word:
    """One pdfplumber word, with its characters already in reading order."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    upright: bool
    upward: bool  # rotated text that runs bottom-to-top (matrix b > 0)
    chars: list[dict]

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def size(self) -> float:
        """Character size: the height for horizontal text, the width for rotated text."""
        return (self.bottom - self.top) if self.upright else (self.x1 - self.x0)


@dataclass
class _Notes:
    """What the reader noticed, collected per page and turned into sentences at the end."""

    no_text: list[int] = field(default_factory=list)
    blank: list[int] = field(default_factory=list)
    cid: dict[int, int] = field(default_factory=dict)
    folded: int = 0
    failed: list[tuple[int, str]] = field(default_factory=list)

    def sentences(self, page_count: int) -> list[str]:
        out: list[str] = []
        scans = self.no_text
        if len(self.blank) == page_count:
            scans = sorted(self.no_text + self.blank)
        if scans:
            out.append(f"第{page_ranges(scans)}页没有文字层（可能是扫描件），{NEEDS_OCR}")
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


def page_ranges(numbers: list[int]) -> str:
    """``[1, 2, 3, 5]`` → ``1-3、5``: how an auditor reads a list of pages."""
    parts: list[str] = []
    start = prev = numbers[0]
    for n in numbers[1:] + [None]:  # type: ignore[list-item]
        if n is not None and n == prev + 1:
            prev = n
            continue
        parts.append(str(start) if start == prev else f"{start}-{prev}")
        if n is not None:
            start = prev = n
    return "、".join(parts)


# --------------------------------------------------------------------------------------------
# Opening the file


def read_pdf(data: bytes, source: str) -> Document:
    """Read a text-layer PDF into a :class:`Document`, one :class:`Line` per table row or text line.

    Raises :class:`UnreadableError` for encrypted, damaged or page-less files. A scan (pages
    without text) is not an error: the document comes back with a note that OCR is needed.
    """
    builder = DocumentBuilder()
    notes = _Notes()
    pages: list[Page] = []
    pdf = _open(data)
    try:
        for page in _pages_of(pdf):
            check_time()
            number = page.page_number
            pages.append(Page(number, float(page.width), float(page.height)))
            try:
                rows = _read_page(page, notes)
            except MemoryError:
                raise
            except Exception as exc:  # pdfminer raises anything on a damaged content stream
                notes.failed.append((number, type(exc).__name__))
                continue
            finally:
                page.close()  # drop the page's parsed objects: keeps a 100-page file small
            for cells in rows:
                builder.add_line(cells)
    finally:
        _close(pdf)
    if notes.failed and len(notes.failed) == len(pages):
        raise _damaged()
    return builder.build(source, "pdf", pages, notes.sentences(len(pages)))


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

Cells = list[tuple[str, int | None, BBox | None]]


def _read_page(page: Any, notes: _Notes) -> list[Cells]:
    """All lines of one page in reading order: table rows and text lines sorted by their top."""
    number = page.page_number
    raw = page.extract_words(return_chars=True)
    tables = [g for g in (_Grid(t.cells, t.rows) for t in page.find_tables()) if g.is_data_table()]
    words = [_make_word(w, notes) for w in raw]
    _note_cid(words, number, notes)
    if not words:
        if page.images or page.curves:
            notes.no_text.append(number)
        else:
            notes.blank.append(number)
        return []
    free = _deal(words, tables)
    items: list[tuple[float, float, Cells]] = []
    for grid in tables:
        items += grid.row_items(number)
    items += _text_items(free, number, float(page.height))
    items.sort(key=lambda item: (item[0], item[1]))
    return [cells for _, _, cells in items]


def _make_word(raw: dict, notes: _Notes) -> _Word:
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
    folded = text.translate(_FOLD)
    if folded != text:
        notes.folded += sum(1 for a, b in zip(text, folded) if a != b)
    return _Word(folded, raw["x0"], raw["top"], raw["x1"], raw["bottom"], upright, upward, chars)


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


def _note_cid(words: list[_Word], number: int, notes: _Notes) -> None:
    """Count ``(cid:123)`` placeholders: a font without a Unicode map, whose text is lost."""
    count = sum(w.text.count("(cid:") for w in words if "(cid:" in w.text)
    if count:
        notes.cid[number] = count


def _sub_word(word: _Word, chars: list[dict]) -> _Word:
    """Part of a word (the characters that fall in one cell), with its own box."""
    return _Word(
        "".join(c["text"] for c in chars).translate(_FOLD),
        min(c["x0"] for c in chars),
        min(c["top"] for c in chars),
        max(c["x1"] for c in chars),
        max(c["bottom"] for c in chars),
        word.upright,
        word.upward,
        chars,
    )


# --------------------------------------------------------------------------------------------
# Tables


class _Grid:
    """A ruled table: its cells, and a lookup from a point to the cell that covers it.

    The lookup maps each slot between consecutive cell edges to the cell covering it, so a
    word is placed with two bisects instead of a test against every cell.
    """

    def __init__(self, cells: list[BBox], rows: list[Any]):
        self.cells: list[BBox] = [tuple(c) for c in cells]  # type: ignore[misc]
        self.rows: list[list[int]] = []
        index = {c: i for i, c in enumerate(self.cells)}
        for row in rows:
            self.rows.append([index[tuple(c)] for c in row.cells if c is not None])
        self.words: list[list[_Word]] = [[] for _ in self.cells]
        self.xs = sorted({v for c in self.cells for v in (c[0], c[2])})
        self.ys = sorted({v for c in self.cells for v in (c[1], c[3])})
        self.slots: dict[tuple[int, int], int] = {}
        for i, (x0, top, x1, bottom) in enumerate(self.cells):
            for col in range(bisect.bisect_left(self.xs, x0), bisect.bisect_left(self.xs, x1)):
                for row_ in range(bisect.bisect_left(self.ys, top), bisect.bisect_left(self.ys, bottom)):
                    self.slots[(row_, col)] = i
        self.bbox: BBox = (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])

    def is_data_table(self) -> bool:
        """A report table has a label column and value columns. A one-column grid is layout:
        a frame round the page, or a frame cut by the rule under a letterhead, and reading
        it as a table would glue whole paragraphs into one cell."""
        return len(self.xs) > 2

    def holds(self, x: float, y: float) -> bool:
        x0, top, x1, bottom = self.bbox
        return x0 - SLACK <= x <= x1 + SLACK and top - SLACK <= y <= bottom + SLACK

    def cell_at(self, x: float, y: float) -> int:
        """The cell covering the point, or the nearest cell when the point is in no cell."""
        col = bisect.bisect_right(self.xs, x) - 1
        row = bisect.bisect_right(self.ys, y) - 1
        found = self.slots.get((row, col))
        if found is not None:
            return found
        return min(range(len(self.cells)), key=lambda i: _distance(self.cells[i], x, y))

    def place(self, word: _Word) -> None:
        """Give the word to its cell; a word that runs over a cell edge is split by character."""
        i = self.cell_at(word.cx, word.cy)
        if _inside(word, self.cells[i]) or len(word.chars) < 2:
            self.words[i].append(word)
            return
        groups: list[tuple[int, list[dict]]] = []
        for c in word.chars:
            j = self.cell_at((c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2)
            if groups and groups[-1][0] == j:
                groups[-1][1].append(c)
            else:
                groups.append((j, [c]))
        for j, chars in groups:
            self.words[j].append(_sub_word(word, chars))

    def row_items(self, page: int) -> list[tuple[float, float, Cells]]:
        """One item per row that has any text: (top, x0, cells left to right)."""
        items = []
        for row in self.rows:
            texts = [_cell_text(self.words[i]) for i in row]
            if not any(texts):
                continue
            cells: Cells = [(t, page, self.cells[i]) for t, i in zip(texts, row)]
            top = min(self.cells[i][1] for i in row)
            items.append((top, self.cells[row[0]][0], cells))
        return items


def _distance(box: BBox, x: float, y: float) -> float:
    dx = max(box[0] - x, 0.0, x - box[2])
    dy = max(box[1] - y, 0.0, y - box[3])
    return dx * dx + dy * dy


def _inside(word: _Word, box: BBox) -> bool:
    return (
        word.x0 >= box[0] - SLACK
        and word.x1 <= box[2] + SLACK
        and word.top >= box[1] - SLACK
        and word.bottom <= box[3] + SLACK
    )


def _deal(words: list[_Word], tables: list[_Grid]) -> list[_Word]:
    """Hand each word to the table it lies in; return the words outside every table."""
    free = []
    for word in words:
        x, y = word.cx, word.cy
        for grid in tables:
            if grid.holds(x, y):
                grid.place(word)
                break
        else:
            free.append(word)
    return free


# --------------------------------------------------------------------------------------------
# Text of a cell, and text lines


def _cell_text(words: list[_Word]) -> str:
    """A cell's words top-to-bottom, left-to-right, joined without spaces between CJK text.

    Header text wrapped one character per line (结/果/维/持) joins back into 结果维持. Rotated
    words (vertical labels) follow, column by column in their own reading order.
    """
    if not words:
        return ""
    lines = [_join_line(line) for line in _upright_lines([w for w in words if w.upright])]
    lines += [w.text for w in _rotated_order([w for w in words if not w.upright])]
    return _join_wrapped(lines)


def _upright_lines(words: list[_Word]) -> list[list[_Word]]:
    """Group horizontal words into lines: a word joins a line its vertical centre falls in."""
    lines: list[list[_Word]] = []
    bounds: list[tuple[float, float]] = []
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        if lines:
            top, bottom = bounds[-1]
            if top <= w.cy <= bottom:
                lines[-1].append(w)
                bounds[-1] = (min(top, w.top), max(bottom, w.bottom))
                continue
        lines.append([w])
        bounds.append((w.top, w.bottom))
    for line in lines:
        line.sort(key=lambda w: w.x0)
    return lines


def _rotated_order(words: list[_Word]) -> list[_Word]:
    """Rotated words in reading order.

    Text turned anticlockwise reads bottom-to-top and its lines go left to right; text turned
    clockwise reads top-to-bottom and its lines go right to left.
    """
    up = sorted((w for w in words if w.upward), key=lambda w: (round(w.x0), -w.bottom))
    down = sorted((w for w in words if not w.upward), key=lambda w: (-round(w.x1), w.top))
    return up + down


def _join_line(words: list[_Word]) -> str:
    """Words on one line: a space only between two ASCII words, none around Chinese text."""
    out = ""
    for w in words:
        if out and _ascii(out[-1]) and _ascii(w.text[0]):
            out += " "
        out += w.text
    return out


def _ascii(ch: str) -> bool:
    return " " < ch < "\x7f"


def _join_wrapped(lines: list[str]) -> str:
    """Lines wrapped inside one cell: a number broken over two lines is one number again."""
    out = ""
    for text in lines:
        if not text:
            continue
        if out and _ascii(out[-1]) and _ascii(text[0]):
            both_numeric = _NUMERIC_EDGE.match(out[-1]) and _NUMERIC_EDGE.match(text[0])
            if not both_numeric:
                out += " "
        out += text
    return out


def _text_items(words: list[_Word], page: int, height: float) -> list[tuple[float, float, Cells]]:
    """Text outside tables: one item per line, split into cells at wide gaps."""
    items = []
    for line in _upright_lines([w for w in words if w.upright]):
        groups = list(_gap_groups(line))
        cells: Cells = [(_join_line(g), page, _union(g)) for g in groups]
        if len(cells) == 1 and _is_page_number(cells[0][0], line, height):
            continue
        items.append((min(w.top for w in line), line[0].x0, cells))
    for column in _rotated_columns([w for w in words if not w.upright]):
        items.append((min(w.top for w in column), min(w.x0 for w in column), [
            ("".join(w.text for w in column), page, _union(column))
        ]))
    return items


def _gap_groups(line: list[_Word]) -> Iterator[list[_Word]]:
    """Split a line where the gap between words exceeds ~2 characters: a borderless table row."""
    group = [line[0]]
    for prev, w in zip(line, line[1:]):
        if w.x0 - prev.x1 > GAP_FACTOR * max(prev.size, w.size):
            yield group
            group = []
        group.append(w)
    yield group


def _rotated_columns(words: list[_Word]) -> list[list[_Word]]:
    """Rotated words outside tables (side labels, stamps) grouped by the column they stand in."""
    columns: list[list[_Word]] = []
    for w in _rotated_order(words):
        if columns and abs(columns[-1][-1].cx - w.cx) < max(w.size, 1.0) / 2:
            columns[-1].append(w)
        else:
            columns.append([w])
    return columns


def _union(words: Iterable[_Word]) -> BBox:
    ws = list(words)
    return (min(w.x0 for w in ws), min(w.top for w in ws), max(w.x1 for w in ws), max(w.bottom for w in ws))


def _is_page_number(text: str, line: list[_Word], height: float) -> bool:
    """A lone page number (``- 3 -``, ``第 3 页``) in the top or bottom margin: page furniture."""
    if not _PAGE_NUMBER.match(text.strip()):
        return False
    top = min(w.top for w in line)
    bottom = max(w.bottom for w in line)
    return bottom < height * MARGIN_SHARE or top > height * (1 - MARGIN_SHARE)
