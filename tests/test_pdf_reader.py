"""PDF reader: ruled tables as row lines, wrapped and rotated headers, gaps, errors, scans.

Most PDFs here come from :class:`minipdf.MiniPdf`, which places every glyph, rule and image
exactly, which is what these tests are about. fpdf2 is used where a real generator matters:
encryption, and a ruled table with merged cells as a library lays it out.

Every file is read as the app reads it (pdfium, pdfplumber for the pages pdfium cannot stand in
for) and held on every read to pdfplumber's reading of the same file: same lines, cells, boxes,
notes and extraction (``tools/compare_pdf_readers.py``).
"""

from __future__ import annotations

import sys

import pytest
from conftest import ROOT
from minipdf import A4, MiniPdf

from desktop.core.document import Document, UnreadableError
from desktop.core.readers import pdf as reader
from desktop.core.readers import read_bytes

sys.path.insert(0, str(ROOT / "tools"))
from compare_pdf_readers import pdfplumber_pages, reading_differences  # noqa: E402


def read_pdf(data: bytes, source: str, *, pdfplumber_reads: tuple[int, ...] | None = ()) -> Document:
    """The reader, checked against pdfplumber's reading and for the pages it left to pdfplumber."""
    assert reading_differences(data, source) == []
    if pdfplumber_reads is not None:
        assert [page for page, _ in pdfplumber_pages(data)] == list(pdfplumber_reads)
    return reader.read_pdf(data, source)


def rows(doc: Document) -> list[list[str]]:
    return [[c.text for c in line.cells] for line in doc.lines]


def spans_hold(doc: Document) -> None:
    """Every cell points at its own text in Document.text: what lets the source pane highlight it."""
    for line in doc.lines:
        for cell in line.cells:
            assert doc.text[cell.loc.start:cell.loc.end] == cell.text


# ---------------------------------------------------------------------------------------------
# Ruled tables


def merged_table_pdf() -> bytes:
    pdf = MiniPdf().page().text(72, 80, "二、主动公开政府信息情况", 12)
    pdf.table([
        (72, 100, 200, 140, "第二十条第（一）项"),  # spans two rows
        (200, 100, 320, 120, "规章"), (320, 100, 380, 120, "0"), (380, 100, 440, 120, "3"), (440, 100, 500, 120, "5"),
        (200, 120, 320, 140, "行政规范性文件"), (320, 120, 380, 140, "12"), (380, 120, 440, 140, ""),
        (440, 120, 500, 140, "1"),
        (72, 140, 320, 160, "合计"),  # spans two columns
        (320, 140, 380, 160, "12"), (380, 140, 440, 160, "3"), (440, 140, 500, 160, "6"),
    ])
    pdf.text(72, 190, "三、收到和处理政府信息公开申请情况", 12)
    return pdf.build()


def test_ruled_table_with_merged_cells_reads_as_row_lines():
    doc = read_pdf(merged_table_pdf(), "r.pdf")
    assert rows(doc) == [
        ["二、主动公开政府信息情况"],
        ["第二十条第（一）项", "规章", "0", "3", "5"],
        ["行政规范性文件", "12", "", "1"],  # the covered label cell is omitted, the empty one kept
        ["合计", "12", "3", "6"],
        ["三、收到和处理政府信息公开申请情况"],
    ]
    assert doc.kind == "pdf" and doc.notes == []
    spans_hold(doc)


def test_table_cells_carry_page_and_grid_box():
    doc = read_pdf(merged_table_pdf(), "r.pdf")
    label, rule, *_ = doc.lines[1].cells
    assert label.loc.page == rule.loc.page == 1
    assert label.loc.bbox == pytest.approx((72, 100, 200, 140), abs=0.6)
    assert rule.loc.bbox == pytest.approx((200, 100, 320, 120), abs=0.6)
    empty = doc.lines[2].cells[2]
    assert empty.text == "" and empty.loc.bbox == pytest.approx((380, 120, 440, 140), abs=0.6)
    title = doc.lines[0].cells[0].loc.bbox
    assert title[0] == pytest.approx(72, abs=0.5) and 60 < title[1] < title[3] < 85
    assert doc.pages[0].number == 1 and (doc.pages[0].width, doc.pages[0].height) == A4


