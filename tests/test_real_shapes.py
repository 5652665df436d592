"""The shapes real portals publish, on small project-made reports with known cells.

Each test writes a report the way a web-page-to-text converter (or a portal, or a scan) writes it
and reads it back: separators, empty cells, blank tables, excerpts cut off mid-row, short rows,
numbers run together, label punctuation and variant characters, metadata in every place.
"""

from __future__ import annotations

import pytest

from desktop.core.pipeline import analyse_bytes
from tests.web_shapes import STYLES, report_text

ACTIVE = {
    "2021": {"active.normative.issued": 2, "active.normative.repealed": 1, "active.normative.in_force": 5,
             "active.licensing.decisions": 120, "active.penalty.decisions": 18, "active.coercion.decisions": 3,
             "active.fees.amount": 1.5},
    "2019": {"active.normative.made": 3, "active.normative.published": 3, "active.normative.total": 12,
             "active.licensing.prev": 10, "active.licensing.change": -2, "active.licensing.decisions": 40,
             "active.other_services.prev": 5, "active.other_services.change": 1, "active.other_services.decisions": 9,
             "active.penalty.prev": 4, "active.penalty.decisions": 7, "active.fees.prev": 2,
             "active.procurement.items": 4, "active.procurement.amount": 120.5},
}
REQUESTS = {
    "requests.new.natural": 5, "requests.new.business": 1, "requests.new.total": 6,
    "requests.carried_in.natural": 1, "requests.carried_in.total": 1,
    "requests.disclosed.natural": 3, "requests.disclosed.total": 3,
    "requests.partial.business": 1, "requests.partial.total": 1,
    "requests.unable_none.natural": 2, "requests.unable_none.total": 2,
    "requests.results_total.natural": 5, "requests.results_total.business": 1, "requests.results_total.total": 6,
    "requests.carried_over.natural": 1, "requests.carried_over.total": 1,
}
APPEALS = {"appeals.review.upheld": 1, "appeals.review.pending": 1, "appeals.review.total": 2}


def truth(version: str) -> dict:
    from desktop.core.layouts import get_layout

    known = {**ACTIVE[version], **REQUESTS, **APPEALS}
    return {k: known.get(k, 0) for k in get_layout(version).keys}


def printed(version: str, zeros: str) -> dict:
    """The cells as printed: every zero written as ``zeros`` ("0", or "" for an empty cell)."""
    return {k: (v if v != 0 else zeros) for k, v in truth(version).items()}


def extract(text: str, name: str = "report.txt"):
    return analyse_bytes(text.encode("utf-8"), name)


def rules(report) -> dict[str, list]:
    out: dict[str, list] = {}
    for f in report.findings:
        out.setdefault(f.rule, []).append(f)
    return out


# ---------------------------------------------------------------- separators and empty cells


@pytest.mark.parametrize("version", ["2019", "2021"])
@pytest.mark.parametrize("style", sorted(STYLES))
def test_every_converter_style_reads_every_cell(style, version):
    report = extract(report_text(version, printed(version, "0"), style))
    assert report.format == version
    assert report.values() == truth(version)
    assert "values.normalised" not in rules(report)  # no separator was read as a digit


@pytest.mark.parametrize("version", ["2019", "2021"])
@pytest.mark.parametrize("style", ["cell_bar", "bar_between", "markdown", "padded", "tabs"])
def test_empty_cells_between_separators_read_as_zero_with_one_note_per_table(style, version):
    report = extract(report_text(version, printed(version, ""), style))
    assert report.values() == truth(version)
    notes = rules(report)["values.placeholder"]
    assert sorted(n.cells[0].split(".")[0] for n in notes) == ["active", "appeals", "requests"]
    assert all(n.severity.value == "info" for n in notes)


def test_a_bar_is_never_read_as_one():
    text = report_text("2021", printed("2021", "0"), "cell_bar").replace("规章 |\n0 |\n0 |\n0 |", "规章 |\n0 |\n|\n6 |")
    report = extract(text)
    assert [report.values()[f"active.rules.{c}"] for c in ("issued", "repealed", "in_force")] == [0, 0, 6]


# ---------------------------------------------------------------- blank tables, cut-off excerpts


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_tables_printed_with_labels_and_no_numbers_are_blank_not_missing(version):
    report = extract(report_text(version, {}, "blank_lines"))
    assert all(v == 0 for v in report.values().values())
    found = rules(report)
    assert len(found["structure.blank_table"]) == 3
    assert "structure.missing_table" not in found


