"""The table grids: model roles, spreadsheet keys, clipboard, and requests instead of direct edits."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.findings import Severity
from desktop.core.grid import build_grid
from desktop.core.review import ReviewSession
from desktop.core.store import Store, import_file
from desktop.gui import style
from desktop.gui.cell_grid_model import KEY_ROLE, CellGridModel, plain_number
from desktop.gui.qt import QtCore, QtGui, QtWidgets, Qt
from desktop.gui.tables_pane import GridView, TablesPane, column_widths, parse_clipboard

from conftest import DAMAGED, FIXTURES, load_truth

SAMPLE_COMPLETE = DAMAGED / "d05_2020_no_requests.txt"  # 2019 layout, every table found, 三 and 四 all 0
SAMPLE_NO_T3 = DAMAGED / "d01_2020_lost_tables.txt"  # 2019 layout, tables 三 and 四 lost
FOUR_DECIMALS = FIXTURES / "contradictions" / "c01_2020_row_total.txt"  # 采购总金额 225.8544
FIXTURE_2021 = FIXTURES / "reports" / "f16_2021_text_tab.txt"


@pytest.fixture
def open_session(tmp_path):
    store = Store(tmp_path / "db.sqlite")

    def open_(path: Path) -> ReviewSession:
        return ReviewSession(store, import_file(store, path).report_id)

    yield open_
    store.close()


def model_for(session: ReviewSession, table: str) -> CellGridModel:
    return CellGridModel(build_grid(session.layout.table(table)), session)


def brush(model: CellGridModel, index: QtCore.QModelIndex, role: int) -> str | None:
    value = model.data(index, role)
    return value.color().name() if value is not None else None


def show_table(pane: TablesPane, session: ReviewSession, table: str) -> GridView:
    pane.set_session(session)
    view = pane.view(table)
    pane.tabs.setCurrentWidget(view)
    view.setFocus()
    return view


def apply_edits(session: ReviewSession):
    """What the main window does with requests (minus the undo stack), so colours follow."""
    return lambda key, _old, new: session.set_value(key, new)


# ---------------------------------------------------------------------------------------- model
def test_value_label_and_header_roles(qtbot, open_session):
    session = open_session(SAMPLE_COMPLETE)
    model = model_for(session, "requests")
    key = "requests.new.natural"
    index = model.index_of(key)
    assert model.key_at(index) == key and model.data(index, KEY_ROLE) == key
    assert model.data(index, Qt.DisplayRole) == "0" and model.data(index, Qt.EditRole) == "0"
    assert model.data(index, Qt.TextAlignmentRole) == Qt.AlignRight | Qt.AlignVCenter
    assert model.flags(index) & Qt.ItemIsEditable
    tip = model.data(index, Qt.ToolTipRole)
    assert tip.splitlines()[0] == session.layout.label(key)
    assert model.data(index, Qt.FontRole) is None and model.data(index, Qt.ForegroundRole) is None

    label = model.index(*next((c.row, c.col) for c in model.grid.cells if c.text == "（三）不予公开"))
    assert model.data(label, Qt.DisplayRole) == "（三）不予公开"
    assert not model.flags(label) & Qt.ItemIsEditable and model.flags(label) & Qt.ItemIsSelectable
    assert model.data(label, KEY_ROLE) is None and model.key_at(label) is None
    assert brush(model, label, Qt.BackgroundRole) == style.LABEL_BACKGROUND
    assert model.data(label, Qt.TextAlignmentRole) == Qt.AlignLeft | Qt.AlignVCenter

    header = model.index(0, 3)  # 申请人情况
    assert model.data(header, Qt.DisplayRole) == "申请人情况"
    assert model.data(header, Qt.FontRole).bold()
    assert brush(model, header, Qt.BackgroundRole) == style.HEADER_BACKGROUND
    assert model.data(header, Qt.TextAlignmentRole) == Qt.AlignCenter
    assert model.data(model.index(1, 3), Qt.DisplayRole) == "自然人"
    assert model.data(model.index(2, 3), Qt.DisplayRole) is None  # hidden under 自然人's span
    model.detach()


def test_amount_keeps_its_decimals(open_session):
    session = open_session(FOUR_DECIMALS)
    model = model_for(session, "active")
    index = model.index_of("active.procurement.amount")
    amount = load_truth(FOUR_DECIMALS.with_suffix(".truth.json"))["cells"]["active.procurement.amount"]
    assert len(str(amount).split(".")[1]) == 4
    assert model.data(index, Qt.DisplayRole) == str(amount) == model.data(index, Qt.EditRole)
    assert plain_number(12.0) == "12" and plain_number(None) == "" and plain_number(-3) == "-3"
    model.detach()


def test_corrected_cell(qtbot, open_session):
    session = open_session(SAMPLE_COMPLETE)
    model = model_for(session, "requests")
    key = "requests.carried_in.natural"
    with qtbot.waitSignal(model.dataChanged):
        session.set_value(key, 5)
    index = model.index_of(key)
    assert model.data(index, Qt.DisplayRole) == "5"
    assert model.data(index, Qt.FontRole).bold()
    assert brush(model, index, Qt.ForegroundRole) == style.CORRECTED_FOREGROUND
    assert "提取值：0，已更正为 5" in model.data(index, Qt.ToolTipRole)
    model.detach()


def test_missing_cell_is_grey(open_session):
    session = open_session(SAMPLE_NO_T3)
    model = model_for(session, "requests")
    index = model.index_of("requests.new.natural")
    assert model.data(index, Qt.DisplayRole) == style.MISSING_TEXT
    assert model.data(index, Qt.EditRole) == ""
    assert brush(model, index, Qt.BackgroundRole) == style.MISSING_BACKGROUND
    tip = model.data(index, Qt.ToolTipRole)
    assert "原文中未找到此单元格" in tip
    assert "警告：未找到表三" in tip  # the finding that says so is still listed
    model.detach()


def test_error_cell_is_red_and_explained(qtbot, open_session):
    session = open_session(FIXTURE_2021)
    model = model_for(session, "requests")
    key = "requests.new.total"
    index = model.index_of(key)
    assert brush(model, index, Qt.BackgroundRole) == style.SEVERITY_BACKGROUND[Severity.INFO]  # narrative agrees
    session.set_value(key, session.value(key) + 7)
    assert session.worst(key) is Severity.ERROR
    assert brush(model, index, Qt.BackgroundRole) == style.SEVERITY_BACKGROUND[Severity.ERROR]
    tip = model.data(index, Qt.ToolTipRole)
    assert any(line.startswith("错误：") for line in tip.splitlines())
    model.detach()


def test_set_data_requests_and_never_edits(qtbot, open_session):
    session = open_session(SAMPLE_COMPLETE)
    model = model_for(session, "requests")
    key = "requests.new.natural"
    index = model.index_of(key)
    with qtbot.waitSignal(model.invalid) as refused:
        assert model.setData(index, "abc", Qt.EditRole) is False
    assert "不是数字" in refused.args[0] and session.layout.label(key) in refused.args[0]
    with qtbot.waitSignal(model.edit_requested) as asked:
        assert model.setData(index, "12", Qt.EditRole) is True
    assert asked.args == [key, 0, 12]
    assert session.value(key) == 0  # the window applies it, not the model
    with qtbot.assertNotEmitted(model.edit_requested):
        assert model.setData(index, "0", Qt.EditRole) is True  # unchanged: no edit, no undo step
        assert model.setData(model.index(0, 0), "1", Qt.EditRole) is False  # not a value cell
    model.detach()
    with qtbot.assertNotEmitted(model.dataChanged):
        session.set_value(key, 3)


# ---------------------------------------------------------------------------------------- view
def test_spans_and_hidden_headers(pane, open_session):
    session = open_session(SAMPLE_COMPLETE)
    pane.set_session(session)
    assert [pane.tabs.tabText(i) for i in range(pane.tabs.count())] == ["表二 主动公开", "表三 依申请公开", "表四 复议诉讼"]
    view = pane.view("requests")
    assert view.horizontalHeader().isHidden() and view.verticalHeader().isHidden()
    assert (view.rowSpan(0, 0), view.columnSpan(0, 0)) == (3, 3)  # the 勾稽关系 note
    assert view.columnSpan(0, 3) == 7  # 申请人情况
    row = view.grid.position("requests.disclosed.natural")[0]
    assert view.rowSpan(row, 0) == 20  # 三、本年度办理结果 over every result row (2019)
    appeals = pane.view("appeals")
    assert (appeals.rowSpan(0, 0), appeals.columnSpan(0, 0)) == (2, 5)  # 行政复议
    assert appeals.columnSpan(0, 5) == 10  # 行政诉讼
    widths = [view.columnWidth(c) for c in range(view.model().columnCount())]
    assert widths[2] > widths[3] and 60 <= widths[3] <= 100


def test_typing_then_enter_requests_edit_and_moves_down(qtbot, pane, open_session):
    session = open_session(SAMPLE_COMPLETE)
    view = show_table(pane, session, "requests")
    pane.edit_requested.connect(apply_edits(session))
    key = "requests.carried_in.business"
    assert pane.select_key(key)
    with qtbot.waitSignal(pane.edit_requested) as asked:
        qtbot.keyClicks(view, "1")  # the first key opens the editor and lands in it
        editor = QtWidgets.QApplication.focusWidget()
        qtbot.keyClicks(editor, "7")
        assert isinstance(editor, QtWidgets.QLineEdit) and editor.text() == "17"  # typing replaced "0"
        qtbot.keyClick(editor, Qt.Key_Return)
    assert asked.args == [key, 0, 17]
    below = view.grid.position("requests.disclosed.business")
    qtbot.waitUntil(lambda: (view.currentIndex().row(), view.currentIndex().column()) == below)
    assert session.value(key) == 17 and session.is_corrected(key)
    assert view.model().data(view.model().index_of(key), Qt.FontRole).bold()


def test_refused_typing_stays_on_the_cell(qtbot, pane, open_session):
    session = open_session(SAMPLE_COMPLETE)
    view = show_table(pane, session, "requests")
    key = "requests.new.natural"
    pane.select_key(key)
    with qtbot.waitSignal(pane.invalid) as refused:
        qtbot.keyClicks(view, "x")
        qtbot.keyClick(QtWidgets.QApplication.focusWidget(), Qt.Key_Return)
    assert "不是数字" in refused.args[0]
    qtbot.waitUntil(lambda: view.state() != QtWidgets.QAbstractItemView.EditingState)
    qtbot.wait(10)
    assert view.current_key() == key


def test_enter_skips_labels_and_headers(qtbot, pane, open_session):
    session = open_session(FIXTURE_2021)
    view = show_table(pane, session, "active")
    pane.select_key("active.normative.issued")
    qtbot.keyClick(view, Qt.Key_Return)
    assert view.current_key() == "active.licensing.decisions"


def test_tab_and_backtab_walk_value_cells(qtbot, pane, open_session):
    session = open_session(SAMPLE_COMPLETE)
    view = show_table(pane, session, "requests")
    pane.select_key("requests.new.total")
    with qtbot.waitSignal(pane.cell_selected) as chosen:
        qtbot.keyClick(view, Qt.Key_Tab)
    assert chosen.args == ["requests.carried_in.natural"]  # end of a row wraps past the labels
    qtbot.keyClick(view, Qt.Key_Tab)
    assert view.current_key() == "requests.carried_in.business"
    qtbot.keyClick(view, Qt.Key_Backtab)
    assert view.current_key() == "requests.carried_in.natural"


def test_tab_in_editor_commits_and_moves_right(qtbot, pane, open_session):
    session = open_session(SAMPLE_COMPLETE)
    view = show_table(pane, session, "requests")
    pane.select_key("requests.new.natural")
    with qtbot.waitSignal(pane.edit_requested) as asked:
        qtbot.keyClicks(view, "4")
        qtbot.keyClick(QtWidgets.QApplication.focusWidget(), Qt.Key_Tab)
    assert asked.args == ["requests.new.natural", 0, 4]
    assert view.current_key() == "requests.new.business"


def test_delete_clears_selected_values(qtbot, pane, open_session):
    session = open_session(FIXTURE_2021)
    view = show_table(pane, session, "active")
    pane.select_key("active.normative.issued")
    with qtbot.waitSignal(pane.edit_requested) as asked:
        qtbot.keyClick(view, Qt.Key_Delete)
    assert asked.args == ["active.normative.issued", 9, None]
    model = view.model()
    view.selectionModel().select(
        QtCore.QItemSelection(model.index_of("active.normative.issued"), model.index_of("active.normative.in_force")),
        QtCore.QItemSelectionModel.ClearAndSelect)
    with qtbot.waitSignal(pane.paste_requested) as many:  # several cells: one request, one undo step
        qtbot.keyClick(view, Qt.Key_Delete)
    assert many.args[0] == dict.fromkeys(
        ["active.normative.issued", "active.normative.repealed", "active.normative.in_force"])


def test_paste_block(qtbot, pane, open_session):
    session = open_session(SAMPLE_COMPLETE)
    view = show_table(pane, session, "requests")
    pane.paste_requested.connect(session.set_values)
    pane.select_key("requests.carried_in.natural")
    QtGui.QGuiApplication.clipboard().setText("1\t2\r\n3\t4\r\n")  # as Excel puts it
    with qtbot.waitSignal(pane.paste_requested) as pasted:
        qtbot.keyClick(view, Qt.Key_V, Qt.ControlModifier)
    assert pasted.args[0] == {
        "requests.carried_in.natural": 1, "requests.carried_in.business": 2,
        "requests.disclosed.natural": 3, "requests.disclosed.business": 4}
    assert session.value("requests.disclosed.business") == 4
    assert len(view.selectedIndexes()) == 4


def test_paste_onto_a_label_changes_nothing(qtbot, pane, open_session):
    session = open_session(SAMPLE_COMPLETE)
    view = show_table(pane, session, "requests")
    pane.select_key("requests.carried_over.total")  # bottom-right: a 2×2 block would leave the table
    QtGui.QGuiApplication.clipboard().setText("1\t2\n3\t4")
    with qtbot.assertNotEmitted(pane.paste_requested), qtbot.waitSignal(pane.invalid) as refused:
        qtbot.keyClick(view, Qt.Key_V, Qt.ControlModifier)
    assert "超出表格" in refused.args[0]
    pane.select_key("requests.new.natural")
    view.setCurrentIndex(view.model().index(3, 2))  # the label 一、本年新收…
    QtGui.QGuiApplication.clipboard().setText("1\t2")
    with qtbot.assertNotEmitted(pane.paste_requested), qtbot.waitSignal(pane.invalid) as refused:
        qtbot.keyClick(view, Qt.Key_V, Qt.ControlModifier)
    assert "一、本年新收政府信息公开申请数量" in refused.args[0] and "第 1 行第 1 列" in refused.args[0]
    pane.select_key("requests.new.natural")
    QtGui.QGuiApplication.clipboard().setText("1\tx")
    with qtbot.assertNotEmitted(pane.paste_requested), qtbot.waitSignal(pane.invalid) as refused:
        qtbot.keyClick(view, Qt.Key_V, Qt.ControlModifier)
    assert "第 1 行第 2 列" in refused.args[0] and "商业企业" in refused.args[0] and "不是数字" in refused.args[0]
    assert session.value("requests.new.natural") == 0


def test_copy_selection_as_tsv(qtbot, pane, open_session):
    session = open_session(SAMPLE_NO_T3)
    pane.set_session(session)
    view = pane.view("active")
    pane.tabs.setCurrentWidget(view)
    view.setFocus()
    model = view.model()
    top = model.index(2, 0)  # 规章
    bottom = model.index_of("active.normative.published")
    view.selectionModel().select(QtCore.QItemSelection(top, bottom), QtCore.QItemSelectionModel.ClearAndSelect)
    qtbot.keyClick(view, Qt.Key_C, Qt.ControlModifier)
    def line(label: str, row: str) -> str:
        values = [model.data(model.index_of(f"active.{row}.{c}"), Qt.EditRole) for c in ("made", "published")]
        return "\t".join([label, *values])

    expected = line("规章", "rules") + "\n" + line("规范性文件", "normative")
    assert QtGui.QGuiApplication.clipboard().text() == expected
    missing = model.index_of("active.fees.prev")
    view.selectionModel().select(missing, QtCore.QItemSelectionModel.ClearAndSelect)
    view.setCurrentIndex(missing)
    qtbot.keyClick(view, Qt.Key_C, Qt.ControlModifier)
    assert QtGui.QGuiApplication.clipboard().text() == ""  # a missing cell copies as empty, not "—"


def test_pane_copy_and_paste_slots(qtbot, pane, open_session):
    """The window's 复制 / 粘贴 menu actions call these on whatever table is shown."""
    session = open_session(FIXTURE_2021)
    pane.set_session(session)
    pane.select_key("active.normative.repealed")
    assert pane.copy_selection() == "11" == QtGui.QGuiApplication.clipboard().text()
    pane.select_key("active.rules.issued")
    with qtbot.waitSignal(pane.paste_requested) as pasted:
        pane.paste_clipboard()
    assert pasted.args[0] == {"active.rules.issued": 11}
    pane.set_session(None)
    assert pane.copy_selection() == ""
    pane.paste_clipboard()  # nothing shown: nothing happens


