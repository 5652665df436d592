"""The list of reports in the database: state, agency, year and open error/warning counts.

One source model (rows from ``Store.summaries``) behind one filter proxy: search text and review
state narrow the view without touching the data.
"""

from __future__ import annotations

from pathlib import Path

from desktop.core.store import STATE_LABELS, Store
from desktop.gui import labels
from desktop.gui.qt import QtCore, QtGui, QtWidgets, Qt, Signal, refilter
from desktop.gui.row_model import RowTableModel
from desktop.gui.style import SEVERITY_BACKGROUND
from desktop.core.findings import Severity

ID_ROLE = Qt.UserRole + 1
STATE_ROLE = Qt.UserRole + 2
TO_REVIEW = ("unreviewed", "in_review")


class ReportListModel(RowTableModel):
    COLUMNS = ("state", "agency", "year", "layout", "errors", "warnings", "corrected", "source_name")

    def __init__(self, parent: QtCore.QObject | None = None):
        super().__init__(parent)
        self._rows: list[dict] = []
        self._headers = {
            "state": self.tr("状态"), "agency": self.tr("机关"), "year": self.tr("年度"),
            "layout": self.tr("格式"), "errors": self.tr("错误"), "warnings": self.tr("警告"),
            "corrected": self.tr("已更正"), "source_name": self.tr("文件"),
        }

    def load(self, store: Store | None) -> None:
        self.beginResetModel()
        self._rows = store.summaries() if store is not None else []
        self.endResetModel()

    def refresh_row(self, store: Store, report_id: int) -> None:
        """Show a report's current state: its row updated, or added if the list does not have it yet."""
        row = self.row_of(report_id)
        if row is None:
            self.beginInsertRows(QtCore.QModelIndex(), len(self._rows), len(self._rows))
            self._rows.append(store.summary(report_id))
            self.endInsertRows()
            return
        self._rows[row] = store.summary(report_id)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    def state_counts(self) -> dict[str, int]:
        """How many reports are in each review state: where the auditor is in the season."""
        counts = {state: 0 for state in STATE_LABELS}
        for row in self._rows:
            counts[row["state"]] = counts.get(row["state"], 0) + 1
        return counts

    def row_of(self, report_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r["id"] == report_id), None)

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.DisplayRole:
            return self._display(row, column)
        if role == Qt.EditRole:  # sort key
            value = row[column]
            return value if value is not None else ""
        if role == ID_ROLE:
            return row["id"]
        if role == STATE_ROLE:
            return row["state"]
        if role == Qt.BackgroundRole:
            if column == "errors" and row["errors"]:
                return QtGui.QColor(SEVERITY_BACKGROUND[Severity.ERROR])
            if column == "warnings" and row["warnings"]:
                return QtGui.QColor(SEVERITY_BACKGROUND[Severity.WARNING])
        if role == Qt.TextAlignmentRole and column in ("year", "errors", "warnings", "corrected"):
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == Qt.ToolTipRole:
            if column == "agency" and row["agency"]:
                return row["agency"]  # the full name, which the column may cut
            return row.get("source_path") or row["source_name"]
        return None

    def _display(self, row: dict, column: str) -> str:
        value = row[column]
        if column == "state":
            return labels.review_state(value)
        if column == "layout":
            return self.tr("{0}版").format(value) if value else self.tr("未知")
        if value is None:
            return Path(row["source_name"]).stem if column == "agency" else "—"  # unnamed: the file says which
        return str(value)


class ReportFilter(QtCore.QSortFilterProxyModel):
    def __init__(self, parent: QtCore.QObject | None = None):
        super().__init__(parent)
        self.state: str | None = None
        self.kept: int | None = None  # the open report: listed whatever the filter says
        self.setFilterCaseSensitivity(Qt.CaseInsensitive)
        self.setFilterKeyColumn(-1)
        self.setSortRole(Qt.EditRole)
        self.setDynamicSortFilter(False)  # a row stays where it is when its state or counts change

    def set_state(self, state: str | None) -> None:
        refilter(self, lambda: setattr(self, "state", state))

    def keep(self, report_id: int | None) -> None:
        refilter(self, lambda: setattr(self, "kept", report_id))

    def filterAcceptsRow(self, source_row, source_parent) -> bool:  # noqa: N802 - Qt API
        model = self.sourceModel()
        if self.kept is not None and model.index(source_row, 0, source_parent).data(ID_ROLE) == self.kept:
            return True
        if self.state and model.index(source_row, 0, source_parent).data(STATE_ROLE) != self.state:
            return False
        return super().filterAcceptsRow(source_row, source_parent)

    def visible_ids(self) -> list[int]:
        return [self.index(r, 0).data(ID_ROLE) for r in range(self.rowCount())]


