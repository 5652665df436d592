"""Characters and ruling lines of a PDF page read with pdfium, in pdfplumber's terms.

pdfminer's parse of a page is nine tenths of what reading a report with pdfplumber costs; pdfium
parses the same page in a fraction of that. What the reader does with a page stays as it was
(words by pdfplumber's word rules, ruled tables by pdfplumber's table finder), so this module
hands it what pdfplumber would have: the characters as pdfplumber's dicts, and the page's edges
(line segments, rectangle sides and curve segments, after pdfminer's way of telling the three
apart; as the tuples :mod:`pdf_tables` takes), plus whether the page shows any image or curve (a page with those and no text is a scan).

Coordinates are pdfplumber's: pdfium gives the PDF's own (origin bottom-left); pdfplumber keeps x
and measures top down from the MediaBox height (top = height − y). A character's box is pdfminer's:
from the baseline down by the font's declared descent (:mod:`desktop.core.readers.pdf_fonts`) and
up by the font size, and along the text over the advance pdfium measures.

pdfium's text page also makes up spaces and line breaks (dropped here: pdfplumber splits words by
its own gaps) and may rewrite or leave out text. A page this cannot read as pdfplumber would raises
:class:`NotLikePlumber` and the reader reads that page with pdfplumber: a rotated page, skewed
text, a character without a Unicode mapping (pdfplumber's ``(cid:N)``), text under an /ActualText,
a line-end hyphen pdfium rewrote, a font whose descent the file does not settle or that pdfminer
boxes by other rules (Type 3, vertical), text of a font not embedded that the machine has no glyph
for (pdfium leaves it out). Every pdfium call is
made holding :data:`~desktop.core.pdfium_lock.PDFIUM_LOCK`, one page at a time, so the window's
renderer and OCR wait at most one page.
"""

from __future__ import annotations

import ctypes
import math
import struct
from dataclasses import dataclass
from typing import Any

import pypdfium2.raw as pdfium  # importing pypdfium2 initialises the library

from desktop.core.errors import UnreadableError
from desktop.core.pdfium_lock import PDFIUM_LOCK
from desktop.core.readers.pdf_fonts import FontDescents
from desktop.core.readers.pdf_tables import Edge

Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
# pdfium's marks for a hyphen ending a line it joins to the next (- or soft hyphen, it does not
# say which) and for a character with neither Unicode nor code
_REWRITTEN = frozenset("\x00\x02\ufffe")


class NotLikePlumber(Exception):
    """pdfium's reading of this page would not be pdfplumber's: read it with pdfplumber."""


@dataclass(slots=True)
class PageContent:
    """What the reader needs of one page: its size, characters, edges and pictures."""

    width: float
    height: float
    chars: list[dict]
    edges: list[Edge]
    pictures: bool  # an image or a curve: with no text, the page is a scan


class PdfiumPages:
    """A PDF opened with pdfium, read page by page."""

    def __init__(self, data: bytes, fonts: FontDescents):
        self._data = data  # pdfium reads from this buffer while the document is open
        self._fonts = fonts
        with PDFIUM_LOCK:
            self._doc = pdfium.FPDF_LoadMemDocument64(data, len(data), None)
            if not self._doc:
                error = pdfium.FPDF_GetLastError()
                if error == pdfium.FPDF_ERR_PASSWORD:
                    raise UnreadableError(
                        "PDF 文件已加密（需要密码才能打开），请先用密码打开并另存为未加密的 PDF",
                        "The PDF is encrypted (password-protected); open it with the password and save an unencrypted copy",
                    )
                raise NotLikePlumber(f"pdfium cannot open the file (error {error})")
            self.count = pdfium.FPDF_GetPageCount(self._doc)

    def close(self) -> None:
        with PDFIUM_LOCK:
            if self._doc:
                pdfium.FPDF_CloseDocument(self._doc)
                self._doc = None

    def read(self, index: int) -> PageContent:
        """Page ``index`` (0-based); raises :class:`NotLikePlumber` for a page to read with pdfplumber."""
        with PDFIUM_LOCK:
            page = pdfium.FPDF_LoadPage(self._doc, index)
            if not page:
                raise NotLikePlumber("pdfium cannot load the page")
            try:
                if pdfium.FPDFPage_GetRotation(page) != 0:
                    raise NotLikePlumber("rotated page")  # pdfplumber turns its coordinates
                width, height = _media_size(page)
                text = pdfium.FPDFText_LoadPage(page)
                if not text:
                    raise NotLikePlumber("pdfium cannot read the page's text")
                runs: dict[int, _Run] = {}
                try:
                    chars = _read_chars(text, height, self._fonts, runs)
                finally:
                    pdfium.FPDFText_ClosePage(text)
                edges: list[Edge] = []
                pictures = _read_objects(page, height, runs, edges)
            finally:
                pdfium.FPDF_ClosePage(page)
        return PageContent(width, height, chars, edges, pictures)


