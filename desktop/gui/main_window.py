"""The review window: report list, source and tables side by side, findings below.

The window wires views to one :class:`ReviewSession` and turns requests from the views into undoable
commands; it holds no rule logic and never extracts on the GUI thread.
"""

from __future__ import annotations

import base64
import tempfile
from pathlib import Path

from desktop import __version__
from desktop.core.errors import AuditorError
from desktop.core.export.names import safe_file_stem
from desktop.core.layouts import load_layouts
from desktop.core.resources import resource_path
from desktop.core.review import (
    SOURCE_REASON,
    SUGGESTION_REASON,
    Change,
    InvalidValue,
    ReviewSession,
    join_reasons,
    parse_meta,
)
from desktop.core.store import ImportResult, Store, StoredFinding
from desktop.gui import labels
from desktop.gui.actions import create_actions
from desktop.gui.cell_grid_model import plain_number
from desktop.gui.commands import EditCellsCommand, EditMetaCommand, LayoutCommand
from desktop.gui.find_bar import FindBar
from desktop.gui.findings_panel import FindingsPanel
from desktop.gui.focus import FocusTracker, PaneFrame
from desktop.gui.meta_bar import MetaBar
from desktop.gui.qt import QtCore, QtGui, QtWidgets, Qt
from desktop.gui.report_list import ReportList, season_text
from desktop.gui.settings import Settings, save_settings
from desktop.gui.source_render import wait_idle
from desktop.gui.source_view import SourceView
from desktop.gui.tables_pane import TablesPane
from desktop.gui.tasks import TaskContext, TaskRunner
from desktop.gui.workers_menu import add_workers_menu
from desktop.gui.workers import choose_layout, import_paths, reread_report, report_files

def redo_shortcuts() -> list[QtGui.QKeySequence]:
    """The platform's redo keys plus Ctrl+Y and Ctrl+Shift+Z, so both work everywhere as the README says."""
    keys = QtGui.QKeySequence.keyBindings(QtGui.QKeySequence.StandardKey.Redo)
    for extra in ("Ctrl+Y", "Ctrl+Shift+Z"):
        if QtGui.QKeySequence(extra) not in keys:
            keys.append(QtGui.QKeySequence(extra))
    return keys


FILE_FILTER = QtCore.QT_TRANSLATE_NOOP("MainWindow", "报告文件 (*.pdf *.docx *.doc *.html *.htm *.txt);;所有文件 (*)")


OUTSIDE_POLL_MS = 2000  # how often the window looks for work saved to its database by another program


