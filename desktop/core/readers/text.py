"""Plain-text reports: text copied out of web pages, Word files and PDF viewers.

The encoding is detected from the bytes (UTF-8 with or without BOM, GB18030/GBK, UTF-16), because
Windows tools save Chinese text as GB18030 without saying so. Lines split into cells on tabs (text
copied from Word or PDF tables) or on ``|`` (web and Markdown tables); every cell keeps its exact
character span in the decoded text, so the source pane can highlight it.
"""

from __future__ import annotations

import re

from desktop.core.document import Cell, Document, Line, Location, UnreadableError
from desktop.core.limits import MAX_LINE_CHARS, check_size, too_large
from desktop.core.values import is_number_like

_BOMS = (  # UTF-32 first: its little-endian BOM begins with UTF-16's
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_PIPE_RULE = re.compile(r"^[\s|:+\-=]*$")
# Bytes that do not decode are at most this share of the non-ASCII characters that do, for a file
# still to be read (with “�” in their place) rather than refused: a damaged copy, not another encoding.
LOSSY_SHARE = 0.01
LOSSY_NOTE = "文件中有部分字符无法按其编码识别，已用“�”代替；相关数字请核对原文"


def decode(data: bytes) -> tuple[str, str]:
    """Decode report bytes; returns (text, encoding name). Raises for binary data.

    Bytes that do not decode in an otherwise readable file become “�” (the reader adds a note)
    rather than costing the whole file: a BOM followed by a damaged byte, a UTF-16 file cut at
    an odd length or holding a lone surrogate, a UTF-8 copy with one broken character.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    if _looks_binary(data):
        raise UnreadableError(
            "文件内容是二进制数据，不是文字，也不是可识别的 PDF、Word 或网页文件",
            "The file holds binary data, not text, PDF, Word or HTML",
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    damaged_utf8 = _nearly(data, "utf-8")
    if damaged_utf8 is not None:
        return damaged_utf8, "utf-8"
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        return str(best), best.encoding
    damaged_gb = _nearly(data, "gb18030")
    if damaged_gb is not None:
        return damaged_gb, "gb18030"
    raise UnreadableError(
        "无法识别文件的文字编码；请另存为 UTF-8 或 GB18030 编码的文本再打开",
        "The text encoding cannot be recognised; save it as UTF-8 or GB18030 and try again",
    )


def _nearly(data: bytes, encoding: str) -> str | None:
    """The text if ``data`` is in ``encoding`` but for a few damaged bytes, else None."""
    text = data.decode(encoding, errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ch > "\x7f") - bad
    return text if bad <= max(2, good * LOSSY_SHARE) else None


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 saved without a BOM (some Windows tools do): its ASCII characters put a zero byte
    in every other position, which would otherwise make the file look binary. Accepted only when
    the decoded text reads as Chinese or English text."""
    sample = data[:8192]
    if b"\x00" not in sample:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        head = sample[: len(sample) // 2 * 2].decode(encoding, errors="replace")
        if head and sum(map(_texty, head)) >= len(head) * 0.95:
            return data.decode(encoding, errors="replace"), encoding
    return None


def _texty(ch: str) -> bool:
    """A character found in report text: CJK, CJK and full-width punctuation, printable ASCII, blanks."""
    return (
        " " <= ch <= "~"
        or ch in "\t\r\n\u3000"
        or "\u4e00" <= ch <= "\u9fff"
        or "\u3001" <= ch <= "\u303f"
        or "\uff01" <= ch <= "\uff5e"
        or ch in "“”‘’—…·"
    )


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return control > len(sample) * 0.02


_BARS = str.maketrans({"｜": "|", "│": "|", "┃": "|"})
_BAR_ONLY = re.compile(r"^[\s|]*\|[\s|]*$")
_PADDED_CELL = re.compile(r"^\s+(?:[^\s|｜].*)?[|｜]\s*$")
_TERMINATOR = re.compile(r"^\s*\|{2,}\s*$")


def split_cells(line: str, offset: int) -> list[Cell]:
    """Cells of one line on its own (tabs, or ``| a | b |``), spans relative to the whole text."""
    return _LineSplitter().split(line, offset, None)


class _LineSplitter:
    """Splits lines into cells, remembering across lines where web-page converters put separators.

    Converters write a table cell per line ending in ``|`` (``规章 |`` / ``0 |``), a ``|`` line
    between cell lines, or rows as ``| 规章 | 0 | 0 |``. A bar is never a value: it separates
    cells. Two bars with only blanks between them (``0 |`` then ``|``) hold an empty cell, which
    inside a present table means 0; but a run of bars (``||``) ends a row, and a bar line right after
    a cell's line and right before the next label opens that label's row (``0  |`` / ``|`` /
    ``行政许可  |``): neither holds a cell.
    """

    def __init__(self, padded: bool = False) -> None:
        self.padded = padded  # `` 0  |`` lines: a bar at the start of a line only opens a row
        self.after_bar = False  # the previous line ended with a separator
        self.after_cell = False  # ... and it held a cell: ``0 |``, not a line of bars only

    def split(self, line: str, offset: int, next_line: str | None) -> list[Cell]:
        barred = line.translate(_BARS)
        if "|" not in barred:
            if line.strip():
                self.after_bar = self.after_cell = False
            return _cells(_pieces(line, "\t") if "\t" in line else [(0, len(line), line)], offset)
        if _PIPE_RULE.match(barred) and "-" in barred:
            return []  # a Markdown rule line |---|---|
        if _BAR_ONLY.match(barred):
            return self._bar_only(barred, offset, next_line)
        self.after_cell = True
        pieces = _pieces(barred, "|")
        if not pieces[0][2].strip():
            pieces = pieces[1:]  # "| a | b": the bar opening a row is not a cell
        self.after_bar = not pieces[-1][2].strip()
        if self.after_bar:
            pieces = pieces[:-1]
        return _cells(pieces, offset)

    def _bar_only(self, line: str, offset: int, next_line: str | None) -> list[Cell]:
        bars = [i for i, ch in enumerate(line) if ch == "|"]
        closes_row = self.after_cell and (next_line is None or not _holds_value(next_line))
        if closes_row or _TERMINATOR.match(line) or (self.padded and line.startswith("|")):
            empties = []  # ``||`` ends a row; it holds no cell
        elif len(bars) > 1:
            empties = bars[1:]  # ``| | |``: a row of empty cells
        else:
            empties = bars if self.after_bar else []
        self.after_bar, self.after_cell = True, False
        return [Cell("", Location(offset + i, offset + i)) for i in empties]


def _holds_value(line: str) -> bool:
    """Whether a line is a table value (a number or a placeholder), not a label."""
    text = line.translate(_BARS).replace("|", " ").strip()
    return not text or all(is_number_like(t) for t in text.split())


def _cells(pieces: list[tuple[int, int, str]], offset: int) -> list[Cell]:
    cells = []
    for start, _end, text in pieces:
        stripped = text.strip()
        lead = len(text) - len(text.lstrip())
        s = offset + start + lead
        cells.append(Cell(stripped, Location(s, s + len(stripped))))
    return cells


def _pieces(line: str, sep: str) -> list[tuple[int, int, str]]:
    out = []
    start = 0
    for part in line.split(sep):
        out.append((start, start + len(part), part))
        start += len(part) + 1
    return out


def read_text(data: bytes, source: str) -> Document:
    """Read a text report; a line longer, or more lines, than any report are refused (see limits)."""
    text, encoding = decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise UnreadableError("文件是空的，没有可读取的内容", "The file is empty")
    check_size(len(text), text.count("\n") + 1, 0)
    lines = []
    offset = 0
    raws = text.split("\n")
    bar_lines = [r for r in raws if r.rstrip().endswith(("|", "｜"))]
    padded = sum(bool(_PADDED_CELL.match(r)) for r in bar_lines) > len(bar_lines) / 2
    splitter = _LineSplitter(padded)
    following: list[str | None] = [None] * len(raws)  # the next non-blank line after each line
    for index in range(len(raws) - 2, -1, -1):
        following[index] = raws[index + 1] if raws[index + 1].strip() else following[index + 1]
    for index, raw in enumerate(raws):
        if len(raw) > MAX_LINE_CHARS:
            raise too_large(f"文件中有一行超过 {MAX_LINE_CHARS:,} 个字符", f"A line of the file is longer than {MAX_LINE_CHARS:,} characters")
        cells = splitter.split(raw, offset, following[index])
        if cells and (any(c.text for c in cells) or "|" in raw.translate(_BARS)):
            lines.append(Line(cells))
        offset += len(raw) + 1
    notes = [LOSSY_NOTE] if "\ufffd" in text else []
    return Document(source=source, kind="text", text=text, lines=lines, encoding=encoding, notes=notes)