# --------------------------------------------------------------------------------------------
# The page


def _media_size(page: Any) -> tuple[float, float]:
    """The MediaBox's width and height, which pdfplumber measures everything by."""
    box = [ctypes.c_float() for _ in range(4)]
    if not pdfium.FPDFPage_GetMediaBox(page, *box):  # inherited from the page tree
        rect = pdfium.FS_RECTF()
        pdfium.FPDF_GetPageBoundingBox(page, rect)
        left, bottom, right, top = rect.left, rect.bottom, rect.right, rect.top
    else:
        left, bottom, right, top = (b.value for b in box)
    return _as_written(abs(right - left)), _as_written(abs(top - bottom))


def _as_written(value: float) -> float:
    """pdfium keeps numbers as 32-bit floats: 595.304 comes back 595.3039551. This is the shortest
    decimal with the same 32-bit value: what the file said (and pdfplumber reads) when the file
    said it in fewer than eight digits, and within a millionth of it otherwise."""
    single = struct.unpack("f", struct.pack("f", value))[0]
    if not math.isfinite(single):  # a box wider than any 32-bit float: a damaged page, as it comes
        return value
    for digits in range(1, 10):
        shorter = float(f"{single:.{digits}g}")
        if struct.unpack("f", struct.pack("f", shorter))[0] == single:
            return shorter
    return value


# --------------------------------------------------------------------------------------------
# pdfium's functions with handles as plain ints: comparable, hashable and cheap to pass around


def _is_handle(kind: Any) -> bool:
    return kind is not None and kind.__name__.startswith("LP_struct_fpdf_")


def _plain(function: Any) -> Any:
    """A copy of ``function`` taking and returning its handles as ints."""
    copy = type(function)(ctypes.cast(function, ctypes.c_void_p).value)
    copy.argtypes = tuple(ctypes.c_void_p if _is_handle(kind) else kind for kind in function.argtypes)
    copy.restype = ctypes.c_void_p if _is_handle(function.restype) else function.restype
    return copy


def _per_character(function: Any) -> Any:
    """A copy of ``function`` (text page, character index, pointers to what it writes) that ctypes
    calls without converting its arguments: the caller passes the text page as a ``c_void_p``, the
    index as an int and the rest by reference, as C takes them. Such calls are made several times
    for every character of every page, and the conversion is more than half of what one costs."""
    copy = _plain(function)
    copy.argtypes = None
    return copy


_text_object_of = _per_character(pdfium.FPDFText_GetTextObject)
_unmapped = _per_character(pdfium.FPDFText_HasUnicodeMapError)
_generated = _per_character(pdfium.FPDFText_IsGenerated)
_origin = _per_character(pdfium.FPDFText_GetCharOrigin)
_char_matrix = _per_character(pdfium.FPDFText_GetMatrix)
_loose_box = _per_character(pdfium.FPDFText_GetLooseCharBox)
_font_of = _plain(pdfium.FPDFTextObj_GetFont)
_font_size = _plain(pdfium.FPDFTextObj_GetFontSize)
_font_name = _plain(pdfium.FPDFFont_GetBaseFontName)
_font_embedded = _plain(pdfium.FPDFFont_GetIsEmbedded)
_glyph_width = _plain(pdfium.FPDFFont_GetGlyphWidth)  # takes a Unicode code point, not a glyph index
_page_objects = _plain(pdfium.FPDFPage_CountObjects)
_page_object = _plain(pdfium.FPDFPage_GetObject)
_form_objects = _plain(pdfium.FPDFFormObj_CountObjects)
_form_object = _plain(pdfium.FPDFFormObj_GetObject)
_object_type = _plain(pdfium.FPDFPageObj_GetType)
_object_matrix = _plain(pdfium.FPDFPageObj_GetMatrix)
_object_bounds = _plain(pdfium.FPDFPageObj_GetBounds)
_marks = _plain(pdfium.FPDFPageObj_CountMarks)
_mark = _plain(pdfium.FPDFPageObj_GetMark)
_mark_param = _plain(pdfium.FPDFPageObjMark_GetParamValueType)
_segments = _plain(pdfium.FPDFPath_CountSegments)
_segment = _plain(pdfium.FPDFPath_GetPathSegment)
_segment_type = _plain(pdfium.FPDFPathSegment_GetType)
_segment_point = _plain(pdfium.FPDFPathSegment_GetPoint)
_segment_closes = _plain(pdfium.FPDFPathSegment_GetClose)