def test_header_wrapped_one_character_per_line_joins():
    pdf = MiniPdf().page()
    pdf.box(100, 100, 116, 160).box(116, 100, 132, 160).box(132, 100, 200, 160)
    for i, (a, b) in enumerate(zip("结果维持", "其他结果")):
        pdf.text(103, 112 + 13 * i, a).text(119, 112 + 13 * i, b)
    pdf.text(135, 130, "总计")
    pdf.table([(100, 160, 116, 180, "1"), (116, 160, 132, 180, "2"), (132, 160, 200, 180, "3")])
    doc = read_pdf(pdf.build(), "h.pdf")
    assert rows(doc) == [["结果维持", "其他结果", "总计"], ["1", "2", "3"]]


def test_wrapped_cell_text_joins_without_spaces_but_keeps_english_spaces():
    pdf = MiniPdf().page()
    pdf.box(100, 100, 220, 150).box(220, 100, 300, 150)
    pdf.text(103, 112, "（二）部分公开（区分").text(103, 125, "处理的，只计这一情形").text(103, 138, "Open Data")
    pdf.text(223, 112, "2,157.9").text(223, 125, "36")
    pdf.box(100, 150, 220, 170).box(220, 150, 300, 170).text(103, 163, "x").text(223, 163, "y")
    doc = read_pdf(pdf.build(), "w.pdf")
    assert rows(doc)[0] == ["（二）部分公开（区分处理的，只计这一情形Open Data", "2,157.936"]


@pytest.mark.parametrize("angle, start_y", [(90, 300), (-90, 120)])
def test_rotated_vertical_label_reads_in_writing_order(angle, start_y):
    """Word's "bottom to top" text runs upwards; pdfplumber alone reads it reversed (果结理办…)."""
    pdf = MiniPdf().page()
    pdf.box(100, 100, 130, 320).text(119 if angle == 90 else 111, start_y, "三、本年度办理结果", 10, angle)
    pdf.table([(130, 100, 300, 210, "（一）予以公开"), (300, 100, 360, 210, "4"),
               (130, 210, 300, 320, "（七）总计"), (300, 210, 360, 320, "4")])
    doc = read_pdf(pdf.build(), "v.pdf")
    assert rows(doc) == [["三、本年度办理结果", "（一）予以公开", "4"], ["（七）总计", "4"]]


def test_word_running_over_a_cell_edge_is_split_between_cells():
    """Cells packed so tight that pdfplumber makes one word of two cells' numbers."""
    pdf = MiniPdf().page().box(100, 100, 111, 120).box(111, 100, 130, 120)
    pdf.text(101, 114, "12").text(112, 114, "34")
    pdf.box(100, 120, 111, 140).box(111, 120, 130, 140)
    doc = read_pdf(pdf.build(), "t.pdf")
    assert rows(doc)[0] == ["12", "34"]


def test_text_inside_table_box_but_in_no_cell_is_kept():
    pdf = MiniPdf().page()
    pdf.table([(100, 100, 200, 120, "规章"), (200, 100, 300, 120, "1"), (300, 100, 400, 120, "2"),
               (100, 120, 200, 140, "行政许可")])
    pdf.text(320, 134, "注")  # under the last cell of row one, where the grid has no cell
    doc = read_pdf(pdf.build(), "l.pdf")
    assert "注" in doc.text
    assert rows(doc)[0][0] == "规章" and ["行政许可"] in rows(doc)


