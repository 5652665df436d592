"""Which parts of a page image go to the recogniser, and in what pieces.

The detector is shown only the part of the page with ink (:func:`ink_region`): margins cost it
as much as text. Its lines are then cut at wide gaps in their ink (:func:`split_at_gaps`): a row
of numbers, or of dashes, comes out of the detector as one line across several columns, and the
recogniser reads such a line badly (seven dashes in seven cells come back as one ``一``); cut
where the ink stops, each cell is read on its own. Last, what the detector passed
over (:func:`stray_marks`): a lone dash or a thin ``1`` in a table without rules has no box at
all, and its row then has fewer values than columns. Such a mark is kept only if it reads as
what was sought (:func:`sought_marks`): specks of a noisy scan read as letters or strings of digits.

OpenCV and numpy are imported inside the functions, like everywhere in this package.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from desktop.core.ocr.engine import DASH_CHARS, NUMERIC_CHARS, TextBox, quad_box
from desktop.core.ocr.image import PixelBox, ink_mask

if TYPE_CHECKING:
    import numpy as np

# Ink within this many pixels of the page's inked part still counts as its edge.
MARGIN = 24
# The least score at which a mark's reading is believed. The dashes marks are sought for read at
# 0.41 and above on the scanned fixtures; a speck read as a digit is usually below it.
MARK_MIN_SCORE = 0.3
# The narrowest a digit or dash is printed, in line heights: how many a mark's width can hold.
MARK_CHAR_WIDTH = 0.45
# A gap wider than this many line heights inside a detected line parts two cells (as layout.SPLIT_GAP).
SPLIT_GAP = 0.9


def ink_region(gray: np.ndarray) -> tuple[int, int, int, int] | None:
    """The box (x0, top, x1, bottom) round every inked part of the page, or None for a blank page.

    Found at a quarter of the size, where paper noise and dust specks average out to paper.
    """
    import cv2
    import numpy as np

    small = cv2.resize(gray, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    ink = ink_mask(small) > 0
    rows = np.flatnonzero(ink.sum(axis=1) >= 2)
    cols = np.flatnonzero(ink.sum(axis=0) >= 2)
    if not len(rows) or not len(cols):
        return None
    height, width = gray.shape[:2]
    return (max(0, int(cols[0]) * 4 - MARGIN), max(0, int(rows[0]) * 4 - MARGIN),
            min(width, int(cols[-1]) * 4 + 4 + MARGIN), min(height, int(rows[-1]) * 4 + 4 + MARGIN))


def split_at_gaps(quads: list, ink: np.ndarray) -> list:
    """Detected lines, each cut where its ink (``ink``: the page's ink without the ruling lines)
    leaves a gap wider than :data:`SPLIT_GAP` line heights.

    The layout splits a line's characters at the same gaps after reading (``layout.SPLIT_GAP``);
    cut before, each piece is read on its own, and the recogniser counts the dashes of a row as
    many as there are.
    """
    import numpy as np

    out = []
    for quad in quads:
        x0, top, x1, bottom = (int(round(v)) for v in quad_box(quad))
        height = bottom - top
        columns = ink[max(0, top) : max(0, bottom), max(0, x0) : max(0, x1)].any(axis=0)
        inked = np.flatnonzero(columns)
        if height < 4 or len(inked) < 2:
            out.append(quad)
            continue
        breaks = np.flatnonzero(np.diff(inked) > SPLIT_GAP * height)
        if not len(breaks):
            out.append(quad)
            continue
        pad = height / 4
        starts = [inked[0], *inked[breaks + 1]]
        ends = [*inked[breaks], inked[-1]]
        for a, b in zip(starts, ends):
            left, right = max(0, x0) + a - pad, max(0, x0) + b + 1 + pad
            out.append(np.array([[left, top], [right, top], [right, bottom], [left, bottom]], dtype=np.float32))
    return out


def stray_marks(ink: np.ndarray, text: Sequence[PixelBox], lines: np.ndarray) -> list:
    """Boxes, as detector quads, round the dashes and glyph-sized marks no text box covers.

    ``ink`` is the page's ink mask. A mark counts if it stands clear of every text box and every
    ruling line (``lines``: the line mask), so the ends of a character the detector boxed a little
    short, or the ragged edge of a rule, do not. Dust is too small and a stamp too large to count.
    Each box is as tall as the page's text lines, centred on the mark and close round it (a wider
    margin made the recogniser doubt the dashes), so the mark reads, and joins its row, like text.
    """
    import cv2
    import numpy as np

    heights = sorted(b - t for _, t, _, b in text)
    line = heights[len(heights) // 2] if heights else 30.0
    covered = np.zeros(ink.shape[:2], dtype=np.uint8)
    for x0, top, x1, bottom in text:
        covered[max(0, int(top) - 3) : int(bottom) + 4, max(0, int(x0) - 3) : int(x1) + 4] = 1
    covered |= cv2.dilate(lines.astype(np.uint8), np.ones((7, 7), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    marks: list[PixelBox] = []
    for i in range(1, count):
        x, y, w, h, area = (int(v) for v in stats[i])
        dash = 8 <= w <= 2 * line and h <= min(w / 2, line / 3)  # JPEG and noise thicken a 3 px dash to 7
        glyph = 10 <= h <= 1.5 * line and w <= 1.5 * line and area >= 15
        if (dash or glyph) and not covered[y : y + h, x : x + w][labels[y : y + h, x : x + w] == i].any():
            marks.append((x, y, x + w, y + h))
    out = []
    for x0, top, x1, bottom in _in_words(marks, line):
        middle, pad = (top + bottom) / 2, line / 8
        a, t, b, u = x0 - pad, middle - line / 2, x1 + pad, middle + line / 2
        out.append(np.array([[a, t], [b, t], [b, u], [a, u]], dtype=np.float32))
    return out


def _in_words(marks: list[PixelBox], line: float) -> list[PixelBox]:
    """Marks side by side on one line, closer than half a line height, as one box (the 1 and 6 of 16)."""
    words: list[list[float]] = []
    for x0, top, x1, bottom in sorted(marks):
        for word in words:
            if x0 - word[2] < line / 2 and abs((top + bottom) / 2 - (word[1] + word[3]) / 2) < line / 2:
                word[1], word[2], word[3] = min(word[1], top), max(word[2], x1), max(word[3], bottom)
                break
        else:
            words.append([x0, top, x1, bottom])
    return [(a, t, b, u) for a, t, b, u in words]


def sought_marks(readings: Sequence[TextBox]) -> list[TextBox]:
    """The readings of :func:`stray_marks` that are what the marks were sought for.

    A mark is kept if it reads as digits or dashes, no more of them than its width holds, with a
    score of at least :data:`MARK_MIN_SCORE`. Specks on a noisy scan are marks too, and read as
    ``MUEL``, ``渔能`` or ``5536`` in a box one digit wide; kept, they stood beside a section heading
    as cells of its line, and the heading was not found.
    """
    kept = []
    for reading in readings:
        x0, top, x1, bottom = reading.box
        height = bottom - top
        room = max(1, round((x1 - x0 - height / 4) / (MARK_CHAR_WIDTH * height)))  # less the box's margins
        text = reading.text.strip()
        if (all(ch in NUMERIC_CHARS or ch in DASH_CHARS for ch in text) and len(text) <= room
                and reading.score >= MARK_MIN_SCORE):
            kept.append(reading)
    return kept
