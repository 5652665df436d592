"""PDF pages read with pdfium, held to pdfplumber's reading: same lines, cells, boxes, notes.

Every PDF the project has reads the same both ways, and wholly with pdfium (so the comparison is
not won by falling back); the shared real excerpts do when they are beside the repository. Each
reason to leave a page to pdfplumber sends that page there and the file still reads the same.
pdfium's paths become pdfplumber's edges, line by line, rectangle by rectangle, curve by curve;
fonts' descents are read from the file's bytes as pdfminer reads them; pdfium is called only
under the process's pdfium lock.
"""

from __future__ import annotations

import io
import sys
import threading
import time
import zlib

import pdfplumber
import pytest
from conftest import FIXTURES, REAL, ROOT, SAMPLES, needs_real, needs_samples
from minipdf import MiniPdf
from test_pdf_tables import as_tuples

from desktop.core.errors import UnreadableError
from desktop.core.pdfium_lock import PDFIUM_LOCK
from desktop.core.readers import pdf as reader
from desktop.core.readers.pdf_fonts import UNSETTLED, read_descents
from desktop.core.readers.pdfium_page import PdfiumPages

sys.path.insert(0, str(ROOT / "tools"))
from compare_pdf_readers import pdfplumber_pages, project_pdfs, reading_differences  # noqa: E402

PROJECT_PDFS = project_pdfs([FIXTURES, ROOT / "resources" / "demo"])


@pytest.mark.parametrize("path", PROJECT_PDFS, ids=lambda p: p.name)
def test_project_pdfs_read_the_same_and_by_pdfium(path):
    data = path.read_bytes()
    assert reading_differences(data, path.name) == []
    assert pdfplumber_pages(data) == []


def shared_pdfs_read_the_same(folder) -> None:
    pdfs = project_pdfs([folder])
    if not pdfs:
        pytest.skip(f"no PDF among {folder}")
    for path in pdfs:
        assert reading_differences(path.read_bytes(), path.name) == [], path.name


@needs_samples
def test_shared_sample_pdfs_read_the_same():
    shared_pdfs_read_the_same(SAMPLES)


@needs_real
def test_shared_real_pdfs_read_the_same():
    shared_pdfs_read_the_same(REAL)


# ---------------------------------------------------------------------------------------------
# Pages left to pdfplumber


def rotated_page() -> MiniPdf:
    return MiniPdf().page(rotate=90).text(72, 100, "一、总体情况")


def skewed_text() -> MiniPdf:
    pdf = MiniPdf().page().text(72, 100, "一、总体情况")
    return pdf.raw(f"BT {pdf.font('规章')} 10 Tf 1 0 0.3 1 72 600 Tm {pdf.codes('规章')} Tj ET")


def actual_text() -> MiniPdf:
    pdf = MiniPdf().page().text(72, 100, "一、总体情况")
    return pdf.raw("/Span << /ActualText (12) >> BDC",
                   f"BT {pdf.font('十二')} 10 Tf 1 0 0 1 72 600 Tm {pdf.codes('十二')} Tj ET", "EMC")


def no_glyph() -> MiniPdf:
    """A character of a font the file does not embed, which no font on any machine draws."""
    return MiniPdf().page().text(72, 100, "一、总体情况").text(72, 140, "\ue8e8", embedded=False)


def no_unicode_map() -> MiniPdf:
    return MiniPdf().page().text(72, 100, "一、总体情况").text(72, 120, "乱码", mapped=False)


def hyphen_at_line_end() -> MiniPdf:
    """pdfium joins Open- / data into one line and marks the hyphen, without saying which it was."""
    return MiniPdf().page().text(72, 100, "一、总体情况").text(72, 120, "Open-").text(72, 132, "data 2020")


def vertical_writing() -> bytes:
    """The same text in a font written top to bottom (a -V CMap): pdfminer boxes it otherwise."""
    return MiniPdf().page().text(72, 100, "一、总体情况").build().replace(b"/Identity-H", b"/Identity-V")


