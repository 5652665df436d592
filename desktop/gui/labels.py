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

# Short names for the rule ids the findings carry: the auditor reads what was checked, not a code.
RULES = {
    "requests.row_total": QT_TRANSLATE_NOOP("Labels", "行合计"),
    "requests.results_total": QT_TRANSLATE_NOOP("Labels", "办理结果合计"),
    "requests.balance": QT_TRANSLATE_NOOP("Labels", "收结平衡"),
    "requests.columns": QT_TRANSLATE_NOOP("Labels", "申请人列"),
    "appeals.total": QT_TRANSLATE_NOOP("Labels", "复议诉讼合计"),
    "active.published_le_total": QT_TRANSLATE_NOOP("Labels", "发布数不超过现行有效数"),
    "cross_year.carry_over": QT_TRANSLATE_NOOP("Labels", "上年结转"),
    "cross_year.in_force": QT_TRANSLATE_NOOP("Labels", "上年现行有效"),
    "cross_year.items": QT_TRANSLATE_NOOP("Labels", "跨年度核对"),
    "narrative.requests": QT_TRANSLATE_NOOP("Labels", "正文与表三"),
    "narrative.appeals": QT_TRANSLATE_NOOP("Labels", "正文与表四"),
    "section6.fee_statement": QT_TRANSLATE_NOOP("Labels", "收费说明"),
    "values.non_negative": QT_TRANSLATE_NOOP("Labels", "不应为负数"),
    "values.placeholder": QT_TRANSLATE_NOOP("Labels", "占位符"),
    "values.normalised": QT_TRANSLATE_NOOP("Labels", "数字写法"),
    "labels.damage": QT_TRANSLATE_NOOP("Labels", "标签受损"),
    "structure.short_row": QT_TRANSLATE_NOOP("Labels", "行缺数"),
    "structure.extra_cells": QT_TRANSLATE_NOOP("Labels", "多余数字"),
    "structure.local_subrows": QT_TRANSLATE_NOOP("Labels", "地方子行"),
    "structure.missing_rows": QT_TRANSLATE_NOOP("Labels", "缺行"),
    "structure.missing_section": QT_TRANSLATE_NOOP("Labels", "缺章节"),
    "structure.missing_table": QT_TRANSLATE_NOOP("Labels", "缺表"),
    "structure.section_order": QT_TRANSLATE_NOOP("Labels", "章节顺序"),
    "layout.unknown": QT_TRANSLATE_NOOP("Labels", "格式未识别"),
    "layout.inferred": QT_TRANSLATE_NOOP("Labels", "格式推断"),
    "layout.year": QT_TRANSLATE_NOOP("Labels", "格式与年度"),
    "meta.agency": QT_TRANSLATE_NOOP("Labels", "机关名称"),
    "meta.year": QT_TRANSLATE_NOOP("Labels", "年度"),
    "meta.published": QT_TRANSLATE_NOOP("Labels", "发布日期"),
    "meta.format": QT_TRANSLATE_NOOP("Labels", "格式版本"),
    "ocr.low_confidence": QT_TRANSLATE_NOOP("Labels", "识别存疑"),
    "document.note": QT_TRANSLATE_NOOP("Labels", "读取说明"),
    "store.reextract_conflict": QT_TRANSLATE_NOOP("Labels", "重新提取不一致"),
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
    """A finding's rule as a short name in the interface language (an unknown rule as its id)."""
    return _translate(RULES[rule_id]) if rule_id in RULES else rule_id