def test_frame_round_the_page_is_layout_not_a_table():
    pdf = MiniPdf().page().box(50, 50, 545, 790).box(50, 50, 545, 110)  # frame, rule under letterhead
    pdf.text(72, 90, "某县人民政府办公室", 16).text(72, 140, "一、总体情况").text(72, 160, "全年主动公开信息")
    doc = read_pdf(pdf.build(), "frame.pdf")
    assert rows(doc) == [["某县人民政府办公室"], ["一、总体情况"], ["全年主动公开信息"]]


def test_two_page_table_continues_in_order_and_page_numbers_drop():
    pdf = MiniPdf()
    for page, labels in enumerate([["（一）予以公开", "（二）部分公开"], ["（三）不予公开", "（七）总计"]], 1):
        pdf.page()
        top = 700 if page == 1 else 60
        for i, label in enumerate(labels):
            y = top + 20 * i
            pdf.table([(72, y, 250, y + 20, label), (250, y, 320, y + 20, str(page * 10 + i))])
        pdf.text(280, 810, f"- {page} -")
    pdf.text(72, 120, "四、结转下年度继续办理")
    doc = read_pdf(pdf.build(), "p.pdf")
    assert rows(doc) == [
        ["（一）予以公开", "10"], ["（二）部分公开", "11"],
        ["（三）不予公开", "20"], ["（七）总计", "21"],
        ["四、结转下年度继续办理"],
    ]
    assert [line.cells[0].loc.page for line in doc.lines] == [1, 1, 2, 2, 2]
    assert [p.number for p in doc.pages] == [1, 2]
    spans_hold(doc)


# ---------------------------------------------------------------------------------------------
# Text outside tables


def test_table_without_rules_splits_into_cells_at_gaps():
    pdf = MiniPdf().page()
    pdf.text(72, 100, "规章").text(300, 100, "0").text(380, 100, "3").text(460, 100, "5")
    pdf.text(72, 120, "本机关全年共收到申请").text(172, 120, "12").text(180, 120, "件，办结").text(222, 120, "OK")
    pdf.text(72, 140, "This is").text(110, 140, "English")
    doc = read_pdf(pdf.build(), "g.pdf")
    assert rows(doc) == [["规章", "0", "3", "5"], ["本机关全年共收到申请12件，办结OK"], ["This is English"]]
    assert doc.lines[0].cells[1].loc.bbox == pytest.approx((300, 91.2, 305, 101.2), abs=0.6)


def test_fake_bold_kangxi_radicals_and_margins():
    pdf = MiniPdf().page()
    pdf.text(72, 30, "第 1 页")  # header page number: dropped
    pdf.text(72, 100, "总体情况").text(72.3, 100.2, "总体情况")  # printed twice for bold
    pdf.text(72, 120, "\u2f00、总体情况")  # Kangxi radical one
    pdf.text(72, 140, "12")  # a lone number in the body is content, not a page number
    doc = read_pdf(pdf.build(), "b.pdf")
    assert rows(doc) == [["总体情况"], ["一、总体情况"], ["12"]]
    assert any("康熙部首" in n for n in doc.notes)


def test_font_without_unicode_map_is_noted_and_reading_goes_on():
    pdf = MiniPdf().page().text(72, 100, "一、总体情况").text(72, 120, "乱码", mapped=False)
    doc = read_pdf(pdf.build(), "c.pdf", pdfplumber_reads=(1,))  # pdfium would guess the text
    assert doc.lines[0].cells[0].text == "一、总体情况"
    assert "(cid:" in doc.text
    assert any("(cid:xx)" in n and "第1页" in n for n in doc.notes)


# ---------------------------------------------------------------------------------------------
# Scans and errors


def test_scanned_pages_give_a_note_not_an_error():
    pdf = MiniPdf()
    for _ in range(3):
        pdf.page().image(0, 0, *A4)
    doc = read_pdf(pdf.build(), "scan.pdf")
    assert doc.kind == "pdf" and doc.lines == [] and len(doc.pages) == 3
    assert doc.scan is not None and doc.scan.pages == [1, 2, 3] and doc.scan.pending
    assert doc.notes == []  # what becomes of the scan is the OCR step's to say