def test_an_excerpt_cut_inside_a_row_leaves_the_rest_null_and_says_so():
    text = report_text("2021", printed("2021", "0"), "markdown", tail=False, tables=("active", "requests"))
    cut = text[: text.index("| 1.属于国家秘密 |") + len("| 1.属于国家秘密 | 0 | 0 | 0 |")]
    report = extract(cut)
    values = report.values()
    assert [values[f"requests.withheld_secret.{c}"] for c in ("natural", "business", "research")] == [0, 0, 0]
    assert values["requests.withheld_secret.nonprofit"] is None and values["requests.withheld_secret.total"] is None
    assert values["requests.withheld_law.natural"] is None
    assert all(v is None for k, v in values.items() if k.startswith("appeals."))
    finding = rules(report)["structure.cut_off"][0]
    assert "requests.withheld_secret.total" in finding.cells


def test_a_label_at_the_very_end_is_cut_off_not_blank():
    text = report_text("2021", {}, "blank_lines", tail=False, tables=("active", "requests"))
    cut = text[: text.index("3.补正后申请内容仍不明确") + len("3.补正后申请内容")]
    values = extract(cut).values()
    assert values["requests.unable_create.total"] == 0
    assert values["requests.unable_unclear.total"] is None


# ---------------------------------------------------------------- short rows, numbers run together


def _requests_text(rows: dict[str, str]) -> str:
    lines = ["青溪县自然资源局2022年政府信息公开工作年度报告", "一、总体情况", "本年度工作有序开展。",
             "三、收到和处理政府信息公开申请情况", "申请人情况\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计"]
    lines += [f"{label}\t{numbers}" for label, numbers in rows.items()]
    return "\n".join(lines + ["五、存在的主要问题及改进情况", "无。"])


def test_a_short_row_is_placed_where_only_one_reading_keeps_the_sums():
    report = extract(_requests_text({
        "一、本年新收政府信息公开申请数量": "12\t0\t0\t0\t0\t0\t12",
        "二、上年结转政府信息公开申请数量": "1\t0\t0\t0\t0\t0\t1",
        "（一）予以公开": "13\t0\t0\t0\t0\t13",  # six numbers under seven columns
    }))
    values = report.values()
    assert values["requests.disclosed.natural"] == 13 and values["requests.disclosed.total"] == 13
    assert values["requests.disclosed.business"] == 0
    finding = next(f for f in rules(report)["structure.short_row"] if "requests.disclosed.natural" in f.cells)
    assert finding.severity.value == "warning" and "只有一种读法" in finding.message


def test_a_short_row_the_sums_cannot_place_stays_null_and_asks():
    report = extract(_requests_text({
        "一、本年新收政府信息公开申请数量": "3\t3",  # 3 of which column?
    }))
    assert all(report.values()[f"requests.new.{c}"] is None for c in ("natural", "business", "total"))
    finding = next(f for f in rules(report)["structure.short_row"] if "requests.new.natural" in f.cells)
    assert "无法确定" in finding.message and finding.raw == "3、3"


def test_a_short_row_of_zeros_is_all_zero():
    values = extract(_requests_text({"一、本年新收政府信息公开申请数量": "0\t0\t0\t0\t0"})).values()
    assert all(values[f"requests.new.{c}"] == 0 for c in ("natural", "other_org", "total"))


def test_numbers_run_together_are_split_only_where_one_split_keeps_the_sums():
    report = extract(_requests_text({"一、本年新收政府信息公开申请数量": "21710000218"}))
    values = report.values()
    assert [values[f"requests.new.{c}"] for c in ("natural", "business", "research", "nonprofit", "legal",
                                                  "other_org", "total")] == [217, 1, 0, 0, 0, 0, 218]
    assert any("只有一种读法" in f.message for f in rules(report)["structure.short_row"])


def test_numbers_run_together_with_several_splits_are_left_null():
    values = extract(_requests_text({"一、本年新收政府信息公开申请数量": "1001000102"})).values()
    assert values["requests.new.total"] is None


# ---------------------------------------------------------------- labels


def test_label_punctuation_variants_are_not_damage():
    text = report_text("2021", printed("2021", "0"), "tabs")
    text = text.replace("1.属于国家秘密", "1、属于国家秘密").replace("（一）予以公开", "(一) 予以公开")
    text = text.replace("2.其他法律行政法规禁止公开", "2．其他法律 行政法规禁止公开").replace("第二十条第（一）项", "第二十条第(一)项")
    report = extract(text)
    assert report.values() == truth("2021")
    assert "labels.damage" not in rules(report)


def test_a_variant_character_in_a_label_is_read_and_reported():
    text = report_text("2021", printed("2021", "0"), "cell_bar").replace("行政处罚 |", "行政处罸 |")
    report = extract(text)
    assert report.values()["active.penalty.decisions"] == 18
    damage = rules(report)["labels.damage"]
    assert [(d.raw, d.official) for d in damage] == [("行政处罸", "行政处罚")]


