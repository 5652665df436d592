"""The four panes (list, source, tables, findings) for a keyboard: each can be focused by a key, and
the one that has the keyboard is framed, so the auditor always sees where typing goes.
"""

from __future__ import annotations

from collections.abc import Callable

from desktop.gui.qt import QtWidgets, Qt

FOCUS_FRAME = "#3b6fb6"  # the same blue as the grid's current cell


class PaneFrame(QtWidgets.QFrame):
    """A pane with a thin frame that turns blue while the keyboard is somewhere inside it."""

    def __init__(self, pane: QtWidgets.QWidget, focus_target: Callable[[], QtWidgets.QWidget | None],
                 parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.pane = pane
        self.focus_target = focus_target  # the widget that takes the keys now (the shown tab, the shown view)
        self.setObjectName("pane")
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(pane)
        self.set_focused(False)

    def set_focused(self, focused: bool) -> None:
        self.focused = focused
        colour = FOCUS_FRAME if focused else "transparent"
        self.setStyleSheet(f"QFrame#pane {{ border: 2px solid {colour}; }}")

    def take_focus(self) -> None:
        """Give the pane the keyboard (its widget that takes keys now)."""
        target = self.focus_target() or self.pane
        target.setFocus(Qt.ShortcutFocusReason)


class FocusTracker:
    """Frames the pane that holds the focus widget; call :meth:`update` from QApplication.focusChanged."""

    def __init__(self, frames: list[PaneFrame]):
        self.frames = frames

    def update(self, _old: QtWidgets.QWidget | None, new: QtWidgets.QWidget | None) -> None:
        for frame in self.frames:
            inside = new is not None and (new is frame or frame.isAncestorOf(new))
            if inside != frame.focused:
                frame.set_focused(inside)

    def focused(self) -> PaneFrame | None:
        return next((f for f in self.frames if f.focused), None)
