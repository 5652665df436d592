"""The descent each font of a PDF declares: where pdfminer, and so pdfplumber, puts a character's box.

pdfminer draws a character's box from the baseline down by the font's declared ``/Descent`` and up
by the font size. pdfium reads the same characters much faster but, when a font declares
``/Ascent 0 /Descent 0`` (LibreOffice writes that) or no descriptor at all, it measures the font
program instead, and its boxes sit up to a tenth of the font size lower. So that a word's box, and
the provenance built from it, stays where pdfplumber put it, the pdfium reader takes the baseline
from pdfium and the descent from here.

The values are read from the font descriptors in the file's bytes (and in its object streams), by
name: no content stream is parsed, which keeps this a small fraction of a page's reading. A name
the file does not settle (two descriptors that disagree, an object stream that cannot be
inflated) or that pdfminer boxes by other rules (a Type 3 font, a font written vertically) gets
``None``, and the reader reads the pages using it with pdfplumber.
"""

from __future__ import annotations

import re
import zlib

# pdfminer measures these fonts (the standard 14 and their common aliases) with its own metrics
# whatever the file declares, when they are simple fonts named exactly so.
from pdfminer.fontmetrics import FONT_METRICS

_NAME = re.compile(rb"\s*\[?\s*/([^\s/<>\[\]()%{}]+)")
_NUMBER = re.compile(rb"\s*([-+]?(?:\d+\.?\d*|\.\d+))(?!\s+\d+\s+R)")
_TYPE_BEFORE = re.compile(rb"/Type\s*$")
_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_SIMPLE = {b"Type1", b"MMType1", b"TrueType"}  # and no subtype: pdfminer reads those as Type 1


class FontDescents:
    """Font name (as pdfium reports it) → descent as a fraction of the font size, as pdfminer reads it."""

    def __init__(self, declared: dict[bytes, set[float | None]], subsets: set[bytes], standard: dict[bytes, float],
                 otherwise: set[bytes]):
        self._declared = declared
        self._subsets = subsets  # names some descriptor gave with a subset tag
        self._standard = standard
        self._otherwise = otherwise  # fonts pdfminer boxes by other rules: Type 3, vertical writing

    def descent(self, name: bytes) -> float | None:
        """The descent of the font pdfium names ``name``; ``None`` when the file does not settle it."""
        name = _untagged(name)  # pdfium keeps the subset tag of some kinds of font, drops others'
        if name in self._otherwise:
            return None
        if name in self._standard:
            # pdfminer measures a font named exactly Helvetica by its own metrics, but not an
            # embedded ABCDEF+Helvetica, and pdfium calls both Helvetica.
            return None if name in self._subsets else self._standard[name]
        values = self._declared.get(name)
        if values is None:
            # A Type 0 font may be named after its CIDFont plus the CMap: SimSun-Identity-H.
            stems = [n for n in self._declared if name.startswith(n + b"-")]
            values = self._declared[max(stems, key=len)] if stems else None
        if values is None or len(values) != 1:
            return None
        return next(iter(values))


UNSETTLED = FontDescents({}, set(), {}, set())
"""For a file whose fonts cannot be read from its bytes: every page goes to pdfplumber."""


def read_descents(data: bytes) -> FontDescents:
    """The declared descents of every font in ``data``."""
    blobs = _blobs(data)
    if blobs is None:
        return UNSETTLED
    declared: dict[bytes, set[float | None]] = {}
    subsets: set[bytes] = set()
    standard: dict[bytes, float] = {}
    otherwise: set[bytes] = set()
    for blob in blobs:
        for at, start, end in _dicts_holding(blob, b"/FontDescriptor"):
            if not _TYPE_BEFORE.search(blob, max(start, at - 16), at):
                continue  # a font's reference to its descriptor, not the descriptor
            name = _value(blob, start, end, b"/FontName", _NAME)
            if name is not None:
                shown = _untagged(_decoded(name))
                declared.setdefault(shown, set()).add(_descent(blob, start, end))
                if _has_subset_tag(name):
                    subsets.add(shown)
        for _, start, end in _dicts_holding(blob, b"/BaseFont"):
            name = _value(blob, start, end, b"/BaseFont", _NAME)
            subtype = _value(blob, start, end, b"/Subtype", _NAME)
            if name is None:
                continue
            encoding = _value(blob, start, end, b"/Encoding", _NAME) or b""
            if subtype == b"Type3" or (subtype == b"Type0" and encoding.endswith(b"-V")):
                otherwise.add(_untagged(_decoded(name)))
            elif (subtype in _SIMPLE or subtype is None) and name.decode("latin-1") in FONT_METRICS:
                metrics = FONT_METRICS[name.decode("latin-1")][0]
                standard[name] = _fraction(float(metrics.get("Descent") or 0))
    return FontDescents(declared, subsets, standard, otherwise)


