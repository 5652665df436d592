"""A thin Qt model over one table's :class:`Grid` and the open :class:`ReviewSession`.

It only translates: the grid says what sits where, the session says values and findings, the style
module says colours. It never changes the session itself: an accepted edit is *requested* through a
signal so the main window can turn it into an undoable command; the session then notifies every
view, this one included, and the repaint follows from that single path.
"""

from __future__ import annotations

from desktop.core.findings import Severity
from desktop.core.grid import HEADER, LABEL, TITLE, VALUE, Grid, GridCell
from desktop.core.report import Number
from desktop.core.review import Change, InvalidValue, ReviewSession
from desktop.gui import labels, style
from desktop.gui.qt import QtCore, QtGui, Qt, Signal

KEY_ROLE = Qt.UserRole + 1  # the canonical cell key of a value cell, None elsewhere
DOUBT_ROLE = Qt.UserRole + 2  # True for a value cell whose OCR reading still needs a person's look

_LEFT = Qt.AlignLeft | Qt.AlignVCenter
_RIGHT = Qt.AlignRight | Qt.AlignVCenter
_CENTER = Qt.AlignCenter


def plain_number(value: Number | None) -> str:
    """A value as the auditor would type it: 12, -3, 1434.1345; "" for an empty cell.

    Floats print with the decimals they have (no 1434.134500, no 12.0 for a whole amount), so
    what is shown, copied and edited is the same text.
    """
    if value is None:
        return ""
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(value)
    return str(value)