def test_grid_claims_copy_shortcut_from_the_window(qtbot, open_session):
    """A window-wide Ctrl+C action must not steal the key while the grid has focus."""
    window = QtWidgets.QMainWindow()
    qtbot.addWidget(window)
    pane = TablesPane()
    window.setCentralWidget(pane)
    action = QtGui.QAction("复制", window)
    action.setShortcut(QtGui.QKeySequence.StandardKey.Copy)
    window.addAction(action)
    window.show()
    qtbot.waitExposed(window)
    view = show_table(pane, open_session(FIXTURE_2021), "active")
    pane.select_key("active.normative.in_force")
    with qtbot.assertNotEmitted(action.triggered):
        qtbot.keyClick(view, Qt.Key_C, Qt.ControlModifier)
    assert QtGui.QGuiApplication.clipboard().text() == "107"


def test_select_key_switches_tab(qtbot, pane, open_session):
    session = open_session(FIXTURE_2021)
    pane.set_session(session)
    assert pane.tabs.currentWidget() is pane.view("active")
    with qtbot.waitSignal(pane.cell_selected) as chosen:
        assert pane.select_key("appeals.suit_direct.pending")
    assert chosen.args == ["appeals.suit_direct.pending"]
    assert pane.tabs.currentWidget() is pane.view("appeals")
    assert pane.current_key() == "appeals.suit_direct.pending"
    assert not pane.select_key("active.rules.made")  # a 2019 key in a 2021 report
    with qtbot.waitSignal(pane.cell_selected) as again:  # already current: still announced, for the source view
        assert pane.select_key("appeals.suit_direct.pending")
    assert again.args == ["appeals.suit_direct.pending"]