def _blobs(data: bytes) -> list[bytes] | None:
    """The file's bytes and the inflated contents of its object streams (None if one cannot be read)."""
    streams = _dicts_holding(data, b"/ObjStm")
    if streams and b"/Encrypt" in data:
        return None  # object streams of an encrypted file are encrypted too
    blobs = [data]
    for _, start, end in streams:
        if _value(data, start, end, b"/Filter", _NAME) != b"FlateDecode" or b"/DecodeParms" in data[start:end]:
            return None
        body = data.find(b"stream", end)
        finish = data.find(b"endstream", body)
        if body < 0 or finish < 0:
            return None
        body += 6
        body += 2 if data[body:body + 2] == b"\r\n" else 1
        try:  # a decompressor object stops at the stream's end, whatever line end follows it
            blobs.append(zlib.decompressobj().decompress(memoryview(data)[body:finish]))
        except zlib.error:
            return None
    return blobs


def _dicts_holding(blob: bytes, key: bytes) -> list[tuple[int, int, int]]:
    """(where, start, end) of each occurrence of ``key`` and the dictionary ``<< … >>`` holding it."""
    out = []
    at = blob.find(key)
    while at >= 0:
        span = _enclosing(blob, at)
        if span is not None:
            out.append((at, *span))
        at = blob.find(key, at + len(key))
    return out


def _enclosing(blob: bytes, at: int) -> tuple[int, int] | None:
    depth, pos = 0, at
    while True:  # back to the << that opens the dictionary holding ``at``
        opening, closing = blob.rfind(b"<<", 0, pos), blob.rfind(b">>", 0, pos)
        if opening < 0:
            return None
        if closing > opening:
            depth, pos = depth + 1, closing
        elif depth:
            depth, pos = depth - 1, opening
        else:
            start = opening
            break
    depth, pos = 0, at
    while True:  # on to the >> that closes it
        opening, closing = blob.find(b"<<", pos), blob.find(b">>", pos)
        if closing < 0:
            return None
        if 0 <= opening < closing:
            depth, pos = depth + 1, opening + 2
        elif depth:
            depth, pos = depth - 1, closing + 2
        else:
            return start, closing + 2


def _value(blob: bytes, start: int, end: int, key: bytes, pattern: re.Pattern[bytes]) -> bytes | None:
    at = blob.find(key, start, end)
    if at < 0:
        return None
    found = pattern.match(blob, at + len(key), end)
    return found.group(1) if found else None


def _descent(blob: bytes, start: int, end: int) -> float | None:
    """pdfminer's reading: a missing Descent is 0, a positive one is taken as negative."""
    if blob.find(b"/Descent", start, end) < 0:
        return 0.0
    value = _value(blob, start, end, b"/Descent", _NUMBER)
    return None if value is None else _fraction(float(value))


def _fraction(descent: float) -> float:
    return -abs(descent) / 1000


def _decoded(name: bytes) -> bytes:
    """A PDF name as written (``#xx`` escapes) → its bytes, as pdfium reports a font's name."""
    return _ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), name)


def _untagged(name: bytes) -> bytes:
    """A font's name without the tag of a subset (ABCDEF+): the key names are looked up by."""
    return name[7:] if _has_subset_tag(name) else name


def _has_subset_tag(name: bytes) -> bool:
    return len(name) > 7 and name[6:7] == b"+"
