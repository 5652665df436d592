"""The review database: nothing an auditor did is ever lost or half-saved."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from conftest import DAMAGED, ROOT, load_truth
from desktop.core.errors import StoreError
from desktop.core.store import Store, import_file, recheck, reextract, set_cell
from desktop.core.store.schema import MIGRATIONS, SCHEMA_VERSION

SAMPLE = DAMAGED / "d04_2020_short_rows.txt"  # 2019 layout, two rows of table 三 printed short
TRUTH = load_truth(SAMPLE.with_suffix(".truth.json"))["cells"]
NATURAL = TRUTH["requests.new.natural"]
EDITS = [
    ("requests.new.natural", NATURAL + 1, "原文第45行为13，提取有误"),
    ("active.licensing.decisions", TRUTH["active.licensing.decisions"] + 1, "与附件核对"),
    ("appeals.review.total", 0, "原文表四无此数，按0录入"),
]


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "审校 数据" / "nianbao.sqlite"


def _imported(db_path) -> tuple[Store, int]:
    store = Store(db_path)
    result = import_file(store, SAMPLE, who="张审计")
    assert result.status == "imported"
    return store, result.report_id


def test_round_trip_in_a_new_process(db_path):
    store, report_id = _imported(db_path)
    for key, value, why in EDITS:
        set_cell(store, report_id, key, value, who="张审计", why=why)
    store.close()
    script = (
        "import json, sys\n"
        "from desktop.core.store import Store\n"
        "s = Store(sys.argv[1]); r = s.record(int(sys.argv[2]))\n"
        "print(json.dumps({'values': r.report.values(), 'corrected': sorted(r.corrected),"
        " 'extracted': r.extracted, 'audit': s.audit_trail(r.id)}, ensure_ascii=False))\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(db_path), str(report_id)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    for key, value, _ in EDITS:
        assert data["values"][key] == value
    assert data["corrected"] == sorted(k for k, _, _ in EDITS)
    assert data["extracted"]["requests.new.natural"] == NATURAL
    edits = [a for a in data["audit"] if a["action"] == "edit"]
    assert [(a["key"], a["old"], a["new"], a["who"], a["why"]) for a in edits] == [
        (key, str(TRUTH[key]), str(value), "张审计", why) for key, value, why in EDITS
    ]
    assert data["audit"][0]["action"] == "import"


def test_same_bytes_are_found_not_imported_twice(db_path, tmp_path):
    store, report_id = _imported(db_path)
    copy = tmp_path / "另一个名字.txt"
    copy.write_bytes(SAMPLE.read_bytes())
    result = import_file(store, copy)
    assert (result.status, result.report_id) == ("present", report_id)
    assert store.report_ids() == [report_id]


def test_source_bytes_are_kept_for_when_the_file_moves(db_path):
    store, report_id = _imported(db_path)
    assert store.source_bytes(report_id) == SAMPLE.read_bytes()


def test_unreadable_file_is_reported_and_nothing_stored(db_path, tmp_path):
    store = Store(db_path)
    bad = tmp_path / "空.txt"
    bad.write_bytes(b"")
    result = import_file(store, bad)
    assert result.status == "unreadable" and "空" in result.reason
    assert store.report_ids() == []


def test_audit_trail_is_append_only(db_path):
    store, report_id = _imported(db_path)
    with pytest.raises(sqlite3.DatabaseError):
        store.db.conn.execute("DELETE FROM audit")
    with pytest.raises(sqlite3.DatabaseError):
        store.db.conn.execute("UPDATE audit SET who = 'x'")
    assert len(store.audit_trail(report_id)) == 1


def test_finding_state_and_comment_survive_recomputation(db_path):
    store, report_id = _imported(db_path)
    record = store.record(report_id)
    warning = next(f for f in record.findings if f.finding.rule == "structure.short_row")
    store.set_finding_state(warning.id, "acknowledged", comment="原表确实只印六列", who="张审计")
    set_cell(store, report_id, "requests.new.natural", NATURAL + 1)
    set_cell(store, report_id, "requests.new.natural", NATURAL)
    again = next(f for f in store.record(report_id).findings if f.id == warning.id)
    assert (again.state, again.comment) == ("acknowledged", "原表确实只印六列")


def test_review_state_is_audited(db_path):
    store, report_id = _imported(db_path)
    store.set_review_state(report_id, "done", who="李审计")
    assert store.summaries()[0]["state"] == "done"
    last = store.audit_trail(report_id)[-1]
    assert (last["action"], last["old"], last["new"], last["who"]) == ("state", "unreviewed", "done", "李审计")


def test_reextract_keeps_corrections_and_flags_disagreements(db_path):
    store, report_id = _imported(db_path)
    set_cell(store, report_id, "requests.new.natural", NATURAL + 1, why="核对原件")
    set_cell(store, report_id, "active.penalty.prev", 3, why="核对原件")
    # pretend an older extractor had read 99 for one corrected cell
    store.db.conn.execute("UPDATE cells SET extracted = 99 WHERE report_id = ? AND key = 'active.penalty.prev'", [report_id])
    store._records.clear()
    record = reextract(store, report_id)
    assert record.report.values()["requests.new.natural"] == NATURAL + 1
    assert record.report.values()["active.penalty.prev"] == 3
    assert record.corrected == {"requests.new.natural", "active.penalty.prev"}
    conflicts = [f.finding for f in record.findings if f.finding.rule == "store.reextract_conflict"]
    assert [f.cells for f in conflicts] == [("active.penalty.prev",)]
    assert "99" in conflicts[0].message and "保留了人工更正值 3" in conflicts[0].message


def test_not_a_database_gives_a_clear_message_and_is_left_alone(tmp_path):
    path = tmp_path / "notes.sqlite"
    content = "这不是数据库".encode() * 100
    path.write_bytes(content)
    with pytest.raises(StoreError) as info:
        Store(path)
    assert "不是年报审校的数据库" in info.value.zh
    assert path.read_bytes() == content


def test_read_only_database_refuses_writes_and_keeps_data(db_path):
    store, report_id = _imported(db_path)
    set_cell(store, report_id, "requests.new.natural", NATURAL + 1)
    store.close()
    reader = Store(db_path, read_only=True)
    assert reader.record(report_id).report.values()["requests.new.natural"] == NATURAL + 1
    with pytest.raises(StoreError) as info:
        set_cell(reader, report_id, "requests.new.natural", NATURAL + 2)
    assert "只读" in info.value.zh
    reader.close()
    assert Store(db_path).record(report_id).report.values()["requests.new.natural"] == NATURAL + 1


def test_full_disk_loses_only_the_change_in_flight(db_path):
    store, report_id = _imported(db_path)
    set_cell(store, report_id, "requests.new.natural", NATURAL + 1)
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.conn.execute(f"PRAGMA max_page_count = {pages}")  # SQLite now answers 'database or disk is full'
    with pytest.raises(StoreError) as info:
        for i in range(200):
            set_cell(store, report_id, "active.rules.made", i, why="x" * 2000)
    assert "磁盘已满" in info.value.zh
    store.close()
    reopened = Store(db_path)
    assert reopened.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    values = reopened.record(report_id).report.values()
    assert values["requests.new.natural"] == NATURAL + 1
    last_edit = [a for a in reopened.audit_trail(report_id) if a["key"] == "active.rules.made"]
    expected = int(last_edit[-1]["new"]) if last_edit else 0
    assert values["active.rules.made"] == expected


def test_second_writer_waits_then_gets_a_clear_message(db_path):
    store, report_id = _imported(db_path)
    store.close()
    other = sqlite3.connect(str(db_path), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    blocked = Store(db_path, timeout=0.3)
    started = time.monotonic()
    with pytest.raises(StoreError) as info:
        set_cell(blocked, report_id, "requests.new.natural", NATURAL + 1)
    assert time.monotonic() - started >= 0.25
    assert "另一个程序" in info.value.zh
    other.execute("COMMIT")
    other.close()
    blocked._records.clear()
    set_cell(blocked, report_id, "requests.new.natural", NATURAL + 1)
    assert blocked.record(report_id).report.values()["requests.new.natural"] == NATURAL + 1


WRITER = r"""
import sys
from desktop.core.store import Store, set_cell
store = Store(sys.argv[1], timeout=30)
report_id, key, count = int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
for i in range(1, count + 1):
    set_cell(store, report_id, key, i, who=key)
    print(i, flush=True)
