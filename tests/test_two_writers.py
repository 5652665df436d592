"""Two programs on one database (two windows, or a window and ``nianbao import``): every audit row
names the value that was really there before it, and the stored findings fit the stored values."""

from __future__ import annotations

import subprocess
import sys

from conftest import FIXTURES

from desktop.core.store import Store, import_file, set_cell
from desktop.core.store.checking import rule_findings
from desktop.core.store.serialise import fingerprint

REPORT = FIXTURES / "reports" / "f16_2021_text_tab.txt"
KEYS = ["requests.new.natural", "requests.new.total", "active.rules.issued"]

# Each writer keeps one Store open (and so its cached records) while the other writes.
WRITER = r"""
import random, sys
from desktop.core.store import Store, set_cell
store = Store(sys.argv[1], timeout=30)
report_id, seed, count = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
keys = sys.argv[5].split(",")
rng = random.Random(seed)
store.record(report_id)
for _ in range(count):
    set_cell(store, report_id, rng.choice(keys), rng.randrange(0, 6), who=f"w{seed}")
"""


def test_every_audit_row_names_the_value_before_it(tmp_path):
    db = tmp_path / "db.sqlite"
    with Store(db) as store:
        report_id = import_file(store, REPORT).report_id
        extracted = store.record(report_id).extracted
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(db), str(report_id), str(seed), "150", ",".join(KEYS)])
        for seed in (1, 2)
    ]
    assert [w.wait(timeout=300) for w in writers] == [0, 0]
    with Store(db) as store:
        edits = [row for row in store.audit_trail(report_id) if row["action"] == "edit"]
        assert {row["who"] for row in edits} == {"w1", "w2"}
        record = store.record(report_id)
        for key in KEYS:
            chain = [row for row in edits if row["key"] == key]
            before = [str(extracted[key])] + [row["new"] for row in chain[:-1]]
            assert [row["old"] for row in chain] == before, key
            assert str(record.report.cells[key].value) == chain[-1]["new"]
        stored = sorted(fingerprint(f.finding) for f in record.findings if f.origin == "rules")
        fresh = sorted(fingerprint(f) for f in rule_findings(record.report, store.previous_year_values(record), record))
        assert stored == fresh, "the stored findings are those of the stored values"


def test_a_window_sees_that_another_program_changed_its_report(tmp_path):
    db = tmp_path / "db.sqlite"
    with Store(db) as window, Store(db) as other:
        report_id = import_file(window, REPORT).report_id
        before = window.record(report_id)
        assert not window.changed_elsewhere()
        set_cell(other, report_id, "requests.new.natural", 99)
        assert window.changed_elsewhere()
        assert window.record(report_id) is not before
        assert window.record(report_id).report.cells["requests.new.natural"].value == 99
        assert not window.changed_elsewhere()


def test_cross_year_findings_are_there_from_import_in_either_order(tmp_path):
    """Last year's 结转下年度 (here 1 + 12 = 13 natural persons … changed to 36 → 99) against this
    year's 上年结转 (36): the mismatch is found whichever report is imported first."""
    source = REPORT.read_text(encoding="utf-8")
    last_year = tmp_path / "2020.txt"
    last_year.write_text(
        source.replace("东湖市西城区市场监督管理局2021年", "东湖市西城区市场监督管理局2020年", 1)
        .replace("四、结转下年度继续办理\t1\t", "四、结转下年度继续办理\t99\t"),
        encoding="utf-8",
    )
    for order in ((REPORT, last_year), (last_year, REPORT)):
        with Store(tmp_path / f"{order[0].stem}.sqlite") as store:
            ids = {path: import_file(store, path).report_id for path in order}
            assert store.record(ids[last_year]).report.meta.year == 2020
            rules = {f.finding.rule for f in store.record(ids[REPORT]).findings}
        assert "cross_year.carry_over" in rules, order


def test_an_edit_tells_the_views_of_cells_another_program_changed_meanwhile(tmp_path):
    from desktop.core.review import ReviewSession

    db = tmp_path / "db.sqlite"
    with Store(db) as window, Store(db) as other:
        report_id = import_file(window, REPORT).report_id
        session = ReviewSession(window, report_id)
        told = []
        session.subscribe(told.append)
        set_cell(other, report_id, KEYS[0], 55)
        session.set_value(KEYS[1], 66)
        assert told[-1].keys == {KEYS[0], KEYS[1]}
        assert session.value(KEYS[0]) == 55
        assert window.changed_elsewhere() and not window.changed_elsewhere()