# --------------------------------------------------------------------------------------------
# Characters


@dataclass(slots=True)
class _Style:
    """What the text objects in one font, size and orientation share.

    ``along`` turns an advance into page units along the line (x for upright text, y for text
    turned 90°); ``below``/``above`` turn the origin into the box across the line (pdfminer's
    descent to descent + size); ``advances`` are the font's widths met so far, per character.
    """

    font: int
    size: float
    upright: bool
    matrix: tuple[float, float, float, float]  # pdfplumber reads [1]: > 0 runs upwards
    along: float
    below: float
    above: float
    advances: dict[str, float]


@dataclass(slots=True)
class _Run:
    """One text object: its style and its box across the line, (top, bottom) of upright text and
    (x0, x1) of turned text."""

    style: _Style
    across: tuple[float, float]


class _Reading:
    """One page's text being read: pdfium's text page and the buffers its calls write into."""

    def __init__(self, text: Any, height: float, fonts: FontDescents):
        self.text = ctypes.cast(text, ctypes.c_void_p)
        self.height = height
        self.fonts = fonts
        self.descents: dict[int, float | None] = {}
        self.styles: dict[tuple[int, float, float, float, float, float], _Style] = {}
        self.matrix = pdfium.FS_MATRIX()
        self.size = ctypes.c_float()
        self.width = ctypes.c_float()
        self.box = pdfium.FS_RECTF()
        self.matrix_ref, self.box_ref = ctypes.byref(self.matrix), ctypes.byref(self.box)


def _read_chars(text: Any, height: float, fonts: FontDescents, runs: dict[int, _Run]) -> list[dict]:
    """The page's characters as pdfplumber's dicts; ``runs`` gets every text object pdfium kept."""
    count = pdfium.FPDFText_CountChars(text)
    if count <= 0:
        return []
    unicode = _page_text(text, count)
    reading = _Reading(text, height, fonts)
    page_text = reading.text
    x, y = ctypes.c_double(), ctypes.c_double()
    x_ref, y_ref = ctypes.byref(x), ctypes.byref(y)
    chars: list[dict] = []
    for index in range(count):
        obj = _text_object_of(page_text, index)
        if not obj:
            continue  # a space or line break pdfium made up between objects; pdfplumber has none
        char = unicode[index]
        if char == " " and _generated(page_text, index):
            continue  # one it made up inside an object, for a kerning gap: not a word break
        if char in _REWRITTEN:
            raise NotLikePlumber("a line-end hyphen or a character without code pdfium rewrote")
        if _unmapped(page_text, index):
            raise NotLikePlumber("a character without a Unicode mapping")  # pdfplumber: (cid:N)
        _origin(page_text, index, x_ref, y_ref)
        ox, oy = x.value, y.value
        run = runs.get(obj)
        if run is None:
            run = runs[obj] = _run(reading, index, obj, ox, oy)
        style = run.style
        advance = style.advances.get(char)
        if advance is None:
            advance = style.advances[char] = _advance(reading, index, style, char, ox, oy)
        step = style.along * advance
        if style.upright:
            x0, x1 = (ox, ox + step) if step >= 0 else (ox + step, ox)
            top, bottom = run.across
        else:
            x0, x1 = run.across
            top, bottom = (height - oy - step, height - oy) if step >= 0 else (height - oy, height - oy - step)
        chars.append({
            "text": char, "x0": x0, "x1": x1, "top": top, "bottom": bottom,
            "upright": style.upright, "matrix": style.matrix,
        })
    return chars


def _advance(reading: _Reading, index: int, style: _Style, char: str, x: float, y: float) -> float:
    """How far a character advances, in text space: its width in the font at the run's size.

    pdfium's own boxes take in the glyph's outline, which reaches past the advance in some fonts
    (and in whatever font stands in for one not embedded); pdfminer's never do. The font's width
    for the character is what pdfminer uses; it is checked once against pdfium's box, which
    holds it, and that box is taken instead when it does not.
    """
    known = _glyph_width(style.font, ord(char), style.size, reading.width)
    box = reading.box
    _loose_box(reading.text, index, reading.box_ref)
    start, reach = (x, (box.left, box.right)) if style.upright else (y, (box.bottom, box.top))
    if known and reach[0] - 0.01 <= start + style.along * reading.width.value <= reach[1] + 0.01:
        return reading.width.value
    return (reach[1] - reach[0]) / abs(style.along)