"""


def test_two_processes_writing_at_once_both_succeed(db_path):
    store, report_id = _imported(db_path)
    store.close()
    keys = ["active.rules.made", "active.normative.made"]
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(db_path), str(report_id), k, "25"],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for k in keys]
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    reopened = Store(db_path)
    assert reopened.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    values = reopened.record(report_id).report.values()
    assert [values[k] for k in keys] == [25, 25]
    trail = reopened.audit_trail(report_id)
    for k in keys:
        assert [int(a["new"]) for a in trail if a["key"] == k] == list(range(1, 26))


@pytest.mark.slow
def test_sigkill_in_the_middle_of_edits_never_leaves_half_an_edit(db_path):
    store, report_id = _imported(db_path)
    store.close()
    rng = random.Random(7)
    key = "active.rules.made"
    for attempt in range(12):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(db_path), str(report_id), key, "100000"],
                                cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        wanted = rng.randint(1, 40)
        printed = 0
        while printed < wanted:
            line = proc.stdout.readline()
            assert line, proc.stderr.read()
            printed = int(line)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        check = Store(db_path)
        assert check.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        value = check.record(report_id).report.values()[key]
        edits = [a for a in check.audit_trail(report_id) if a["key"] == key and a["who"] == key]
        # every edit reported as committed is there; the value and the last audit row agree
        assert value >= printed, f"attempt {attempt}: committed edit {printed} lost (value {value})"
        assert int(edits[-1]["new"]) == value
        check.close()


def test_migration_from_version_1(tmp_path):
    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(str(path), isolation_level=None)
    MIGRATIONS[0](conn)
    conn.execute("PRAGMA user_version = 1")
    conn.execute(
        "INSERT INTO reports (sha256, source_name, size, kind, extractor_version, document, sections, imported_at, "
        "updated_at) VALUES ('abc', 'old.txt', 3, 'text', '0.0.1', x'00', '{}', 't', 't')"
    )
    conn.execute(
        "INSERT INTO findings (report_id, origin, fingerprint, rule, severity, cells, message, locations, state) "
        "VALUES (1, 'rules', 'fp', 'requests.balance', 'error', '[]', 'm', '[]', 'dismissed')"
    )
    conn.close()
    store = Store(path)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    row = next(store.db.query("SELECT state, comment, state_by FROM findings"))
    assert row == {"state": "dismissed", "comment": None, "state_by": None}
    assert store.find_by_hash("abc") == 1


def test_database_from_a_newer_release_is_refused(tmp_path):
    path = tmp_path / "new.sqlite"
    conn = sqlite3.connect(str(path))
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    with pytest.raises(StoreError) as info:
        Store(path)
    assert "更新版本" in info.value.zh


def test_cross_year_rules_run_against_the_same_agency_in_the_store(tmp_path):
    """Year N's 上年结转 must equal year N-1's 结转下年度; agency names match across width and spacing."""
    source = (ROOT / "tests" / "fixtures" / "reports" / "f16_2021_text_tab.txt").read_text(encoding="utf-8")
    this_year = tmp_path / "2021.txt"
    this_year.write_text(source, encoding="utf-8")
    last_year = tmp_path / "2020.txt"
    last_year.write_text(source.replace("东湖市西城区市场监督管理局2021年", "东湖市西城区 市场监督管理局 2020年", 1),
                         encoding="utf-8")
    store = Store(tmp_path / "db.sqlite")
    current = import_file(store, this_year).report_id
    previous = import_file(store, last_year).report_id
    assert store.record(previous).report.meta.year == 2020
    # the previous year's 结转下年度 was imported after: this year's findings are recomputed on the next check
    recheck(store, current)
    carried_in = store.record(current).report.values()["requests.carried_in.natural"]
    carried_over = store.record(previous).report.values()["requests.carried_over.natural"]
    mismatch = carried_in != carried_over
    rules = [f.finding for f in store.record(current).findings if f.finding.rule == "cross_year.carry_over"]
    assert bool(rules) == mismatch
    set_cell(store, previous, "requests.carried_over.natural", carried_in + 5, why="测试跨年度")
    rules = [f.finding for f in store.record(current).findings if f.finding.rule == "cross_year.carry_over"]
    assert any("requests.carried_in.natural" in f.cells for f in rules), "editing last year re-checks this year"
    set_cell(store, previous, "requests.carried_over.natural", carried_in)
    rules = [f.finding for f in store.record(current).findings
             if f.finding.rule == "cross_year.carry_over" and "requests.carried_in.natural" in f.finding.cells]
    assert rules == []


def test_an_error_that_still_holds_survives_an_edit_elsewhere(tmp_path):
    store = Store(tmp_path / "db.sqlite")
    report_id = import_file(store, ROOT / "tests" / "fixtures" / "contradictions" / "c05_2020_appeals_total.txt").report_id
    errors = [f.id for f in store.record(report_id).findings if f.finding.severity.value == "error"]
    assert len(errors) == 1
    set_cell(store, report_id, "active.rules.made", 7)
    recheck(store, report_id)
    after = [f.id for f in store.record(report_id).findings if f.finding.severity.value == "error"]
    assert after == errors, "the same finding, with the same id (and so its state), is still there"
