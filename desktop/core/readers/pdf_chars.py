"""Characters into words, as pdfplumber's ``extract_words`` does with its default settings.

pdfplumber's word extractor serves every setting it offers through key functions and generic
clustering, which costs more per page than pdfium's parse of it. This is the same procedure for
the defaults ``page.extract_words()`` uses, written out: runs of upright and of turned characters
in the order given, each run cut into lines (tops, or for turned text lefts, chained within 3 pt),
each line ordered along the text, and a word ended by a blank or by a gap over 3 pt, a step back
or a jump across the line. ``tests/test_pdf_chars.py`` holds it to pdfplumber's own.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby
from operator import itemgetter
from typing import TypeVar

from pdfplumber.utils.text import DEFAULT_X_TOLERANCE, DEFAULT_Y_TOLERANCE, LIGATURES

_TEXT, _X0, _TOP, _X1, _BOTTOM, _UPRIGHT = (itemgetter(k) for k in ("text", "x0", "top", "x1", "bottom", "upright"))
_TOP_BOTTOM = itemgetter("top", "bottom")


def extract_words(chars: list[dict]) -> list[dict]:
    """``pdfplumber.utils.extract_words(chars, return_chars=True)``: text, box, upright and chars."""
    words: list[dict] = []
    for upright, run in groupby(chars, key=_UPRIGHT):
        across, along, end = ("top", "x0", "x1") if upright else ("x0", "top", "bottom")
        for line in clusters(list(run), itemgetter(across), DEFAULT_Y_TOLERANCE if upright else DEFAULT_X_TOLERANCE):
            # pdfplumber sorts upright text by (x0, x0) and turned text by (top, bottom)
            line.sort(key=_X0 if upright else _TOP_BOTTOM)
            words += _words(line, across, along, end)
    return words


T = TypeVar("T")


def clusters(items: list[T], value: Callable[[T], float], tolerance: float) -> list[list[T]]:
    """pdfplumber's ``cluster_objects``: items whose values chain within ``tolerance`` (each
    within it of the next, in sorted order), clusters in order of value, items in their order."""
    values = list(map(value, items))
    index_of: dict[float, int] = {}
    index, last = -1, None
    for v in sorted(set(values)):
        if last is None or v > last + tolerance:
            index += 1
        index_of[v] = index
        last = v
    out: list[list[T]] = [[] for _ in range(index + 1)]
    for item, v in zip(items, values):
        out[index_of[v]].append(item)
    return out


def _words(line: list[dict], across: str, along: str, end: str) -> list[dict]:
    """A line's words: ended by a blank character, a gap over 3 pt, a step back or a line jump.

    The previous character's values are kept in locals: this runs once for every character.
    """
    gap = DEFAULT_X_TOLERANCE if along == "x0" else DEFAULT_Y_TOLERANCE
    jump = DEFAULT_Y_TOLERANCE if along == "x0" else DEFAULT_X_TOLERANCE
    out: list[dict] = []
    word: list[dict] = []
    last_along = last_end = last_across = 0.0
    for c in line:
        if c["text"].isspace():
            if word:
                out.append(_merge(word))
                word = []
            continue
        at, over = c[along], c[across]
        if word and (at < last_along or at > last_end + gap or abs(over - last_across) > jump):
            out.append(_merge(word))
            word = []
        word.append(c)
        last_along, last_end, last_across = at, c[end], over
    if word:
        out.append(_merge(word))
    return out


def _merge(chars: list[dict]) -> dict:
    text = "".join(map(_TEXT, chars))
    return {
        "text": text if text.isascii() or not _LIGATURE_CHARS.intersection(text) else
        "".join(LIGATURES.get(c, c) for c in text),
        "x0": min(map(_X0, chars)),
        "top": min(map(_TOP, chars)),
        "x1": max(map(_X1, chars)),
        "bottom": max(map(_BOTTOM, chars)),
        "upright": chars[0]["upright"],
        "chars": chars,
    }


_LIGATURE_CHARS = frozenset(LIGATURES)
