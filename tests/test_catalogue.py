"""Every rule a finding names is declared once in resources/rules.json, with its severity and names."""

from __future__ import annotations

import json
import re

import pytest
from conftest import FIXTURES, ROOT, source_of, truth_files

from desktop.core.catalogue import catalogue, finding, rule_checks, rule_info, rule_label
from desktop.core.findings import Severity
from desktop.core.layouts import load_layouts
from desktop.core.pipeline import analyse_file, with_rules
from tests.test_real_shapes import extract, printed, report_text
from tests.web_shapes import STYLES

_EMITTED = re.compile(r"""(?:finding|\.add)\(\s*"([a-z0-9_]+\.[a-z0-9_]+)\"""")


def test_every_rule_named_in_the_code_is_declared():
    named = {m for path in (ROOT / "desktop").rglob("*.py") for m in _EMITTED.findall(path.read_text(encoding="utf-8"))}
    assert named, "the scan found no finding made by rule id: the pattern is stale"
    assert sorted(named - set(catalogue())) == []


def test_layout_rules_are_declared_and_carry_no_severity_of_their_own():
    for layout in load_layouts().values():
        for rule in layout.rules + layout.cross_year:
            assert rule["id"] in catalogue() and "severity" not in rule


def test_a_finding_takes_the_catalogue_severity_or_is_a_note():
    assert finding("requests.balance", "…").severity is Severity.ERROR
    assert finding("requests.balance", "…", note=True).severity is Severity.INFO
    with pytest.raises(KeyError, match="not declared"):
        rule_info("requests.made_up")


def test_names_in_both_languages_and_unknown_ids_shown_as_they_are():
    assert rule_label("requests.balance") == "勾稽关系" and rule_label("requests.balance", "en") == "Balance"
    assert rule_label("old.rule_from_an_older_database") == "old.rule_from_an_older_database"
    assert all(info.name and info.name_en and info.description for info in catalogue().values())


def test_checks_run_in_catalogue_order_and_every_step_is_known():
    assert rule_checks()[0] == "arithmetic" and {"narrative", "report", "ocr", "cross_year"} <= set(rule_checks())


def _reports():
    for folder in ("reports", "contradictions", "damaged"):
        for truth in truth_files(FIXTURES / folder):
            yield analyse_file(source_of(truth))
    for style in STYLES:
        yield extract(report_text("2021", printed("2021", ""), style))


def test_every_finding_made_is_declared_with_its_severity_or_a_note():
    seen = set()
    for report in _reports():
        for f in with_rules(report, previous={k: 0 for k in report.cells}).findings:
            info = rule_info(f.rule)
            assert f.severity in (info.severity, Severity.INFO), (f.rule, f.severity)
            seen.add(f.rule)
    assert {"requests.balance", "structure.missing_section", "values.placeholder"} <= seen


def test_the_catalogue_file_is_valid_json_with_unique_ids():
    data = json.loads((ROOT / "resources" / "rules.json").read_text(encoding="utf-8"))
    ids = [r["id"] for r in data["rules"]]
    assert len(ids) == len(set(ids))
