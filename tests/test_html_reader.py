"""The HTML reader: decoding, reading order, rowspan/colspan grids, page chrome."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURES, SAMPLES, needs_samples
from desktop.core.document import Document
from desktop.core.readers import read_bytes
from desktop.core.readers.html import decode_html, read_html, table_grid



def _rows(doc: Document) -> list[list[str]]:
    return [[c.text for c in line.cells] for line in doc.lines]


def _assert_spans(doc: Document) -> None:
    """Every cell points at its own text in ``doc.text``: what lets the source pane highlight it."""
    assert doc.lines, "expected some lines"
    for line in doc.lines:
        for c in line.cells:
            assert doc.text[c.loc.start:c.loc.end] == c.text
            assert c.loc.page is None and c.loc.bbox is None


def _page(body: str, head: str = '<meta charset="utf-8">') -> bytes:
    return f"<!DOCTYPE html><html><head>{head}<title>标题栏</title></head><body>{body}</body></html>".encode()


# A table-四-like block: a two-row header with rowspan and colspan, and a data row.
GRID_TABLE = """
<table border="1">
  <tr><td rowspan="2">行政复议</td><td colspan="2">行政诉讼</td><td rowspan="3">备注</td></tr>
  <tr><td>未经复议</td><td>复议后</td></tr>
  <tr><td>0</td><td></td><td>2</td></tr>
