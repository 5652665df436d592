"""Every correction is an undoable command; doing and undoing both write through to the database.

The undo stack only mirrors what the session did: undoing an edit is itself an audited edit back to
the old value (the audit trail is append-only), so nothing the auditor did disappears from the record.
"""

from __future__ import annotations

from collections.abc import Callable

from desktop.core.errors import AuditorError
from desktop.core.report import Number
from desktop.core.review import REDO_REASON, UNDO_REASON, ReviewSession
from desktop.gui.qt import QtCore, QtGui


class _SessionCommand(QtGui.QUndoCommand):
    """Shared do/undo plumbing: an error while writing is reported, and the command is dropped."""

    def __init__(self, session: ReviewSession, text: str, on_error: Callable[[AuditorError], None]):
        super().__init__(text)
        self.session = session
        self.on_error = on_error
        self._done_once = False

    def _write(self, write: Callable[[], None]) -> None:
        try:
            write()
        except AuditorError as exc:
            self.setObsolete(True)
            self.on_error(exc)

    def _why(self, first: str | None) -> str | None:
        if not self._done_once:
            self._done_once = True
            return first
        return REDO_REASON


class EditCellsCommand(_SessionCommand):
    def __init__(self, session: ReviewSession, new: dict[str, Number | None], why: str | None,
                 on_error: Callable[[AuditorError], None]):
        keys = list(new)
        translate = QtCore.QCoreApplication.translate
        label = (session.layout.label(keys[0]) if len(keys) == 1
                 else translate("EditCellsCommand", "{0} 个单元格").format(len(keys)))
        super().__init__(session, translate("EditCellsCommand", "修改 {0}").format(label), on_error)
        self.old = {k: session.value(k) for k in keys}
        self.new = dict(new)
        self.why = why

    def redo(self) -> None:
        self._apply(self.new, self._why(self.why))

    def undo(self) -> None:
        self._apply(self.old, UNDO_REASON)

    def _apply(self, values: dict[str, Number | None], why: str | None) -> None:
        if len(values) == 1:
            (key, value), = values.items()
            self._write(lambda: self.session.set_value(key, value, why))
        else:
            self._write(lambda: self.session.set_values(values, why))


class EditMetaCommand(_SessionCommand):
    """A correction of the agency, year or published date: undoable like a cell's."""

    def __init__(self, session: ReviewSession, name: str, label: str, new: str | int | None, why: str | None,
                 on_error: Callable[[AuditorError], None]):
        super().__init__(session, QtCore.QCoreApplication.translate("EditCellsCommand", "修改 {0}").format(label),
                         on_error)
        self.name, self.old, self.new, self.why = name, session.meta(name), new, why

    def redo(self) -> None:
        why = self._why(self.why)
        self._write(lambda: self.session.set_meta(self.name, self.new, why))

    def undo(self) -> None:
        self._write(lambda: self.session.set_meta(self.name, self.old, UNDO_REASON))


class LayoutCommand(QtGui.QUndoCommand):
    """A layout the auditor chose, on the undo stack once its background re-reading is done.

    Pushing it does nothing (the report was already read as ``new``); undo and redo read the report
    again as the other layout through ``read_as``, which runs in the background like the first time.
    """

    def __init__(self, text: str, old: str, new: str, read_as: Callable[[str], None]):
        super().__init__(text)
        self.old, self.new, self.read_as = old, new, read_as
        self._pushed = False

    def redo(self) -> None:
        if self._pushed:
            self.read_as(self.new)
        self._pushed = True

    def undo(self) -> None:
        self.read_as(self.old)
