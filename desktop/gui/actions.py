"""Every menu action and shortcut of the window, declared in one place."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.gui.qt import QtCore, QtGui, QtWidgets


@dataclass(frozen=True)
class ActionSpec:
    name: str
    text: str
    shortcut: str | tuple[str, ...] | QtGui.QKeySequence.StandardKey | None = None
    tip: str = ""


S = QtGui.QKeySequence.StandardKey
QT_TRANSLATE_NOOP = QtCore.QT_TRANSLATE_NOOP  # marks the texts for pyside6-lupdate; create_actions translates

SPECS = [
    ActionSpec("open_files", QT_TRANSLATE_NOOP("Actions", "打开文件…"), S.Open,
               QT_TRANSLATE_NOOP("Actions", "导入报告文件（PDF、Word、网页、文本）")),
    ActionSpec("open_folder", QT_TRANSLATE_NOOP("Actions", "打开文件夹…"), "Ctrl+Shift+O",
               QT_TRANSLATE_NOOP("Actions", "导入文件夹中的全部报告")),
    ActionSpec("open_database", QT_TRANSLATE_NOOP("Actions", "打开数据库…"), "Ctrl+Alt+O",
               QT_TRANSLATE_NOOP("Actions", "切换到另一个审校数据库")),
    ActionSpec("export_excel", QT_TRANSLATE_NOOP("Actions", "导出 Excel…"), "Ctrl+E",
               QT_TRANSLATE_NOOP("Actions", "按当前筛选导出汇总、问题和修改记录")),
    ActionSpec("export_tables", QT_TRANSLATE_NOOP("Actions", "导出本报告表格…"), "Ctrl+Shift+E",
               QT_TRANSLATE_NOOP("Actions", "把当前报告的三张表按原样导出，便于打印")),
    ActionSpec("quit", QT_TRANSLATE_NOOP("Actions", "退出"), S.Quit),
    ActionSpec("copy", QT_TRANSLATE_NOOP("Actions", "复制"), S.Copy),
    ActionSpec("paste", QT_TRANSLATE_NOOP("Actions", "粘贴"), S.Paste),
    ActionSpec("find", QT_TRANSLATE_NOOP("Actions", "在原文中查找…"), S.Find),
    ActionSpec("find_next", QT_TRANSLATE_NOOP("Actions", "查找下一个"), "F3"),
    ActionSpec("find_previous", QT_TRANSLATE_NOOP("Actions", "查找上一个"), "Shift+F3"),
    ActionSpec("next_finding", QT_TRANSLATE_NOOP("Actions", "下一个问题"), "F8"),
    ActionSpec("previous_finding", QT_TRANSLATE_NOOP("Actions", "上一个问题"), "Shift+F8"),
    ActionSpec("acknowledge_finding", QT_TRANSLATE_NOOP("Actions", "确认问题"), "F9",
               QT_TRANSLATE_NOOP("Actions", "确认所选问题属实；错误需写明理由")),
    ActionSpec("dismiss_finding", QT_TRANSLATE_NOOP("Actions", "忽略问题…"), "Shift+F9",
               QT_TRANSLATE_NOOP("Actions", "忽略所选警告，并写明理由")),
    ActionSpec("reopen_finding", QT_TRANSLATE_NOOP("Actions", "恢复问题"), "Ctrl+F9",
               QT_TRANSLATE_NOOP("Actions", "把已确认或已忽略的问题恢复为待处理")),
    ActionSpec("apply_suggestion", QT_TRANSLATE_NOOP("Actions", "采用建议值"), "Ctrl+Shift+A",
               QT_TRANSLATE_NOOP("Actions", "把所选问题建议的数值（“应为 …”）填入对应单元格")),
    ActionSpec("mark_in_review", QT_TRANSLATE_NOOP("Actions", "标记为审核中"), "Ctrl+1"),
    ActionSpec("mark_done", QT_TRANSLATE_NOOP("Actions", "标记为已完成"), "Ctrl+2"),
    ActionSpec("mark_query", QT_TRANSLATE_NOOP("Actions", "标记为有疑问"), "Ctrl+3"),
    ActionSpec("mark_unreviewed", QT_TRANSLATE_NOOP("Actions", "标记为未审核"), "Ctrl+0"),
    ActionSpec("done_next", QT_TRANSLATE_NOOP("Actions", "完成并打开下一份"), ("Ctrl+Return", "Ctrl+Enter"),
               QT_TRANSLATE_NOOP("Actions", "把本报告标记为已完成，并打开列表中下一份待审核的报告")),
    ActionSpec("reextract", QT_TRANSLATE_NOOP("Actions", "重新提取"), None,
               QT_TRANSLATE_NOOP("Actions", "用当前版本重新读取原文，保留全部人工更正")),
    ActionSpec("focus_list", QT_TRANSLATE_NOOP("Actions", "转到报告列表"), "Alt+1"),
    ActionSpec("focus_source", QT_TRANSLATE_NOOP("Actions", "转到原文"), "Alt+2"),
    ActionSpec("focus_tables", QT_TRANSLATE_NOOP("Actions", "转到表格"), "Alt+3"),
    ActionSpec("focus_findings", QT_TRANSLATE_NOOP("Actions", "转到问题列表"), "Alt+4"),
    ActionSpec("zoom_in", QT_TRANSLATE_NOOP("Actions", "放大"), S.ZoomIn),
    ActionSpec("zoom_out", QT_TRANSLATE_NOOP("Actions", "缩小"), S.ZoomOut),
    ActionSpec("fit_width", QT_TRANSLATE_NOOP("Actions", "适合宽度"), "Ctrl+9"),
    ActionSpec("language_zh", QT_TRANSLATE_NOOP("Actions", "中文")),
    ActionSpec("language_en", QT_TRANSLATE_NOOP("Actions", "English")),
    ActionSpec("open_demo", QT_TRANSLATE_NOOP("Actions", "打开示例报告"), None,
               QT_TRANSLATE_NOOP("Actions", "在新的临时数据库中打开自带的示例报告，不影响当前数据库")),
    ActionSpec("about", QT_TRANSLATE_NOOP("Actions", "关于年报审校")),
]


def create_actions(parent: QtWidgets.QWidget) -> dict[str, QtGui.QAction]:
    """The window's actions by name, with translated text and shortcuts."""
    actions = {}
    for spec in SPECS:
        action = QtGui.QAction(QtWidgets.QApplication.translate("Actions", spec.text), parent)
        if isinstance(spec.shortcut, tuple):  # several keys for one action (the main one and the keypad's)
            action.setShortcuts([QtGui.QKeySequence(key) for key in spec.shortcut])
        elif spec.shortcut is not None:
            action.setShortcut(QtGui.QKeySequence(spec.shortcut))
        if spec.tip:
            action.setStatusTip(QtWidgets.QApplication.translate("Actions", spec.tip))
        action.setObjectName(spec.name)
        actions[spec.name] = action
    return actions