def test_a_filling_note_after_a_label_is_not_part_of_it():
    text = report_text("2019", printed("2019", "0"), "cell_bar").replace(
        "规范性文件 |", "规范性文件(行政机关制定发布的决定、公告、通告、意见、通 知,以及标准 |")
    report = extract(text)
    assert report.values()["active.normative.total"] == 12
    assert "labels.damage" not in rules(report)


def test_a_number_printed_against_a_wrapped_label_is_a_value():
    text = report_text("2021", printed("2021", "0"), "tabs").replace(
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t0\t1", "（二）部分公开（区分处理的，只计这一情形，0\t1")
    report = extract(text)
    assert report.values() == truth("2021")


# ---------------------------------------------------------------- metadata


HEADS = {
    "title on two lines": (["乌海市工业和信息化局", "政府信息公开工作年度报告", "一、总体情况", "2020年，本局依法公开。"],
                           "乌海市工业和信息化局", 2020),
    "year-only title, agency after": (["2022年政府信息公开工作年度报告", "桃江县松木塘镇人民政府", "一、总体情况",
                                       "2022年，本镇依法公开。"], "桃江县松木塘镇人民政府", 2022),
    "sentence": (["根据《条例》规定，现公布区统计局2023年政府信息公开工作年度报告。", "一、总体情况", "本局依法公开。"],
                 "区统计局", 2023),
    "field label": (["发文机关:西火镇人民政府 | 主题词: |", "标题:西火镇人民政府2021年政府信息公开工作年度报告 | |",
                     "一、总体情况", "本镇依法公开。"], "西火镇人民政府", 2021),
    "contact line": (["编制我单位2021年政府信息公开工作年度报告。如有疑问请与来凤县政务服务和大数据管理局(地址:略)联系。",
                      "一、总体情况", "本局依法公开。"], "来凤县政务服务和大数据管理局", 2021),
    "overview sentence": (["一、总体情况", "（一）总体公开情况说明。2021年,县卫生健康局的政府信息公开工作严格按照要求开展。"],
                          "县卫生健康局", 2021),
    "statistics period": (["根据《条例》编制本报告。本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。",
                           "一、总体情况", "2022年,我镇持续强化组织领导。"], None, 2022),
    "Chinese-numeral year, brackets": (["《平湖县农业农村局二〇二一年政府信息公开工作年度报告》", "一、总体情况", "本局依法公开。"],
                                        "平湖县农业农村局", 2021),
    "关于 and the year after the subject": (["石门县水利局关于政府信息公开工作2020年度报告", "一、总体情况", "本局依法公开。"],
                                            "石门县水利局", 2020),
    "a long sentence is not an agency": (["根据《中华人民共和国政府信息公开条例》和有关通知规定，编制我单位2021年政府信息公开工作年度报告。",
                                          "一、总体情况", "本单位依法公开。"], None, 2021),
}


@pytest.mark.parametrize("case", sorted(HEADS))
def test_agency_and_year_from_every_place_reports_print_them(case):
    head, agency, year = HEADS[case]
    report = extract(report_text("2021", printed("2021", "0"), "markdown", head=head))
    assert (report.meta.agency, report.meta.year) == (agency, year)


def test_saved_page_fragment_is_read_as_html_with_its_meta_tags():
    rows = "".join(f"<tr><td>{label}</td><td>{n}</td></tr>" for label, n in
                   [("行政许可", 120), ("行政处罚", "18"), ("行政强制", "&nbsp;")])
    page = ('<meta name="ArticleTitle" content="凤栖市城市管理局2022年政府信息公开工作年度报告">'
            '<meta name="PubDate" content="2023-01-20 10:00"><meta name="ContentSource" content="凤栖市城市管理局">'
            '<p class="MsoNormal">一、总体情况<o:p></o:p></p><p>本局依法公开。</p>'
            '<p>二、主动公开政府信息情况</p><table><tr><td>第二十条第（五）项</td></tr>'
            f'<tr><td>信息内容</td><td>本年处理决定数量</td></tr>{rows}</table>')
    report = extract(page, "report.txt")
    assert report.document.kind == "html"
    assert (report.meta.agency, report.meta.year, report.meta.published) == ("凤栖市城市管理局", 2022, "2023-01-20")
    assert report.values()["active.penalty.decisions"] == 18 and report.values()["active.coercion.decisions"] == 0


def test_an_amount_printed_in_yuan_is_kept_and_flagged():
    text = report_text("2019", printed("2019", "0"), "markdown").replace("| 政府集中采购 | 4 | 120.5 |", "| 政府集中采购 | 4 | 152790元 |")
    report = extract(text)
    assert report.values()["active.procurement.amount"] == 152790
    assert rules(report)["values.unit"][0].cells == ("active.procurement.amount",)


def test_an_unknown_label_in_the_place_of_a_missing_row_is_read_as_that_row_with_a_warning():
    text = report_text("2021", printed("2021", "0"), "cell_bar").replace("行政处罚 |", "行政外罚事项 |")
    report = extract(text)
    assert report.values()["active.penalty.decisions"] == 18
    assumed = rules(report)["labels.assumed"]
    assert [(a.raw, a.official) for a in assumed] == [("行政外罚事项", "行政处罚")]
    assert assumed[0].cells == ("active.penalty.decisions",)


def test_a_local_row_with_other_words_is_not_taken_for_the_next_row():
    text = report_text("2019", printed("2019", "0"), "cell_bar").replace(
        "规范性文件 |\n3 |\n3 |\n12 |\n||", "规范性文件 |\n3 |\n3 |\n12 |\n||\n其他主动公开文件 |\n7 |\n7 |\n9 |\n||")
    report = extract(text)
    assert report.values() == truth("2019")
    assert "labels.assumed" not in rules(report)


def test_extract_says_how_many_cells_it_could_not_place(tmp_path, capsys):
    from desktop.cli import main

    path = tmp_path / "report.txt"
    path.write_text(_requests_text({"一、本年新收政府信息公开申请数量": "3\t3"}), encoding="utf-8")
    report = extract(path.read_text(encoding="utf-8"))
    assert sorted(report.unplaced()) == sorted(f"requests.new.{c}" for c in (
        "natural", "business", "research", "nonprofit", "legal", "other_org", "total"))
    assert report.to_json()["unplaced"] == report.unplaced()
    assert main(["extract", str(path)]) == 0
    out, err = capsys.readouterr()
    assert "unplaced cells: 7" in out and "7 个单元格原文有数但无法确定位置" in err


@pytest.mark.parametrize("style", ["cell_bar", "bar_between", "markdown", "padded", "tabs"])
def test_table_four_starting_with_empty_cells_keeps_its_columns(style):
    values = printed("2021", "0")
    values.update({"appeals.review.upheld": "", "appeals.review.corrected": "", "appeals.review.other": ""})
    report = extract(report_text("2021", values, style))
    assert report.values() == {**truth("2021"), "appeals.review.upheld": 0}


def test_a_dash_read_by_ocr_in_a_number_cell_is_a_placeholder():
    from desktop.core.values import read_number

    assert read_number("一", ocr=True).placeholder and read_number("一", ocr=True).value == 0
    assert read_number("一") is None  # in typed text 一 is a word, not a dash


def test_a_pdf_label_wrapped_without_rules_does_not_swallow_the_first_number():
    from minipdf import MiniPdf

    pdf = MiniPdf().page()
    pdf.text(72, 60, "青溪县自然资源局2022年政府信息公开工作年度报告").text(72, 80, "三、收到和处理政府信息公开申请情况")
    columns = [300, 330, 360, 390, 420, 450, 480]
    rows = [("一、本年新收政府信息公开申请数量", [2, 0, 0, 0, 0, 0, 2]),
            ("（一）予以公开", [1, 0, 0, 0, 0, 0, 1]),
            ("（二）部分公开（区分处理的，只计这一情形，", [1, 0, 0, 0, 0, 0, 1])]
    y = 100
    for label, numbers in rows:
        pdf.text(72, y, label, size=9)
        for x, n in zip(columns, numbers):
            pdf.text(x if x != 300 else 72 + 9 * len(label) + 2, y, str(n), size=9)
        y += 20
    pdf.text(72, y, "不计其他情形）", size=9)
    report = analyse_bytes(pdf.build(), "report.pdf")
    values = report.values()
    assert [values[f"requests.partial.{c}"] for c in ("natural", "business", "total")] == [1, 0, 1]
    assert [values[f"requests.new.{c}"] for c in ("natural", "total")] == [2, 2]
    assert not [f for f in report.findings if f.severity.value == "error"]


@pytest.mark.parametrize("version", ["2019", "2021"])
@pytest.mark.parametrize("style", sorted(STYLES))
def test_an_excerpt_cut_anywhere_never_invents_a_value(style, version):
    """Portals' excerpts stop anywhere: every cell read from a cut text is the full report's cell.

    Cuts fall between characters, never inside a number (a number cut short at the very end of a
    text is indistinguishable from a whole one).
    """
    import random

    full = truth(version)
    text = report_text(version, printed(version, "" if style != "blank_lines" else "0"), style)
    rng = random.Random(f"{style}-{version}")
    cuts = [p for p in sorted(rng.sample(range(len(text) // 4, len(text)), 12)) if not text[p - 1:p + 1].isdigit()]
    for cut in cuts:
        values = extract(text[:cut]).values()
        wrong = {k: (full[k], v) for k, v in values.items() if v is not None and v != full[k]}
        assert wrong == {}, f"cut after {text[max(0, cut - 20):cut]!r}"
