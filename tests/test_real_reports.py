"""The real portal excerpts of ../shared/real read to their hand-made truth (skipped without them).

The same measure as ``../shared/tools/score.py``, in-process: cells right, no cell invented where
the excerpt has none, the year and the agency. tests/test_real_shapes.py holds a project-made
report for every shape these excerpts showed.
"""

from __future__ import annotations

from conftest import REAL, load_truth, needs_real, source_of, truth_files

from desktop.core.pipeline import analyse_file

pytestmark = needs_real


def _same(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) < 1e-6


def test_real_excerpts_read_to_their_truth():
    cells = right = invented = years = years_right = agencies = agencies_right = 0
    wrong = []
    for path in truth_files(REAL):
        truth = load_truth(path)
        report = analyse_file(source_of(path))
        got = report.values()
        for key, want in truth["cells"].items():
            if want is None:
                invented += got.get(key) is not None
                continue
            cells += 1
            right += _same(got.get(key), want)
            if not _same(got.get(key), want):
                wrong.append((path.name, key, want, got.get(key)))
        meta = truth["meta"]
        if meta.get("year") is not None:
            years += 1
            years_right += report.meta.year == meta["year"]
        if meta.get("agency"):
            agencies += 1
            agencies_right += "".join((report.meta.agency or "").split()) == "".join(meta["agency"].split())
    assert cells and right / cells >= 0.99, wrong[:20]
    assert invented == 0
    assert years_right / years >= 0.98 and agencies_right / agencies >= 0.95
