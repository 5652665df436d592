"""The DOCX reader: body order, merged cells, CJK joins, damaged and encrypted files."""

from __future__ import annotations

import io
import re
import zipfile

import docx
import pytest
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from conftest import FIXTURES, SAMPLES, needs_samples
from desktop.core.document import Document, UnreadableError
from desktop.core.readers import read_bytes
from desktop.core.readers.docx import read_docx
from desktop.core.readers.text import read_text

MC_NS = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'


def _bytes(document) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _rows(doc: Document) -> list[list[str]]:
    return [[c.text for c in line.cells] for line in doc.lines]


def _assert_spans(doc: Document) -> None:
    """Every cell points at its own text in ``doc.text``: what lets the source pane highlight it."""
    assert doc.lines, "expected some lines"
    for line in doc.lines:
        for c in line.cells:
            assert doc.text[c.loc.start:c.loc.end] == c.text
            assert c.loc.page is None and c.loc.bbox is None


def _report_docx() -> bytes:
    """A small report: heading, table with vertical + horizontal merges and an empty cell, prose."""
    d = docx.Document()
    d.add_paragraph("二、主动公开政府信息情况")
    d.add_paragraph("")  # empty paragraph: skipped
    t = d.add_table(rows=4, cols=4)
    t.cell(0, 0).merge(t.cell(0, 3)).text = "第二十条第（一）项"
    t.cell(1, 0).text = "信息内容"
    t.cell(1, 1).text = "本年新"
    t.cell(1, 1).add_paragraph("制作数量")  # label wrapped over two paragraphs
    t.cell(1, 2).text = "本年新公开数量"
    t.cell(1, 3).text = "对外公开总数量"
    label = t.cell(2, 0).merge(t.cell(3, 0))  # vertical merge: row 3 starts with a continuation
    label.text = "规章"
    t.cell(2, 1).text = "3"
    t.cell(2, 2).text = "2"
    t.cell(2, 3).text = "5"
    t.cell(3, 1).text = "1"
    # t.cell(3, 2) is left empty on purpose
    t.cell(3, 3).text = "1"
    d.add_paragraph("三、收到和处理政府信息公开申请情况")
    return _bytes(d)


def test_paragraphs_and_tables_in_document_order():
    doc = read_docx(_report_docx(), "r.docx")
    assert doc.kind == "docx" and doc.source == "r.docx"
    assert _rows(doc) == [
        ["二、主动公开政府信息情况"],
        ["第二十条第（一）项"],
        ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
        ["规章", "3", "2", "5"],
        ["1", "", "1"],
    ] + [["三、收到和处理政府信息公开申请情况"]]
    _assert_spans(doc)


def test_horizontal_merge_appears_once_and_vertical_continuation_is_omitted():
    doc = read_docx(_report_docx(), "r.docx")
    rows = _rows(doc)
    assert rows[1] == ["第二十条第（一）项"]  # four grid columns, one cell
    assert rows[4] == ["1", "", "1"]  # no padding cell for the merged 规章 above
    assert sum(row.count("规章") for row in rows) == 1


def test_real_empty_cell_is_kept_with_a_zero_length_span():
    doc = read_docx(_report_docx(), "r.docx")
    empty = doc.lines[4].cells[1]
    assert empty.text == ""
    assert empty.loc.start == empty.loc.end
    assert doc.lines[4].text == "1\t\t1"


def test_cjk_label_wrapped_over_paragraphs_and_breaks_joins_without_spaces():
    d = docx.Document()
    t = d.add_table(rows=1, cols=3)
    t.cell(0, 0).text = "（三）不予公开"
    t.cell(0, 0).add_paragraph("2.其他法律行政法规")
    t.cell(0, 0).add_paragraph("禁止公开")
    run = t.cell(0, 1).paragraphs[0].add_run("Total")
    run.add_break()  # a soft line break inside the cell
    t.cell(0, 1).paragraphs[0].add_run("amount")
    t.cell(0, 2).text = "12"
    t.cell(0, 2).add_paragraph("34")  # two numbers must not merge into 1234
    doc = read_docx(_bytes(d), "x.docx")
    assert _rows(doc) == [["（三）不予公开2.其他法律行政法规禁止公开", "Total amount", "12 34"]]
    _assert_spans(doc)


