"""The report's own facts above its tables (agency, year, published date), editable where they are shown.

The reader sometimes takes the agency from a letterhead or misses the year; the auditor corrects it
here, and the correction is audited and undoable like a cell's. Nothing here writes: an edit is
*requested*, and the window turns it into a command.
"""

from __future__ import annotations

from desktop.core.review import ReviewSession
from desktop.gui import labels
from desktop.gui.qt import QtWidgets, Signal

FIELDS = ("agency", "year", "published")


class MetaBar(QtWidgets.QWidget):
    edit_requested = Signal(str, str)  # field name, the text typed

    def __init__(self, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.fields: dict[str, QtWidgets.QLineEdit] = {}
        row = QtWidgets.QHBoxLayout(self)
        row.setContentsMargins(2, 0, 2, 0)
        hints = {"agency": self.tr("机关全称"), "year": self.tr("如 2021"), "published": self.tr("如 2022-01-31")}
        for name in FIELDS:
            edit = QtWidgets.QLineEdit(placeholderText=hints[name])
            edit.setToolTip(self.tr("改后按 Enter 保存（记入修改记录，可撤销）"))
            edit.editingFinished.connect(lambda n=name: self._finished(n))
            label = QtWidgets.QLabel(labels.meta_field(name))
            label.setBuddy(edit)
            row.addWidget(label)
            row.addWidget(edit, 3 if name == "agency" else 1)
            self.fields[name] = edit
        self._shown: dict[str, str] = {}
        self.show_meta(None)

    def show_meta(self, session: ReviewSession | None) -> None:
        """Show the open report's facts (or nothing); what is shown is what an edit is compared with."""
        for name, edit in self.fields.items():
            value = session.meta(name) if session is not None else None
            self._shown[name] = "" if value is None else str(value)
            edit.setText(self._shown[name])
            edit.setEnabled(session is not None)

    def _finished(self, name: str) -> None:
        text = self.fields[name].text().strip()
        if text != self._shown[name]:
            self.edit_requested.emit(name, text)

    def revert(self, name: str) -> None:
        """Put back the stored value after a refused edit."""
        self.fields[name].setText(self._shown[name])
