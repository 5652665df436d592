"""The 问题 and 修改记录 sheets: every finding and every audit row of the exported reports.

Codes become the window's Chinese words and cell keys become official labels, because the people
who read the workbook know the printed form, not the database.
"""

from __future__ import annotations

import json
import sqlite3

from xlsxwriter.workbook import Workbook

from desktop.core.export.progress import Ticker
from desktop.core.export.query import ExportFilter, iter_audit, iter_findings
from desktop.core.export.sheet import DataStyles, SheetWriter, finish_list_sheet, parse_datetime
from desktop.core.export.vocab import (
    action_label,
    cell_label,
    cells_label,
    finding_state_label,
    severity_label,
    state_label,
)

FINDINGS_SHEET = "问题"
AUDIT_SHEET = "修改记录"

FINDING_HEADERS = ("编号", "机关", "年度", "规则", "严重程度", "单元格", "说明", "原文", "规范文本", "状态", "备注",
                   "处理人", "处理时间")
FINDING_WRAPPED = {5: 40, 6: 60, 10: 30}  # column → width: long text wraps instead of running on

AUDIT_HEADERS = ("编号", "机关", "年度", "操作", "单元格或规则", "原值", "新值", "操作人", "时间", "理由")
AUDIT_WRAPPED = {4: 40, 9: 40}


def _header(writer: SheetWriter, styles: DataStyles, headers: tuple[str, ...]) -> None:
    for col, label in enumerate(headers):
        writer.text(0, col, label, styles.header)


def write_findings(workbook: Workbook, styles: DataStyles, conn: sqlite3.Connection, filters: ExportFilter,
                   ticker: Ticker) -> int:
    """Every finding of the chosen reports, open or decided; returns how many."""
    writer = styles.writer(workbook.add_worksheet(FINDINGS_SHEET))
    _header(writer, styles, FINDING_HEADERS)
    line = 0
    for line, f in enumerate(iter_findings(conn, filters), start=1):
        values = (
            f["report_id"], f["agency"], f["year"], f["rule"], severity_label(f["severity"]),
            cells_label(f["layout"], f["cells"]), f["message"], f["raw"], f["official"],
            finding_state_label(f["state"]), f["comment"], f["state_by"], parse_datetime(f["state_at"]),
        )
        for col, value in enumerate(values):
            fmt = styles.wrap if col in FINDING_WRAPPED else styles.severity(f["severity"]) if col == 4 else None
            writer.value(line, col, value, fmt)
        ticker.advance()
    finish_list_sheet(writer, 1, line, len(FINDING_HEADERS) - 1, 3, minimum=7, maximum=40, fixed=FINDING_WRAPPED)
    return line


def write_audit(workbook: Workbook, styles: DataStyles, conn: sqlite3.Connection, filters: ExportFilter,
                ticker: Ticker) -> int:
    """The audit trail of the chosen reports in the order it happened; returns how many rows."""
    writer = styles.writer(workbook.add_worksheet(AUDIT_SHEET))
    _header(writer, styles, AUDIT_HEADERS)
    line = 0
    for line, a in enumerate(iter_audit(conn, filters), start=1):
        old, new = audit_values(a["action"], a["old"], a["new"])
        values = (
            a["report_id"], a["agency"], a["year"], action_label(a["action"]), cell_label(a["layout"], a["key"]),
            old, new, a["who"], parse_datetime(a["at"]), a["why"],
        )
        for col, value in enumerate(values):
            writer.value(line, col, value, styles.wrap if col in AUDIT_WRAPPED else None)
        ticker.advance()
    finish_list_sheet(writer, 1, line, len(AUDIT_HEADERS) - 1, 3, minimum=7, maximum=40, fixed=AUDIT_WRAPPED)
    return line


def audit_values(action: str, old: str | None, new: str | None) -> tuple:
    """Old and new as the auditor saw them: numbers for edits, Chinese words for states."""
    if action == "edit":
        return _number(old), _number(new)
    if action == "state":
        return state_label(old), state_label(new)
    if action == "finding":
        return finding_state_label(old), finding_state_label(new)
    return old, new


def _number(text: str | None):
    """An edited value was stored as JSON text; a number goes back to being a number."""
    if text is None:
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return text
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else text