def test_body_whitespace_between_chinese_characters_is_dropped_but_numbers_stay_apart():
    d = docx.Document()
    d.add_paragraph("　　规　　章  0  0")
    d.add_paragraph("2021-01-19 08:50   浏览量")
    doc = read_docx(_bytes(d), "x.docx")
    assert _rows(doc) == [["规章 0 0"], ["2021-01-19 08:50 浏览量"]]


def test_tab_separated_paragraph_splits_like_copied_text():
    d = docx.Document()
    d.add_paragraph("规章\t0\t\t5")
    doc = read_docx(_bytes(d), "x.docx")
    assert _rows(doc) == [["规章", "0", "", "5"]]
    _assert_spans(doc)


def test_nested_table_rows_follow_the_row_that_holds_them():
    d = docx.Document()
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text = "外层"
    t.cell(0, 1).text = "A"
    inner = t.cell(0, 1).add_table(rows=2, cols=2)
    for r in range(2):
        for c in range(2):
            inner.cell(r, c).text = f"内{r}{c}"
    t.cell(1, 0).text = "下一行"
    t.cell(1, 1).text = "B"
    doc = read_docx(_bytes(d), "x.docx")
    assert _rows(doc) == [["外层", "A"], ["内00", "内01"], ["内10", "内11"], ["下一行", "B"]]
    _assert_spans(doc)


def test_one_column_frame_table_reads_as_paragraphs():
    d = docx.Document()
    frame = d.add_table(rows=1, cols=1)
    frame.cell(0, 0).text = "六安市叶集区融媒体中心"
    frame.cell(0, 0).add_paragraph("2020年政府信息公开工作年度报告")
    doc = read_docx(_bytes(d), "x.docx")
    assert _rows(doc) == [["六安市叶集区融媒体中心"], ["2020年政府信息公开工作年度报告"]]


def test_content_controls_hidden_text_and_tracked_changes():
    d = docx.Document()
    d.add_paragraph("前")
    body = d.element.body
    sdt = parse_xml(
        f'<w:sdt {nsdecls("w")}><w:sdtContent><w:p><w:r><w:t>控件内文字</w:t></w:r></w:p></w:sdtContent></w:sdt>'
    )
    body.insert(1, sdt)
    p = d.add_paragraph("共受理")
    p._p.append(parse_xml(f'<w:del {nsdecls("w")} w:id="1" w:author="a"><w:r><w:delText>9</w:delText></w:r></w:del>'))
    p._p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="2" w:author="a"><w:r><w:t>13</w:t></w:r></w:ins>'))
    p.add_run("件")
    hidden = d.add_paragraph("可见")
    hidden.add_run("隐藏批注").font.hidden = True
    doc = read_docx(_bytes(d), "x.docx")
    assert _rows(doc) == [["前"], ["控件内文字"], ["共受理13件"], ["可见"]]
    assert any("修订" in note for note in doc.notes)


def test_text_box_is_read_once_as_its_own_line():
    d = docx.Document()
    p = d.add_paragraph("正文")
    box = '<w:txbxContent><w:p><w:r><w:t>框内文字</w:t></w:r></w:p></w:txbxContent>'
    p.runs[0]._r.append(parse_xml(
        f'<mc:AlternateContent {nsdecls("w")} {MC_NS}>'
        f'<mc:Choice Requires="wps"><w:drawing>{box}</w:drawing></mc:Choice>'
        f'<mc:Fallback><w:pict>{box}</w:pict></mc:Fallback></mc:AlternateContent>'
    ))
    doc = read_docx(_bytes(d), "x.docx")
    assert _rows(doc) == [["正文"], ["框内文字"]]