</table>
"""


def test_blocks_and_tables_in_reading_order():
    body = """
      <h1>XX区2021年政府信息公开工作年度报告</h1>
      <p>一、总体情况</p>
      <div>本年共受理申请 <b>13</b> 件。</div>
      <table><tr><th>信息内容</th><th>本年制发件数</th></tr><tr><td>规章</td><td>0</td></tr></table>
      <p>五、存在的主要问题及改进情况</p>
    """
    doc = read_html(_page(body), "page.html")
    assert doc.kind == "html" and doc.source == "page.html" and doc.encoding == "utf-8"
    assert _rows(doc) == [
        ["XX区2021年政府信息公开工作年度报告"],
        ["一、总体情况"],
        ["本年共受理申请 13 件。"],
        ["信息内容", "本年制发件数"],
        ["规章", "0"],
        ["五、存在的主要问题及改进情况"],
    ]
    _assert_spans(doc)


def test_rowspan_and_colspan_continuations_are_omitted():
    doc = read_html(_page(GRID_TABLE), "t.html")
    assert _rows(doc) == [
        ["行政复议", "行政诉讼", "备注"],
        ["未经复议", "复议后"],
        ["0", "", "2"],
    ]
    _assert_spans(doc)


def test_grid_places_each_cell_in_the_column_a_browser_draws_it():
    table = BeautifulSoup(GRID_TABLE, "lxml").table
    grid = [[(col, td.get_text()) for col, td in row] for row in table_grid(table)]
    assert grid == [
        [(0, "行政复议"), (1, "行政诉讼"), (3, "备注")],
        [(1, "未经复议"), (2, "复议后")],  # column 0 is under 行政复议's rowspan
        [(0, "0"), (1, ""), (2, "2")],  # column 3 is under 备注's rowspan
    ]


def test_bad_span_attributes_count_as_one():
    html = '<table><tr><td colspan="x">a</td><td rowspan="0">b</td></tr><tr><td>c</td><td>d</td></tr></table>'
    grid = table_grid(BeautifulSoup(html, "lxml").table)
    assert [[col for col, _ in row] for row in grid] == [[0, 1], [0, 1]]


def test_empty_cells_stay_as_empty_strings():
    html = "<table><tr><td>规章</td><td></td><td>&nbsp;</td><td> <span></span> </td><td>0</td></tr></table>"
    doc = read_html(_page(html), "t.html")
    assert _rows(doc) == [["规章", "", "", "", "0"]]
    assert doc.lines[0].text == "规章\t\t\t\t0"
    _assert_spans(doc)


def test_cjk_cell_text_joins_without_spaces_but_numbers_stay_apart():
    html = """<table><tr>
      <td><p class="MsoNormal">本年新</p><p class="MsoNormal">制作数量</p></td>
      <td>第二十条<br>第（五）项</td>
      <td>其他法律
          行政法规禁止公开</td>
      <td>12<br>34</td>
      <td>Total<br>amount</td>
    </tr></table>"""
    doc = read_html(_page(html), "t.html")
    assert _rows(doc) == [["本年新制作数量", "第二十条第（五）项", "其他法律行政法规禁止公开", "12 34", "Total amount"]]
    _assert_spans(doc)


def test_gb18030_page_with_http_equiv_charset():
    body = "<p>六安市叶集区融媒体中心</p><table><tr><td>行政许可</td><td>0</td></tr></table>"
    head = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
    data = f"<html><head>{head}</head><body>{body}</body></html>".encode("gb18030")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the test really is about a non-UTF-8 page
    doc = read_html(data, "gb.html")
    assert doc.encoding == "gb18030"
    assert _rows(doc) == [["六安市叶集区融媒体中心"], ["行政许可", "0"]]
    assert doc.notes == []
    _assert_spans(doc)


def test_meta_charset_gbk_and_gbk_only_characters():
    # 镕 and 珺 are outside GB2312; pages labelled GB2312/GBK hold them all the time
    data = '<html><head><meta charset="GBK"></head><body><p>镕珺区政府</p></body></html>'.encode("gb18030")
    doc = read_html(data, "gbk.html")
    assert _rows(doc) == [["镕珺区政府"]]


def test_undeclared_encodings_try_utf8_then_gb18030():
    page = "<html><body><p>年度报告</p></body></html>"
    assert decode_html(page.encode("utf-8"))[:2] == (page, "utf-8")
    assert decode_html(page.encode("gb18030"))[:2] == (page, "gb18030")


def test_bom_wins_over_a_wrong_meta_charset():
    page = '<html><head><meta charset="gb2312"></head><body><p>年度报告</p></body></html>'
    doc = read_html(b"\xef\xbb\xbf" + page.encode("utf-8"), "bom.html")
    assert _rows(doc) == [["年度报告"]]
    assert doc.encoding == "utf-8-sig"


def test_wrong_declared_charset_falls_back_to_what_decodes():
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>年度报告</p></body></html>'
    assert _rows(read_html(page.encode("utf-8"), "x.html")) == [["年度报告"]]
    page = '<html><head><meta charset="utf-8"></head><body><p>年度报告</p></body></html>'
    assert _rows(read_html(page.encode("gb18030"), "y.html")) == [["年度报告"]]


def test_web_chrome_is_kept_as_separate_lines_and_menus_are_dropped():
    body = """
      <header><a href="/">网站首页</a> <a>政务公开</a></header>
      <nav><ul><li>首页</li><li>信息公开</li></ul></nav>
      <div class="crumb">您当前的位置：<a>首页</a> &gt; <a>信息公开年报</a></div>
      <article>
        <header><h1>六安市叶集区融媒体中心2020年政府信息公开工作年度报告</h1></header>
        <div class="info">2021-01-19 08:50 <span>浏览量：</span><span id="n"></span>
          <span>信息来源：叶集区融媒体中心</span></div>
        <p>一、总体情况</p>
        <p>文件下载</p>
      </article>
      <footer>版权所有 网站标识码</footer>
      <script>document.write("统计代码")</script><style>p{color:red}</style>
      <noscript>请启用脚本</noscript>
    """
    doc = read_html(_page(body), "web.html")
    assert _rows(doc) == [
        ["您当前的位置：首页 > 信息公开年报"],
        ["六安市叶集区融媒体中心2020年政府信息公开工作年度报告"],
        ["2021-01-19 08:50 浏览量：信息来源：叶集区融媒体中心"],
        ["一、总体情况"],
        ["文件下载"],
    ]
    assert "标题栏" not in doc.text  # <head> content
    _assert_spans(doc)


def test_layout_table_around_the_page_does_not_swallow_the_report():
    prose = "区融媒体中心认真贯彻《条例》，" * 40
    body = f"""
      <table width="1000"><tr>
        <td width="200"><a>栏目导航</a><br><a>政策文件</a></td>
        <td><h2>一、总体情况</h2><p>{prose}</p>
          <table border="1"><tr><td>规章</td><td>0</td></tr></table>
        </td>
      </tr></table>"""
    doc = read_html(_page(body), "layout.html")
    rows = _rows(doc)
    assert rows[:3] == [["栏目导航"], ["政策文件"], ["一、总体情况"]]
    assert rows[-1] == ["规章", "0"]
    _assert_spans(doc)


def test_nested_data_table_rows_follow_their_row():
    html = """<table>
      <tr><td>外层</td><td>A<table><tr><td>内1</td><td>内2</td></tr></table></td></tr>
      <tr><td>下一行</td><td>B</td></tr></table>"""
    doc = read_html(_page(html), "n.html")
    assert _rows(doc) == [["外层", "A"], ["内1", "内2"], ["下一行", "B"]]


def test_caption_and_stray_markup_inside_a_table_are_not_lost():
    html = """<table><caption>表二</caption><colgroup><col></colgroup>
      <tbody><tr><td>规章</td><td>0</td></tr></tbody>
      <div>（单位：万元）</div>
      <tr><td>行政事业性收费</td><td>1,434.1345</td></tr></table>"""
    doc = read_html(_page(html), "s.html")
    assert _rows(doc) == [["表二"], ["规章", "0"], ["（单位：万元）"], ["行政事业性收费", "1,434.1345"]]
    _assert_spans(doc)


def test_preformatted_tab_table_splits_like_text():
    doc = read_html(_page("<pre>规章\t0\t\t5\n\n行政许可\t1</pre>"), "p.html")
    assert _rows(doc) == [["规章", "0", "", "5"], ["行政许可", "1"]]


def test_page_without_text_gives_no_lines():
    doc = read_html(_page("<div><img src='scan.png'></div><script>var a = '年度报告';</script>"), "img.html")
    assert doc.lines == [] and doc.text == ""


def test_undecodable_bytes_are_replaced_and_noted():
    data = b'<html><head><meta charset="utf-8"></head><body><p>\xff\xfe\xff abc</p></body></html>'
    doc = read_html(data, "junk.html")
    assert "abc" in doc.text
    assert doc.notes and "�" in doc.notes[0]


def test_dispatcher_sends_web_pages_here():
    doc = read_bytes(_page("<p>年度报告</p>"), "report.doc")
    assert doc.kind == "html" and _rows(doc) == [["年度报告"]]


@pytest.mark.parametrize("path", [
    FIXTURES / "reports" / "f21_2020_text_cell_per_line.txt",
    pytest.param(SAMPLES / "002_04dc4f47b69b910a.txt", marks=needs_samples),
], ids=lambda p: p.stem)
def test_web_page_copied_as_text_rebuilt_as_paragraphs_keeps_every_line(path):
    """A web page copied as text, rebuilt as one <p> per line, reads back line by line."""
    lines = [ln.strip() for ln in path.read_text(encoding="utf-8-sig").splitlines() if ln.strip()]
    body = "".join(f"<p>{ln.replace('&', '&amp;').replace('<', '&lt;')}</p>" for ln in lines)
    doc = read_html(_page(body), f"{path.stem}.html")
    got = [row[0] for row in _rows(doc)]
    assert [re.sub(r"\s", "", t) for t in got] == [re.sub(r"\s", "", t) for t in lines]
    assert any(t.startswith("您当前的位置") for t in got) and "文件下载" in "".join(got)
    _assert_spans(doc)
