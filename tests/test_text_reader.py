"""Plain-text reports: encodings told from the bytes, cells with exact spans."""

from __future__ import annotations

import pytest

from desktop.core.document import UnreadableError
from desktop.core.readers import read_file, sniff
from desktop.core.readers.text import decode, read_text

REPORT = "某县财政局2021年政府信息公开工作年度报告\n一、总体情况\n规章\t1\t0\t3\n"


def _spans_hold(doc) -> None:
    for line in doc.lines:
        for cell in line.cells:
            assert doc.text[cell.loc.start:cell.loc.end] == cell.text


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_encodings_are_detected_from_bytes(encoding):
    text, used = decode(REPORT.encode(encoding))
    assert text.lstrip("\ufeff") == REPORT
    assert used.replace("-sig", "") in {encoding.replace("-sig", ""), "gb18030", "utf-16"}


def test_gb18030_file_named_txt_reads_as_chinese(write_text):
    doc = read_file(write_text(REPORT, encoding="gb18030"))
    assert doc.encoding == "gb18030"
    assert doc.lines[0].cells[0].text == "某县财政局2021年政府信息公开工作年度报告"


def test_crlf_and_bom_keep_spans_exact(write_text):
    path = write_text(REPORT.replace("\n", "\r\n"), encoding="utf-8-sig")
    doc = read_file(path)
    assert "\r" not in doc.text
    assert [c.text for c in doc.lines[2].cells] == ["规章", "1", "0", "3"]
    _spans_hold(doc)


def test_pipe_tables_split_into_cells_and_rule_lines_vanish():
    doc = read_text("| 规章 | 3 | 1 | 12 |\n|---|---|---|---|\n| 行政规范性文件 | 2 | 0 | 9 |\n".encode(), "x")
    assert [[c.text for c in line.cells] for line in doc.lines] == [["规章", "3", "1", "12"], ["行政规范性文件", "2", "0", "9"]]
    _spans_hold(doc)


def test_tab_cells_keep_empty_cells_for_padding():
    doc = read_text("二、上年结转政府信息公开申请数量\t\t0\t1\n".encode(), "x")
    assert [c.text for c in doc.lines[0].cells] == ["二、上年结转政府信息公开申请数量", "", "0", "1"]


def test_binary_bytes_named_txt_are_refused(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(UnreadableError) as info:
        read_file(path)
    assert "二进制" in info.value.zh


def test_sniff_tells_kinds_from_bytes_not_names():
    assert sniff(b"%PDF-1.7\n...") == "pdf"
    assert sniff(b"<!DOCTYPE html><html><body>x</body></html>") == "html"
    assert sniff("一、总体情况".encode("gb18030")) == "text"
    assert sniff(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest") == "ole"
