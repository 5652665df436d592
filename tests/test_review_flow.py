"""A batch review in the window: what it records and shows stays right while the auditor moves between reports."""

from __future__ import annotations

import shutil

import pytest

from conftest import FIXTURES
from desktop.core.export.query import ExportFilter, last_edits
from desktop.core.export.sheet import CORRECTED_FILL
from desktop.core.resources import resource_path
from desktop.gui.settings import Settings
from desktop.core.store import Store
from desktop.gui.app import install_qt_translator
from desktop.gui.main_window import MainWindow
from desktop.gui.qt import QtCore, QtGui, QtWidgets, Qt
from desktop.gui.tasks import TaskRunner

OFF_BY_ONE = FIXTURES / "contradictions" / "c05_2020_appeals_total.txt"  # one error: appeals.review.total
ROW_TOTAL = FIXTURES / "contradictions" / "c01_2020_row_total.txt"
KEY = "appeals.review.total"


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("NIANBAO_HOME", str(tmp_path / "home"))
    window = MainWindow(Store(tmp_path / "审校.sqlite"), Settings(), tmp_path / "home" / "settings.json",
                        TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    window.show()
    window.import_paths([str(OFF_BY_ONE), str(ROW_TOTAL)])
    return window


def _id(window: MainWindow, path) -> int:
    return next(r["id"] for r in window.store.summaries() if r["source_name"] == path.name)


def _list_cell(window: MainWindow, report_id: int, column: str) -> str:
    model = window.report_list.model
    return model.data(model.index(model.row_of(report_id), model.COLUMNS.index(column)))


def _grid_background(window: MainWindow, key: str):
    model = window.tables.view(key.split(".")[0]).grid_model()
    return model.data(model.index_of(key), Qt.BackgroundRole)


def _activate(window: MainWindow, qtbot) -> None:
    window.windowHandle().requestActivate()  # shortcuts reach only the active window
    qtbot.waitUntil(lambda: QtWidgets.QApplication.activeWindow() is window, timeout=3000)


# ---------------------------------------------------------------------- wrong today (issue 15, 1–4)
def test_undo_after_visiting_another_report_updates_every_view(window):
    a, b = _id(window, OFF_BY_ONE), _id(window, ROW_TOTAL)
    window.open_report(a)
    error_colour = _grid_background(window, KEY)
    window.apply_edits({KEY: 1})
    assert _list_cell(window, a, "errors") == "0"
    window.report_list.select(b)
    window.report_list.select(a)
    window.undo_action.trigger()
    assert window.store.record(a).report.cells[KEY].value == 2  # the database was always right
    assert window.session.value(KEY) == 2
    assert _grid_background(window, KEY) == error_colour, "the grid shows the undone value's error again"
    assert "错误 1" in window.findings.counts_label.text()
    assert _list_cell(window, a, "errors") == "1"
    window.report_list.select(b)
    window.report_list.select(a)
    assert _list_cell(window, a, "errors") == "1"
    window.redo_action.trigger()
    assert "错误 0" in window.findings.counts_label.text() and _list_cell(window, a, "errors") == "0"


def test_reason_belongs_to_the_report_it_was_typed_for(window):
    a, b = _id(window, OFF_BY_ONE), _id(window, ROW_TOTAL)
    window.open_report(a)
    window.reason.setText("按原件第3页更正")
    window.apply_edits({KEY: 1})
    window.report_list.select(b)
    assert window.reason.text() == ""
    window.apply_edits({"active.rules.made": 7})
    whys = {row["report_id"]: row["why"] for row in window.store.audit_trail() if row["action"] == "edit"}
    assert whys == {a: "按原件第3页更正", b: None}
    window.report_list.select(a)
    assert window.reason.text() == "按原件第3页更正"


def test_an_edit_under_a_state_filter_keeps_the_report_open(window):
    a = _id(window, OFF_BY_ONE)
    window.report_list.state_box.setCurrentIndex(window.report_list.state_box.findData("unreviewed"))
    window.report_list.select(a)
    assert window.session.report_id == a
    window.apply_edits({KEY: 1})
    assert window.store.record(a).state == "in_review"
    assert window.session.report_id == a, "the edited report stays open"
    assert window.report_list.current_id() == a
    assert a in window.report_list.proxy.visible_ids()
    window.undo_action.trigger()
    assert window.session.report_id == a and window.session.value(KEY) == 2
    other = _id(window, ROW_TOTAL)
    window.report_list.select(other)
    assert a not in window.report_list.proxy.visible_ids(), "once left, the filter applies to it again"


@pytest.mark.parametrize("keys", [(Qt.Key_Y, Qt.ControlModifier),
                                  (Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)])
def test_redo_has_both_shortcuts(window, qtbot, keys):
    window.open_report(_id(window, OFF_BY_ONE))
    window.apply_edits({KEY: 1})
    window.undo_action.trigger()
    assert window.session.value(KEY) == 2
    _activate(window, qtbot)
    qtbot.keyClick(window, *keys)
    assert window.session.value(KEY) == 1


# ---------------------------------------------------------------------- where am I in the season
def test_counts_per_state_in_the_filter_and_the_status_bar(window):
    assert window.season_label.text() == "未审核 2 · 审核中 0 · 已完成 0 · 有疑问 0"
    window.open_report(_id(window, OFF_BY_ONE))
    window.apply_edits({KEY: 1})
    assert window.season_label.text() == "未审核 1 · 审核中 1 · 已完成 0 · 有疑问 0"
    box = window.report_list.state_box
    assert [box.itemText(i) for i in range(box.count())] == ["全部状态 2", "未审核 1", "审核中 1", "已完成 0", "有疑问 0"]


def test_import_summary_names_what_was_there_and_what_could_not_be_read(window, tmp_path):
    broken = tmp_path / "坏的.pdf"
    broken.write_bytes(b"%PDF-1.7\n not a pdf")
    window.import_paths([str(OFF_BY_ONE), str(broken)])
    box = window.last_message
    assert box.text().startswith("导入 0 份，已存在 1 份，无法读取 1 份")
    assert "坏的.pdf：" in box.detailedText() and f"{OFF_BY_ONE.name}：已在数据库中" in box.detailedText()


def test_the_empty_window_says_how_to_start_and_opens_the_demo(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("NIANBAO_HOME", str(tmp_path / "home"))
    monkeypatch.setattr("tempfile.mkdtemp", lambda prefix="": str(tmp_path / "demo"))
    demo = tmp_path / "bundled"  # the text demos only: the scanned one would run OCR for a minute
    demo.mkdir()
    for path in resource_path("demo").glob("*.txt"):
        shutil.copy(path, demo)
    monkeypatch.setattr("desktop.gui.main_window.resource_path", lambda *parts: demo)
    window = MainWindow(Store(tmp_path / "空.sqlite"), Settings(), tmp_path / "s.json", TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    hint = window.tables.placeholder.text()
    assert "Ctrl+O" in hint and "打开示例报告" in hint
    assert window.season_label.text() == ""
    window.actions["open_demo"].trigger()
    assert window.store.path == tmp_path / "demo" / "demo.sqlite"
    assert window.report_list.model.rowCount() == 2 and window.session is not None


# ---------------------------------------------------------------------- done and next
def _answer(monkeypatch, *, yes: bool | None = None, text: str | None = None) -> list[str]:
    """Answer the next question boxes / text prompts as the auditor would; returns the prompts shown."""
    asked: list[str] = []
    if yes is not None:
        def question(_parent, _title, label, *args, **kwargs):
            asked.append(label)
            return QtWidgets.QMessageBox.Yes if yes else QtWidgets.QMessageBox.No
        monkeypatch.setattr(QtWidgets.QMessageBox, "question", question)
    if text is not None:
        def get_text(_parent, _title, label, *args, **kwargs):
            asked.append(label)
            return text, True
        monkeypatch.setattr(QtWidgets.QInputDialog, "getText", get_text)
    return asked


def test_done_and_next_asks_about_open_errors_then_opens_the_next_report(window, monkeypatch):
    a, b = _id(window, OFF_BY_ONE), _id(window, ROW_TOTAL)
    window.open_report(a)
    asked = _answer(monkeypatch, yes=False)
    window.actions["done_next"].trigger()
    assert "1 个未处理的错误" in asked[0]
    assert window.store.record(a).state == "unreviewed" and window.session.report_id == a
    _answer(monkeypatch, yes=True)
    window.actions["done_next"].trigger()
    assert window.store.record(a).state == "done"
    assert window.session.report_id == b
    assert window.season_label.text() == "未审核 1 · 审核中 0 · 已完成 1 · 有疑问 0"


def test_done_without_errors_asks_nothing_and_the_last_report_says_the_batch_is_through(window, monkeypatch):
    a, b = _id(window, OFF_BY_ONE), _id(window, ROW_TOTAL)
    window.store.set_review_state(b, "done")
    window.report_list.load(window.store)
    window.open_report(a)
    window.apply_edits({KEY: 1})
    asked = _answer(monkeypatch, yes=False)
    window.actions["done_next"].trigger()
    assert asked == [] and window.store.record(a).state == "done"
    assert window.session.report_id == a
    assert "都已审核完毕" in window.statusBar().currentMessage()


def test_query_needs_a_note_which_goes_to_the_audit_trail(window, monkeypatch):
    a = _id(window, OFF_BY_ONE)
    window.open_report(a)
    _answer(monkeypatch, text="  ")
    window.actions["mark_query"].trigger()
    assert window.store.record(a).state == "unreviewed"
    _answer(monkeypatch, text="第三页合计与附件不符，待向机关核实")
    window.actions["mark_query"].trigger()
    assert window.store.record(a).state == "query"
    assert window.store.audit_trail(a)[-1]["why"] == "第三页合计与附件不符，待向机关核实"


def test_acknowledging_an_error_needs_a_comment_which_the_panel_shows(window, monkeypatch):
    window.open_report(_id(window, OFF_BY_ONE))
    window.step_finding(True)
    error = window.findings.current()
    assert error.finding.severity.value == "error"
    _answer(monkeypatch, text="")
    window.actions["acknowledge_finding"].trigger()
    assert window.findings.current().state == "open"
    _answer(monkeypatch, text="原件如此，已电话核实")
    window.actions["acknowledge_finding"].trigger()
    shown = window.findings.view.currentIndex().siblingAtColumn(window.findings.model.COLUMNS.index("state")).data()
    assert shown == "已确认：原件如此，已电话核实"
    window.actions["reopen_finding"].trigger()
    assert window.findings.current().state == "open"


def test_f8_at_the_last_finding_says_so_then_wraps(window):
    window.open_report(_id(window, ROW_TOTAL))
    rows = window.findings.proxy.rowCount()
    assert rows == 2
    window.step_finding(True)
    window.step_finding(True)
    last = window.findings.current()
    window.step_finding(True)
    assert window.findings.current().id == last.id
    assert "已是最后一个问题（共 2 个）" in window.statusBar().currentMessage()
    window.step_finding(True)
    assert window.findings.proxy.index(0, 0) == window.findings.view.currentIndex()


def test_apply_a_suggested_value_with_one_key(window):
    a = _id(window, OFF_BY_ONE)
    window.open_report(a)
    window.step_finding(True)
    assert window.tables.current_key() == KEY  # the suggested cell, not merely the first named
    assert window.findings.apply_button.isEnabled()
    window.actions["apply_suggestion"].trigger()
    assert window.session.value(KEY) == 1 and window.session.open_errors() == 0
    edit = [row for row in window.store.audit_trail(a) if row["action"] == "edit"][-1]
    assert (edit["key"], edit["new"], edit["why"]) == (KEY, "1", "采用问题中的建议值")
    window.undo_action.trigger()
    assert window.session.value(KEY) == 2


# ---------------------------------------------------------------------- keyboard only
def _keys(qtbot, *strokes) -> None:
    """Each stroke goes where the keyboard is now, as a real key press would."""
    for stroke in strokes:
        for key, modifier in ([(c, Qt.NoModifier) for c in stroke] if isinstance(stroke, str)
                              else [stroke if isinstance(stroke, tuple) else (stroke, Qt.NoModifier)]):
            target = QtWidgets.QApplication.focusWidget()
            assert target is not None, "the keyboard must be somewhere"
            if isinstance(key, str) and not key.isascii():  # Chinese arrives as text (QTest knows ASCII keys only)
                QtWidgets.QApplication.sendEvent(target, QtGui.QKeyEvent(QtCore.QEvent.KeyPress, 0, Qt.NoModifier, key))
            else:
                qtbot.keyClick(target, key, modifier)
            qtbot.wait(5)  # the grid commits a typed value through a queued call, as it does for a person


def test_panes_are_focused_by_keys_and_the_focused_one_is_framed(window, qtbot):
    _activate(window, qtbot)
    for key, pane in ((Qt.Key_1, "list"), (Qt.Key_2, "source"), (Qt.Key_3, "tables"), (Qt.Key_4, "findings")):
        _keys(qtbot, (key, Qt.AltModifier))
        assert window.focus_tracker.focused() is window.panes[pane]
        assert "#3b6fb6" in window.panes[pane].styleSheet()
    _keys(qtbot, (Qt.Key_1, Qt.AltModifier), Qt.Key_Tab)
    assert window.focus_tracker.focused() is not window.panes["list"], "Tab leaves the list"


def test_a_whole_batch_reviewed_without_the_mouse(window, qtbot, monkeypatch):
    a, b = _id(window, OFF_BY_ONE), _id(window, ROW_TOTAL)
    asked = _answer(monkeypatch, yes=False)  # no question may come: every error is fixed before Ctrl+Enter
    assert window.session.report_id == a
    _activate(window, qtbot)
    _keys(qtbot, Qt.Key_F8)  # the error: its suggested cell is current, in a focused grid
    assert window.tables.current_key() == KEY and window.focus_tracker.focused() is window.panes["tables"]
    _keys(qtbot, "1", Qt.Key_Return)
    assert window.session.value(KEY) == 1 and window.session.open_errors() == 0
    _keys(qtbot, (Qt.Key_Return, Qt.ControlModifier))
    assert window.store.record(a).state == "done" and window.session.report_id == b
    _keys(qtbot, Qt.Key_F8, "35", Qt.Key_Return)
    assert window.session.value("requests.partial.total") == 35 and window.session.open_errors() == 0
    _keys(qtbot, (Qt.Key_Enter, Qt.ControlModifier | Qt.KeypadModifier))
    assert window.store.record(b).state == "done"
    assert "都已审核完毕" in window.statusBar().currentMessage()
    _keys(qtbot, (Qt.Key_Z, Qt.ControlModifier))  # undo reaches the correction, not the state
    assert window.session.value("requests.partial.total") == 37
    assert asked == []


# ---------------------------------------------------------------------- take a number from the source
def _offset_of(window: MainWindow, text: str, after: str) -> int:
    document = window.session.record.report.document
    return document.text.index(text, document.text.index(after))


def test_ctrl_click_on_a_number_in_the_text_puts_it_into_the_selected_cell(window, qtbot):
    a = _id(window, OFF_BY_ONE)
    window.open_report(a)
    window.tables.select_key(KEY)
    window.reason.setText("核对原件")
    view = window.source.text_view
    offset = _offset_of(window, "1", "0\t1\t0\t0\t2")  # the 1 of 结果纠正 in table 四's row of numbers
    piece = window.session.source_text_at(offset)
    assert piece is not None and piece.text.strip() == "1"
    view.ensureCursorVisible()
    where = view.position_of(offset).center()
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, Qt.ControlModifier, where)
    assert window.session.value(KEY) == 1
    edit = [row for row in window.store.audit_trail(a) if row["action"] == "edit"][-1]
    assert edit["why"] == f"核对原件；取自原文{window.session.where(piece.loc)}：1"
    assert edit["why"].startswith("核对原件；取自原文第") and "行" in edit["why"]


def test_ctrl_click_on_words_is_refused_with_the_reason(window):
    window.open_report(_id(window, OFF_BY_ONE))
    window.tables.select_key(KEY)
    window.source.taken.emit(_offset_of(window, "行政诉讼", "四、政府信息公开"), None, None)
    assert window.session.value(KEY) == 2
    assert "不是数字" in window.statusBar().currentMessage()


def test_ctrl_click_on_a_pdf_page_takes_the_number_printed_there(window):
    window.import_paths([str(FIXTURES / "reports" / "f03_2020_html_ruled.pdf")])
    window.open_report(_id(window, FIXTURES / "reports" / "f03_2020_html_ruled.pdf"))
    cells = window.session.record.report.cells
    source_key = next(k for k, c in cells.items() if c.value not in (None, 0) and c.locations and k.startswith("requests"))
    loc = cells[source_key].locations[0]
    x0, top, x1, bottom = loc.bbox
    target = "requests.new.natural" if source_key != "requests.new.natural" else "requests.new.business"
    window.tables.select_key(target)
    window.source.taken.emit(None, loc.page, ((x0 + x1) / 2, (top + bottom) / 2))
    assert window.session.value(target) == cells[source_key].value
    edit = [row for row in window.store.audit_trail(window.session.report_id) if row["action"] == "edit"][-1]
    assert edit["why"] == f"取自原文第{loc.page}页：{cells[source_key].value}"


# ---------------------------------------------------------------------- readable
def test_list_rows_stay_put_when_a_state_changes_and_the_agency_tooltip_is_its_name(window):
    a, b = _id(window, OFF_BY_ONE), _id(window, ROW_TOTAL)
    view = window.report_list.view
    view.sortByColumn(window.report_list.model.COLUMNS.index("errors"), Qt.DescendingOrder)
    assert window.report_list.proxy.visible_ids() == [b, a]  # 2 errors, then 1
    window.open_report(b)
    window.apply_edits({"requests.partial.total": 35})  # now 0 errors: a re-sort would move it under a
    assert window.report_list.proxy.visible_ids() == [b, a]
    model = window.report_list.model
    agency = model.index(model.row_of(a), model.COLUMNS.index("agency"))
    assert agency.data(Qt.ToolTipRole) == agency.data() == window.store.record(a).report.meta.agency


def test_findings_show_rule_names_not_ids(window):
    window.open_report(_id(window, OFF_BY_ONE))
    model = window.findings.model
    rules = {model.index(r, model.COLUMNS.index("rule")).data() for r in range(model.rowCount())}
    assert "复议诉讼合计" in rules and not any("." in r for r in rules)


# ---------------------------------------------------------------------- find in the source
def test_find_bar_counts_matches_keeps_the_term_and_steps_with_f3(window, qtbot):
    window.open_report(_id(window, OFF_BY_ONE))
    _activate(window, qtbot)
    _keys(qtbot, (Qt.Key_F, Qt.ControlModifier))
    bar = window.find_bar
    assert bar.isVisible() and QtWidgets.QApplication.focusWidget() is bar.edit
    _keys(qtbot, "行政复议", Qt.Key_Return)
    expected = window.session.record.report.document.text.count("行政复议")
    assert expected >= 3 and bar.count.text() == f"共 {expected} 处"
    first = window.source.text_view.textCursor().selectionStart()
    _keys(qtbot, Qt.Key_F3)
    second = window.source.text_view.textCursor().selectionStart()
    assert second > first
    _keys(qtbot, (Qt.Key_F3, Qt.ShiftModifier))
    assert window.source.text_view.textCursor().selectionStart() == first
    _keys(qtbot, Qt.Key_Escape)
    assert not bar.isVisible()
    _keys(qtbot, (Qt.Key_F, Qt.ControlModifier))
    assert bar.edit.text() == "行政复议" and bar.edit.selectedText() == "行政复议"
    _keys(qtbot, "没有的词", Qt.Key_Return)
    assert bar.count.text() == "未找到"


# ---------------------------------------------------------------------- languages
def test_qt_dialog_buttons_are_chinese_with_the_chinese_interface(qapp):
    translator = install_qt_translator(qapp, "zh")
    assert translator is not None, "PySide6 ships qtbase_zh_CN.qm"
    try:
        box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Question, "标题", "内容",
                                    QtWidgets.QMessageBox.Yes | QtWidgets.QMessageBox.Cancel)
        texts = {button.text().replace("&", "") for button in box.buttons()}
        assert any("取消" in t for t in texts), texts
    finally:
        qapp.removeTranslator(translator)
    assert install_qt_translator(qapp, "en") is None


def test_language_menu_marks_the_current_language(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("NIANBAO_HOME", str(tmp_path / "home"))
    window = MainWindow(Store(tmp_path / "db.sqlite"), Settings(language="en"), tmp_path / "s.json",
                        TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    assert window.actions["language_en"].isChecked() and not window.actions["language_zh"].isChecked()
    window.actions["language_zh"].trigger()
    assert window.actions["language_zh"].isChecked() and window.settings.language == "zh"


# ---------------------------------------------------------------------- corrected cells, window and workbook
def test_workbook_comment_gives_the_reason_of_the_value_shown_never_undo_or_redo(window):
    a = _id(window, OFF_BY_ONE)
    window.open_report(a)

    def comment_reason():
        return last_edits(window.store.db.conn, ExportFilter(report_ids=[a]))[(a, KEY)].why

    window.reason.setText("按原件第3页")
    window.apply_edits({KEY: 1})
    window.reason.setText("复核后改为3")
    window.apply_edits({KEY: 3})
    window.undo_action.trigger()  # back to 1: the reason is 1's
    assert window.session.value(KEY) == 1 and comment_reason() == "按原件第3页"
    window.redo_action.trigger()
    assert window.session.value(KEY) == 3 and comment_reason() == "复核后改为3"
    assert [row["why"] for row in window.store.audit_trail(a) if row["action"] == "edit"][-2:] == ["撤销", "重做"]


def test_a_corrected_cell_has_the_workbooks_colour(window):
    window.open_report(_id(window, ROW_TOTAL))
    key = "requests.partial.total"
    window.apply_edits({key: 35})  # the fix: no finding left on the cell
    assert window.session.worst(key) is None and window.session.is_corrected(key)
    model = window.tables.view("requests").grid_model()
    assert model.data(model.index_of(key), Qt.BackgroundRole).color().name() == CORRECTED_FILL.lower()
    assert model.data(model.index_of("requests.new.natural"), Qt.BackgroundRole) is None  # not corrected: plain


# ---------------------------------------------------------------------- the report's own facts
def test_agency_year_and_published_are_corrected_audited_and_undone(window):
    a = _id(window, OFF_BY_ONE)
    window.open_report(a)
    bar = window.meta_bar
    old_agency = window.session.meta("agency")
    bar.fields["agency"].setText("梅岭市交通运输局（更正）")
    bar.fields["agency"].editingFinished.emit()
    bar.fields["published"].setText("2021/1/28")
    bar.fields["published"].editingFinished.emit()
    assert window.store.record(a).report.meta.agency == "梅岭市交通运输局（更正）"
    assert window.store.summary(a)["published"] == "2021-01-28"
    assert _list_cell(window, a, "agency") == "梅岭市交通运输局（更正）" and "（更正）" in window.windowTitle()
    rows = [(r["key"], r["old"], r["new"]) for r in window.store.audit_trail(a) if r["action"] == "edit"]
    assert rows == [("meta.agency", old_agency, "梅岭市交通运输局（更正）"),
                    ("meta.published", window.store.audit_trail(a)[-1]["old"], "2021-01-28")]
    bar.fields["year"].setText("二〇二〇")
    bar.fields["year"].editingFinished.emit()
    assert "四位数字的年份" in window.statusBar().currentMessage()
    assert bar.fields["year"].text() == "2020" and window.session.meta("year") == 2020
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert window.session.meta("agency") == old_agency and bar.fields["agency"].text() == old_agency
    assert window.store.summary(a)["agency"] == old_agency


def test_changing_the_layout_asks_first_and_can_be_undone(window, monkeypatch):
    a = _id(window, OFF_BY_ONE)
    window.open_report(a)
    assert window.session.record.report.format == "2019"
    asked = _answer(monkeypatch, yes=False)
    window.set_layout("2021")
    assert "按 2021 版格式重新读取" in asked[0] and window.session.record.report.format == "2019"
    _answer(monkeypatch, yes=True)
    window.set_layout("2021")
    assert window.session.record.report.format == "2021" and window.store.summary(a)["layout"] == "2021"
    assert window.undo_action.text().endswith("表格格式 2019 版 → 2021 版")
    window.undo_action.trigger()
    assert window.session.record.report.format == "2019" and window.store.summary(a)["layout"] == "2019"
    assert window.tables.view("appeals").grid_model().index_of(KEY).isValid()
    window.redo_action.trigger()
    assert window.session.record.report.format == "2021"
    assert [r["new"] for r in window.store.audit_trail(a) if r["action"] == "layout"] == ["2021", "2019", "2021"]


def test_row_labels_stay_in_view_while_table_three_scrolls_sideways(window):
    window.open_report(_id(window, ROW_TOTAL))
    window.resize(1200, 800)
    key = "requests.partial.other_org"  # the far right column of table 三
    window.tables.select_key(key)
    view = window.tables.view("requests")
    assert view.horizontalScrollBar().value() > 0, "the table is wider than its pane"
    frozen = view.frozen
    assert frozen is not None and frozen.overlay.isVisible()
    labels_width = sum(view.columnWidth(c) for c in range(frozen.count))
    assert frozen.overlay.geometry().left() <= view.frameWidth() and frozen.overlay.width() >= labels_width
    assert frozen.overlay.height() == view.viewport().height()
    assert view.visualRect(view.grid_model().index_of(key)).left() >= labels_width, "the cell is not under the labels"
    row = view.grid_model().index_of(key).row()
    label = next(c for c in range(frozen.count) if view.model().index(row, c).data())
    assert not frozen.overlay.isColumnHidden(label) and frozen.overlay.rowHeight(row) == view.rowHeight(row)
    window.tables.select_key("requests.partial.natural")  # back to the first column of numbers
    assert view.visualRect(view.grid_model().index_of("requests.partial.natural")).left() >= labels_width


def test_findings_columns_fit_again_when_a_filter_shows_rows(window):
    window.open_report(_id(window, ROW_TOTAL))
    fitted = window.findings.view.columnWidth(0)
    window.apply_edits({"requests.partial.total": 35})  # no errors left; hints hidden: an empty list
    assert window.findings.proxy.rowCount() == 0
    window.findings.show_info.setChecked(True)
    assert window.findings.proxy.rowCount() == 3
    assert window.findings.view.columnWidth(0) >= fitted, "the 级别 column shows 提示, not …"


def test_imported_agencies_are_shown_whole(window):
    view = window.report_list.view
    metrics = view.fontMetrics()
    agency = window.store.record(_id(window, OFF_BY_ONE)).report.meta.agency
    assert view.columnWidth(window.report_list.model.COLUMNS.index("agency")) >= metrics.horizontalAdvance(agency)


def test_ctrl_enter_while_typing_saves_the_value_to_this_report_then_moves_on(window, qtbot, monkeypatch):
    a, b = _id(window, OFF_BY_ONE), _id(window, ROW_TOTAL)
    _answer(monkeypatch, yes=False)  # were the value dropped, the open errors would ask (and not block the test)
    window.open_report(b)
    _activate(window, qtbot)
    window.tables.select_key("requests.partial.total")
    window._focus_tables()
    _keys(qtbot, "35")  # still in the cell's editor
    assert isinstance(QtWidgets.QApplication.focusWidget(), QtWidgets.QLineEdit)
    _keys(qtbot, (Qt.Key_Return, Qt.ControlModifier))
    assert window.store.record(b).report.cells["requests.partial.total"].value == 35
    assert window.store.record(b).state == "done" and window.session.report_id == a
    edits = [(r["report_id"], r["key"]) for r in window.store.audit_trail() if r["action"] == "edit"]
    assert edits == [(b, "requests.partial.total")]