def season_text(counts: dict[str, int]) -> str:
    """未审核 7 · 审核中 4 · 已完成 1 · 有疑问 1: the status bar's summary of the batch."""
    return " · ".join(f"{labels.review_state(state)} {n}" for state, n in counts.items())


class ReportList(QtWidgets.QWidget):
    """Search box, state filter and the table of reports; emits the id of the report to open."""

    report_chosen = Signal(int)
    counts_changed = Signal(object)  # review state → number of reports, after any change to the list

    def __init__(self, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.model = ReportListModel(self)
        self.proxy = ReportFilter(self)
        self.proxy.setSourceModel(self.model)
        self.search = QtWidgets.QLineEdit(placeholderText=self.tr("搜索机关或文件名…"))
        self.search.setClearButtonEnabled(True)
        self.state_box = QtWidgets.QComboBox()
        self.state_box.addItem(self.tr("全部状态"), None)
        for state in STATE_LABELS:
            self.state_box.addItem(labels.review_state(state), state)
        self.view = QtWidgets.QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectRows)
        self.view.setSelectionMode(QtWidgets.QAbstractItemView.SingleSelection)
        self.view.setEditTriggers(QtWidgets.QAbstractItemView.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setTabKeyNavigation(False)  # Tab leaves the list for the next pane, as in a dialog
        top = QtWidgets.QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.state_box)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.state_box.currentIndexChanged.connect(lambda _: self.proxy.set_state(self.state_box.currentData()))
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        for signal in (self.model.modelReset, self.model.rowsInserted, self.model.dataChanged):
            signal.connect(self._count)

    def load(self, store: Store | None) -> None:
        self.model.load(store)
        self.fit_columns()

    def fit_columns(self) -> None:
        """Columns as wide as their contents, the agency's up to a limit (its tooltip has the full name)."""
        self.view.resizeColumnsToContents()
        self.view.setColumnWidth(1, min(self.view.columnWidth(1), 220))

    def keep_visible(self, report_id: int | None) -> None:
        """The open report stays listed until the auditor leaves it, even when an edit takes it out of
        the filter: otherwise the row under the cursor vanishes and another report opens in its place."""
        if self.proxy.kept != report_id:
            self.proxy.keep(report_id)

    def select(self, report_id: int) -> None:
        row = self.model.row_of(report_id)
        if row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self.view.setCurrentIndex(index)

    def next_to_review(self, after: int) -> int | None:
        """The next listed report still to review (未审核 or 审核中) after ``after``, in the list's order, wrapping."""
        rows = [(self.proxy.index(r, 0).data(ID_ROLE), self.proxy.index(r, 0).data(STATE_ROLE))
                for r in range(self.proxy.rowCount())]
        start = next((i + 1 for i, (report_id, _) in enumerate(rows) if report_id == after), 0)
        for report_id, state in rows[start:] + rows[:start]:
            if report_id != after and state in TO_REVIEW:
                return report_id
        return None

    def current_id(self) -> int | None:
        index = self.view.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def _count(self, *_) -> None:
        """The filter's entries carry their counts, so the season's progress shows where the auditor filters."""
        counts = self.model.state_counts()
        self.state_box.setItemText(0, self.tr("全部状态 {0}").format(sum(counts.values())))
        for i in range(1, self.state_box.count()):
            state = self.state_box.itemData(i)
            self.state_box.setItemText(i, f"{labels.review_state(state)} {counts.get(state, 0)}")
        self.counts_changed.emit(counts)

    def _current_changed(self, current: QtCore.QModelIndex, _previous) -> None:
        if current.isValid():
            self.report_chosen.emit(current.data(ID_ROLE))