def test_set_session_none_and_reopen(qtbot, pane, open_session):
    first = open_session(SAMPLE_COMPLETE)
    pane.set_session(first)
    pane.tabs.setCurrentIndex(2)
    old_model = pane.view("requests").model()
    second = open_session(FIXTURE_2021)
    pane.set_session(second)
    assert pane.tabs.currentIndex() == 2  # the auditor stays on the table being compared
    assert pane.view("active").model().session is second
    with qtbot.assertNotEmitted(old_model.dataChanged):
        first.set_value("requests.new.natural", 1)  # the old report's models no longer listen
    pane.set_session(None)
    assert pane.tabs.count() == 0 and pane.stack.currentWidget() is pane.placeholder
    assert not pane.select_key("requests.new.natural")


def test_helpers():
    assert parse_clipboard("1\t2\r\n3\t4\r\n") == [["1", "2"], ["3", "4"]]
    assert parse_clipboard("") == [] and parse_clipboard("7") == [["7"]]
    from desktop.core.layouts import get_layout
    grid = build_grid(get_layout("2021").table("appeals"))
    assert len(set(column_widths(grid, 12))) == 1 and len(column_widths(grid, 12)) == 15


# ---------------------------------------------------------------------------------------- pictures
def test_screenshots(qtbot, pane, open_session, tmp_path):
    """Pictures to look at: table 三 of a 2019 sample (with an error and a correction), table 二 of 2021."""
    session = open_session(SAMPLE_COMPLETE)
    pane.set_session(session)
    session.set_value("requests.disclosed.total", 2)
    pane.select_key("requests.new.natural")
    qtbot.wait(10)
    pane.grab().save(str(tmp_path / "tables_t3.png"))
    session_2021 = open_session(FIXTURE_2021)
    pane.set_session(session_2021)
    pane.select_key("active.rules.issued")
    qtbot.wait(10)
    pane.grab().save(str(tmp_path / "tables_t2.png"))
    assert (tmp_path / "tables_t3.png").stat().st_size > 0
