"""Every generated fixture report (HTML, DOCX, PDF, text in several encodings) extracts to its known truth."""

from __future__ import annotations

import pytest

from conftest import FIXTURES, load_truth, source_of, truth_files
from desktop.core.pipeline import analyse_file

REPORTS = truth_files(FIXTURES / "reports") + truth_files(FIXTURES / "contradictions")


def test_there_are_enough_fixtures():
    assert len(truth_files(FIXTURES / "reports")) >= 20


@pytest.mark.parametrize("truth_path", REPORTS, ids=lambda p: p.name.split(".")[0])
def test_fixture_cells_match_truth(truth_path):
    truth = load_truth(truth_path)
    report = analyse_file(source_of(truth_path))
    assert report.format == truth["layout"]
    assert report.meta.to_json() == truth["meta"]
    got = report.values()
    assert set(got) == set(truth["cells"])
    wrong = {k: (truth["cells"][k], got[k]) for k in truth["cells"] if got[k] != truth["cells"][k]}
    assert wrong == {}, f"{len(wrong)} cells differ (expected, got): {dict(list(wrong.items())[:12])}"
