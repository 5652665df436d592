"""MiniPdf: PDFs for the reader's tests, with every glyph, rule and image placed exactly.

It needs no font file, so the tests run the same on any machine: the text font is made here
(:func:`box_font`, fontTools) and embedded, as most report PDFs embed theirs.
"""

from __future__ import annotations

import io
import zlib

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen

A4 = (595.0, 842.0)


class MiniPdf:
    """A tiny PDF writer: text (any angle), stroked boxes and images, in top-left coordinates.

    Text is written in a Type0 font whose codes are the Unicode code points: ``F1`` embeds a font
    made here with a plain box for each character (so pdfium, like any viewer, has every glyph
    on any machine), ``F2`` names SimSun without embedding it and has no Unicode map, ``F3`` is
    SimSun with the Unicode map. ``raw`` writes content operators as they are, in PDF coordinates
    (origin bottom-left); ``form`` draws operators through a form XObject.
    """

    def __init__(self, size: tuple[float, float] = A4):
        self.width, self.height = size
        self.pages: list[list[str]] = []
        self.rotations: list[int] = []
        self.forms: list[tuple[str, str]] = []  # (content, matrix)
        self.used: set[str] = set()

    def page(self, rotate: int = 0) -> MiniPdf:
        self.pages.append([])
        self.rotations.append(rotate)
        return self

    def text(self, x: float, y: float, s: str, size: float = 10, angle: int = 0, mapped: bool = True,
             embedded: bool = True) -> MiniPdf:
        """Write ``s`` with its baseline at top-left ``(x, y)``; angle 90 runs upwards, -90 downwards."""
        a, b, c, d = {0: (1, 0, 0, 1), 90: (0, 1, -1, 0), -90: (0, -1, 1, 0)}[angle]
        self.pages[-1].append(
            f"BT {self.font(s, mapped, embedded)} {size} Tf {a} {b} {c} {d} {x:.2f} {self.height - y:.2f} Tm "
            f"{self.codes(s)} Tj ET"
        )
        return self

    def font(self, s: str, mapped: bool = True, embedded: bool = True) -> str:
        """The font resource to write ``s`` in (its characters go into the embedded font)."""
        self.used.update(s)
        return "/F1" if mapped and embedded else "/F3" if mapped else "/F2"

    @staticmethod
    def codes(s: str) -> str:
        return "<" + "".join(f"{ord(ch):04X}" for ch in s) + ">"

    def raw(self, *operators: str) -> MiniPdf:
        self.pages[-1].extend(operators)
        return self

    def form(self, matrix: str, *operators: str) -> MiniPdf:
        """Draw ``operators`` as a form XObject placed with ``matrix`` (``a b c d e f``)."""
        self.forms.append(("\n".join(operators), matrix))
        self.pages[-1].append(f"/Fm{len(self.forms)} Do")
        return self

    def box(self, x0: float, top: float, x1: float, bottom: float) -> MiniPdf:
        self.pages[-1].append(f"0.5 w {x0:.2f} {self.height - bottom:.2f} {x1 - x0:.2f} {bottom - top:.2f} re S")
        return self

    def image(self, x0: float, top: float, x1: float, bottom: float) -> MiniPdf:
        w, h = x1 - x0, bottom - top
        self.pages[-1].append(f"q {w:.2f} 0 0 {h:.2f} {x0:.2f} {self.height - bottom:.2f} cm /Im1 Do Q")
        return self

    def table(self, cells: list[tuple[float, float, float, float, str]], size: float = 10) -> MiniPdf:
        """Ruled cells (x0, top, x1, bottom, text); text sits at the cell's left, one line."""
        for x0, top, x1, bottom, text in cells:
            self.box(x0, top, x1, bottom)
            if text:
                self.text(x0 + 3, (top + bottom) / 2 + size * 0.35, text, size)
        return self

    def build(self) -> bytes:
        objects: list[bytes] = []

        def add(body: str | bytes) -> int:
            objects.append(body.encode("latin-1") if isinstance(body, str) else body)
            return len(objects)

        def stream(content: bytes, extra: str = "") -> bytes:
            return f"<< /Length {len(content)} {extra}>>\nstream\n".encode() + content + b"\nendstream"

        catalog = add("<< /Type /Catalog /Pages 2 0 R >>")
        pages_id = add("")  # filled in below, once the kids are known
        bfchars = "".join(f"<{ord(c):04X}> <{ord(c):04X}>\n" for c in sorted(self.used) if ord(c) < 0x10000)
        cmap = (
            "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
            "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
            f"{len(self.used)} beginbfchar\n{bfchars}endbfchar\n"
            "endcmap CMapName currentdict /CMap defineresource pop end end"
        )
        to_unicode = add(stream(cmap.encode()))
        font_file, gids = box_font(sorted(self.used))
        embedded = add(stream(zlib.compress(font_file), f"/Filter /FlateDecode /Length1 {len(font_file)} "))
        cid_to_gid = add(stream(zlib.compress(gids), "/Filter /FlateDecode "))
        descriptor = add(
            "<< /Type /FontDescriptor /FontName /ABCDEF+MiniBox /Flags 4 /FontBBox [0 -120 1000 880]"
            f" /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 /FontFile2 {embedded} 0 R >>"
        )
        cid_font = add(
            "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+MiniBox"
            " /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"
            f" /FontDescriptor {descriptor} 0 R /CIDToGIDMap {cid_to_gid} 0 R /DW 1000 /W [32 [250] 33 126 500] >>"
        )
        font = add(
            "<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+MiniBox /Encoding /Identity-H"
            f" /DescendantFonts [{cid_font} 0 R] /ToUnicode {to_unicode} 0 R >>"
        )
        simsun = add(
            "<< /Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 -120 1000 880]"
            " /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>"
        )
        simsun_cid = add(
            "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun"
            " /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"
            f" /FontDescriptor {simsun} 0 R /DW 1000 /W [32 [250] 33 126 500] >>"
        )
        unmapped = add(
            "<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H"
            f" /DescendantFonts [{simsun_cid} 0 R] >>"
        )
        mapped_simsun = add(
            "<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H"
            f" /DescendantFonts [{simsun_cid} 0 R] /ToUnicode {to_unicode} 0 R >>"
        )
        image = add(stream(b"\x80", "/Type /XObject /Subtype /Image /Width 1 /Height 1 "
                                    "/ColorSpace /DeviceGray /BitsPerComponent 8 "))
        fonts = f"<< /F1 {font} 0 R /F2 {unmapped} 0 R /F3 {mapped_simsun} 0 R >>"
        xobjects = f"/Im1 {image} 0 R"
        for n, (content, matrix) in enumerate(self.forms, 1):
            form = add(stream(content.encode(), f"/Type /XObject /Subtype /Form /BBox [0 0 {self.width} {self.height}]"
                                                f" /Matrix [{matrix}] /Resources << /Font {fonts} >> "))
            xobjects += f" /Fm{n} {form} 0 R"
        resources = f"<< /Font {fonts} /XObject << {xobjects} >> >>"
        kids = []
        for ops, rotate in zip(self.pages, self.rotations):
            content = add(stream("\n".join(ops).encode()))
            kids.append(add(
                f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 {self.width} {self.height}] /Rotate {rotate}"
                f" /Resources {resources} /Contents {content} 0 R >>"
            ))
        objects[pages_id - 1] = (
            f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>"
        ).encode()
        out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for i, body in enumerate(objects, 1):
            offsets.append(len(out))
            out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
        xref = len(out)
        out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
        out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
        out += f"trailer\n<< /Size {len(objects) + 1} /Root {catalog} 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
        return bytes(out)