@pytest.mark.parametrize("make, why", [
    (rotated_page, "rotated page"),
    (skewed_text, "neither upright nor turned"),
    (actual_text, "ActualText"),
    (no_glyph, "no glyph"),
    (no_unicode_map, "Unicode mapping"),
    (hyphen_at_line_end, "hyphen"),
])
def test_a_page_pdfium_would_read_otherwise_goes_to_pdfplumber(make, why):
    data = make().page().text(72, 100, "二、主动公开政府信息情况").build()
    left = pdfplumber_pages(data)
    assert [page for page, _ in left] == [1] and why in left[0][1]
    assert reading_differences(data, "left.pdf") == []
    assert reader.read_pdf(data, "left.pdf").lines[-1].cells[0].text == "二、主动公开政府信息情况"


def test_text_in_a_vertical_font_goes_to_pdfplumber():
    data = vertical_writing()
    assert [page for page, _ in pdfplumber_pages(data)] == [1]
    assert reading_differences(data, "vertical.pdf") == []


@pytest.mark.parametrize("kerning", [-100, -150, -290, -400])
def test_a_kerning_gap_is_a_word_break_only_past_pdfplumbers_tolerance(kerning):
    """pdfium makes up a space inside a TJ for a gap of a point or two; pdfplumber splits a word
    only past 3 pt, and 12 34 must not become two numbers where it reads 1234."""
    pdf = MiniPdf().page().text(72, 100, "一、总体情况")
    pdf.raw(f"BT {pdf.font('1234')} 10 Tf 1 0 0 1 72 600 Tm [{pdf.codes('12')} {kerning} {pdf.codes('34')}] TJ ET")
    data = pdf.build()
    assert reading_differences(data, "kerned.pdf") == []
    assert reader.read_pdf(data, "kerned.pdf").lines[-1].cells[0].text == ("12 34" if kerning < -300 else "1234")


def test_too_many_pages_are_refused_before_any_is_read(monkeypatch):
    monkeypatch.setattr(reader, "MAX_PDF_PAGES", 2)
    with pytest.raises(UnreadableError, match="3 页"):
        reader.read_pdf(MiniPdf().page().page().page().build(), "long.pdf")


def test_pdfium_is_only_called_holding_the_lock():
    data = (FIXTURES / "reports" / "f03_2020_html_ruled.pdf").read_bytes()
    read: list[object] = []
    with PDFIUM_LOCK:  # the window's renderer, say, is drawing a page
        worker = threading.Thread(target=lambda: read.append(reader.read_pdf(data, "f03.pdf")))
        worker.start()
        time.sleep(0.3)
        assert not read, "the reader went ahead while another thread held the pdfium lock"
    worker.join(30)
    assert read and read[0].lines


# ---------------------------------------------------------------------------------------------
# Paths → edges, as pdfminer and pdfplumber see them


def drawings() -> bytes:
    pdf = MiniPdf().page().text(72, 60, "一、总体情况")
    pdf.raw(
        "0.5 w 72 600 100 40 re S",  # a stroked rectangle
        "72 500 200 0.5 re f",  # a thin filled rectangle: how Word draws a table's rules
        "72 480 m 272 480 l S",  # a line
        "72 470 m 272 470 l 272 460 l h S",  # a closed two-segment path: a curve
        "300 600 m 400 600 l 400 650 l 300 650 l h S",  # a rectangle drawn as lines, closed
        "300 500 m 400 500 l 400 550 l 300 550 l 300 500 l S",  # the same, not closed
        "300 400 m 350 450 l 400 400 l h f",  # a triangle
        "300 300 m 320 350 380 350 400 300 c S",  # a Bézier curve
        "72 400 m 172 400 l 72 380 m 172 380 l S",  # two subpaths in one path
        "72 200 300 100 re W n",  # a clip: nothing is drawn
        "q 1 0 0 1 10 20 cm 72 100 50 30 re S Q",  # moved by the CTM
        "q 0 1 -1 0 500 100 cm 0 0 60 20 re S Q",  # turned a quarter by the CTM
        "72 50 m 172 90 l S",  # a slanted line
    )
    pdf.form("2 0 0 2 10 10", "100 150 40 20 re S", "100 140 m 180 140 l S")
    return pdf.page().raw("72 700 100 40 re f").build()


