"""The findings of the open report: severity, message, where; acknowledge or dismiss with a comment.

A thin model over ``ReviewSession.findings()`` and a proxy that hides info or settled findings; the
counts in the panel's title follow every edit.
"""

from __future__ import annotations

from desktop.core.findings import Severity
from desktop.core.review import Change, ReviewSession
from desktop.core.store import StoredFinding
from desktop.gui import labels
from desktop.gui.qt import QtCore, QtGui, QtWidgets, Qt, Signal, refilter
from desktop.gui.row_model import RowTableModel
from desktop.gui.style import SEVERITY_BACKGROUND, SEVERITY_FOREGROUND

FINDING_ROLE = Qt.UserRole + 1


class FindingsModel(RowTableModel):
    COLUMNS = ("severity", "message", "where", "state", "rule")

    def __init__(self, parent: QtCore.QObject | None = None):
        super().__init__(parent)
        self.session: ReviewSession | None = None
        self._rows: list[StoredFinding] = []
        self._headers = {"severity": self.tr("级别"), "message": self.tr("说明"), "where": self.tr("位置"),
                         "state": self.tr("处理"), "rule": self.tr("规则")}

    def set_session(self, session: ReviewSession | None) -> None:
        if self.session is not None:
            self.session.unsubscribe(self._changed)
        self.session = session
        if session is not None:
            session.subscribe(self._changed)
        self._reload()

    def _changed(self, change: Change) -> None:
        if change.findings:
            self._reload()

    def _reload(self) -> None:
        self.beginResetModel()
        rows = list(self.session.findings()) if self.session else []
        rows.sort(key=lambda f: (-f.finding.severity.rank, f.id))
        self._rows = rows
        self.endResetModel()

    def finding(self, row: int) -> StoredFinding:
        return self._rows[row]

    def counts(self) -> dict[Severity, int]:
        counts = {s: 0 for s in Severity}
        for stored in self._rows:
            if stored.state == "open":
                counts[stored.finding.severity] += 1
        return counts

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        stored = self._rows[index.row()]
        finding = stored.finding
        column = self.COLUMNS[index.column()]
        if role == FINDING_ROLE:
            return stored
        if role == Qt.DisplayRole:
            if column == "severity":
                return labels.severity(finding.severity)
            if column == "message":
                return finding.message
            if column == "where":
                return self.session.record.report.where(finding) if self.session else ""
            if column == "state":
                state = labels.finding_state(stored.state)
                return self.tr("{0}：{1}").format(state, stored.comment) if stored.comment else state
            return labels.rule(finding.rule)
        if role == Qt.ToolTipRole:
            parts = [finding.message, self.tr("规则：{0}（{1}）").format(labels.rule(finding.rule), finding.rule)]
            if finding.raw and finding.official:
                parts.append(self.tr("原文：{0}\n官方：{1}").format(finding.raw, finding.official))
            if stored.comment:
                parts.append(self.tr("备注：{0}").format(stored.comment))
            return "\n".join(parts)
        if role == Qt.BackgroundRole and column == "severity":
            return QtGui.QColor(SEVERITY_BACKGROUND[finding.severity])
        if role == Qt.ForegroundRole:
            if stored.state != "open":
                return QtGui.QColor("#888888")
            if column == "severity":
                return QtGui.QColor(SEVERITY_FOREGROUND[finding.severity])
        if role == Qt.FontRole and stored.state == "dismissed":
            font = QtGui.QFont()
            font.setStrikeOut(True)
            return font
        return None


class FindingsFilter(QtCore.QSortFilterProxyModel):
    def __init__(self, parent: QtCore.QObject | None = None):
        super().__init__(parent)
        self.show_info = False
        self.show_settled = True

    def set_show_info(self, on: bool) -> None:
        refilter(self, lambda: setattr(self, "show_info", on))

    def set_show_settled(self, on: bool) -> None:
        refilter(self, lambda: setattr(self, "show_settled", on))

    def filterAcceptsRow(self, source_row, source_parent) -> bool:  # noqa: N802 - Qt API
        stored = self.sourceModel().finding(source_row)
        if not self.show_info and stored.finding.severity is Severity.INFO:
            return False
        return self.show_settled or stored.state == "open"