class MainWindow(QtWidgets.QMainWindow):
    def __init__(self, store: Store, settings: Settings, settings_path: Path, runner: TaskRunner | None = None):
        super().__init__()
        self.store = store
        self.settings = settings
        self.settings_path = settings_path
        self.runner = runner or TaskRunner(self)
        self.session: ReviewSession | None = None
        self.last_message: QtWidgets.QMessageBox | None = None  # the latest non-blocking notice (tests read it)
        self._task = None
        self._open_first_import = False  # the next report an import hands over is opened
        # Per report for as long as the database is open: reopening a report finds its session (so undo
        # reaches the views that show it), its undo history and the reason typed for its edits.
        self._sessions: dict[int, ReviewSession] = {}
        self._stacks: dict[int, QtGui.QUndoStack] = {}
        self._reasons: dict[int, str] = {}
        self.undo_group = QtGui.QUndoGroup(self)
        self.actions = create_actions(self)
        self._build_widgets()
        self._build_menus()
        self._connect()
        self.setAcceptDrops(True)
        self._restore_geometry()
        self.switch_store(store)
        self._outside_timer = QtCore.QTimer(self, interval=OUTSIDE_POLL_MS)
        self._outside_timer.timeout.connect(self.take_up_outside_changes)
        self._outside_timer.start()

    # ------------------------------------------------------------------ construction
    def _build_widgets(self) -> None:
        self.report_list = ReportList()
        self.source = SourceView()
        self.tables = TablesPane()
        self.findings = FindingsPanel()
        self.meta_bar = MetaBar()
        self.reason = QtWidgets.QLineEdit(placeholderText=self.tr("修改说明（可选，记入修改记录）"))
        self.reason.setClearButtonEnabled(True)
        right = QtWidgets.QWidget()
        right_layout = QtWidgets.QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.meta_bar)
        right_layout.addWidget(self.tables, 1)
        right_layout.addWidget(self.reason)
        self.panes = {
            "list": PaneFrame(self.report_list, lambda: self.report_list.view),
            "source": PaneFrame(self._with_find_bar(), self.source.focus_widget),
            "tables": PaneFrame(right, self.tables.current_view),
            "findings": PaneFrame(self.findings, lambda: self.findings.view),
        }
        self.focus_tracker = FocusTracker(list(self.panes.values()))
        QtWidgets.QApplication.instance().focusChanged.connect(self._focus_changed)
        self.splitter = QtWidgets.QSplitter(Qt.Horizontal)
        self.splitter.addWidget(self.panes["source"])
        self.splitter.addWidget(self.panes["tables"])
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.setCentralWidget(self.splitter)
        self.list_dock = self._dock(self.tr("报告"), "reports", self.panes["list"], Qt.LeftDockWidgetArea)
        self.findings_dock = self._dock(self.tr("问题"), "findings", self.panes["findings"], Qt.BottomDockWidgetArea)
        self.progress = QtWidgets.QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        self.cancel_button = QtWidgets.QPushButton(self.tr("取消"))
        self.cancel_button.hide()
        self.db_label = QtWidgets.QLabel()
        self.season_label = QtWidgets.QLabel()
        status = self.statusBar()
        status.addPermanentWidget(self.progress)
        status.addPermanentWidget(self.cancel_button)
        status.addPermanentWidget(self.season_label)
        status.addPermanentWidget(self.db_label)
        self.resize(1500, 950)
        self.resizeDocks([self.list_dock], [330], Qt.Horizontal)
        self.resizeDocks([self.findings_dock], [190], Qt.Vertical)
        self.splitter.setSizes([2000, 3000])  # 2:3, scaled to the width: the tables need more room than the page

    def _with_find_bar(self) -> QtWidgets.QWidget:
        self.find_bar = FindBar()
        box = QtWidgets.QWidget()
        column = QtWidgets.QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.source, 1)
        column.addWidget(self.find_bar)
        return box

    def _dock(self, title: str, name: str, widget: QtWidgets.QWidget, area) -> QtWidgets.QDockWidget:
        dock = QtWidgets.QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(QtWidgets.QDockWidget.DockWidgetMovable | QtWidgets.QDockWidget.DockWidgetFloatable)
        self.addDockWidget(area, dock)
        return dock

    def _build_menus(self) -> None:
        a = self.actions
        undo = self.undo_group.createUndoAction(self, self.tr("撤销"))
        undo.setShortcut(QtGui.QKeySequence.StandardKey.Undo)
        redo = self.undo_group.createRedoAction(self, self.tr("重做"))
        redo.setShortcuts(redo_shortcuts())
        self.undo_action, self.redo_action = undo, redo
        menus = [
            (self.tr("文件(&F)"), ["open_files", "open_folder", "workers", None, "open_database", "recent", None,
                                  "export_excel", "export_tables", None, "quit"]),
            (self.tr("编辑(&E)"), [undo, redo, None, "copy", "paste", None, "find", "find_next", "find_previous"]),
            (self.tr("审核(&R)"), ["next_finding", "previous_finding", "acknowledge_finding", "dismiss_finding",
                                  "reopen_finding", "apply_suggestion", None, "mark_in_review", "mark_done",
                                  "mark_query", "mark_unreviewed", "done_next", None, "layouts", "reextract"]),
            (self.tr("视图(&V)"), ["focus_list", "focus_source", "focus_tables", "focus_findings", None,
                                  "zoom_in", "zoom_out", "fit_width", None, "language"]),
            (self.tr("帮助(&H)"), ["open_demo", None, "about"]),
        ]
        bar = self.menuBar()
        for title, items in menus:
            menu = bar.addMenu(title)
            for item in items:
                if item is None:
                    menu.addSeparator()
                elif item == "recent":
                    self.recent_menu = menu.addMenu(self.tr("最近的数据库"))
                elif item == "layouts":
                    self.layout_menu = self._layout_menu(menu)
                elif item == "language":
                    self._language_menu(menu.addMenu(self.tr("语言 / Language")))
                elif item == "workers":
                    self.workers_menu = add_workers_menu(menu, self.settings, self._save_settings)
                elif isinstance(item, str):
                    menu.addAction(a[item])
                else:
                    menu.addAction(item)
        toolbar = self.addToolBar(self.tr("工具栏"))
        toolbar.setObjectName("toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonTextOnly)
        for name in ("open_files", "open_folder", "export_excel", None, "previous_finding", "next_finding",
                     None, "done_next", "mark_query"):
            if name is None:
                toolbar.addSeparator()
            else:
                toolbar.addAction(a[name])
        toolbar.addSeparator()
        toolbar.addAction(undo)
        toolbar.addAction(redo)

    def _language_menu(self, menu: QtWidgets.QMenu) -> None:
        """中文 / English, the language in the settings checked (it applies after a restart)."""
        group = QtGui.QActionGroup(self)
        for language in ("zh", "en"):
            action = self.actions[f"language_{language}"]
            action.setCheckable(True)
            action.setChecked(language == (self.settings.language or "zh"))
            group.addAction(action)
            menu.addAction(action)

    def _layout_menu(self, menu: QtWidgets.QMenu) -> QtWidgets.QMenu:
        """表格格式: one checkable entry per layout in resources/layouts, the open report's checked."""
        sub = menu.addMenu(self.tr("表格格式"))
        sub.setToolTipsVisible(True)
        self.layout_actions = QtGui.QActionGroup(self)
        for version, layout in sorted(load_layouts().items()):
            action = sub.addAction(self.tr("{0} 版").format(version))
            action.setCheckable(True)
            action.setData(version)
            # The layout's name is the number of the State Council notice that set it: a proper name.
            action.setStatusTip(self.tr("按 {0} 版格式（{1}）重新读取本报告的表格，保留两版共有单元格的更正").format(
                version, layout.name))
            self.layout_actions.addAction(action)
        self.layout_actions.triggered.connect(lambda action: self.set_layout(action.data()))
        sub.setEnabled(False)
        return sub

    def _connect(self) -> None:
        a = self.actions
        a["open_files"].triggered.connect(self.choose_files)
        a["open_folder"].triggered.connect(self.choose_folder)
        a["open_database"].triggered.connect(self.choose_database)
        a["export_excel"].triggered.connect(self.export_excel)
        a["export_tables"].triggered.connect(self.export_tables)
        a["quit"].triggered.connect(self.close)
        a["copy"].triggered.connect(self.tables.copy_selection)
        a["paste"].triggered.connect(self.tables.paste_clipboard)
        a["find"].triggered.connect(self.find_bar.open)
        a["find_next"].triggered.connect(lambda: self.find_bar.go(backwards=False))
        a["find_previous"].triggered.connect(lambda: self.find_bar.go(backwards=True))
        self.find_bar.find.connect(self.find_in_source)
        a["next_finding"].triggered.connect(lambda: self.step_finding(True))
        a["previous_finding"].triggered.connect(lambda: self.step_finding(False))
        a["acknowledge_finding"].triggered.connect(self.findings.acknowledge)
        a["dismiss_finding"].triggered.connect(self.findings.dismiss)
        a["reopen_finding"].triggered.connect(self.findings.reopen)
        a["apply_suggestion"].triggered.connect(self.apply_suggestion)
        self.findings.apply_button.clicked.connect(self.apply_suggestion)
        for pane in self.panes:
            a[f"focus_{pane}"].triggered.connect(lambda _=False, p=pane: self.panes[p].take_focus())
        self.findings.reached_end.connect(self._findings_end)
        for name, state in (("mark_in_review", "in_review"), ("mark_done", "done"), ("mark_query", "query"),
                            ("mark_unreviewed", "unreviewed")):
            a[name].triggered.connect(lambda _=False, s=state: self.set_review_state(s))
        a["done_next"].triggered.connect(self.done_and_next)
        a["reextract"].triggered.connect(self.reextract)
        a["zoom_in"].triggered.connect(self.source.zoom_in)
        a["zoom_out"].triggered.connect(self.source.zoom_out)
        a["fit_width"].triggered.connect(self.source.fit_width)
        a["language_zh"].triggered.connect(lambda: self.set_language("zh"))
        a["language_en"].triggered.connect(lambda: self.set_language("en"))
        a["about"].triggered.connect(self.about)
        a["open_demo"].triggered.connect(self.open_demo)
        self.report_list.report_chosen.connect(self.open_report)
        self.report_list.counts_changed.connect(self._show_season)
        self.tables.cell_selected.connect(self._cell_selected)
        self.tables.edit_requested.connect(lambda key, _old, new: self.apply_edits({key: new}))
        self.tables.paste_requested.connect(self.apply_edits)
        self.tables.invalid.connect(self._invalid)
        self.meta_bar.edit_requested.connect(self.edit_meta)
        self.source.clicked.connect(self._source_clicked)
        self.source.taken.connect(self.take_from_source)
        self.findings.finding_activated.connect(self._finding_activated)
        self.findings.state_requested.connect(self._finding_state)
        self.cancel_button.clicked.connect(self.cancel_task)

    # ------------------------------------------------------------------ database
    def switch_store(self, store: Store) -> None:
        if store is not self.store:
            self.store.close()
        self.store = store
        self._set_session(None)
        self._sessions.clear()
        self._stacks.clear()
        self._reasons.clear()
        self.report_list.keep_visible(None)
        self.settings.add_recent(str(store.path))
        self._fill_recent_menu()
        self.db_label.setText(self.tr("数据库：{0}").format(store.path))
        self.report_list.load(store)
        self.setWindowTitle(self.tr("年报审校"))
        self._save_settings()

    def choose_database(self) -> None:
        path, _ = QtWidgets.QFileDialog.getSaveFileName(
            self, self.tr("打开或新建审校数据库"), str(self.store.path.parent), self.tr("审校数据库 (*.sqlite);;所有文件 (*)"),
            options=QtWidgets.QFileDialog.DontConfirmOverwrite,
        )
        if path:
            self.open_database(Path(path))

    def open_database(self, path: Path) -> bool:
        try:
            store = Store(path)
        except AuditorError as exc:
            self._notice(self.tr("无法打开数据库"), exc.zh, QtWidgets.QMessageBox.Warning)
            return False
        self.switch_store(store)
        return True

    def open_demo(self) -> None:
        """The bundled demo reports in a new throwaway database, as ``nianbao --demo`` starts: a way to try
        the app without touching the auditor's own database."""
        if self.open_database(Path(tempfile.mkdtemp(prefix="nianbao-demo-")) / "demo.sqlite"):
            self.import_paths([str(resource_path("demo"))])

    def _show_season(self, counts: dict[str, int]) -> None:
        """Where the auditor is in the season (status bar), and how to start when there is nothing yet."""
        self.season_label.setText(season_text(counts) if sum(counts.values()) else "")
        if self.session is None:
            self.tables.placeholder.setText(self.tr(
                "在左侧选择一份报告，这里显示它的表二、表三、表四。") if sum(counts.values()) else self.tr(
                "数据库中还没有报告。\n用“文件 → 打开文件…”（Ctrl+O）或“打开文件夹…”（Ctrl+Shift+O）导入，"
                "也可以把文件拖进窗口。\n想先试一试：“帮助 → 打开示例报告”。"))

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in self.settings.recent_databases:
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _=False, p=path: self.open_database(Path(p)))

    # ------------------------------------------------------------------ opening reports
    def open_report(self, report_id: int) -> None:
        if self.session is not None and self.session.report_id == report_id:
            return
        try:
            session = self._sessions.get(report_id) or ReviewSession(self.store, report_id)
            data = self.store.source_bytes(report_id) if session.record.report.document.kind == "pdf" else None
        except AuditorError as exc:
            self._notice(self.tr("无法打开报告"), exc.zh, QtWidgets.QMessageBox.Warning)
            return
        self._sessions[report_id] = session
        self._set_session(session)
        self.source.show_document(session.record.report.document, data)
        self.report_list.keep_visible(report_id)
        self.report_list.model.refresh_row(self.store, report_id)
        self.report_list.select(report_id)
        self.settings.last_report = report_id
        self._show_title()

    def _show_title(self) -> None:
        meta = self.session.record.report.meta
        self.setWindowTitle(self.tr("年报审校 — {0} {1} — {2}").format(
            meta.agency or self.session.record.source_name, meta.year or "", self.store.path.name))

    def _set_session(self, session: ReviewSession | None) -> None:
        if self.session is not None:
            self.session.unsubscribe(self._session_changed)
            self._reasons[self.session.report_id] = self.reason.text()
        self.session = session
        self.reason.setText(self._reasons.get(session.report_id, "") if session is not None else "")
        self.tables.set_session(session)
        self.findings.set_session(session)
        self.meta_bar.show_meta(session)
        self._show_layout()
        if session is None:
            self.source.clear()
            self.undo_group.setActiveStack(None)
            return
        session.subscribe(self._session_changed)
        stack = self._stacks.get(session.report_id)
        if stack is None:
            stack = self._stacks[session.report_id] = QtGui.QUndoStack(self.undo_group)
        self.undo_group.setActiveStack(stack)

    def _show_layout(self) -> None:
        """The 表格格式 menu: enabled with a report open, its layout checked."""
        self.layout_menu.setEnabled(self.session is not None)
        current = self.session.record.report.format if self.session is not None else None
        for action in self.layout_actions.actions():
            action.setChecked(action.data() == current)

    def take_up_outside_changes(self) -> None:
        """Another window or ``nianbao import`` wrote to this database: show the open report and the
        list as they are now (reports imported elsewhere appear). Not while this window's own task
        writes; its end is noticed on the next tick."""
        try:
            if self._task is not None or not self.store.changed_elsewhere():
                return
        except AuditorError:  # the database went away (closed, removed): the next action says so
            return
        for report_id in self.store.report_ids():
            self.report_list.model.refresh_row(self.store, report_id)
        if self.session is not None:
            self.session.take_up_outside_changes()

    def _session_changed(self, change: Change) -> None:
        if self.session is None:
            return
        if change.meta:
            self.meta_bar.show_meta(self.session)
            self._show_title()
        self.report_list.model.refresh_row(self.store, self.session.report_id)

    # ------------------------------------------------------------------ keyboard
    def _focus_changed(self, old: QtWidgets.QWidget | None, new: QtWidgets.QWidget | None) -> None:
        self.focus_tracker.update(old, new)

    def _focus_tables(self) -> None:
        self.panes["tables"].take_focus()

    def step_finding(self, forward: bool) -> None:
        """F8 / Shift+F8: the next finding's cell becomes current in its grid, with the keyboard, so a
        typed number replaces it at once."""
        if self.findings.step(forward) is not None:
            self._focus_tables()

    def _findings_end(self, count: int, forward: bool) -> None:
        text = (self.tr("已是最后一个问题（共 {0} 个）。再按 F8 回到第一个；Ctrl+Enter 完成本报告并打开下一份。") if forward
                else self.tr("已是第一个问题（共 {0} 个）。再按 Shift+F8 转到最后一个。"))
        self.statusBar().showMessage(text.format(count), 10000)

    # ------------------------------------------------------------------ linking views
    def _cell_selected(self, key: str) -> None:
        if self.session is None:
            return
        cell = self.session.record.report.cells[key]
        self.source.highlight(list(cell.locations))
        label = self.session.layout.label(key)
        value = cell.value if cell.value is not None else self.tr("（原文未找到）")
        self.statusBar().showMessage(self.tr("{0}：{1}").format(label, value), 5000)

    def _source_clicked(self, offset, page, point) -> None:
        if self.session is None:
            return
        key = self.session.cell_at(offset, page, point)
        if key is not None:
            self.tables.select_key(key)
            return
        piece = self.session.source_text_at(offset, page, point)
        if piece is not None and any(ch.isdigit() for ch in piece.text) and self.tables.current_key() is not None:
            self.statusBar().showMessage(self.tr("按住 Ctrl 单击，可把“{0}”填入所选单元格").format(piece.text.strip()), 8000)

    def take_from_source(self, offset, page, point) -> None:
        """Ctrl+click on a number in the source: it becomes the selected cell's value, a correction whose
        reason names where in the source it was taken from."""
        key = self.tables.current_key()
        piece = self.session.source_text_at(offset, page, point) if self.session is not None else None
        if key is None or piece is None:
            self.statusBar().showMessage(self.tr("请先在表格中选中单元格，再按住 Ctrl 单击原文中的数字"), 8000)
            return
        try:
            value = self.session.parse(key, piece.text)
        except InvalidValue as exc:
            self._invalid(self.tr("{0}：{1}").format(self.session.layout.label(key), exc))
            return
        self.apply_edits({key: value}, SOURCE_REASON.format(self.session.where(piece.loc), piece.text.strip()))
        self.tables.select_key(key)

    def _finding_activated(self, stored: StoredFinding) -> None:
        if self.session is None:
            return
        finding = stored.finding
        cells = [k for k in finding.cells if k in self.session.record.report.cells]
        suggested = (finding.suggestion or {}).get("cell")
        if suggested in cells:  # the cell to correct comes first: a typed number goes straight into it
            cells.remove(suggested)
            cells.insert(0, suggested)
        if cells:
            self.tables.select_key(cells[0])
        locations = list(finding.locations) or [
            loc for k in cells for loc in self.session.record.report.cells[k].locations
        ]
        self.source.highlight(locations)

    # ------------------------------------------------------------------ edits
    def apply_edits(self, values: dict, why: str | None = None) -> None:
        """Correct cells as one undoable step; the reason is the 修改说明 typed for this report and ``why``
        (where the value came from), both when both are given."""
        if self.session is None or not values:
            return
        why = join_reasons(self.reason.text(), why)
        stack = self.undo_group.activeStack()
        stack.push(EditCellsCommand(self.session, values, why, self._write_failed))

    def edit_meta(self, name: str, text: str) -> None:
        """Correct the agency, year or published date as one undoable, audited step."""
        if self.session is None:
            return
        try:
            value = parse_meta(name, text)
        except InvalidValue as exc:
            self.meta_bar.revert(name)
            self._invalid(str(exc))
            return
        if value == self.session.meta(name):
            self.meta_bar.revert(name)
            return
        self.undo_group.activeStack().push(EditMetaCommand(
            self.session, name, labels.meta_field(name), value, join_reasons(self.reason.text()), self._write_failed))

    def apply_suggestion(self) -> None:
        """Take the value the selected finding suggests (“应为 12”) as a correction, with one key."""
        stored = self.findings.current()
        suggestion = stored.finding.suggestion if stored is not None else None
        if self.session is None or not suggestion or suggestion.get("cell") not in self.session.record.report.cells:
            self.statusBar().showMessage(self.tr("所选问题没有建议值；请在表格中直接输入正确的数字"), 8000)
            return
        key = suggestion["cell"]
        self.apply_edits({key: self.session.parse(key, plain_number(suggestion["value"]))}, SUGGESTION_REASON)
        self.tables.select_key(key)

    def _write_failed(self, exc: AuditorError) -> None:
        self._notice(self.tr("未能保存"), exc.zh, QtWidgets.QMessageBox.Critical)

    def _invalid(self, reason: str) -> None:
        self.statusBar().showMessage(reason, 8000)
        QtWidgets.QToolTip.showText(QtGui.QCursor.pos(), reason, self.tables)

    def _finding_state(self, finding_id: int, state: str, comment: str) -> None:
        if self.session is None:
            return
        try:
            self.session.set_finding_state(finding_id, state, comment or None)
        except AuditorError as exc:
            self._write_failed(exc)
            return
        self.report_list.model.refresh_row(self.store, self.session.report_id)

    def set_review_state(self, state: str) -> bool:
        """Mark the open report; 已完成 with open errors asks first, 有疑问 asks for the question. True if marked."""
        if self.session is None:
            return False
        why = None
        if state == "done" and not self._confirm_done():
            return False
        if state == "query":
            why = self._query_note()
            if why is None:
                return False
        try:
            self.session.set_review_state(state, why)
        except AuditorError as exc:
            self._write_failed(exc)
            return False
        self.statusBar().showMessage(self.tr("已标记为“{0}”").format(labels.review_state(state)), 5000)
        return True

    def _confirm_done(self) -> bool:
        errors = self.session.open_errors()
        if not errors:
            return True
        answer = QtWidgets.QMessageBox.question(self, self.tr("标记为已完成"), self.tr(
            "本报告还有 {0} 个未处理的错误。\n仍然标记为已完成吗？（可先更正，或在问题列表中确认并写明理由）").format(errors))
        return answer == QtWidgets.QMessageBox.Yes

    def _query_note(self) -> str | None:
        """The question an 有疑问 report leaves for whoever picks it up; None when the auditor gives none."""
        note, ok = QtWidgets.QInputDialog.getText(self, self.tr("标记为有疑问"),
                                                  self.tr("请写明疑问（记入修改记录，供复核时查看）："))
        if not ok:
            return None
        if not note.strip():
            self.statusBar().showMessage(self.tr("未标记：有疑问的报告需要写明疑问"), 8000)
            return None
        return note.strip()

    def done_and_next(self) -> None:
        """Ctrl+Enter: this report is done; open the next one still to review, or say the batch is through."""
        if self.session is None:
            return
        self.tables.commit_editing()  # Ctrl+Enter in a cell's editor: that value first, as in a spreadsheet
        current = self.session.report_id
        if not self.set_review_state("done"):
            return
        following = self.report_list.next_to_review(current)
        if following is None:
            self.statusBar().showMessage(self.tr("列表中的报告都已审核完毕（已完成或有疑问）"), 10000)
            return
        self.open_report(following)
        self._focus_tables()

    # ------------------------------------------------------------------ import (background)
    def choose_files(self) -> None:
        paths, _ = QtWidgets.QFileDialog.getOpenFileNames(self, self.tr("打开报告"), self.settings.last_folder,
                                                          self.tr(FILE_FILTER))
        if paths:
            self.settings.last_folder = str(Path(paths[0]).parent)
            self.import_paths(paths)

    def choose_folder(self) -> None:
        folder = QtWidgets.QFileDialog.getExistingDirectory(self, self.tr("打开文件夹"), self.settings.last_folder)
        if folder:
            self.settings.last_folder = folder
            self.import_paths([folder])

    def import_paths(self, paths: list[str]) -> None:
        files = report_files(paths)
        if not files:
            self._notice(self.tr("没有可导入的文件"), self.tr("所选位置没有报告文件（PDF、Word、网页、文本）。"),
                         QtWidgets.QMessageBox.Information)
            return
        db_path, workers = self.store.path, self.settings.workers()
        self._open_first_import = True

        def work(ctx: TaskContext) -> list[ImportResult]:
            return import_paths(ctx, db_path, files, workers)

        self._start_task(work, self._import_done, self.tr("正在导入"), db=True, on_partial=self._imported_one)

    def _imported_one(self, result: ImportResult) -> None:
        """A file of a batch is in: listed at once, and the first one opened, while the rest go on.

        The auditor can start on the first report while a folder of scans is still being read.
        """
        if result.report_id is None:
            return
        self.report_list.model.refresh_row(self.store, result.report_id)
        self.report_list.fit_columns()  # a new agency name is shown whole, not cut to three characters
        if self._open_first_import:
            self._open_first_import = False
            self.open_report(result.report_id)

    def _import_done(self, results: list[ImportResult]) -> None:
        """The end-of-import summary: what came in, what was already there, what could not be read and why."""
        self._end_task()
        imported = [r for r in results if r.status == "imported"]
        present = [r for r in results if r.status == "present"]
        unreadable = [r for r in results if r.status == "unreadable"]
        summary = self.tr("导入 {0} 份，已存在 {1} 份，无法读取 {2} 份").format(
            len(imported), len(present), len(unreadable))
        self.statusBar().showMessage(summary, 10000)
        if len(results) < 2 and not unreadable:
            return  # one file: the status bar and the opened report say enough
        details = [self.tr("{0}：{1}").format(Path(r.path).name, r.reason) for r in unreadable]
        details += [self.tr("{0}：已在数据库中").format(Path(r.path).name) for r in present]
        advice = self.tr("无法读取的文件未导入，其余文件已导入；原因见“详细信息”。") if unreadable else ""
        self._notice(self.tr("导入完成"), self.tr("{0}。{1}").format(summary, advice),
                     QtWidgets.QMessageBox.Warning if unreadable else QtWidgets.QMessageBox.Information,
                     "\n".join(details) or None)

    def reextract(self) -> None:
        if self.session is None:
            return
        report_id, db_path, name = self.session.report_id, self.store.path, self.session.record.source_name

        def work(ctx: TaskContext) -> int | None:
            return reread_report(ctx, db_path, report_id, name)

        self._start_task(work, self._reextract_done, self.tr("正在重新提取"), db=True)

    def set_layout(self, version: str) -> None:
        """Read the open report as the layout the auditor chose: asked first (saying what happens to
        corrections), and undoable like an edit."""
        if self.session is None or version == self.session.record.report.format:
            return
        record = self.session.record
        dropped = sorted(k for k in record.corrected if k not in load_layouts()[version].keys)
        text = self.tr("按 {0} 版格式重新读取本报告的表格？可用“撤销”改回。").format(version)
        if dropped:
            text += "\n" + self.tr("{0} 版格式中没有 {1} 个已更正的单元格，它们的更正将不再显示（修改记录中仍保留）。").format(
                version, len(dropped))
        if QtWidgets.QMessageBox.question(self, self.tr("指定表格格式"), text) != QtWidgets.QMessageBox.Yes:
            self._show_layout()  # the check mark goes back to the report's layout
            return
        self._read_as_layout(record.id, version, undoable_from=record.report.format)

    def _read_as_layout(self, report_id: int, version: str, undoable_from: str | None = None) -> None:
        """Map the stored report again as ``version`` in the background; with ``undoable_from`` the change
        goes on the report's undo stack once it is done."""
        db_path = self.store.path

        def work(ctx: TaskContext) -> int:
            return choose_layout(ctx, db_path, report_id, version)

        def done(result: int | None) -> None:
            self._reextract_done(result)
            if result is not None and undoable_from is not None:
                self._stacks[report_id].push(LayoutCommand(
                    self.tr("表格格式 {0} 版 → {1} 版").format(undoable_from, version), undoable_from, version,
                    lambda v: self._read_as_layout(report_id, v)))

        self._start_task(work, done, self.tr("正在按 {0} 版格式读取").format(version), db=True)

    def _reextract_done(self, report_id: int | None) -> None:
        """A report was read again in the background: show it afresh (None: cancelled, nothing changed)."""
        self._end_task()
        if report_id is None:
            self.statusBar().showMessage(self.tr("已取消，报告未改变"), 8000)
            return
        self.store.forget(report_id)
        self._set_session(None)
        if report_id in self._sessions:
            self._sessions[report_id].reload()  # its undo history now works on the new reading
        self.open_report(report_id)
        self.report_list.model.refresh_row(self.store, report_id)

    # ------------------------------------------------------------------ export (background)
    def export_excel(self) -> None:
        path, _ = QtWidgets.QFileDialog.getSaveFileName(self, self.tr("导出 Excel"), self._export_name(self.tr("年报审校汇总")),
                                                        self.tr("Excel 工作簿 (*.xlsx)"))
        if not path:
            return
        ids = self.report_list.proxy.visible_ids()
        db_path = self.store.path

        def work(ctx: TaskContext) -> str:
            from desktop.core.export import ExportFilter, export_store

            with Store(db_path, read_only=True) as store:
                export_store(store, Path(path), ExportFilter(report_ids=ids), progress=ctx.progress)
            return path

        self._start_task(work, self._export_done, self.tr("正在导出"))

    def export_tables(self) -> None:
        if self.session is None:
            return
        meta = self.session.record.report.meta
        path, _ = QtWidgets.QFileDialog.getSaveFileName(
            self, self.tr("导出本报告表格"),
            self._export_name(safe_file_stem(self.tr("{0}{1}表格").format(meta.agency or self.tr("报告", "file name"),
                                                                        meta.year or ""))),
            self.tr("Excel 工作簿 (*.xlsx)"))
        if not path:
            return
        report_id, db_path = self.session.report_id, self.store.path

        def work(ctx: TaskContext) -> str:
            from desktop.core.export import export_report_tables

            with Store(db_path, read_only=True) as store:
                export_report_tables(store, report_id, Path(path))
            return path

        self._start_task(work, self._export_done, self.tr("正在导出"))

    def _export_name(self, stem: str) -> str:
        return str(Path(self.settings.last_folder or Path.home()) / f"{stem}.xlsx")

    def _export_done(self, path: str) -> None:
        self._end_task()
        self.statusBar().showMessage(self.tr("已导出：{0}").format(path), 10000)

    # ------------------------------------------------------------------ task plumbing
    def _start_task(self, work, on_done, label: str, db: bool = False, on_partial=None) -> None:
        if self._task is not None:
            self._notice(self.tr("请稍候"), self.tr("上一项任务尚未完成。"), QtWidgets.QMessageBox.Information)
            return
        self.progress.setRange(0, 0)
        self.progress.setFormat(label + " %p%")
        self.progress.show()
        self.cancel_button.show()
        self.statusBar().showMessage(label + "…")
        task = self.runner.submit(work, on_done=on_done, on_failed=self._task_failed,
                                  on_progress=self._task_progress, on_partial=on_partial, db=db)
        if self.runner.is_running(task):  # a synchronous runner has already finished it
            self._task = task

    def _task_progress(self, done: int, total: int, label: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if label:
            self.statusBar().showMessage(label)

    def _task_failed(self, message: str) -> None:
        self._end_task()
        self._notice(self.tr("操作未完成"), message, QtWidgets.QMessageBox.Warning)

    def _end_task(self) -> None:
        self._task = None
        self.progress.hide()
        self.cancel_button.hide()
        self.statusBar().clearMessage()

    def cancel_task(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self.statusBar().showMessage(self.tr("正在取消…"))

    # ------------------------------------------------------------------ misc
    def find_in_source(self, text: str, backwards: bool = False) -> bool:
        """The next (or previous) place in the source holding ``text``; the bar shows how many there are."""
        found = self.source.find(text, backwards)
        self.find_bar.show_result(self.source.count(text) if found else 0)
        if not found:
            self.statusBar().showMessage(self.tr("原文中没有找到“{0}”").format(text), 5000)
        return found

    def set_language(self, language: str) -> None:
        self.settings.language = language
        self._save_settings()
        self._notice(self.tr("语言 / Language"), self.tr("界面语言将在重新启动后生效。\nThe language applies after a restart."),
                     QtWidgets.QMessageBox.Information)

    def about(self) -> None:
        QtWidgets.QMessageBox.about(self, self.tr("关于年报审校"), self.tr(
            "<h3>年报审校 Nianbao Review {0}</h3>"
            "<p>政府信息公开工作年度报告的提取、校验与审校工具。</p>"
            "<p>所有处理均在本机完成，不连接网络。</p>"
            "<p>数据库：{1}</p>").format(__version__, self.store.path))

    def _notice(self, title: str, text: str, icon, details: str | None = None) -> None:
        """A non-blocking message: the app (and any test driving it) goes on while it is shown."""
        box = QtWidgets.QMessageBox(icon, title, text, QtWidgets.QMessageBox.Ok, self)
        if details:
            box.setDetailedText(details)
        box.setAttribute(Qt.WA_DeleteOnClose)
        box.setModal(False)
        box.show()
        self.last_message = box

    # ------------------------------------------------------------------ drag and drop
    def dragEnterEvent(self, event: QtGui.QDragEnterEvent) -> None:  # noqa: N802 - Qt API
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QtGui.QDropEvent) -> None:  # noqa: N802 - Qt API
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    # ------------------------------------------------------------------ settings
    def _restore_geometry(self) -> None:
        if self.settings.window_geometry:
            self.restoreGeometry(QtCore.QByteArray(base64.b64decode(self.settings.window_geometry)))
        if self.settings.window_state:
            self.restoreState(QtCore.QByteArray(base64.b64decode(self.settings.window_state)))
        if self.settings.splitter_state:
            self.splitter.restoreState(QtCore.QByteArray(base64.b64decode(self.settings.splitter_state)))

    def _save_settings(self) -> None:
        self.settings.window_geometry = base64.b64encode(bytes(self.saveGeometry())).decode()
        self.settings.window_state = base64.b64encode(bytes(self.saveState())).decode()
        self.settings.splitter_state = base64.b64encode(bytes(self.splitter.saveState())).decode()
        try:
            save_settings(self.settings, self.settings_path)
        except OSError:
            pass  # settings are a convenience; failing to save them must not stop the app

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:  # noqa: N802 - Qt API
        self._outside_timer.stop()
        self.cancel_task()
        self.runner.wait(10000)
        self._save_settings()
        self.source.clear()  # releases the open PDF on its render thread
        wait_idle()
        super().closeEvent(event)
