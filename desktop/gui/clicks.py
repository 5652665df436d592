"""Telling a click from a drag, for views where dragging pans or selects but a click picks a cell."""

from __future__ import annotations

from desktop.gui.qt import QtCore, QtGui, QtWidgets, Qt


class ClickTracker:
    def __init__(self) -> None:
        self._pressed_at: QtCore.QPoint | None = None

    def pressed(self, event: QtGui.QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._pressed_at = event.position().toPoint()

    def clicked_at(self, event: QtGui.QMouseEvent) -> QtCore.QPoint | None:
        """Where a left click ended, or None when the mouse moved further than a drag starts."""
        pressed, self._pressed_at = self._pressed_at, None
        if event.button() != Qt.MouseButton.LeftButton or pressed is None:
            return None
        position = event.position().toPoint()
        if (position - pressed).manhattanLength() > QtWidgets.QApplication.startDragDistance():
            return None
        return position