class CellGridModel(QtCore.QAbstractTableModel):
    """Values, labels and headers of one official table, with the colours of its findings."""

    invalid = Signal(str)  # a reason in Chinese: which cell, and why the text is not a value
    edit_requested = Signal(str, object, object)  # key, old value, new value

    def __init__(self, grid: Grid, session: ReviewSession, parent: QtCore.QObject | None = None):
        super().__init__(parent)
        self.grid = grid
        self.session = session
        self._fonts = _Fonts()
        session.subscribe(self._session_changed)

    def detach(self) -> None:
        """Stop listening to the session (before the model is dropped or the report closed)."""
        self.session.unsubscribe(self._session_changed)

    # ------------------------------------------------------------------ shape
    def rowCount(self, parent: QtCore.QModelIndex = QtCore.QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.grid.rows

    def columnCount(self, parent: QtCore.QModelIndex = QtCore.QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.grid.cols

    def index_of(self, key: str) -> QtCore.QModelIndex:
        """The index of a value cell; invalid when the key is not in this table."""
        try:
            row, col = self.grid.position(key)
        except KeyError:
            return QtCore.QModelIndex()
        return self.index(row, col)

    def key_at(self, index: QtCore.QModelIndex) -> str | None:
        return self.grid.value_at(index.row(), index.column()) if index.isValid() else None

    def cell(self, index: QtCore.QModelIndex) -> GridCell | None:
        """The grid cell anchored at ``index``; None for positions hidden under a merged cell."""
        if not index.isValid():
            return None
        cell = self.grid.cell_at(index.row(), index.column())
        if cell is None or (cell.row, cell.col) != (index.row(), index.column()):
            return None
        return cell

    def flags(self, index: QtCore.QModelIndex) -> Qt.ItemFlags:
        if not index.isValid():
            return Qt.NoItemFlags
        flags = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        if self.key_at(index) is not None:
            flags |= Qt.ItemIsEditable
        return flags

    # ------------------------------------------------------------------ data
    def data(self, index: QtCore.QModelIndex, role: int = Qt.DisplayRole):
        cell = self.cell(index)
        if cell is None:
            return None
        if cell.kind == VALUE:
            return self._value_data(cell.key, role)
        return self._fixed_data(cell, role)

    def _fixed_data(self, cell: GridCell, role: int):
        """Titles, headers, labels and blanks: text and a quiet background, never editable."""
        if role == Qt.DisplayRole:
            return cell.text
        if role == Qt.BackgroundRole:
            colour = style.HEADER_BACKGROUND if cell.kind in (HEADER, TITLE) else style.LABEL_BACKGROUND
            return QtGui.QBrush(QtGui.QColor(colour))
        if role == Qt.FontRole and cell.kind in (HEADER, TITLE):
            return self._fonts.bold
        if role == Qt.TextAlignmentRole:
            return _CENTER if cell.kind == HEADER else _LEFT
        if role == Qt.ToolTipRole and cell.kind in (LABEL, HEADER, TITLE) and cell.text:
            return cell.text  # long labels are wrapped in the grid; the tooltip shows them whole
        return None

    def _value_data(self, key: str, role: int):
        value = self.session.value(key)
        if role == Qt.DisplayRole:
            return style.MISSING_TEXT if value is None else plain_number(value)
        if role == Qt.EditRole:
            return plain_number(value)
        if role == KEY_ROLE:
            return key
        if role == DOUBT_ROLE:
            return self.session.doubtful(key)
        if role == Qt.BackgroundRole:
            colour = self._background(key, value)
            return QtGui.QBrush(QtGui.QColor(colour)) if colour else None
        if role == Qt.ForegroundRole and self.session.is_corrected(key):
            return QtGui.QBrush(QtGui.QColor(style.CORRECTED_FOREGROUND))
        if role == Qt.FontRole and self.session.is_corrected(key):
            return self._fonts.bold
        if role == Qt.TextAlignmentRole:
            return _RIGHT
        if role == Qt.ToolTipRole:
            return self._tooltip(key, value)
        return None

    def _background(self, key: str, value: Number | None) -> str | None:
        """The colour of the cell's worst open finding; grey for a cell the source lacks; green for a
        correction nothing is wrong with (the colour the workbook gives a corrected cell).

        A missing cell always carries the warning that says its table or row is missing; grey says
        that more precisely than yellow, so only an error outranks it.
        """
        worst = self.session.worst(key)
        missing = value is None and not self.session.is_corrected(key)
        if missing and worst is not Severity.ERROR:
            return style.MISSING_BACKGROUND
        if worst is not None:
            return style.SEVERITY_BACKGROUND[worst]
        return style.CORRECTED_BACKGROUND if self.session.is_corrected(key) else None

    def _tooltip(self, key: str, value: Number | None) -> str:
        lines = [self.session.layout.label(key)]
        corrected = self.session.is_corrected(key)
        if corrected:
            old = self.session.extracted(key)
            lines.append(self.tr("提取值：{0}，已更正为 {1}").format(_shown(old), _shown(value)))
        elif value is None:
            lines.append(self.tr("原文中未找到此单元格"))
        confidence = self.session.confidence(key)
        if confidence is not None and not corrected:
            lines.append(self.tr("文字识别（OCR）置信度：{0:.2f}").format(confidence))
        for stored in self.session.findings_for(key):
            finding = stored.finding
            state = "" if stored.state == "open" else self.tr("（{0}）").format(labels.finding_state(stored.state))
            lines.append(self.tr("{0}{1}：{2}").format(labels.severity(finding.severity), state, finding.message))
        return "\n".join(lines)

    # ------------------------------------------------------------------ editing
    def setData(self, index: QtCore.QModelIndex, value, role: int = Qt.EditRole) -> bool:
        """Check typed text and request the edit; the session is changed by whoever hears the request."""
        key = self.key_at(index)
        if role != Qt.EditRole or key is None:
            return False
        text = "" if value is None else str(value)
        try:
            new = self.session.parse(key, text)
        except InvalidValue as exc:
            self.invalid.emit(self.tr("{0}：{1}").format(self.session.layout.label(key), exc))
            return False
        old = self.session.value(key)
        if not _same(old, new):  # closing the editor unchanged is not an edit (and no undo step)
            self.edit_requested.emit(key, old, new)
        return True

    def parse_block(self, top: int, left: int, block: list[list[str]]) -> dict[str, Number | None]:
        """Map a pasted block of texts onto the grid from (top, left); raise InvalidValue naming the cell.

        All or nothing: every target must be a value cell and every text a valid value, otherwise
        nothing is returned, so a half-applied paste never reaches the report.
        """
        values: dict[str, Number | None] = {}
        for i, texts in enumerate(block):
            for j, text in enumerate(texts):
                row, col = top + i, left + j
                where = self.tr("粘贴内容第 {0} 行第 {1} 列").format(i + 1, j + 1)
                if row >= self.grid.rows or col >= self.grid.cols:
                    raise InvalidValue(self.tr("{0}超出表格范围；粘贴区域为 {1} 行 × {2} 列").format(
                        where, len(block), max(map(len, block))))
                key = self.grid.value_at(row, col)
                if key is None:
                    cell = self.grid.cell_at(row, col)
                    what = f"“{cell.text}”" if cell is not None and cell.text else self.tr("空白格")
                    raise InvalidValue(self.tr("{0}落在{1}上，不是可填写数字的单元格；未粘贴任何内容").format(where, what))
                try:
                    values[key] = self.session.parse(key, text)
                except InvalidValue as exc:
                    raise InvalidValue(self.tr("{0}（{1}）：{2}；未粘贴任何内容").format(
                        where, self.session.layout.label(key), exc)) from None
        return values

    def text_block(self, top: int, left: int, bottom: int, right: int) -> str:
        """The rectangle as tab/newline text, as spreadsheets copy it: labels as text, values as numbers."""
        lines = []
        for row in range(top, bottom + 1):
            texts = []
            for col in range(left, right + 1):
                cell = self.grid.cell_at(row, col)
                if cell is None or (cell.row, cell.col) != (row, col):
                    texts.append("")  # the hidden part of a merged cell
                elif cell.kind == VALUE:
                    texts.append(plain_number(self.session.value(cell.key)))
                else:
                    texts.append(cell.text)
            lines.append("\t".join(texts))
        return "\n".join(lines)

    # ------------------------------------------------------------------ session
    def _session_changed(self, change: Change) -> None:
        """Any change may move findings anywhere in the table, so the whole value area repaints."""
        top, left, bottom, right = self.grid.value_area()
        if bottom < 0:
            return
        self.dataChanged.emit(self.index(top, left), self.index(bottom, right), [])


class _Fonts:
    """Fonts made once per model rather than per data() call."""

    def __init__(self) -> None:
        self.bold = QtGui.QFont()
        self.bold.setBold(True)


def _shown(value: Number | None) -> str:
    return style.MISSING_TEXT if value is None else plain_number(value)


def _same(old: Number | None, new: Number | None) -> bool:
    if old is None or new is None:
        return old is new
    return old == new and type(old) is type(new)


__all__ = ["DOUBT_ROLE", "KEY_ROLE", "CellGridModel", "plain_number"]