def test_one_scanned_page_among_text_pages_is_named():
    pdf = MiniPdf().page().text(72, 100, "一、总体情况").page().image(0, 0, *A4).page().text(72, 100, "完")
    doc = read_pdf(pdf.build(), "mixed.pdf")
    assert rows(doc) == [["一、总体情况"], ["完"]]
    assert doc.scan.pages == [2]


def test_truncated_pdf_is_unreadable():
    data = merged_table_pdf()
    with pytest.raises(UnreadableError) as info:
        read_pdf(data[: len(data) // 2], "cut.pdf", pdfplumber_reads=None)
    assert "损坏" in info.value.zh and "damaged" in info.value.en


def test_garbage_after_pdf_header_is_unreadable():
    with pytest.raises(UnreadableError) as info:
        read_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40, "junk.pdf")
    assert "损坏" in info.value.zh


def test_pdf_without_pages_is_unreadable():
    with pytest.raises(UnreadableError) as info:
        read_pdf(MiniPdf().build(), "empty.pdf", pdfplumber_reads=None)
    assert "没有任何页面" in info.value.zh and "no pages" in info.value.en


def fpdf_document():
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    return pdf


def test_encrypted_pdf_is_unreadable():
    pdf = fpdf_document()
    pdf.cell(60, 10, "secret report", border=1)
    pdf.set_encryption(owner_password="owner", user_password="user")
    with pytest.raises(UnreadableError) as info:
        read_pdf(bytes(pdf.output()), "locked.pdf", pdfplumber_reads=None)
    assert "加密" in info.value.zh and "encrypted" in info.value.en


def test_pdf_with_only_an_owner_password_still_reads():
    pdf = fpdf_document()
    pdf.cell(60, 10, "open report")
    pdf.set_encryption(owner_password="owner")
    doc = read_pdf(bytes(pdf.output()), "restricted.pdf")
    assert rows(doc) == [["open report"]]


def test_fpdf2_table_with_rowspan_and_colspan():
    pdf = fpdf_document()
    with pdf.table(col_widths=(40, 40, 20, 20)) as table:
        row = table.row()
        row.cell("Review", colspan=2)
        row.cell("Total", colspan=2)
        row = table.row()
        row.cell("Upheld", rowspan=2)
        row.cell("direct")
        row.cell("1")
        row.cell("2")
        row = table.row()
        row.cell("after")
        row.cell("")
        row.cell("4")
    doc = read_pdf(bytes(pdf.output()), "fpdf.pdf")
    assert rows(doc) == [["Review", "Total"], ["Upheld", "direct", "1", "2"], ["after", "", "4"]]
    assert all(c.loc.page == 1 and c.loc.bbox for line in doc.lines for c in line.cells)


# ---------------------------------------------------------------------------------------------
# Speed: pages stay off pdfminer (bench/bench_extract.py measures how fast that is)


def test_a_plain_report_never_opens_pdfplumber(monkeypatch):
    """Pages read by pdfium cost a quarter of pdfminer's parse; the one way back to that cost is a
    page left to pdfplumber, so opening it at all fails here."""
    pdf = MiniPdf()
    for p in range(6):
        pdf.page().text(72, 60, f"第{p}页正文，本机关全年共收到申请 12 件。")
        for r in range(25):
            y = 80 + r * 20
            pdf.table([(72, y, 250, y + 20, f"{r}.属于行政查询事项")]
                      + [(250 + 40 * c, y, 290 + 40 * c, y + 20, str(r * c)) for c in range(7)])

    def refuse(data: bytes) -> None:
        raise AssertionError("a page went to pdfplumber")

    monkeypatch.setattr(reader, "_open", refuse)
    assert len(reader.read_pdf(pdf.build(), "plain.pdf").lines) == 6 * 26