def _page_text(text: Any, count: int) -> str:
    """One character per index: all of the page's text in one call when pdfium gives it so."""
    buffer = (ctypes.c_ushort * (count + 1))()
    written = pdfium.FPDFText_GetText(text, 0, count, buffer)
    whole = bytes(buffer)[: max(written - 1, 0) * 2].decode("utf-16-le", "replace")
    if len(whole) == count:
        return whole
    # pdfium left out control characters or joined a surrogate pair: ask character by character
    return "".join(chr(pdfium.FPDFText_GetUnicode(text, i)) for i in range(count))


def _run(reading: _Reading, index: int, obj: int, x: float, y: float) -> _Run:
    """Text object ``obj``, whose character ``index`` starts at (x, y): its style, and its box
    across the line."""
    matrix = reading.matrix
    _char_matrix(reading.text, index, reading.matrix_ref)
    _font_size(obj, reading.size)
    key = (_font_of(obj), reading.size.value, matrix.a, matrix.b, matrix.c, matrix.d)
    style = reading.styles.get(key)
    if style is None:
        style = reading.styles[key] = _style(reading, *key)
    if style.upright:
        low, high = y + style.below, y + style.above
        return _Run(style, (reading.height - max(low, high), reading.height - min(low, high)))
    low, high = x + style.below, x + style.above
    return _Run(style, (min(low, high), max(low, high)))


def _style(reading: _Reading, font: int, size: float, a: float, b: float, c: float, d: float) -> _Style:
    descent = _descent(font, reading.fonts, reading.descents)
    below, above = descent * size, (descent + 1) * size  # pdfminer: descent to descent + size
    if b == 0 and c == 0 and a * d > 0:  # upright: pdfminer's a·d > 0 and b·c ≤ 0
        return _Style(font, size, True, (a, b, c, d), a, d * below, d * above, {})
    if a == 0 and d == 0 and b * c < 0:  # turned a quarter either way
        return _Style(font, size, False, (a, b, c, d), b, c * below, c * above, {})
    raise NotLikePlumber("text neither upright nor turned a quarter")


def _descent(font: int, fonts: FontDescents, descents: dict[int, float | None]) -> float:
    if font not in descents:
        size = _font_name(font, None, 0)
        name = ctypes.create_string_buffer(max(size, 1))
        _font_name(font, name, size)
        descents[font] = fonts.descent(name.value)
    descent = descents[font]
    if descent is None:
        raise NotLikePlumber("a font whose descent the file does not settle")
    return descent


# --------------------------------------------------------------------------------------------
# Page objects: paths, pictures, and the text pdfium's text page leaves out


def _read_objects(page: Any, height: float, kept: dict[int, _Run], edges: list[Edge]) -> bool:
    """Append the edges of every path (form XObjects included); whether an image or curve shows.

    Raises :class:`NotLikePlumber` for text pdfium reads otherwise than pdfplumber: text marked
    with an /ActualText (pdfium shows that instead of the glyphs), and a text object pdfium's
    text page leaves out for having no width, which in a font not embedded in the file means the
    machine has no glyph for it (pdfplumber reads it all the same).
    """
    pictures = False
    stack: list[tuple[int, bool, Matrix]] = [(ctypes.cast(page, ctypes.c_void_p).value, False, _IDENTITY)]
    matrix = pdfium.FS_MATRIX()
    actual_text: dict[int, bool] = {}
    while stack:
        holder, is_form, outer = stack.pop()
        for i in range(_form_objects(holder) if is_form else _page_objects(holder)):
            obj = _form_object(holder, i) if is_form else _page_object(holder, i)
            kind = _object_type(obj)
            if kind == pdfium.FPDF_PAGEOBJ_TEXT:
                _check_text_object(obj, kept, actual_text)
            elif kind == pdfium.FPDF_PAGEOBJ_PATH:
                _object_matrix(obj, matrix)
                pictures |= _path_edges(obj, _times(_values(matrix), outer), height, edges)
            elif kind == pdfium.FPDF_PAGEOBJ_IMAGE:
                pictures = True
            elif kind == pdfium.FPDF_PAGEOBJ_FORM:
                _object_matrix(obj, matrix)
                stack.append((obj, True, _times(_values(matrix), outer)))
    return pictures


