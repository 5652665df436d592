"""A new official layout is a JSON file: a made-up "2099" copied from 2021.json goes through
extraction, the rules, the grid, both exports, the command line and the window's tabs with no code."""

from __future__ import annotations

import json

import openpyxl
import pytest

import desktop.core.layouts as layouts
from conftest import FIXTURES, assert_sheet_is_grid, load_truth
from desktop.cli import main
from desktop.core.export import ExportFilter, export_report_tables, export_store
from desktop.core.grid import VALUE, build_grid
from desktop.core.layouts import load_layouts
from desktop.core.pipeline import analyse_file
from desktop.core.review import ReviewSession
from desktop.core.store import Store, import_file

REPORT = FIXTURES / "reports" / "f16_2021_text_tab.txt"  # printed with the 2021 form
CONTRADICTION = FIXTURES / "contradictions" / "c03_2021_balance.txt"


@pytest.fixture
def layout_2099(tmp_path, monkeypatch):
    """The shipped layouts with 2021.json replaced by the same form under the version "2099"."""
    shipped = layouts.layouts_dir()
    folder = tmp_path / "layouts"
    folder.mkdir()
    (folder / "2019.json").write_bytes((shipped / "2019.json").read_bytes())
    data = json.loads((shipped / "2021.json").read_text(encoding="utf-8"))
    data.update(version="2099", name="假想的 2099 版格式")
    (folder / "2099.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(layouts, "layouts_dir", lambda: folder)
    load_layouts.cache_clear()
    yield load_layouts()["2099"]
    load_layouts.cache_clear()


def test_extraction_and_rules_use_the_new_layout(layout_2099):
    assert sorted(load_layouts()) == ["2019", "2099"]
    report = analyse_file(REPORT)
    assert report.format == "2099" and report.layout is layout_2099
    assert report.values() == load_truth(REPORT.with_suffix(".truth.json"))["cells"]
    assert [f for f in report.findings if f.severity.value != "info"] == []
    assert any(f.rule == "narrative.requests" and f.extra["matched"] == "new" for f in report.findings)
    expected = load_truth(CONTRADICTION.with_suffix(".truth.json"))["expected_findings"]
    found = [(f.rule, f.severity.value, list(f.cells)) for f in analyse_file(CONTRADICTION).findings
             if f.severity.value == "error"]
    assert found == [(e["rule"], e["severity"], e["cells"]) for e in expected]


def test_grid_has_every_cell_of_the_new_layout(layout_2099):
    for table in layout_2099.tables:
        grid = build_grid(table)
        assert sorted(c.key for c in grid.cells if c.kind == VALUE) == sorted(table.cell_keys())


def test_both_exports_and_the_command_line(layout_2099, tmp_path, capsys):
    db = tmp_path / "db.sqlite"
    store = Store(db)
    report_id = import_file(store, REPORT).report_id
    export_store(store, tmp_path / "all.xlsx", ExportFilter(layouts=["2099"]))
    summary = openpyxl.load_workbook(tmp_path / "all.xlsx")["汇总（2099版）"]
    assert summary.cell(3, 1).value == report_id and summary.cell(3, 5).value == "2099版"
    export_report_tables(store, report_id, tmp_path / "tables.xlsx")
    printed = openpyxl.load_workbook(tmp_path / "tables.xlsx")
    values = store.record(report_id).report.values()
    store.close()
    for table in layout_2099.tables:
        assert_sheet_is_grid(printed[f"表{table.number}"], build_grid(table), values)

    assert main(["extract", str(REPORT), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["format"] == "2099"
    assert main(["export", "--db", str(db), "--xlsx", str(tmp_path / "cli.xlsx"), "--layout", "2099"]) == 0
    assert "汇总（2099版）" in openpyxl.load_workbook(tmp_path / "cli.xlsx").sheetnames
    with pytest.raises(SystemExit):
        main(["export", "--db", str(db), "--xlsx", str(tmp_path / "none.xlsx"), "--layout", "2021"])


def test_window_tabs_come_from_the_layout(layout_2099, tmp_path, pane):
    store = Store(tmp_path / "db.sqlite")
    session = ReviewSession(store, import_file(store, REPORT).report_id)
    pane.set_session(session)
    assert [pane.tabs.tabText(i) for i in range(pane.tabs.count())] == [
        f"表{t.number} {t.tab}" for t in layout_2099.tables]
    pane.set_session(None)
    store.close()
