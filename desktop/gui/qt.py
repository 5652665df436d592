"""The one module of the GUI that imports the Qt binding; a Qt upgrade touches only this file."""

from __future__ import annotations

from collections.abc import Callable

from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import Qt, Signal, Slot

__all__ = ["QtCore", "QtGui", "QtWidgets", "Qt", "Signal", "Slot", "refilter"]


def refilter(proxy: QtCore.QSortFilterProxyModel, change: Callable[[], None]) -> None:
    """Change a proxy's filter criteria and re-filter, with the API of the Qt version at hand.

    Qt 6.9 added begin/endFilterChange and 6.10 deprecated invalidateFilter; 6.6–6.8 have only the latter.
    """
    if hasattr(proxy, "beginFilterChange"):
        proxy.beginFilterChange()
        change()
        proxy.endFilterChange()
    else:
        change()
        proxy.invalidateFilter()
