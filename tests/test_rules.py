"""The rules engine on hand-made values, the sample reports and the fixture reports."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import FIXTURES, SAMPLES, needs_samples
from desktop.core.document import Cell, Document, Line, Location
from desktop.core.findings import Finding, Severity
from desktop.core.layouts import Layout, get_layout, parse_layout
from desktop.core.report import CellValue, ExtractedReport, Meta
from desktop.core.rules import (
    check_cross_year,
    check_fee_statement,
    check_layout_year,
    check_narrative,
    check_report,
    compile_rules,
    expected_layout,
    find_statements,
    parse_number,
)
from desktop.core.rules.engine import Validator, validator_for
from desktop.core.rules.narrative import overview_span

ROOT = Path(__file__).resolve().parents[1]
DAMAGED = FIXTURES / "damaged"
FIXTURES = ROOT / "tests" / "fixtures"


# ---------------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------------


def zeros(version: str) -> dict[str, int | float | None]:
    """A report where every cell is 0: every rule holds."""
    return {k: 0 for k in get_layout(version).keys}


def with_cells(values: dict, **cells: int | float | None) -> dict:
    """Values with some cells replaced; keyword names use __ for dots (requests__new__total)."""
    return {**values, **{k.replace("__", "."): v for k, v in cells.items()}}


def by_rule(findings: list[Finding], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]


def read_text(path: Path) -> str:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding).replace("\r\n", "\n")
        except UnicodeDecodeError:
            continue
    raise AssertionError(f"cannot decode {path}")


def find_sections(layout: Layout, text: str) -> dict[str, Location]:
    """Section headings at line starts, as the extractor would find them (first occurrence)."""
    found = {}
    for section in layout.sections:
        titles = "|".join(re.escape(t) for t in (section.title, *section.aliases))
        match = re.search(rf"^[ \t]*{section.number}、(?:{titles})", text, re.M)
        if match:
            found[section.key] = Location(match.start(), match.end())
    return found


def make_report(text: str, version: str, values: dict, year: int | None = 2020,
                sections: dict[str, Location] | None = None, lines: list[Line] | None = None) -> ExtractedReport:
    layout = get_layout(version)
    return ExtractedReport(
        source="x",
        document=Document(source="x", kind="text", text=text, lines=lines or []),
        layout=layout,
        meta=Meta(agency="测试机关", year=year),
        cells={k: CellValue(values.get(k)) for k in layout.keys},
        sections=find_sections(layout, text) if sections is None else sections,
    )


def load_truth_report(text_path: Path) -> tuple[ExtractedReport, dict]:
    truth = json.loads(text_path.with_suffix(".truth.json").read_text(encoding="utf-8"))
    report = make_report(read_text(text_path), truth["layout"], truth["cells"], truth["meta"]["year"])
    return report, truth


def overview_text(body: str, version: str = "2019") -> str:
    """A minimal report text: a title, section 一 with ``body``, then section 二 onwards."""
    return f"测试机关2020年政府信息公开工作年度报告\n一、总体情况\n{body}\n二、主动公开政府信息情况\n表格略\n六、其他需要报告的事项\n无。\n"


# ---------------------------------------------------------------------------------------------
# compiling
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_compiled_checks_match_the_layout(version: str) -> None:
    layout = get_layout(version)
    checks = validator_for(layout).checks
    counts = {rule: sum(c.rule == rule for c in checks) for rule in {c.rule for c in checks}}
    rows = len(layout.table("requests").rows)
    assert counts["requests.row_total"] == rows
    assert counts["requests.results_total"] == 7
    assert counts["requests.balance"] == 7
    assert counts["appeals.total"] == 3
    assert all(k in layout.keys for c in checks for k in c.keys)


def test_instantiations_with_unknown_keys_are_dropped() -> None:
    """requests.other exists only in 2019; a rule naming it compiles to nothing in 2021."""
    rule = {"id": "requests.results_total", "for_each": {"col": "requests.columns"},
            "left": ["requests.other.{col}"], "right": ["requests.disclosed.{col}"]}
    assert len(compile_rules(get_layout("2019"), [rule])) == 7
    assert compile_rules(get_layout("2021"), [rule]) == ()


def test_explicit_lists_and_inequalities() -> None:
    layout = get_layout("2019")
    rule = {"id": "active.published_le_total", "for_each": {"row": ["rules", "normative"]},
            "op": "<=", "left": ["active.{row}.published"], "right": ["active.{row}.total"]}
    checks = compile_rules(layout, [rule])
    assert [c.keys for c in checks] == [("active.rules.published", "active.rules.total"),
                                        ("active.normative.published", "active.normative.total")]
    values = with_cells(zeros("2019"), active__normative__published=5, active__normative__total=3)
    findings = by_rule(Validator(layout).validate(values), "active.published_le_total")
    assert len(findings) == 1 and findings[0].severity is Severity.WARNING
    assert "规范性文件" in findings[0].message and "5" in findings[0].message and "3" in findings[0].message


# ---------------------------------------------------------------------------------------------
# arithmetic messages and suggestions
# ---------------------------------------------------------------------------------------------


def balance_example() -> dict:
    """新收 12 + 结转 1 = 13 in 自然人 and 总计; results 12; carried_over 1 in 自然人 but 0 in 总计."""
    return with_cells(
        zeros("2019"),
        requests__new__natural=12, requests__new__total=12,
        requests__carried_in__natural=1, requests__carried_in__total=1,
        requests__disclosed__natural=12, requests__disclosed__total=12,
        requests__results_total__natural=12, requests__results_total__total=12,
        requests__carried_over__natural=1, requests__carried_over__total=0,
    )


def test_balance_message_names_labels_and_numbers() -> None:
    findings = Validator(get_layout("2019")).validate(balance_example())
    balance = by_rule(findings, "requests.balance")
    assert len(balance) == 1
    assert balance[0].message.startswith("表三 总计列勾稽关系不成立：第一项+第二项 = 13，第三项+第四项 = 12（相差 1）")
    assert balance[0].cells == ("requests.new.total", "requests.carried_in.total",
                                "requests.results_total.total", "requests.carried_over.total")
    assert balance[0].severity is Severity.ERROR


def test_single_wrong_total_is_blamed_in_every_finding() -> None:
    """Only carried_over.total is wrong: it breaks its row total and the 总计 balance; both blame it."""
    findings = [f for f in Validator(get_layout("2019")).validate(balance_example()) if f.severity is Severity.ERROR]
    assert {f.rule for f in findings} == {"requests.balance", "requests.row_total"}
    for finding in findings:
        assert finding.suggestion == {"cell": "requests.carried_over.total", "value": 1}
        assert "表三 四、结转下年度继续办理 · 总计" in finding.message and "应为 1" in finding.message


def test_row_total_message() -> None:
    values = with_cells(zeros("2021"), requests__disclosed__natural=5, requests__disclosed__total=6,
                        requests__results_total__natural=5, requests__results_total__total=6,
                        requests__new__natural=5, requests__new__total=6)
    findings = Validator(get_layout("2021")).validate(values)
    rows = by_rule(findings, "requests.row_total")
    assert len(rows) == 3  # disclosed, results_total and new each say 6 where their columns sum to 5
    disclosed = next(f for f in rows if "requests.disclosed.total" in f.cells)
    assert disclosed.message.startswith("表三 “（一）予以公开”一行合计不成立：总计 = 6，自然人与法人或其他组织各项之和 = 5（相差 1）")
    assert disclosed.suggestion is None  # the three totals agree with each other: no single cell to blame


def test_equal_candidates_prefer_the_total_and_say_so() -> None:
    values = with_cells(zeros("2019"), appeals__review__upheld=2, appeals__review__total=3)
    [finding] = Validator(get_layout("2019")).validate(values)
    assert finding.rule == "appeals.total"
    assert finding.suggestion == {"cell": "appeals.review.total", "value": 2}
    assert "表四 “行政复议”总计不成立：总计 = 3，结果维持+结果纠正+其他结果+尚未审结 = 2（相差 1）" in finding.message
    assert "先核对总计" in finding.message


def test_suggested_values_are_valid_counts() -> None:
    """行政诉讼 总计 0 but 结果维持 2: lowering a part below zero is never offered; of the two
    valid repairs (总计 → 2, 结果维持 → 0) the total is preferred."""
    values = with_cells(zeros("2019"), appeals__suit_direct__upheld=2)
    [finding] = by_rule(Validator(get_layout("2019")).validate(values), "appeals.total")
    assert finding.suggestion == {"cell": "appeals.suit_direct.total", "value": 2}
    assert finding.extra["preferred_total"] is True


def test_cancelling_errors_have_no_single_culprit() -> None:
    """Two row totals off by +1 and -1 (fixture c02): no one cell repairs everything."""
    values = with_cells(zeros("2021"), requests__disclosed__total=1, requests__unable_none__total=-1)
    findings = by_rule(Validator(get_layout("2021")).validate(values), "requests.row_total")
    assert len(findings) == 2 and all(f.suggestion is None for f in findings)


def test_missing_cells_skip_checks() -> None:
    values = with_cells(zeros("2019"), requests__new__total=None, requests__new__natural=99)
    rules = {f.rule for f in Validator(get_layout("2019")).validate(values)}
    assert "requests.row_total" not in rules  # the new row misses its total
    assert "requests.balance" in rules  # the 自然人 column is complete and no longer balances


# ---------------------------------------------------------------------------------------------
# non-negative
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "key, value, bad",
    [
        ("active.licensing.prev", -1, True),
        ("active.licensing.prev", 1.5, True),
        ("active.licensing.change", -3, False),  # 本年增/减 may be negative
        ("active.licensing.change", 0.5, True),
        ("active.procurement.amount", 2157.936, False),
        ("active.procurement.amount", -1.0, True),
        ("requests.new.natural", 3.0, False),  # a whole float is a whole count
    ],
)
def test_non_negative(key: str, value: float, bad: bool) -> None:
    layout = get_layout("2019")
    findings = by_rule(Validator(layout).validate(with_cells(zeros("2019"), **{key.replace(".", "__"): value})),
                       "values.non_negative")
    assert bool(findings) == bad
    if bad:
        assert findings[0].cells == (key,) and findings[0].severity is Severity.ERROR
        assert layout.label(key) in findings[0].message


# ---------------------------------------------------------------------------------------------
# incremental validation
# ---------------------------------------------------------------------------------------------


# ---------------------------------------------------------------------------------------------
# narrative
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("我中心全年共受理政府信息公开申请 0 件，与往年相比无增减情况。", [("requests", 0)]),
        ("共受理政府信息公开申请0件。行政复议、行政诉讼0件。", [("requests", 0), ("appeals", 0)]),
        ("全年共办理依申请公开事项 13 个，均按时完成，未引发行政复议及诉讼。", [("requests", 13), ("appeals", 0)]),
        ("2020年,区融媒体中心未收到依申请公开信息。", [("requests", 0)]),
        ("目前，我中心在信息公开工作中尚未发生复议、诉讼的情况。", [("appeals", 0)]),
        ("全年因政府信息公开引起行政复议7件、行政诉讼2件。", [("review", 7), ("suit", 2)]),
        ("全年收到政府信息公开申请十三件。", [("requests", 13)]),
        ("收到政府信息公开申请两件，均已按时答复。", [("requests", 2)]),
        ("全年收到依申请公开申请一百零五件。", [("requests", 105)]),
        ("行政复议、行政诉讼各2件。", [("review", 2), ("suit", 2)]),
        ("行政复议和行政诉讼分别为3件、1件。", [("review", 3), ("suit", 1)]),
        ("全年收到政府信息公开申请12件，其中自然人申请10件。", [("requests", 12)]),
        # not counts of requests or appeals
        ("收到申请后在15个工作日内予以答复。", []),
        ("本年新收政府信息公开申请数量\t12\t0\t0", []),
        ("政府信息公开行政复议、行政诉讼情况", []),
        ("每天登录政府网站互动平台查看是否收到依申请公开。", []),
        ("办理行政许可事项 350 件。", []),
        ("全年未发生因政务公开工作不到位被责任追究的情况。", []),
        ("未收到群众对依申请公开工作的投诉。", []),
        ("无论是依申请公开还是主动公开，均严格审查。", []),
    ],
)
def test_find_statements(sentence: str, expected: list[tuple[str, int]]) -> None:
    assert [(s.kind, s.value) for s in find_statements(sentence)] == expected


def test_statements_across_wrapped_lines() -> None:
    """PDF text breaks lines inside words (受\n理); spans still point into the original text."""
    text = "（二）依申请公开。全年共受\n理政府信息公开申请28件，均已答复。全年因政府信息公开引起行政复议2件、\n行政诉讼1件。"
    statements = find_statements(text)
    assert [(s.kind, s.value, text[s.start:s.end]) for s in statements] == [
        ("requests", 28, "28"), ("review", 2, "2"), ("suit", 1, "1")]
    assert statements[0].sentence == "全年共受理政府信息公开申请28件，均已答复"


def test_paragraphs_are_not_joined() -> None:
    assert find_statements("（二）依申请公开\n\n5件材料已归档。") == []
    assert find_statements("工作有序推进。\n行政复议2件。") != []


@pytest.mark.parametrize("text, value", [("0", 0), ("１２", 12), ("1,234", 1234), ("十三", 13), ("两", 2),
                                         ("一百零五", 105), ("零", 0), ("二十", 20), ("三万五千", 35000)])
def test_parse_number(text: str, value: int) -> None:
    assert parse_number(text) == value


def narrative(report: ExtractedReport, rule: str | None = None) -> list[Finding]:
    return [f for f in check_narrative(report) if rule is None or f.rule == rule]


def test_narrative_mismatch_warns_with_location_and_table_values() -> None:
    text = overview_text("（二）依申请公开。全年共受理政府信息公开申请153件，均在法定期限内予以答复。")
    values = with_cells(zeros("2019"), requests__new__total=146, requests__carried_in__total=10,
                        requests__results_total__total=151)
    [finding] = narrative(make_report(text, "2019", values))
    assert (finding.rule, finding.severity) == ("narrative.requests", Severity.WARNING)
    assert finding.cells == ("requests.new.total",)
    [loc] = finding.locations
    assert text[loc.start:loc.end] == "153"
    for number in ("153", "146", "156", "151"):
        assert number in finding.message
    assert "全年共受理政府信息公开申请153件" in finding.message


def test_narrative_location_takes_the_page_of_its_line() -> None:
    text = overview_text("全年共受理政府信息公开申请5件。")
    start = text.index("全年")
    line = Line([Cell("全年共受理政府信息公开申请5件。", Location(start, start + 16, page=2, bbox=(1, 2, 3, 4)))])
    report = make_report(text, "2019", with_cells(zeros("2019"), requests__new__total=4), lines=[line])
    [finding] = narrative(report)
    assert finding.locations[0].page == 2


@pytest.mark.parametrize(
    "body, cells, matched",
    [
        ("共办理依申请公开事项 13 个。", {"requests__new__total": 12, "requests__carried_in__total": 1}, "new_carried_in"),
        ("共受理政府信息公开申请7件。", {"requests__new__total": 7}, "new"),
        ("共办结政府信息公开申请7件。", {"requests__new__total": 5, "requests__carried_in__total": 3,
                                 "requests__results_total__total": 7}, "results_total"),
        ("全年共受理政府信息公开申请零件。", {}, "new"),
    ],
)
def test_narrative_match_is_info_naming_the_quantity(body: str, cells: dict, matched: str) -> None:
    report = make_report(overview_text(body), "2019", with_cells(zeros("2019"), **cells))
    [finding] = narrative(report)
    assert finding.severity is Severity.INFO and finding.extra["matched"] == matched
    assert "一致" in finding.message


def test_narrative_with_missing_table_is_info() -> None:
    values = {k: (None if k.startswith("requests.") else 0) for k in get_layout("2019").keys}
    [finding] = narrative(make_report(overview_text("全年共受理政府信息公开申请 0 件。"), "2019", values))
    assert finding.severity is Severity.INFO and finding.extra["absent"] is True
    assert "表三缺失" in finding.message


def test_narrative_appeals() -> None:
    body = "全年因政府信息公开引起行政复议8件、行政诉讼3件。"
    values = with_cells(zeros("2021"), appeals__review__total=6, appeals__suit_direct__total=2,
                        appeals__suit_after_review__total=1)
    findings = narrative(make_report(overview_text(body), "2021", values, year=2022), "narrative.appeals")
    warnings = [f for f in findings if f.severity is Severity.WARNING]
    assert [f.cells for f in warnings] == [("appeals.review.total",)]
    assert "8" in warnings[0].message and "6" in warnings[0].message
    assert [f.extra["kind"] for f in findings if f.severity is Severity.INFO] == ["suit"]


def test_narrative_ignores_text_outside_section_one() -> None:
    text = overview_text("工作有序推进。") + "五、存在的主要问题及改进情况\n全年共受理政府信息公开申请99件。\n"
    assert narrative(make_report(text, "2019", zeros("2019"))) == []


def test_overview_without_heading_runs_to_the_first_table() -> None:
    text = "全年共受理政府信息公开申请3件。\n规章\t0\t0\t0\n全年共受理政府信息公开申请4件。"
    report = make_report(text, "2019", zeros("2019"), sections={})
    table_start = text.index("规章")
    report.cells["active.rules.made"] = CellValue(0, "0", (Location(table_start + 3, table_start + 4),))
    assert overview_span(report) == (0, table_start + 3)
    assert [f.extra["value"] for f in narrative(report)] == [3]


@pytest.mark.parametrize(
    "path, expected",
    [
        (DAMAGED / "d01_2020_lost_tables.txt",  # tables 三 and 四 lost: nothing to compare
         [("narrative.requests", "info", None), ("narrative.appeals", "info", None), ("narrative.appeals", "info", None)]),
        pytest.param(SAMPLES / "000_eb001e0cb81ff993.txt", [("narrative.requests", "info", None)], marks=needs_samples),
        pytest.param(SAMPLES / "001_40554284108e64e4.txt", [], marks=needs_samples),
        pytest.param(SAMPLES / "002_04dc4f47b69b910a.txt", [("narrative.requests", "info", "new")],  # 未收到 → 0
                     marks=needs_samples),
        pytest.param(SAMPLES / "003_6e42391890201ef0.txt",
                     [("narrative.requests", "info", "new"), ("narrative.appeals", "info", "appeals")], marks=needs_samples),
        pytest.param(SAMPLES / "004_1d7a0b9061a21572.txt",
                     [("narrative.requests", "info", "new_carried_in"), ("narrative.appeals", "info", None)],
                     marks=needs_samples),
    ],
    ids=lambda v: v.stem if isinstance(v, Path) else "",
)
def test_narrative_on_damaged_reports(path: Path, expected: list) -> None:
    report, _ = load_truth_report(path)
    found = [(f.rule, f.severity.value, f.extra.get("matched")) for f in check_narrative(report)]
    assert found == expected


# ---------------------------------------------------------------------------------------------
# report rules
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "version, year, warns",
    [("2019", 2020, False), ("2019", 2019, False), ("2019", 2021, True), ("2019", 2023, True),
     ("2021", 2021, False), ("2021", 2023, False), ("2021", 2020, True), ("2021", 2019, True),
     ("2019", 2018, False), ("2019", None, False)],
)
def test_layout_year(version: str, year: int | None, warns: bool) -> None:
    findings = check_layout_year(get_layout(version), year)
    assert bool(findings) == warns
    if warns:
        assert findings[0].rule == "layout.year" and findings[0].severity is Severity.WARNING
        assert str(year) in findings[0].message and version in findings[0].message


def test_layout_year_follows_the_layout_data() -> None:
    """A newer layout (here for 2025 on) makes a 2025 report in the 2021 layout a finding."""
    data = json.loads((ROOT / "resources" / "layouts" / "2021.json").read_text(encoding="utf-8"))
    newer = parse_layout({**data, "version": "2025", "years": [2025]})
    layouts = [get_layout("2019"), get_layout("2021"), newer]
    assert expected_layout(2025, layouts) is newer
    assert expected_layout(2024, layouts) is layouts[1]
    assert check_layout_year(get_layout("2021"), 2026, layouts)
    assert not check_layout_year(get_layout("2021"), 2024, layouts)


def fee_report(section_six: str, version: str = "2021") -> ExtractedReport:
    text = ("一、总体情况\n工作有序。\n二、主动公开政府信息情况\n略\n五、存在的主要问题及改进情况\n略\n"
            f"六、其他需要报告的事项\n{section_six}\n测试机关\n2022年1月10日\n")
    return make_report(text, version, zeros(version), year=2021)


def test_fee_statement_present_and_absent() -> None:
    assert check_fee_statement(fee_report("本年度未收取信息处理费。")) == []
    [finding] = check_fee_statement(fee_report("无。"))
    assert (finding.rule, finding.severity) == ("section6.fee_statement", Severity.WARNING)
    assert "信息处理费" in finding.message and "六、其他需要报告的事项" in finding.message
    assert check_fee_statement(fee_report("无。", version="2019")) == []  # the 2019 layout asks for nothing


def test_fee_statement_only_counts_section_six() -> None:
    report = fee_report("无。")
    text = report.document.text.replace("工作有序。", "本机关未收取信息处理费。")
    assert check_fee_statement(make_report(text, "2021", zeros("2021"), year=2021))


def test_cross_year_carry_over_mismatch() -> None:
    layout = get_layout("2021")
    values = with_cells(zeros("2021"), requests__carried_in__natural=3, requests__carried_in__total=3)
    previous = with_cells(zeros("2019"), requests__carried_over__natural=2, requests__carried_over__total=2)
    findings = check_cross_year(layout, values, previous, year=2021, previous_year=2020)
    carry = by_rule(findings, "cross_year.carry_over")
    assert len(carry) == 2 and all(f.severity is Severity.WARNING for f in carry)
    natural = next(f for f in carry if "requests.carried_in.natural" in f.cells)
    assert natural.cells == ("requests.carried_in.natural", "previous:requests.carried_over.natural")
    assert "2021年" in natural.message and "2020年" in natural.message and "自然人" in natural.message
    assert "= 3" in natural.message and "= 2" in natural.message
    assert not by_rule(findings, "cross_year.in_force")  # the 2019 layout has no in_force: skipped


def test_cross_year_items_and_in_force() -> None:
    values = with_cells(zeros("2019"), active__licensing__prev=10)
    previous = with_cells(zeros("2019"), active__licensing__prev=8, active__licensing__change=2)
    assert check_cross_year(get_layout("2019"), values, previous) == []
    previous["active.licensing.change"] = 1
    [finding] = check_cross_year(get_layout("2019"), values, previous)
    assert finding.rule == "cross_year.items" and "行政许可" in finding.message
    values = with_cells(zeros("2021"), active__rules__in_force=5, active__rules__issued=2)
    previous = with_cells(zeros("2021"), active__rules__in_force=4)
    [finding] = check_cross_year(get_layout("2021"), values, previous, 2022, 2021)
    assert finding.rule == "cross_year.in_force" and "规章" in finding.message


# ---------------------------------------------------------------------------------------------
# check_report end to end
# ---------------------------------------------------------------------------------------------


def truth_texts() -> list[Path]:
    paths = sorted((FIXTURES / "contradictions").glob("*.txt")) + sorted((FIXTURES / "reports").glob("*.txt"))
    return [p for p in paths if p.with_suffix(".truth.json").exists()]


@pytest.mark.parametrize("path", truth_texts(), ids=lambda p: p.stem)
def test_check_report_finds_exactly_the_expected_problems(path: Path) -> None:
    """Errors and warnings on the fixture reports (with their true cells) are the expected ones."""
    report, truth = load_truth_report(path)
    found = sorted((f.rule, f.severity.value, tuple(f.cells)) for f in check_report(report) if f.severity is not Severity.INFO)
    expected = sorted((f["rule"], f["severity"], tuple(f["cells"])) for f in truth.get("expected_findings", ()))
    assert found == expected


@pytest.mark.parametrize("path", [
    *(DAMAGED / f"{name}.txt" for name in ("d01_2020_lost_tables", "d02_2020_garbled_labels", "d03_2020_local_subrows")),
    *(pytest.param(SAMPLES / f"{name}.txt", marks=needs_samples) for name in (
        "000_eb001e0cb81ff993", "001_40554284108e64e4", "002_04dc4f47b69b910a", "003_6e42391890201ef0",
        "004_1d7a0b9061a21572")),
], ids=lambda p: p.stem)
def test_damaged_reports_break_no_rule(path: Path) -> None:
    """Damage is the readers' finding, not the rules': with their true cells these reports are consistent."""
    report, _ = load_truth_report(path)
    assert [f for f in check_report(report) if f.severity is not Severity.INFO] == []


def test_check_report_points_at_cells_and_does_not_repeat_known_findings() -> None:
    values = with_cells(zeros("2019"), appeals__review__total=1)
    report = make_report(overview_text("工作有序。"), "2019", values)
    report.cells["appeals.review.total"] = CellValue(1, "1", (Location(5, 6),))
    [finding] = check_report(report)
    assert finding.rule == "appeals.total" and finding.locations == (Location(5, 6),)
    report.findings.append(finding)
    assert check_report(report) == []


def test_check_report_with_previous_year_and_unknown_layout() -> None:
    report = make_report(overview_text("工作有序。"), "2019", with_cells(zeros("2019"), requests__carried_in__legal=1,
                                                                        requests__carried_in__total=1,
                                                                        requests__new__legal=-1, requests__new__total=-1))
    previous = zeros("2019")
    rules = {f.rule for f in check_report(report, previous)}
    assert "cross_year.carry_over" in rules and "values.non_negative" in rules
    report.layout = None
    assert check_report(report) == []
