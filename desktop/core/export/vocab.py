"""The Chinese words an exported workbook uses for codes stored in the database.

The database keeps stable English codes (``done``, ``acknowledged``, ``edit``); the auditor's
colleagues read the workbook, so every code is shown in the wording the window uses.
"""

from __future__ import annotations

import json
from functools import cache

from desktop.core.findings import Severity
from desktop.core.layouts import Layout, load_layouts
from desktop.core.store.store import FINDING_STATE_LABELS, STATE_LABELS

ACTION_LABELS = {
    "import": "导入",
    "edit": "修改",
    "state": "审核状态",
    "finding": "问题处理",
    "reextract": "重新提取",
    "layout": "指定表格格式",
}

META_LABELS = {
    "meta.agency": "机关名称",
    "meta.year": "年度",
    "meta.published": "发布日期",
    "meta.format": "格式版本",
}


def state_label(state: str | None) -> str | None:
    return STATE_LABELS.get(state, state) if state else state


def finding_state_label(state: str | None) -> str | None:
    return FINDING_STATE_LABELS.get(state, state) if state else state


def severity_label(severity: str) -> str:
    try:
        return Severity(severity).zh
    except ValueError:
        return severity


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)


def layout_label(version: str | None) -> str:
    return f"{version}版" if version else "未识别"


@cache
def layout_of(version: str | None) -> Layout | None:
    """The layout a stored report names, or None when it has none or names one no longer shipped."""
    return load_layouts().get(version) if version else None


def cell_label(version: str | None, key: str | None) -> str | None:
    """A cell key in the official wording of the report's layout; any other key (a rule id) as it is."""
    if not key:
        return key
    if key in META_LABELS:
        return META_LABELS[key]
    layout = layout_of(version)
    if layout is not None:
        try:
            return layout.label(key)
        except (StopIteration, ValueError, KeyError):
            pass
    return key


def cells_label(version: str | None, cells_json: str | None) -> str:
    """A finding's cells (a JSON list of keys) as official labels joined with "；"."""
    try:
        keys = json.loads(cells_json) if cells_json else []
    except ValueError:
        return cells_json or ""
    return "；".join(cell_label(version, k) or "" for k in keys)
