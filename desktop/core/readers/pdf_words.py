"""Words and ruled tables on a PDF page, shared by the PDF reader and the OCR layout.

A text PDF gives words with boxes (pdfplumber's word rules); a scanned page gives OCR boxes cut into words.
Either way the words are dealt out to the cells of the page's ruled tables by their centre point,
and a cell's words are joined in reading order, so split headers (结/果/维/持), vertical labels and
numbers wrapped in a narrow cell read the same from both. This module is that shared part.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from desktop.core.document import BBox

# Margins (share of the page height) where a lone page number is a footer or header, not content.
MARGIN_SHARE = 0.12
# Slack in points when deciding that a word lies inside its cell or table.
SLACK = 1.5
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－―\s]*\d{1,4}[-—–－―\s]*"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*[/／]\s*\d{1,4}"
    r"|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$"
)
_NUMERIC_EDGE = re.compile(r"[0-9.,%]")

Cells = list[tuple[str, int | None, BBox | None]]


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


FOLD = _compatibility_map()


@dataclass(slots=True)
class Word:
    """One word of a page (pdfplumber's word rules, or OCR), with its characters in reading order."""

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


def _sub_word(word: Word, chars: list[dict]) -> Word:
    """Part of a word (the characters that fall in one cell), with its own box."""
    return Word(
        "".join(c["text"] for c in chars).translate(FOLD),
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


class Grid:
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
        self.words: list[list[Word]] = [[] for _ in self.cells]
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

    def place(self, word: Word) -> None:
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
            texts = [cell_text(self.words[i]) for i in row]
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


def _inside(word: Word, box: BBox) -> bool:
    return (
        word.x0 >= box[0] - SLACK
        and word.x1 <= box[2] + SLACK
        and word.top >= box[1] - SLACK
        and word.bottom <= box[3] + SLACK
    )


def deal(words: list[Word], tables: list[Grid]) -> list[Word]:
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


def cell_text(words: list[Word]) -> str:
    """A cell's words top-to-bottom, left-to-right, joined without spaces between CJK text.

    Header text wrapped one character per line (结/果/维/持) joins back into 结果维持. Rotated
    words (vertical labels) follow, column by column in their own reading order.
    """
    if not words:
        return ""
    lines = [join_line(line) for line in upright_lines([w for w in words if w.upright])]
    lines += [w.text for w in rotated_order([w for w in words if not w.upright])]
    return _join_wrapped(lines)


def upright_lines(words: list[Word]) -> list[list[Word]]:
    """Group horizontal words into lines: a word joins a line its vertical centre falls in."""
    lines: list[list[Word]] = []
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


def rotated_order(words: list[Word]) -> list[Word]:
    """Rotated words in reading order.

    Text turned anticlockwise reads bottom-to-top and its lines go left to right; text turned
    clockwise reads top-to-bottom and its lines go right to left.
    """
    up = sorted((w for w in words if w.upward), key=lambda w: (round(w.x0), -w.bottom))
    down = sorted((w for w in words if not w.upward), key=lambda w: (-round(w.x1), w.top))
    return up + down


def join_line(words: list[Word]) -> str:
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


def union(words: Iterable[Word]) -> BBox:
    ws = list(words)
    return (min(w.x0 for w in ws), min(w.top for w in ws), max(w.x1 for w in ws), max(w.bottom for w in ws))


def is_page_number(text: str, line: list[Word], height: float) -> bool:
    """A lone page number (``- 3 -``, ``第 3 页``) in the top or bottom margin: page furniture."""
    if not _PAGE_NUMBER.match(text.strip()):
        return False
    top = min(w.top for w in line)
    bottom = max(w.bottom for w in line)
    return bottom < height * MARGIN_SHARE or top > height * (1 - MARGIN_SHARE)