def edge_keys(edges: list[tuple]) -> list[tuple]:
    return sorted((o or "", *(round(v, 3) for v in rest)) for o, *rest in edges)


def test_paths_become_pdfplumbers_edges():
    data = drawings()
    pages = PdfiumPages(data, read_descents(data))
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for index, page in enumerate(pdf.pages):
                content = pages.read(index)
                assert edge_keys(content.edges) == edge_keys(as_tuples(page.edges))
                assert content.pictures == bool(page.images or page.curves)
    finally:
        pages.close()
    assert reading_differences(data, "drawings.pdf") == []


# ---------------------------------------------------------------------------------------------
# Font descents from the file's bytes


def font_file(*objects: str, compress: bool = False) -> bytes:
    """A PDF's bytes holding these objects, plainly or inside a compressed object stream."""
    body = "\n".join(f"{n} 0 obj\n{text}\nendobj" for n, text in enumerate(objects, 10))
    if not compress:
        return ("%PDF-1.5\n" + body).encode()
    packed = zlib.compress(" ".join(objects).encode())
    return b"%PDF-1.5\n1 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode >>\nstream\n" + packed + \
        b"\nendstream\nendobj\n"


def descriptor(name: str, descent: str | None) -> str:
    value = "" if descent is None else f" /Descent {descent}"
    return f"<< /Type /FontDescriptor /FontName /{name} /Flags 4 /Ascent 880{value} /FontBBox [0 -120 1000 880] >>"


@pytest.mark.parametrize("compress", [False, True])
def test_descents_as_pdfminer_reads_them(compress):
    data = font_file(
        descriptor("ABCDEF+SimSun", "-141"),
        descriptor("BCDEFG+FangSong", "0"),  # LibreOffice: pdfium would measure the font
        descriptor("KaiTi", "212"),  # written positive: taken as negative
        descriptor("SimHei", None),  # none given: 0
        descriptor("Mixed", "-100"), descriptor("CDEFGH+Mixed", "-200"),  # two fonts, one name
        "<< /Type /Font /Subtype /TrueType /BaseFont /Helvetica /FontDescriptor 99 0 R >>",
        "<< /Type /Font /Subtype /Type3 /BaseFont /Stamp >>",
        "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-V >>",
        descriptor("#CB#CE#CC#E5", "-150"),  # 宋体 in GBK, the name escaped
        compress=compress,
    )
    fonts = read_descents(data)
    assert fonts.descent(b"SimSun") == fonts.descent(b"ABCDEF+SimSun") == -0.141
    assert fonts.descent(b"SimSun-Identity-H") == -0.141  # a Type 0 font named after its CMap too
    assert fonts.descent(b"FangSong") == 0.0
    assert fonts.descent(b"KaiTi") == -0.212
    assert fonts.descent(b"SimHei") == 0.0
    assert fonts.descent(b"Mixed") is None
    assert fonts.descent(b"Helvetica") == -0.207  # pdfminer's own metrics for the standard 14
    assert fonts.descent(b"Stamp") is None  # Type 3: pdfminer measures it by its matrix
    assert fonts.descent(b"STSong-Light") is None  # written top to bottom: pdfminer boxes it otherwise
    assert fonts.descent(b"\xcb\xce\xcc\xe5") == -0.15
    assert fonts.descent(b"NotInTheFile") is None


def test_object_streams_of_an_encrypted_file_settle_nothing():
    data = font_file(descriptor("SimSun", "-141"), compress=True) + b"trailer << /Encrypt 5 0 R >>"
    assert read_descents(data) is UNSETTLED
