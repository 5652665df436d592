"""The words the views show for states and severities, translatable.

The core keeps its own Chinese labels (``STATE_LABELS``, ``FINDING_STATE_LABELS``, ``Severity.zh``)
because it must not import Qt; these tables repeat them wrapped in ``QT_TRANSLATE_NOOP`` so that
pyside6-lupdate extracts them, and the functions below translate at display time.
tests/test_translations.py checks that the two stay the same.
"""

from __future__ import annotations

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
