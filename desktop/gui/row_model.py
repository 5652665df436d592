"""The part every list-like table model shares: rows of records, named columns, translated headers."""

from __future__ import annotations

from desktop.gui.qt import QtCore, Qt


class RowTableModel(QtCore.QAbstractTableModel):
    """Subclasses set ``COLUMNS`` (names), fill ``self._headers`` (name → title) and ``self._rows``."""

    COLUMNS: tuple[str, ...] = ()

    def __init__(self, parent: QtCore.QObject | None = None):
        super().__init__(parent)
        self._rows: list = []
        self._headers: dict[str, str] = {}

    def rowCount(self, parent=QtCore.QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QtCore.QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802 - Qt API
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return self._headers[self.COLUMNS[section]]
        return None