def _check_text_object(obj: int, kept: dict[int, _Run], actual_text: dict[int, bool]) -> None:
    for i in range(_marks(obj)):
        mark = _mark(obj, i)
        if mark not in actual_text:
            actual_text[mark] = _mark_param(mark, b"ActualText") != pdfium.FPDF_OBJECT_UNKNOWN
        if actual_text[mark]:
            raise NotLikePlumber("text with an /ActualText")
    if obj in kept:
        return
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    _object_bounds(obj, left, bottom, right, top)
    if right.value - left.value < 0.01 and not _font_embedded(_font_of(obj)):
        raise NotLikePlumber("text pdfium has no glyph for")


def _values(m: Any) -> Matrix:
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _times(inner: Matrix, outer: Matrix) -> Matrix:
    """``inner`` then ``outer``, as PDF matrices compose (row vectors)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


_OPS = {pdfium.FPDF_SEGMENT_MOVETO: "m", pdfium.FPDF_SEGMENT_LINETO: "l", pdfium.FPDF_SEGMENT_BEZIERTO: "c"}


_X, _Y = ctypes.c_float(), ctypes.c_float()  # pdfium writes a segment's point here (under the lock)
_X_REF, _Y_REF = ctypes.byref(_X), ctypes.byref(_Y)


def _path_edges(obj: int, m: Matrix, height: float, edges: list[Edge]) -> bool:
    """pdfminer's reading of one path: each subpath a line, a rectangle or a curve (→ True)."""
    a, b, c, d, e, f = m
    ops = ""
    points: list[tuple[float, float]] = []
    curves = False
    bezier = 0
    for i in range(_segments(obj)):
        segment = _segment(obj, i)
        op = _OPS.get(_segment_type(segment), "?")
        if op == "m":
            if ops:
                curves |= _subpath_edges(ops, points, height, edges)
            ops, points, bezier = "", [], 0
        elif op == "c":
            bezier += 1
            if bezier % 3:
                continue  # a control point: pdfminer keeps only where the curve ends
        _segment_point(segment, _X_REF, _Y_REF)
        px, py = _X.value, _Y.value
        ops += op
        points.append((a * px + c * py + e, b * px + d * py + f))
        if _segment_closes(segment):
            ops += "h"
            points.append(points[0])
    if ops:
        curves |= _subpath_edges(ops, points, height, edges)
    return curves


def _subpath_edges(shape: str, points: list[tuple[float, float]], height: float, edges: list[Edge]) -> bool:
    """pdfminer's ``paint_path`` for one subpath (``shape``: its operators, m l c h), then
    pdfplumber's edges of what it made."""
    if len(shape) < 2 or shape[0] != "m":
        return False  # a lone move draws nothing
    if len(shape) > 3 and shape[-2:] == "lh" and points[-2] == points[0]:
        shape = shape[:-2] + "h"
        points = points[:-2] + points[-1:]
    if shape in ("ml", "mlh"):
        (x0, y0), (x1, y1) = points[0], points[1]
        top, bottom = height - max(y0, y1), height - min(y0, y1)
        edges.append(_edge(min(x0, x1), top, max(x0, x1), bottom, "h" if top == bottom else "v"))
        return False
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = points
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if points[0] == points[4] and square:
            left, right = min(x0, x2), max(x0, x2)
            top, bottom = height - max(y0, y2), height - min(y0, y2)
            edges.append(_edge(left, top, right, top, "h"))
            edges.append(_edge(left, bottom, right, bottom, "h"))
            edges.append(_edge(left, top, left, bottom, "v"))
            edges.append(_edge(right, top, right, bottom, "v"))
            return False
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        orientation = "v" if x0 == x1 else ("h" if y0 == y1 else None)
        edges.append(_edge(min(x0, x1), height - max(y0, y1), max(x0, x1), height - min(y0, y1), orientation))
    return True


def _edge(x0: float, top: float, x1: float, bottom: float, orientation: str | None) -> Edge:
    """pdfplumber's edge as :mod:`pdf_tables` takes it; its length is the height of a vertical
    edge, the width of any other (pdfplumber's ``filter_edges``)."""
    return (orientation, x0, top, x1, bottom, bottom - top if orientation == "v" else x1 - x0)
