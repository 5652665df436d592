"""The five real reports extract to exactly the values a perfect reader finds, every key, nulls included.

They live in ../shared/samples; without it these skip, and tests/test_damaged.py checks the same damage."""

from __future__ import annotations

import pytest

from conftest import SAMPLES, load_truth, needs_samples, source_of, truth_files
from desktop.core.pipeline import analyse_file

pytestmark = needs_samples

SAMPLE_TRUTHS = truth_files(SAMPLES)


def test_all_five_samples_are_present():
    assert len(SAMPLE_TRUTHS) == 5, f"expected the five shared samples in {SAMPLES}"


@pytest.mark.parametrize("truth_path", SAMPLE_TRUTHS, ids=lambda p: p.name.split(".")[0])
def test_sample_cells_match_truth(truth_path):
    truth = load_truth(truth_path)
    report = analyse_file(source_of(truth_path))
    got = report.values()
    assert set(got) == set(truth["cells"]), "the result must hold every key of the layout and no other"
    wrong = {k: (truth["cells"][k], got[k]) for k in truth["cells"] if got[k] != truth["cells"][k]}
    assert wrong == {}, f"cells differing (expected, got): {wrong}"
    # a value of 0 and 0.0 compare equal; the contract wants counts as integers
    assert all(isinstance(v, int) for k, v in got.items() if v is not None and not k.endswith(".amount"))


@pytest.mark.parametrize("truth_path", SAMPLE_TRUTHS, ids=lambda p: p.name.split(".")[0])
def test_sample_meta_and_format(truth_path):
    truth = load_truth(truth_path)
    report = analyse_file(source_of(truth_path))
    assert report.format == truth["layout"]
    assert report.meta.to_json() == truth["meta"]


def _rules(path_name: str) -> dict[str, list]:
    truth_path = next(p for p in SAMPLE_TRUTHS if p.name.startswith(path_name))
    report = analyse_file(source_of(truth_path))
    found: dict[str, list] = {}
    for f in report.findings:
        found.setdefault(f.rule, []).append(f)
    return found


def test_sample_000_reports_lost_table_rows_and_sections():
    found = _rules("000")
    assert any("requests.new.natural" in f.cells for f in found["structure.missing_table"])
    rows = found["structure.missing_rows"][0]
    assert {"active.fees.prev", "active.procurement.amount"} <= set(rows.cells)
    assert "requests" in found["structure.missing_section"][0].extra["sections"]


def test_sample_001_names_the_garbled_label_with_raw_and_official_text():
    damage = _rules("001")["labels.damage"]
    assert any(f.raw == "2.就法制于政收禁止公开" and f.official == "2.其他法律行政法规禁止公开" for f in damage)
    assert "requests.withheld_law.total" in damage[0].cells


def test_sample_002_label_typos_are_findings():
    damage = _rules("002")["labels.damage"]
    pairs = {(f.raw, f.official) for f in damage}
    assert ("第二十五条第(五)项", "第二十条第（五）项") in pairs
    assert ("决定处理数量", "处理决定数量") in pairs


def test_sample_003_local_subrows_are_summed_with_a_finding():
    subrows = _rules("003")["structure.local_subrows"]
    assert subrows[0].raw == "行政检查、行政确认"
    assert "active.other_services.decisions" in subrows[0].cells


def test_sample_004_short_rows_read_first_as_natural_last_as_total():
    short = _rules("004")["structure.short_row"]
    assert {f.cells[0] for f in short} == {"requests.disclosed.natural", "requests.partial.natural"}
