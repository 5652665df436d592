"""Plain-text reports: text copied out of web pages, Word files and PDF viewers.

The encoding is detected from the bytes (UTF-8 with or without BOM, GB18030/GBK, UTF-16), because
Windows tools save Chinese text as GB18030 without saying so. Lines split into cells on tabs (text
copied from Word or PDF tables) or on ``|`` (web and Markdown tables); every cell keeps its exact
character span in the decoded text, so the source pane can highlight it.
"""

from __future__ import annotations

import re

from desktop.core.document import Cell, Document, Line, Location, UnreadableError

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_PIPE_RULE = re.compile(r"^[\s|:+\-=]*$")


def decode(data: bytes) -> tuple[str, str]:
    """Decode report bytes; returns (text, encoding name). Raises for binary data."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding), encoding
    if _looks_binary(data):
        raise UnreadableError(
            "文件内容是二进制数据，不是文字，也不是可识别的 PDF、Word 或网页文件",
            "The file holds binary data, not text, PDF, Word or HTML",
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise UnreadableError(
            "无法识别文件的文字编码；请另存为 UTF-8 或 GB18030 编码的文本再打开",
            "The text encoding cannot be recognised; save it as UTF-8 or GB18030 and try again",
        )
    return str(best), best.encoding


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return control > len(sample) * 0.02


def split_cells(line: str, offset: int) -> list[Cell]:
    """Cells of one line with spans relative to the whole text; cells are stripped of blanks."""
    if "\t" in line:
        pieces = _pieces(line, "\t")
    elif line.count("|") >= 2 or line.count("｜") >= 2:
        if _PIPE_RULE.match(line):
            return []
        pieces = _pieces(line.replace("｜", "|"), "|")
        if pieces and not pieces[0][2].strip():
            pieces = pieces[1:]  # "| a | b |": the text before the first bar is not a cell
        if pieces and not pieces[-1][2].strip():
            pieces = pieces[:-1]
    else:
        pieces = [(0, len(line), line)]
    cells = []
    for start, end, text in pieces:
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
    text, encoding = decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise UnreadableError("文件是空的，没有可读取的内容", "The file is empty")
    lines = []
    offset = 0
    for raw in text.split("\n"):
        cells = split_cells(raw, offset)
        if any(c.text for c in cells):
            lines.append(Line(cells))
        offset += len(raw) + 1
    return Document(source=source, kind="text", text=text, lines=lines, encoding=encoding)