def advance(char: str) -> int:
    """The width MiniPdf's fonts give a character (their /W): a quarter em for a space, half for ASCII."""
    return 250 if char == " " else 500 if 33 <= ord(char) <= 126 else 1000


def box_font(chars: list[str]) -> tuple[bytes, bytes]:
    """A TrueType font with a box inside the advance for every character, and the CIDToGIDMap
    that maps each character's code (its code point) to its glyph."""
    names = [".notdef"] + [f"u{ord(c):04X}" for c in chars]
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({ord(c): f"u{ord(c):04X}" for c in chars})
    glyphs, metrics = {}, {}
    for name, char in zip(names, [" "] + chars):
        width = advance(char)
        pen = TTGlyphPen(None)
        if not char.isspace():
            pen.moveTo((width // 10, 0))
            pen.lineTo((width // 10, 700))
            pen.lineTo((width - width // 10, 700))
            pen.lineTo((width - width // 10, 0))
            pen.closePath()
        glyphs[name] = pen.glyph()
        metrics[name] = (width, width // 10)
    builder.setupGlyf(glyphs)
    builder.setupHorizontalMetrics(metrics)
    builder.setupHorizontalHeader(ascent=880, descent=-120)
    builder.setupNameTable({"familyName": "MiniBox", "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120)
    builder.setupPost()
    out = io.BytesIO()
    builder.save(out)
    top = max((ord(c) for c in chars), default=0)
    gids = bytearray(2 * (top + 1))
    for gid, char in enumerate(chars, 1):
        gids[2 * ord(char): 2 * ord(char) + 2] = gid.to_bytes(2, "big")
    return out.getvalue(), bytes(gids)
