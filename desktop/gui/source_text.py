"""The text half of the source view: ``Document.text`` read-only, with highlights by character span.

Offsets in a :class:`~desktop.core.document.Location` count Python characters (code points);
Qt counts UTF-16 units and turns ``\\r\\n`` into one paragraph break. :class:`OffsetMap` makes
the text Qt shows exactly as long as the Python text (plus one unit per character outside the
BMP, e.g. rare CJK Extension B names) so the two can be converted without drift.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from desktop.gui.clicks import ClickTracker
from desktop.gui.qt import QtCore, QtGui, QtWidgets, Qt, Signal
from desktop.gui.style import HIGHLIGHT

__all__ = ["OffsetMap", "TextView", "CJK_FAMILIES", "display_text"]

# Tried in order: the first one installed draws the Chinese text (Windows, macOS, Linux).
CJK_FAMILIES = [
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "SimSun",
]
BASE_POINT_SIZE = 11.0


def display_text(text: str) -> str:
    """``text`` with line breaks Qt would merge or reinterpret replaced one-for-one.

    ``\\r\\n`` becomes `` \\n`` (an invisible trailing space) and a lone ``\\r`` or a NUL becomes a
    newline or space, so every Python offset keeps its place in the widget.
    """
    return text.replace("\r\n", " \n").replace("\r", "\n").replace("\x00", " ")


class OffsetMap:
    """Python character offsets ⇄ Qt (UTF-16) positions for one text."""

    def __init__(self, text: str):
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
        self._qt_astral = [i + k for k, i in enumerate(self._astral)]  # Qt position of each astral char
        self.length = len(text)

    def to_qt(self, offset: int) -> int:
        offset = max(0, min(offset, self.length))
        return offset + bisect.bisect_left(self._astral, offset)

    def to_python(self, position: int) -> int:
        k = bisect.bisect_left(self._qt_astral, position)  # astral chars starting before position
        # inside a surrogate pair: position is the low half of the astral char at _qt_astral[k-1]
        if k and position == self._qt_astral[k - 1] + 1:
            return self._astral[k - 1]
        return max(0, min(position - k, self.length))


class TextView(QtWidgets.QPlainTextEdit):
    """Read-only report text; emits ``offset_clicked(offset)`` for a click on a character."""

    offset_clicked = Signal(int)
    offset_taken = Signal(int)  # a Ctrl+click: the number there is wanted in the selected cell
    zoom_changed = Signal(float)

    def __init__(self, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLineWrapMode(QtWidgets.QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setWordWrapMode(QtGui.QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)  # CJK has no spaces
        self.setUndoRedoEnabled(False)
        self._map = OffsetMap("")
        self._zoom = 1.0
        self._clicks = ClickTracker()
        font = QtGui.QFont()
        font.setFamilies(CJK_FAMILIES)
        font.setStyleHint(QtGui.QFont.StyleHint.SansSerif)
        font.setPointSizeF(BASE_POINT_SIZE)
        self.setFont(font)
        self._apply_tabs()

    def set_text(self, text: str) -> None:
        self._map = OffsetMap(text)
        self.setExtraSelections([])
        self.setPlainText(display_text(text))
        self.moveCursor(QtGui.QTextCursor.MoveOperation.Start)

    # -- zoom -------------------------------------------------------------------------------

    @property
    def zoom(self) -> float:
        return self._zoom

    def set_zoom(self, zoom: float) -> None:
        """Scale the font, keeping the first visible line in place."""
        zoom = max(0.5, min(4.0, zoom))
        if abs(zoom - self._zoom) < 1e-6:
            return
        top = self.cursorForPosition(QtCore.QPoint(0, 0)).position()
        self._zoom = zoom
        font = self.font()
        font.setPointSizeF(BASE_POINT_SIZE * zoom)
        self.setFont(font)
        self._apply_tabs()
        cursor = QtGui.QTextCursor(self.document())
        cursor.setPosition(top)
        block = cursor.block()
        if block.isValid():
            self.verticalScrollBar().setValue(block.firstLineNumber())
        self.zoom_changed.emit(zoom)

    def _apply_tabs(self) -> None:
        """Tabs separate table cells: four CJK characters keep wide tables (seven or more columns) from
        wrapping; no single width lines up every label, the highlight shows the cell in any case."""
        self.setTabStopDistance(4 * QtGui.QFontMetricsF(self.font()).horizontalAdvance("中"))

    def wheelEvent(self, event: QtGui.QWheelEvent) -> None:  # noqa: N802 - Qt API
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y()
            if delta:
                self.set_zoom(self._zoom * 1.1 ** (delta / 120))
            event.accept()
            return
        super().wheelEvent(event)

    # -- highlight --------------------------------------------------------------------------

    def highlight(self, spans: Sequence[tuple[int, int]], scroll: bool = True) -> None:
        """Give each [start, end) span the highlight background; centre the first one."""
        fill = QtGui.QColor(HIGHLIGHT)
        fill.setAlpha(150)
        selections = []
        for start, end in spans:
            if end <= start:
                continue
            sel = QtWidgets.QTextEdit.ExtraSelection()
            cursor = QtGui.QTextCursor(self.document())
            cursor.setPosition(self._map.to_qt(start))
            cursor.setPosition(self._map.to_qt(end), QtGui.QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor
            fmt = QtGui.QTextCharFormat()
            fmt.setBackground(fill)
            sel.format = fmt
            selections.append(sel)
        self.setExtraSelections(selections)
        if scroll and selections:
            cursor = QtGui.QTextCursor(self.document())
            cursor.setPosition(selections[0].cursor.selectionStart())
            self.setTextCursor(cursor)
            self.centerCursor()

    def highlighted_spans(self) -> list[tuple[int, int]]:
        """The highlighted spans in Python offsets (what the tests check)."""
        return [
            (self._map.to_python(s.cursor.selectionStart()), self._map.to_python(s.cursor.selectionEnd()))
            for s in self.extraSelections()
        ]

    # -- find -------------------------------------------------------------------------------

    def find_text(self, text: str, backwards: bool = False) -> bool:
        """Find the next (or previous) occurrence, case-insensitive, wrapping around the end."""
        if not text:
            return False
        flags = QtGui.QTextDocument.FindFlag.FindBackward if backwards else QtGui.QTextDocument.FindFlag(0)
        if self.find(text, flags):
            self.centerCursor()
            return True
        cursor = self.textCursor()
        cursor.movePosition(
            QtGui.QTextCursor.MoveOperation.End if backwards else QtGui.QTextCursor.MoveOperation.Start
        )
        self.setTextCursor(cursor)
        if self.find(text, flags):
            self.centerCursor()
            return True
        return False

    # -- clicks -----------------------------------------------------------------------------

    def offset_at(self, pos: QtCore.QPoint) -> int:
        """The Python offset of the character under a viewport position.

        ``cursorForPosition`` gives the nearest gap between characters; a click on the right half
        of a character lands after it, so step back when the point lies left of that gap.
        """
        cursor = self.cursorForPosition(pos)
        position = cursor.position()
        if position > cursor.block().position() and pos.x() < self.cursorRect(cursor).x():
            position -= 1
        return self._map.to_python(position)

    def mousePressEvent(self, event: QtGui.QMouseEvent) -> None:  # noqa: N802 - Qt API
        self._clicks.pressed(event)
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QtGui.QMouseEvent) -> None:  # noqa: N802 - Qt API
        """A click (not a drag to select) reports the offset of the character under the mouse."""
        super().mouseReleaseEvent(event)
        pos = self._clicks.clicked_at(event)
        if pos is not None:
            taken = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            (self.offset_taken if taken else self.offset_clicked).emit(self.offset_at(pos))

    def position_of(self, offset: int) -> QtCore.QRect:
        """The viewport rect of the character at ``offset`` (for tests and tooltips)."""
        cursor = QtGui.QTextCursor(self.document())
        cursor.setPosition(self._map.to_qt(offset))
        left = self.cursorRect(cursor)
        cursor.setPosition(self._map.to_qt(offset + 1))
        right = self.cursorRect(cursor)
        width = right.x() - left.x() if right.y() == left.y() and right.x() > left.x() else 8
        return QtCore.QRect(left.x(), left.y(), width, left.height())
