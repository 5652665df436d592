"""文件 → 导入时同时读取: how many processes read an import, remembered in the settings.

Automatic (the batch chooses: one per core when the batch is big enough to repay starting them)
suits most laptops; fewer leaves cores to other programs while a season of scans is read.
"""

from __future__ import annotations

from collections.abc import Callable

from desktop.core import batch
from desktop.gui.qt import QtCore, QtGui, QtWidgets
from desktop.gui.settings import Settings


def add_workers_menu(menu: QtWidgets.QMenu, settings: Settings, changed: Callable[[], None]) -> QtWidgets.QMenu:
    """The submenu, the remembered choice checked; choosing one stores it and calls ``changed``."""
    translate = QtCore.QCoreApplication.translate
    sub = menu.addMenu(translate("WorkersMenu", "导入时同时读取"))
    group = QtGui.QActionGroup(sub)
    most = max(batch.default_workers(), settings.import_workers)
    choices = [(0, translate("WorkersMenu", "自动（较大的批次每个处理器核心一个）"))]
    choices += [(n, translate("WorkersMenu", "{0} 个进程").format(n)) for n in range(1, most + 1)]
    for count, text in choices:
        action = sub.addAction(text)
        action.setCheckable(True)
        action.setChecked(count == settings.import_workers)
        action.setData(count)
        group.addAction(action)

    def choose(action: QtGui.QAction) -> None:
        settings.import_workers = int(action.data())
        changed()

    group.triggered.connect(choose)
    return sub
