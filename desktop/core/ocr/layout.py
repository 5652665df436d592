"""OCR text lines → the rows of cells the mapper reads, with the PDF reader's own grid code.

The mapper wants what the PDF reader gives it: one line per table row, that row's cells left to
right, and text outside tables as lines split at wide gaps. OCR gives text boxes and, here, the
ruled cells found in the image. So the boxes are turned into the PDF reader's words (characters
with boxes, in PDF points) and dealt into cells by the very code that deals PDF words
(``desktop.core.readers.pdf``): merged cells, headers wrapped one character per line and vertical
labels come out the same way from a scan as from a text PDF.

What OCR adds is a confidence per character; a cell's confidence is its least sure character,
because one misread digit is enough to make a number wrong.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import pairwise

from desktop.core.document import BBox
from desktop.core.ocr.engine import DASH_CHARS, TextBox
from desktop.core.ocr.image import TableCells
from desktop.core.readers.pdf_words import Grid, Word, cell_text, deal, is_page_number, join_line, union
from desktop.core.values import is_number_like

# Inside one OCR box, a gap wider than this many line heights between two characters is a gap
# between table columns that the detector bridged (borderless tables): the box is split there.
SPLIT_GAP = 0.9
# Between two OCR boxes on one line, a gap wider than this many line heights separates cells:
# a small one next to a number, a wide one between words.
NUMBER_GAP = 0.3
WORD_GAP = 2.0
_SPECKED = re.compile(r"^\d+[.．,，。、·]$")
_NUMBER = re.compile(r"^[-+−－]?[\d０-９][\d０-９,，.．]*%?$")


@dataclass(frozen=True, slots=True)
class OcrCell:
    text: str
    bbox: BBox  # PDF points on the straightened page
    confidence: float | None  # None for an empty grid cell: nothing was read there
    ink: BBox | None = None  # the text's own box, inside a ruled cell's box (what to re-read)


@dataclass(frozen=True, slots=True)
class _RowRef:
    """What ``Grid`` reads from a pdfplumber row: its cells' boxes."""

    cells: list[BBox]


def page_rows(boxes: list[TextBox], tables: list[TableCells], scale: float, page_height: float) -> list[list[OcrCell]]:
    """All rows of one page in reading order: table rows and text lines sorted by their top.

    ``scale`` turns image pixels into PDF points; ``page_height`` (points) tells page furniture
    (a lone page number in the margin) from content.
    """
    words = [w for box in boxes for w in _words(box, scale)]
    grids = [g for g in (_grid(t, scale) for t in tables) if g.is_data_table()]
    free = deal(words, grids)
    items: list[tuple[float, float, list[OcrCell]]] = []
    for grid in grids:
        items += _grid_rows(grid)
    items += _text_rows(free, page_height)
    items.sort(key=lambda item: (item[0], item[1]))
    return [cells for _, _, cells in items]


def _words(box: TextBox, scale: float) -> list[Word]:
    """One OCR box as PDF-reader words, split where the detector bridged a column gap."""
    chars = [_char(g.text, g.box, g.score, scale) for g in box.glyphs]
    if not chars:
        return [_make_word(box.text, [_char(box.text, box.box, box.score, scale)])]
    height = (box.box[3] - box.box[1]) * scale
    pieces: list[list[dict]] = [[chars[0]]]
    for prev, ch in pairwise(chars):
        if ch["x0"] - prev["x1"] > SPLIT_GAP * height:
            pieces.append([])
        pieces[-1].append(ch)
    if len(pieces) == 1:
        return [_make_word(box.text, chars)]
    return [_make_word("".join(c["text"] for c in piece), piece) for piece in pieces]


def _char(text: str, box: tuple[float, float, float, float], score: float, scale: float) -> dict:
    x0, top, x1, bottom = box
    return {
        "text": text,
        "x0": x0 * scale,
        "top": top * scale,
        "x1": x1 * scale,
        "bottom": bottom * scale,
        "score": score,
    }


def _make_word(text: str, chars: list[dict]) -> Word:
    return Word(
        text.strip(),
        min(c["x0"] for c in chars),
        min(c["top"] for c in chars),
        max(c["x1"] for c in chars),
        max(c["bottom"] for c in chars),
        True,
        False,
        chars,
    )


def _grid(table: TableCells, scale: float) -> Grid:
    cells = [(c[0] * scale, c[1] * scale, c[2] * scale, c[3] * scale) for c in table.cells]
    return Grid(cells, [_RowRef([cells[i] for i in row]) for row in table.rows])


def _confidence(words: Iterable[Word]) -> float | None:
    scores = [c["score"] for w in words for c in w.chars if "score" in c]
    return min(scores) if scores else None


def _clean(text: str, index: int) -> str:
    """A number read with a trailing dot or comma (``1.``) is the number: the dot is a speck.

    Only for a cell after the first of its row, where a number is a value, not the enumerator
    of a label (``1.属于国家秘密``). The cell keeps the confidence of the speck, so the reading
    is still flagged for the auditor.
    """
    if index and _SPECKED.match(text):
        return text[:-1]
    return text