class FindingsPanel(QtWidgets.QWidget):
    """Emits the finding the auditor picked; F8 / Shift+F8 step through the visible ones."""

    finding_activated = Signal(object)  # StoredFinding
    state_requested = Signal(int, str, str)  # finding id, state, comment
    reached_end = Signal(int, bool)  # stepping stopped at the last (forward) or first finding; how many there are

    def __init__(self, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.model = FindingsModel(self)
        self.proxy = FindingsFilter(self)
        self.proxy.setSourceModel(self.model)
        self.counts_label = QtWidgets.QLabel()
        self.show_info = QtWidgets.QCheckBox(self.tr("显示提示"))
        self.show_settled = QtWidgets.QCheckBox(self.tr("显示已处理"))
        self.show_settled.setChecked(True)
        self.ack_button = QtWidgets.QPushButton(self.tr("确认"))
        self.ack_button.setToolTip(self.tr("确认此问题属实（仍保留在报告中）"))
        self.dismiss_button = QtWidgets.QPushButton(self.tr("忽略…"))
        self.dismiss_button.setToolTip(self.tr("忽略此警告，并填写理由"))
        self.reopen_button = QtWidgets.QPushButton(self.tr("恢复"))
        self.apply_button = QtWidgets.QPushButton(self.tr("采用建议值"))
        self.apply_button.setToolTip(self.tr("把此问题建议的数值填入对应单元格（Ctrl+Shift+A）"))
        self.view = QtWidgets.QTableView()
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectRows)
        self.view.setSelectionMode(QtWidgets.QAbstractItemView.SingleSelection)
        self.view.setEditTriggers(QtWidgets.QAbstractItemView.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(True)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(1, QtWidgets.QHeaderView.Stretch)
        header.setSectionResizeMode(0, QtWidgets.QHeaderView.ResizeToContents)
        header.setSectionResizeMode(2, QtWidgets.QHeaderView.ResizeToContents)
        header.setSectionResizeMode(3, QtWidgets.QHeaderView.ResizeToContents)
        bar = QtWidgets.QHBoxLayout()
        bar.addWidget(self.counts_label, 1)
        for widget in (self.show_info, self.show_settled, self.apply_button, self.ack_button, self.dismiss_button,
                       self.reopen_button):
            bar.addWidget(widget)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view)
        self.show_info.toggled.connect(self.proxy.set_show_info)
        self.show_settled.toggled.connect(self.proxy.set_show_settled)
        self.view.clicked.connect(self._activate)
        self.view.selectionModel().currentRowChanged.connect(lambda current, _: self._update_buttons())
        self.ack_button.clicked.connect(self.acknowledge)
        self.dismiss_button.clicked.connect(self.dismiss)
        self.reopen_button.clicked.connect(self.reopen)
        self._end_told: tuple[int, bool] | None = None  # where stepping last said "no further"
        self._kept_id: int | None = None  # the selected finding, kept through the reload an edit causes
        self.model.modelAboutToBeReset.connect(self._remember_current)
        self.model.modelReset.connect(self._model_reset)
        # Columns fitted to their contents are fitted again when a filter shows rows: after an empty
        # list (every error fixed, hints hidden) they would otherwise stay at the header's width.
        for signal in (self.proxy.rowsInserted, self.proxy.rowsRemoved, self.proxy.layoutChanged, self.proxy.modelReset):
            signal.connect(lambda *_: header.resizeSections())
        self._model_reset()

    def set_session(self, session: ReviewSession | None) -> None:
        self.model.set_session(session)

    def current(self) -> StoredFinding | None:
        index = self.view.currentIndex()
        return index.data(FINDING_ROLE) if index.isValid() else None

    def step(self, forward: bool = True) -> StoredFinding | None:
        """Move to the next (or previous) visible finding and activate it.

        At the last one (the first, going back) it stops once and says so through ``reached_end``, so
        the auditor knows the report is through; stepping again wraps around.
        """
        rows = self.proxy.rowCount()
        if rows == 0:
            return None
        current = self.view.currentIndex().row()
        at_end = current == (rows - 1 if forward else 0)
        if at_end and self._end_told != (current, forward):
            self._end_told = (current, forward)
            self.reached_end.emit(rows, forward)
            return None
        self._end_told = None
        row = (current + (1 if forward else -1)) % rows if current >= 0 else (0 if forward else rows - 1)
        index = self.proxy.index(row, 0)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        self._activate(index)
        return index.data(FINDING_ROLE)

    def _activate(self, index: QtCore.QModelIndex) -> None:
        stored = index.data(FINDING_ROLE) if index.isValid() else None
        if stored is not None:
            self.finding_activated.emit(stored)

    def acknowledge(self) -> None:
        """确认 (F9): a warning at once; an error only with a reason, as an error acknowledged stays in the report."""
        stored = self.current()
        if stored is None or stored.state == "acknowledged":
            return
        if stored.finding.severity is not Severity.ERROR:
            self.state_requested.emit(stored.id, "acknowledged", "")
            return
        comment = self._ask_comment(stored, self.tr("确认错误"), self.tr("请写明确认此错误的理由（将记入修改记录）："))
        if comment is not None:
            self.state_requested.emit(stored.id, "acknowledged", comment)

    def dismiss(self) -> None:
        """忽略 (Shift+F9): a warning or a hint, with a reason; an error cannot be dismissed, only corrected or acknowledged."""
        stored = self.current()
        if stored is None or stored.state == "dismissed" or stored.finding.severity is Severity.ERROR:
            return
        comment = self._ask_comment(stored, self.tr("忽略问题"), self.tr("请填写忽略理由（将记入修改记录）："))
        if comment is not None:
            self.state_requested.emit(stored.id, "dismissed", comment)

    def reopen(self) -> None:
        """恢复 (Ctrl+F9): back to 待处理."""
        stored = self.current()
        if stored is not None and stored.state != "open":
            self.state_requested.emit(stored.id, "open", "")

    def _ask_comment(self, stored: StoredFinding, title: str, label: str) -> str | None:
        """The reason for a decision; None when cancelled or left empty (nothing is recorded then)."""
        comment, ok = QtWidgets.QInputDialog.getText(self, title, label, text=stored.comment or "")
        return comment.strip() if ok and comment.strip() else None

    def _remember_current(self) -> None:
        stored = self.current()
        self._kept_id = stored.id if stored is not None else None

    def _restore_current(self) -> None:
        """After a decision or an edit the same finding stays selected, so F8 goes on from there."""
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(FINDING_ROLE).id == self._kept_id:
                self.view.setCurrentIndex(index)
                return

    def _model_reset(self) -> None:
        self._restore_current()
        counts = self.model.counts()
        self.counts_label.setText(self.tr("错误 {0} · 警告 {1} · 提示 {2}").format(
            counts[Severity.ERROR], counts[Severity.WARNING], counts[Severity.INFO]))
        self.view.resizeRowsToContents()
        self._update_buttons()

    def _update_buttons(self) -> None:
        stored = self.current()
        self.ack_button.setEnabled(stored is not None and stored.state == "open")
        self.dismiss_button.setEnabled(stored is not None and stored.finding.severity is not Severity.ERROR
                                       and stored.state != "dismissed")
        self.reopen_button.setEnabled(stored is not None and stored.state != "open")
        self.apply_button.setEnabled(stored is not None and stored.state == "open" and bool(stored.finding.suggestion))
