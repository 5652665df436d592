"""Damaged reports (tables lost, labels garbled, short rows, local sub-rows) read as a perfect reader
would, with a finding for each piece of damage: the cases of the shared real samples, on fixtures made here."""

from __future__ import annotations

import pytest

from conftest import DAMAGED, load_truth, source_of, truth_files
from desktop.core.pipeline import analyse_file

TRUTHS = truth_files(DAMAGED)


def test_every_kind_of_damage_has_a_fixture():
    assert [p.name.split("_", 2)[2].split(".")[0] for p in TRUTHS] == [
        "lost_tables", "garbled_labels", "local_subrows", "short_rows", "no_requests"]


@pytest.mark.parametrize("truth_path", TRUTHS, ids=lambda p: p.name.split(".")[0])
def test_damaged_cells_match_truth(truth_path):
    truth = load_truth(truth_path)
    report = analyse_file(source_of(truth_path))
    assert report.format == truth["layout"] and report.meta.to_json() == truth["meta"]
    got = report.values()
    assert set(got) == set(truth["cells"])
    wrong = {k: (truth["cells"][k], got[k]) for k in truth["cells"] if got[k] != truth["cells"][k]}
    assert wrong == {}, f"cells differing (expected, got): {wrong}"


@pytest.mark.parametrize("truth_path", TRUTHS, ids=lambda p: p.name.split(".")[0])
def test_damage_is_reported(truth_path):
    report = analyse_file(source_of(truth_path))
    for expected in load_truth(truth_path)["damage_findings"]:
        matches = [f for f in report.findings if f.rule == expected["rule"]
                   and set(expected["cells"]) <= set(f.cells)
                   and all(getattr(f, k) == expected[k] for k in ("raw", "official") if k in expected)
                   and set(expected.get("sections", ())) <= set(f.extra.get("sections", ()))]
        assert matches, f"no {expected} among {[(f.rule, f.raw, f.cells[:2]) for f in report.findings]}"