def _grid_rows(grid: Grid) -> list[tuple[float, float, list[OcrCell]]]:
    """One item per table row that has any text: (top, x0, cells left to right)."""
    items = []
    for row in grid.rows:
        texts = [cell_text(grid.words[i]) for i in row]
        if not any(texts):
            continue
        cells = [
            OcrCell(_clean(t, k), grid.cells[i], _confidence(grid.words[i]), union(grid.words[i]))
            if t
            else OcrCell(t, grid.cells[i], None)
            for k, (t, i) in enumerate(zip(texts, row))
        ]
        items.append((min(grid.cells[i][1] for i in row), grid.cells[row[0]][0], cells))
    return items


def _text_rows(words: list[Word], height: float) -> list[tuple[float, float, list[OcrCell]]]:
    """Text outside tables: one item per line, split into cells at gaps (borderless tables)."""
    items = []
    for line in _lines(words):
        cells = [OcrCell(_clean(join_line(g), k), union(g), _confidence(g)) for k, g in enumerate(_gap_cells(line))]
        if len(cells) == 1 and is_page_number(cells[0].text, line, height):
            continue
        items.append((min(w.top for w in line), line[0].x0, cells))
    return items


def _lines(words: list[Word]) -> list[list[Word]]:
    """Words grouped into lines: a word joins the line whose centre is within half a line height.

    The PDF reader lets a line grow to cover every word it takes, which is right for tight PDF
    word boxes; OCR boxes are taller and less level, and a growing line would swallow the second
    line of a wrapped label together with the numbers printed between the two. Here a line keeps
    the mean centre and height of its words, so it cannot creep downwards.
    """
    lines: list[list[Word]] = []
    centres: list[float] = []
    heights: list[float] = []
    for w in sorted(words, key=lambda w: w.cy):
        h = w.bottom - w.top
        for i in range(len(lines) - 1, max(-1, len(lines) - 4), -1):
            if abs(centres[i] - w.cy) <= 0.5 * min(heights[i], h):
                n = len(lines[i])
                lines[i].append(w)
                centres[i] = (centres[i] * n + w.cy) / (n + 1)
                heights[i] = (heights[i] * n + h) / (n + 1)
                break
        else:
            lines.append([w])
            centres.append(w.cy)
            heights.append(h)
    for line in lines:
        line.sort(key=lambda w: w.x0)
    lines.sort(key=lambda line: min(w.top for w in line))
    return lines


def _gap_cells(line: list[Word]) -> list[list[Word]]:
    """Split a line into cells at gaps: any clear gap next to a number, a wide one between words.

    The detector joins the words of one phrase into one box, so a number (or a dash) in a box of
    its own is a cell of its own (a borderless table row: label, then its numbers). Between two boxes of
    words, only a wide gap separates cells; a narrow one is a header printed in pieces
    (结果 结果 其他 尚未) or a group label beside its row label, which the mapper reads joined,
    as the PDF reader gives them.
    """
    groups = [[line[0]]]
    for prev, w in pairwise(line):
        height = max(prev.bottom - prev.top, w.bottom - w.top)
        numeric = _is_value(prev.text) or _is_value(w.text)
        # A lone character opening a line is a piece of a label stacked one character per line
        # in its own column (其他处 / 理): a cell of its own, as in the line above it.
        stacked = len(groups) == 1 and len(groups[0]) == 1 and len(prev.text) == 1
        if w.x0 - prev.x1 > (NUMBER_GAP if numeric or stacked else WORD_GAP) * height:
            groups.append([])
        groups[-1].append(w)
    return groups


def _is_value(text: str) -> bool:
    """A number or a dash (a zero): what stands in a table column, a cell of its own."""
    return _NUMBER.match(text) is not None or is_dash(text)


Reread = Callable[[tuple[float, float, float, float]], "tuple[str, float] | None"]


def repair_numbers(cells: list[OcrCell], reread: Reread, scale: float) -> list[OcrCell]:
    """Re-read, as a number, a short cell that is not one in a row of numbers, and every dash.

    In a table row (a label, then at least two numbers or dashes) every later cell holds a number
    or a placeholder, so a cell read as ``l`` there is a number the recogniser missed;
    ``reread`` (pixel box → text, score) reads it again with only numeric characters allowed.
    The cell keeps the lower of the two confidences, except a dash read again as a dash: its
    first score is the recogniser choosing between 一 and —, which mean the same zero.
    """
    numeric = [bool(c.text) and (is_number_like(c.text) or is_dash(c.text)) for c in cells]
    if sum(numeric[1:]) < 2:
        return cells
    first = numeric.index(True)  # labels come before the numbers; only later cells are values
    out = cells[:first]
    for cell in cells[first:]:
        dash = is_dash(cell.text)
        if dash or (cell.text and len(cell.text) <= 4 and not is_number_like(cell.text)):
            got = reread(tuple(v / scale for v in (cell.ink or cell.bbox)))  # type: ignore[arg-type]
            if got is not None and is_number_like(got[0]):
                kept = got[1] if cell.confidence is None or (dash and is_dash(got[0])) else min(got[1], cell.confidence)
                cell = OcrCell(got[0], cell.bbox, kept, cell.ink)
        out.append(cell)
    return out


def is_dash(text: str) -> bool:
    """Whether a cell's text is only dashes, in any of the shapes OCR reads a printed — as."""
    return bool(text) and all(ch in DASH_CHARS for ch in text)
