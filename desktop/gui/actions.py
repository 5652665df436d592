"""Every menu action and shortcut of the window, declared in one place."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.gui.qt import QtGui, QtWidgets


@dataclass(frozen=True)
class ActionSpec:
    name: str
    text: str
    shortcut: str | QtGui.QKeySequence.StandardKey | None = None
    tip: str = ""


S = QtGui.QKeySequence.StandardKey

SPECS = [
    ActionSpec("open_files", "打开文件…", S.Open, "导入报告文件（PDF、Word、网页、文本）"),
    ActionSpec("open_folder", "打开文件夹…", "Ctrl+Shift+O", "导入文件夹中的全部报告"),
    ActionSpec("open_database", "打开数据库…", "Ctrl+Alt+O", "切换到另一个审校数据库"),
    ActionSpec("export_excel", "导出 Excel…", "Ctrl+E", "按当前筛选导出汇总、问题和修改记录"),
    ActionSpec("export_tables", "导出本报告表格…", "Ctrl+Shift+E", "把当前报告的三张表按原样导出，便于打印"),
    ActionSpec("quit", "退出", S.Quit),
    ActionSpec("copy", "复制", S.Copy),
    ActionSpec("paste", "粘贴", S.Paste),
    ActionSpec("find", "在原文中查找…", S.Find),
    ActionSpec("next_finding", "下一个问题", "F8"),
    ActionSpec("previous_finding", "上一个问题", "Shift+F8"),
    ActionSpec("mark_in_review", "标记为审核中", "Ctrl+1"),
    ActionSpec("mark_done", "标记为已完成", "Ctrl+2"),
    ActionSpec("mark_query", "标记为有疑问", "Ctrl+3"),
    ActionSpec("mark_unreviewed", "标记为未审核", "Ctrl+0"),
    ActionSpec("reextract", "重新提取", None, "用当前版本重新读取原文，保留全部人工更正"),
    ActionSpec("zoom_in", "放大", S.ZoomIn),
    ActionSpec("zoom_out", "缩小", S.ZoomOut),
    ActionSpec("fit_width", "适合宽度", "Ctrl+9"),
    ActionSpec("language_zh", "中文"),
    ActionSpec("language_en", "English"),
    ActionSpec("about", "关于年报审校"),
]


def create_actions(parent: QtWidgets.QWidget) -> dict[str, QtGui.QAction]:
    """The window's actions by name, with translated text and shortcuts."""
    actions = {}
    for spec in SPECS:
        action = QtGui.QAction(QtWidgets.QApplication.translate("Actions", spec.text), parent)
        if spec.shortcut is not None:
            action.setShortcut(QtGui.QKeySequence(spec.shortcut))
        if spec.tip:
            action.setStatusTip(QtWidgets.QApplication.translate("Actions", spec.tip))
        action.setObjectName(spec.name)
        actions[spec.name] = action
    return actions
