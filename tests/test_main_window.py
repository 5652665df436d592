"""The review window driven offscreen, as an auditor would use it."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from conftest import DAMAGED, FIXTURES, load_truth
from desktop.gui.settings import Settings, load_settings
from desktop.core import batch
from desktop.core.store import Store, importing
from desktop.gui.main_window import MainWindow
from desktop.gui.qt import QtCore, QtGui, QtWidgets, Qt
from desktop.gui.tasks import TaskRunner

PDF = FIXTURES / "reports" / "f03_2020_html_ruled.pdf"
TEXT = DAMAGED / "d02_2020_garbled_labels.txt"  # 2019 layout, every table read, labels damaged
TEXT_TRUTH = load_truth(TEXT.with_suffix(".truth.json"))
AGENCY = TEXT_TRUTH["meta"]["agency"]
APPEALS_OFF_BY_ONE = FIXTURES / "contradictions" / "c05_2020_appeals_total.txt"


@pytest.fixture
def make_window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("NIANBAO_HOME", str(tmp_path / "home"))
    db_path = tmp_path / "审校.sqlite"
    settings_path = tmp_path / "home" / "settings.json"

    def make(settings: Settings | None = None) -> MainWindow:
        window = MainWindow(Store(db_path), settings or Settings(), settings_path, TaskRunner(synchronous=True))
        qtbot.addWidget(window)
        window.show()
        return window

    make.db_path = db_path
    make.settings_path = settings_path
    return make


def _open(window: MainWindow, *paths: Path) -> None:
    window.import_paths([str(p) for p in paths])


def test_open_a_pdf_and_a_text_report(make_window):
    window = make_window()
    _open(window, PDF, TEXT)
    assert window.report_list.model.rowCount() == 2
    assert window.session is not None and window.session.record.report.document.kind == "pdf"
    text_id = next(r["id"] for r in window.store.summaries() if r["source_name"] == TEXT.name)
    window.report_list.select(text_id)
    assert window.session.report_id == text_id
    assert window.session.record.report.meta.agency == AGENCY


def test_selecting_a_cell_highlights_its_source(make_window):
    window = make_window()
    _open(window, TEXT)
    key = "requests.new.natural"
    window.tables.select_key(key)
    expected = list(window.session.record.report.cells[key].locations)
    assert expected and window.source.highlighted() == expected


def test_clicking_the_source_selects_the_cell(make_window):
    window = make_window()
    _open(window, TEXT)
    loc = window.session.record.report.cells["active.licensing.decisions"].locations[0]
    window.source.clicked.emit(loc.start, None, None)
    assert window.tables.current_key() == "active.licensing.decisions"


def test_edit_updates_findings_colours_database_and_undo(make_window):
    window = make_window()
    _open(window, APPEALS_OFF_BY_ONE)
    session = window.session
    key = "appeals.review.total"
    assert session.worst(key).value == "error"
    assert "错误 1" in window.findings.counts_label.text()
    window.apply_edits({key: 1})
    assert session.value(key) == 1
    # the error is gone; the narrative (行政复议2件) now disagrees with the corrected total
    assert session.worst(key).value == "warning"
    assert [f.finding.rule for f in session.findings_for(key) if f.finding.severity.value == "warning"] == \
        ["narrative.appeals"]
    assert "错误 0" in window.findings.counts_label.text()
    edits = [a for a in window.store.audit_trail(session.report_id) if a["action"] == "edit"]
    assert [(a["key"], a["old"], a["new"]) for a in edits] == [(key, "2", "1")]
    assert window.report_list.model.data(window.report_list.model.index(0, 4)) == "0"
    window.undo_action.trigger()
    assert session.value(key) == 2 and session.worst(key).value == "error"
    assert [a["why"] for a in window.store.audit_trail(session.report_id) if a["action"] == "edit"][-1] == "撤销"
    window.redo_action.trigger()
    assert session.value(key) == 1


def test_typed_invalid_value_is_refused_with_a_reason(make_window):
    window = make_window()
    _open(window, TEXT)
    model = window.tables.view("requests").grid_model()
    index = model.index_of("requests.new.natural")
    assert model.setData(index, "十二", Qt.EditRole) is False
    assert "不是数字" in window.statusBar().currentMessage()
    assert window.session.value("requests.new.natural") == TEXT_TRUTH["cells"]["requests.new.natural"]


def test_f8_steps_through_findings(make_window, qtbot):
    window = make_window()
    _open(window, APPEALS_OFF_BY_ONE)
    window.findings.show_info.setChecked(True)
    visible = window.findings.proxy.rowCount()
    assert visible >= 2
    window.windowHandle().requestActivate()  # shortcuts reach only the active window
    qtbot.waitUntil(lambda: QtWidgets.QApplication.activeWindow() is window, timeout=3000)
    qtbot.keyClick(window, Qt.Key_F8)
    first = window.findings.current()
    assert first is not None
    qtbot.keyClick(window, Qt.Key_F8)
    second = window.findings.current()
    assert second.id != first.id
    qtbot.keyClick(window, Qt.Key_F8, Qt.ShiftModifier)
    assert window.findings.current().id == first.id
    error = next(f for f in window.session.findings() if f.finding.severity.value == "error")
    window.findings._activate(window.findings.proxy.index(
        next(r for r in range(visible) if window.findings.proxy.index(r, 0).data(Qt.UserRole + 1).id == error.id), 0))
    assert window.tables.current_key() == error.finding.cells[0]


def test_paste_a_range_from_the_clipboard(make_window):
    window = make_window()
    _open(window, TEXT)
    window.tables.select_key("active.rules.made")
    QtWidgets.QApplication.clipboard().setText("4\t5\t6\n7\t8\t9\n")
    window.actions["paste"].trigger()
    values = window.session.record.report.values()
    assert [values[f"active.{row}.{col}"] for row in ("rules", "normative") for col in ("made", "published", "total")] \
        == [4, 5, 6, 7, 8, 9]
    window.undo_action.trigger()
    assert window.session.value("active.rules.made") == 0


def test_mark_reviewed_and_restart_finds_everything_as_left(make_window):
    window = make_window()
    _open(window, APPEALS_OFF_BY_ONE, TEXT)
    report_id = window.session.report_id
    window.apply_edits({"appeals.review.total": 1})
    window.actions["mark_done"].trigger()
    warning = next(f for f in window.session.findings() if f.finding.severity.value == "warning") \
        if any(f.finding.severity.value == "warning" for f in window.session.findings()) else None
    window.close()
    settings = load_settings(make_window.settings_path)
    assert settings.last_report == report_id
    again = make_window(settings)
    again.open_report(settings.last_report)
    assert again.session.value("appeals.review.total") == 1
    assert again.session.record.state == "done"
    row = again.report_list.model.row_of(report_id)
    assert again.report_list.model.data(again.report_list.model.index(row, 0)) == "已完成"
    assert warning is None or any(f.id == warning.id for f in again.session.findings())


def test_broken_file_gives_an_error_dialog_and_the_app_goes_on(make_window, tmp_path):
    window = make_window()
    broken = tmp_path / "坏的.pdf"
    broken.write_bytes(b"%PDF-1.7\n garbage that is not a pdf")
    _open(window, broken, TEXT)
    box = window.last_message
    assert box is not None and box.isVisible()
    assert "无法读取" in box.text()
    assert "坏的.pdf" in box.detailedText()
    assert window.report_list.model.rowCount() == 1
    assert window.session.record.report.meta.year == 2020


def test_import_runs_off_the_gui_thread_on_the_pool_with_progress(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("NIANBAO_HOME", str(tmp_path / "home"))
    settings = Settings(import_workers=2)  # read by two processes, whatever the batch's size
    window = MainWindow(Store(tmp_path / "db.sqlite"), settings, tmp_path / "s.json", TaskRunner())
    qtbot.addWidget(window)
    window.show()
    # Each report is stored only once the GUI thread's timer has run since: only an import off
    # the GUI thread can go on, and it shows the event loop running between every two files.
    ticked = threading.Event()
    timer = QtCore.QTimer()
    timer.timeout.connect(ticked.set)
    timer.start(5)
    real_store = importing.store_read
    waits = []

    def store_after_a_tick(store, path, data, digest, report, who=None):
        ticked.clear()
        waits.append(ticked.wait(20))
        return real_store(store, path, data, digest, report, who)

    monkeypatch.setattr(importing, "store_read", store_after_a_tick)
    spawned = []
    real_pool = batch._read_in_pool

    def counted_pool(jobs, order, workers, *rest):
        spawned.append(workers)
        yield from real_pool(jobs, order, workers, *rest)

    monkeypatch.setattr(batch, "_read_in_pool", counted_pool)
    listed = []
    window.report_list.model.rowsInserted.connect(lambda *_: listed.append(window.report_list.model.rowCount()))
    window.import_paths([str(p) for p in sorted((FIXTURES / "reports").glob("*.pdf"))[:4]])
    assert window.progress.isVisible()
    qtbot.waitUntil(lambda: not window.progress.isVisible(), timeout=60000)
    timer.stop()
    assert spawned == [2], "the batch was read by the pool the setting asks for"
    assert waits == [True] * 4, "the event loop kept running while reports were imported"
    assert window.report_list.model.rowCount() == 4
    assert listed == [1, 2, 3, 4], "each report is listed as soon as it is in"
    assert window.session is not None  # the first one was opened while the others were read


def test_screenshot_renders(make_window, tmp_path):
    window = make_window()
    _open(window, PDF)
    window.resize(1400, 900)
    image = window.grab().toImage()
    assert image.width() >= 1000
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 37) for y in range(0, image.height(), 37)}
    assert len(colours) > 10, "the window drew its panes"


def test_database_that_is_not_sqlite_is_refused_and_the_window_keeps_the_current_one(make_window, tmp_path):
    window = make_window()
    _open(window, TEXT)
    bad = tmp_path / "notes.sqlite"
    bad.write_bytes("不是数据库".encode() * 50)
    assert window.open_database(bad) is False
    assert "不是年报审校的数据库" in window.last_message.text()
    assert window.report_list.model.rowCount() == 1


def test_drop_files_imports_them(make_window):
    window = make_window()
    mime = QtCore.QMimeData()
    mime.setUrls([QtCore.QUrl.fromLocalFile(str(TEXT))])
    event = QtGui.QDropEvent(QtCore.QPointF(10, 10), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    window.dropEvent(event)
    assert window.report_list.model.rowCount() == 1


def test_export_from_the_window_honours_the_current_filter(make_window, tmp_path, monkeypatch):
    openpyxl = pytest.importorskip("openpyxl")
    window = make_window()
    _open(window, TEXT, APPEALS_OFF_BY_ONE)
    window.report_list.search.setText(AGENCY[:2])
    target = tmp_path / "导出.xlsx"
    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.export_excel()
    assert target.exists(), window.last_message and window.last_message.text()
    rows = list(openpyxl.load_workbook(target)["汇总（2019版）"].iter_rows(min_row=3, values_only=True))
    assert [r[2] for r in rows] == [AGENCY]
    tables = tmp_path / "表格.xlsx"
    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName", lambda *a, **k: (str(tables), ""))
    window.export_tables()
    assert {"表二", "表三", "表四"} <= {s.title[:2] for s in openpyxl.load_workbook(tables).worksheets} | \
        {s.title for s in openpyxl.load_workbook(tables).worksheets}


def test_the_processes_reading_an_import_are_chosen_in_the_file_menu_and_remembered(make_window, monkeypatch):
    monkeypatch.setattr(batch, "default_workers", lambda: 4)
    window = make_window()
    entries = [a for a in window.workers_menu.actions()]
    assert [a.text() for a in entries] == ["自动（较大的批次每个处理器核心一个）", "1 个进程", "2 个进程", "3 个进程", "4 个进程"]
    assert [a.isChecked() for a in entries] == [True, False, False, False, False]
    entries[2].trigger()
    assert window.settings.workers() == 2
    assert load_settings(make_window.settings_path).import_workers == 2
    again = make_window(load_settings(make_window.settings_path))
    assert [a.isChecked() for a in again.workers_menu.actions()] == [False, False, True, False, False]
