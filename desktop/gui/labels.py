"""The words the views show for states and severities, translatable.

The core keeps its own Chinese labels (``STATE_LABELS``, ``FINDING_STATE_LABELS``, ``Severity.zh``)
because it must not import Qt; these tables repeat them wrapped in ``QT_TRANSLATE_NOOP`` so that
pyside6-lupdate extracts them, and the functions below translate at display time.
tests/test_translations.py checks that the two stay the same.
"""

from __future__ import annotations

from desktop.core.catalogue import rule_label
from desktop.core.findings import Severity
from desktop.gui.qt import QtCore

CONTEXT = "Labels"
QT_TRANSLATE_NOOP = QtCore.QT_TRANSLATE_NOOP

REVIEW_STATES = {
    "unreviewed": QT_TRANSLATE_NOOP("Labels", "未审核"),
    "in_review": QT_TRANSLATE_NOOP("Labels", "审核中"),
    "done": QT_TRANSLATE_NOOP("Labels", "已完成"),
    "query": QT_TRANSLATE_NOOP("Labels", "有疑问"),
}
FINDING_STATES = {
    "open": QT_TRANSLATE_NOOP("Labels", "待处理"),
    "acknowledged": QT_TRANSLATE_NOOP("Labels", "已确认"),
    "dismissed": QT_TRANSLATE_NOOP("Labels", "已忽略"),
}
SEVERITIES = {
    Severity.ERROR: QT_TRANSLATE_NOOP("Labels", "错误"),
    Severity.WARNING: QT_TRANSLATE_NOOP("Labels", "警告"),
    Severity.INFO: QT_TRANSLATE_NOOP("Labels", "提示"),
}

# The report facts the auditor can correct, as the window names them.
META_FIELDS = {
    "agency": QT_TRANSLATE_NOOP("Labels", "机关名称"),
    "year": QT_TRANSLATE_NOOP("Labels", "年度"),
    "published": QT_TRANSLATE_NOOP("Labels", "发布日期"),
    "format": QT_TRANSLATE_NOOP("Labels", "格式版本"),
}


def _translate(text: str) -> str:
    return QtCore.QCoreApplication.translate(CONTEXT, text)


def review_state(state: str) -> str:
    """未审核 / 审核中 / 已完成 / 有疑问 in the interface language (an unknown state as it is)."""
    return _translate(REVIEW_STATES[state]) if state in REVIEW_STATES else state


def finding_state(state: str) -> str:
    """待处理 / 已确认 / 已忽略 in the interface language (an unknown state as it is)."""
    return _translate(FINDING_STATES[state]) if state in FINDING_STATES else state


def severity(value: Severity) -> str:
    """错误 / 警告 / 提示 in the interface language."""
    return _translate(SEVERITIES[value])


def rule(rule_id: str) -> str:
    """A finding's rule as its short name from the rule catalogue, in the interface language."""
    app = QtCore.QCoreApplication.instance()
    return rule_label(rule_id, str(app.property("language") or "zh") if app is not None else "zh")


def meta_field(name: str) -> str:
    """机关名称 / 年度 / 发布日期 / 格式版本 in the interface language."""
    return _translate(META_FIELDS[name]) if name in META_FIELDS else name
