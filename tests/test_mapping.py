"""Shapes of damage the mapper must read: each test is a small report text with known values."""

from __future__ import annotations

from desktop.core.extract import extract_document
from desktop.core.pipeline import analyse_bytes
from desktop.core.readers import read_bytes

HEAD_2021 = "某市生态环境局2022年政府信息公开工作年度报告\n一、总体情况\n本年度工作有序开展。\n二、主动公开政府信息情况\n"
ACTIVE_2021 = (
    "第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n"
    "规章\t2\t1\t14\n行政规范性文件\t5\t0\t33\n"
    "第二十条第（五）项\n信息内容\t本年处理决定数量\n行政许可\t120\n"
    "第二十条第（六）项\n信息内容\t本年处理决定数量\n行政处罚\t18\n行政强制\t3\n"
    "第二十条第（八）项\n信息内容\t本年收费金额（单位：万元）\n行政事业性收费\t1,234.5\n"
)


def _report(text: str):
    return analyse_bytes(text.encode("utf-8"), "test.txt")


def _rules(report) -> dict[str, list]:
    out: dict[str, list] = {}
    for f in report.findings:
        out.setdefault(f.rule, []).append(f)
    return out


def test_2021_layout_detected_from_headers_and_read():
    report = _report(HEAD_2021 + ACTIVE_2021)
    assert report.format == "2021"
    v = report.values()
    assert (v["active.rules.issued"], v["active.rules.repealed"], v["active.rules.in_force"]) == (2, 1, 14)
    assert v["active.licensing.decisions"] == 120
    assert v["active.fees.amount"] == 1234.5
    assert report.meta.agency == "某市生态环境局" and report.meta.year == 2022


def test_2021_other_processing_subrows_of_table_three():
    text = HEAD_2021 + ACTIVE_2021 + (
        "三、收到和处理政府信息公开申请情况\n"
        "（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t1\t0\t0\t0\t0\t0\t1\n"
        "\t2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0\n"
        "\t3.其他\t2\t1\t0\t0\t0\t0\t3\n"
    )
    v = _report(text).values()
    assert v["requests.other_no_correction.natural"] == 1
    assert v["requests.other_unpaid_fee.total"] == 0
    assert (v["requests.other_misc.natural"], v["requests.other_misc.business"], v["requests.other_misc.total"]) == (2, 1, 3)


def test_pipe_separated_web_table():
    text = HEAD_2021 + "\n".join(
        "| " + " | ".join(line.split("\t")) + " |" for line in ACTIVE_2021.splitlines()
    )
    v = _report(text).values()
    assert v["active.normative.in_force"] == 33
    assert v["active.coercion.decisions"] == 3


def test_placeholders_read_as_zero_with_one_info_finding_per_table():
    text = ACTIVE_2021.replace("行政强制\t3", "行政强制\t—").replace("规章\t2\t1\t14", "规章\t/\t／\t无")
    report = _report(HEAD_2021 + text)
    assert report.values()["active.coercion.decisions"] == 0
    notes = _rules(report)["values.placeholder"]
    assert len(notes) == 1
    assert set(notes[0].cells) == {"active.coercion.decisions", "active.rules.issued", "active.rules.repealed",
                                   "active.rules.in_force"}
    assert "4 个单元格" in notes[0].message


def test_ocr_confusion_is_normalised_and_named_only_in_ocr_text():
    text = HEAD_2021 + ACTIVE_2021.replace("行政处罚\t18", "行政处罚\t1B")
    document = read_bytes(text.encode("utf-8"), "scan.txt")
    for line in document.lines:
        for cell in line.cells:
            cell.confidence = 0.97  # as if every word came from OCR
    report = extract_document(document)
    assert report.values()["active.penalty.decisions"] == 18
    finding = _rules(report)["values.normalised"][0]
    assert finding.cells == ("active.penalty.decisions",) and finding.raw == "1B"

    typed = _report(text)
    assert typed.values()["active.penalty.decisions"] is None
    assert _rules(typed)["values.unreadable"][0].raw == "1B"


def test_full_width_digits():
    report = _report(HEAD_2021 + ACTIVE_2021.replace("规章\t2\t1\t14", "规章\t２\t１\t１４"))
    assert report.values()["active.rules.in_force"] == 14
    assert any("全角" in f.message for f in _rules(report)["values.normalised"])


def test_extra_numbers_in_a_row_are_not_used_and_reported():
    report = _report(HEAD_2021 + ACTIVE_2021.replace("行政许可\t120", "行政许可\t120\t7"))
    assert report.values()["active.licensing.decisions"] == 120
    assert "7" in _rules(report)["structure.extra_cells"][0].message


def test_one_cell_per_line_with_blank_lines():
    vertical = "\n\n".join(cell for line in ACTIVE_2021.splitlines() for cell in line.split("\t"))
    v = _report(HEAD_2021 + vertical).values()
    assert v["active.rules.in_force"] == 14
    assert v["active.fees.amount"] == 1234.5


def test_appeals_row_under_reversed_vertical_headers_without_section_heading():
    text = HEAD_2021 + ACTIVE_2021 + "\t\t持\t正\t果\t结\t\t持\t正\t果\t结\n" + "\t".join(str(i) for i in [1, 0, 0, 1, 2, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0]) + "\n"
    v = _report(text).values()
    assert (v["appeals.review.upheld"], v["appeals.review.pending"], v["appeals.review.total"]) == (1, 1, 2)
    assert v["appeals.suit_direct.total"] == 1


def test_repeated_header_after_page_break_does_not_override():
    text = HEAD_2021 + ACTIVE_2021 + "信息内容\t本年处理决定数量\n行政许可\t999\n"
    assert _report(text).values()["active.licensing.decisions"] == 120


def test_narrative_mention_of_a_row_label_is_not_a_row():
    text = HEAD_2021.replace("本年度工作有序开展。", "行政许可\n方面持续推进。") + ACTIVE_2021
    assert _report(text).values()["active.licensing.decisions"] == 120


def test_year_decides_layout_when_no_header_tells():
    text = "某县档案馆2020年政府信息公开工作年度报告\n一、总体情况\n无。\n二、主动公开政府信息情况\n规章\t0\t0\t0\n"
    report = _report(text)
    assert report.format == "2019"
    assert "layout.inferred" in _rules(report)
