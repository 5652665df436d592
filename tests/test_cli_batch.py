"""The command line as a newcomer meets it: batches that end with their summary, refusals on
stderr in both languages, logs without carriage returns, states by the names ``status`` prints."""

from __future__ import annotations

import sqlite3

import pytest

import hostile
from desktop import cli
from desktop.core.store import Store, import_file


def _run(capsys, *argv):
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _reports(tmp_path, count: int) -> list[str]:
    paths = []
    for i in range(count):
        path = tmp_path / f"r{i}.txt"
        path.write_text(hostile.report_text() + f"\n附注 {i}\n", encoding="utf-8")
        paths.append(str(path))
    return paths


def test_unreadable_files_are_named_on_stderr_in_both_languages(capsys, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(bytes(range(256)) * 8)
    code, out, err = _run(capsys, "import", *_reports(tmp_path, 1), str(bad), "--db", str(tmp_path / "db.sqlite"))
    assert code == 2
    assert "无法读取 1 份" in out and "bad.txt" not in out
    line = next(x for x in err.splitlines() if x.startswith("无法读取"))
    assert "bad.txt" in line and "二进制" in line and "Cannot read" in line and "binary" in line


def test_a_locked_database_stops_the_batch_with_its_summary(capsys, tmp_path, monkeypatch):
    db = tmp_path / "db.sqlite"
    files = _reports(tmp_path, 3)
    Store(db).close()
    monkeypatch.setattr(cli, "_open_store", lambda path: Store(path, timeout=0.2))
    other = sqlite3.connect(str(db), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock throughout
    try:
        code, out, err = _run(capsys, "import", *files, "--db", str(db))
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert code == 2
    assert "导入 0 份" in out and "未导入 3 份" in out
    assert "另一个程序正在写入" in err and "Traceback" not in err
    with Store(db) as store:
        assert store.report_ids() == []


def test_ocr_progress_into_a_log_has_no_carriage_returns(capsys, tmp_path):
    report = cli._ocr_progress([tmp_path / "scan.pdf"])
    for page in (1, 2, 3):
        report(0, page, 3)
    err = capsys.readouterr().err
    assert "\r" not in err and err.count("\n") == 3 and "3/3" in err


def test_status_refuses_a_database_that_is_not_there(capsys, tmp_path):
    missing = tmp_path / "typo.sqlite"
    code, _, err = _run(capsys, "status", "--db", str(missing))
    assert code == 2 and "不存在" in err
    assert not missing.exists()


@pytest.mark.parametrize("state", ["已完成", "done"])
def test_export_takes_the_state_names_status_prints(capsys, tmp_path, state):
    db = tmp_path / "db.sqlite"
    with Store(db) as store:
        first, _ = (import_file(store, path).report_id for path in _reports(tmp_path, 2))
        store.set_review_state(first, "done")
    out_file = tmp_path / "done.xlsx"
    code, out, _ = _run(capsys, "export", "--db", str(db), "--xlsx", str(out_file), "--state", state)
    assert code == 0 and out_file.exists()
    assert "已导出 1 份报告" in out