def test_html_alt_chunk_is_read_in_place():
    d = docx.Document()
    d.add_paragraph("前")
    html = "<html><body><p>嵌入段落</p><table><tr><td>规章</td><td>0</td></tr></table></body></html>"
    part = Part(PackURI("/word/afchunk1.html"), "text/html", html.encode("utf-8"), d.part.package)
    rid = d.part.relate_to(part, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk")
    d.element.body.insert(1, parse_xml(f'<w:altChunk {nsdecls("w", "r")} r:id="{rid}"/>'))
    d.add_paragraph("后")
    doc = read_docx(_bytes(d), "x.docx")
    assert _rows(doc) == [["前"], ["嵌入段落"], ["规章", "0"], ["后"]]


def test_macro_enabled_document_is_read_too():
    data = _report_docx()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename == "[Content_Types].xml":
                content = content.replace(
                    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                    b"application/vnd.ms-word.document.macroEnabled.main+xml",
                )
            dst.writestr(item, content)
    doc = read_docx(out.getvalue(), "m.docm")
    assert _rows(doc)[0] == ["二、主动公开政府信息情况"]
    assert ["规章", "3", "2", "5"] in _rows(doc)


def test_document_without_text_has_no_lines():
    doc = read_docx(_bytes(docx.Document()), "empty.docx")
    assert doc.lines == [] and doc.text == ""


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"PK\x03\x04 this is not really a zip archive", id="bad-zip"),
        pytest.param(b"hello, not a word file", id="not-zip"),
        pytest.param(None, id="truncated"),
        pytest.param(b"zip-without-document", id="zip-without-document"),
    ],
)
def test_damaged_docx_is_unreadable(data):
    if data is None:
        full = _report_docx()
        data = full[: len(full) // 2]
    elif data == b"zip-without-document":
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("hello.txt", "hi")
        data = buf.getvalue()
    with pytest.raises(UnreadableError) as info:
        read_docx(data, "bad.docx")
    assert info.value.zh == "DOCX 文件已损坏，无法打开"
    assert info.value.en == "The DOCX file is damaged and cannot be opened"


def _ole(*streams: str) -> bytes:
    """Enough of an OLE compound file for the reader: the magic and the directory's stream names."""
    names = b"".join(name.encode("utf-16-le") + b"\0\0" for name in streams)
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + names


def test_password_protected_docx_is_reported_as_encrypted():
    with pytest.raises(UnreadableError) as info:
        read_docx(_ole("EncryptionInfo", "EncryptedPackage"), "secret.docx")
    assert "密码" in info.value.zh and ".docx" in info.value.zh
    assert "password" in info.value.en


def test_old_doc_or_encrypted_file_asks_to_save_as_docx_or_pdf():
    with pytest.raises(UnreadableError) as info:
        read_docx(_ole("WordDocument", "1Table"), "old.doc")
    assert ".doc" in info.value.zh and "PDF" in info.value.zh
    assert "encrypted" in info.value.en and ".docx" in info.value.en


def test_dispatcher_sends_ole_files_here():
    with pytest.raises(UnreadableError) as info:
        read_bytes(_ole("WordDocument"), "old.doc")
    assert "另存为 .docx" in info.value.zh


@pytest.mark.parametrize("path", [
    FIXTURES / "damaged" / "d01_2020_lost_tables.txt",
    pytest.param(SAMPLES / "000_eb001e0cb81ff993.txt", marks=needs_samples),
], ids=lambda p: p.stem)
def test_tab_text_as_paragraphs_matches_the_text_reader(path):
    """A tab-separated report put into Word paragraph by paragraph gives the cells its text copy gives."""
    raw = path.read_bytes()
    expected = read_text(raw, path.name)
    d = docx.Document()
    for line in raw.decode("utf-8-sig").replace("\r\n", "\n").split("\n"):
        d.add_paragraph(line)
    doc = read_docx(_bytes(d), f"{path.stem}.docx")

    def squash(rows: list[list[str]]) -> list[list[str]]:
        return [[re.sub(r"\s", "", c) for c in row] for row in rows]

    assert squash(_rows(doc)) == squash(_rows(expected))
    assert any(len(line.cells) > 3 for line in doc.lines)
    _assert_spans(doc)
