"""The 汇总 sheets: one row per report, every canonical cell of its layout under two header rows.

One sheet per layout version, because the two versions do not share columns: a 2019 report's
本年新制作数量 has no place among 2021's 本年制发件数. Header row 1 names the table and row
(表三 （一）予以公开), merged across that row's columns; header row 2 names the column (自然人).
"""

from __future__ import annotations

import math
import sqlite3
from dataclasses import dataclass

from xlsxwriter.workbook import Workbook

from desktop.core.export.progress import Ticker
from desktop.core.export.query import EditNote, ReportRow, report_cells
from desktop.core.export.sheet import (
    COMMENT_OPTIONS,
    DataStyles,
    SheetWriter,
    correction_comment,
    display_width,
    finish_list_sheet,
    is_number,
    lines_needed,
    parse_date,
)
from desktop.core.export.vocab import layout_label, layout_of, state_label
from desktop.core.layouts import Layout, cell_key

# (header, fixed width or None to fit the content)
META_COLUMNS: tuple[tuple[str, float | None], ...] = (
    ("编号", 7), ("文件", None), ("机关", None), ("年度", 7), ("格式", 8), ("发布日期", 11),
    ("审核状态", 9), ("审核人", None), ("错误数", 7), ("警告数", 7),
)
FROZEN_META = 4  # 编号 文件 机关 年度 stay in view while scrolling through 200 cell columns
LINE_HEIGHT = 14.5


@dataclass(frozen=True)
class CellColumn:
    key: str
    col: int
    row_title: str  # 表三 （一）予以公开
    label: str  # 自然人
    span: int  # columns of this table row; > 0 only on its first column


def sheet_name(version: str | None) -> str:
    return f"汇总（{version}版）" if version else "汇总（未识别版式）"


def cell_columns(layout: Layout | None, first: int = len(META_COLUMNS)) -> list[CellColumn]:
    """Every canonical cell of the layout, in the official order, with its sheet column."""
    out: list[CellColumn] = []
    col = first
    if layout is None:
        return out
    for table in layout.tables:
        for row in table.rows:
            title = f"表{table.number} {table.row_title(row)}"
            for i, column in enumerate(row.columns):
                span = len(row.columns) if i == 0 else 0
                out.append(CellColumn(cell_key(table.key, row.key, column.key), col, title, column.label, span))
                col += 1
    return out


def cell_width(label: str) -> float:
    """Wide enough for the column label on two lines, and for a number."""
    return float(min(max(math.ceil(display_width(label) / 2) + 2, 8), 16))


def write_summary(workbook: Workbook, styles: DataStyles, version: str | None, reports: list[ReportRow],
                  conn: sqlite3.Connection, edits: dict[tuple[int, str], EditNote], ticker: Ticker) -> int:
    """Write one 汇总 sheet; returns how many corrected cells it highlighted."""
    writer = styles.writer(workbook.add_worksheet(sheet_name(version)))
    columns = cell_columns(layout_of(version))
    _write_headers(writer, styles, columns)
    by_key = {c.key: c.col for c in columns}
    corrected = 0
    for line, report in enumerate(reports, start=2):
        _write_meta(writer, styles, line, report)
        corrected += _write_cells(writer, styles, line, report.id, by_key, conn, edits)
        ticker.advance()
    last_col = columns[-1].col if columns else len(META_COLUMNS) - 1
    fixed = {i: w for i, (_, w) in enumerate(META_COLUMNS) if w is not None}
    fixed.update({c.col: cell_width(c.label) for c in columns})
    finish_list_sheet(writer, 2, len(reports) + 1, last_col, FROZEN_META, minimum=8, maximum=36, fixed=fixed)
    return corrected


def _write_headers(writer: SheetWriter, styles: DataStyles, columns: list[CellColumn]) -> None:
    writer.merged(0, 0, 0, len(META_COLUMNS) - 1, "报告信息", styles.group)
    for i, (label, _) in enumerate(META_COLUMNS):
        writer.text(1, i, label, styles.header)
    row1_lines, row2_lines = 1, 1
    for index, column in enumerate(columns):
        width = cell_width(column.label)
        if column.span:
            span_width = sum(cell_width(c.label) for c in columns[index:index + column.span])
            writer.merged(0, column.col, 0, column.col + column.span - 1, column.row_title, styles.group)
            row1_lines = max(row1_lines, lines_needed(column.row_title, span_width))
        writer.text(1, column.col, column.label, styles.header, measure=False)
        row2_lines = max(row2_lines, lines_needed(column.label, width))
    # Excel does not grow a row for wrapped text in merged cells: give the header rows their height.
    writer.ws.set_row(0, LINE_HEIGHT * min(row1_lines, 4) + 4)
    writer.ws.set_row(1, LINE_HEIGHT * min(row2_lines, 4) + 4)


def _write_meta(writer: SheetWriter, styles: DataStyles, line: int, report: ReportRow) -> None:
    values = (
        report.id, report.source_name, report.agency, report.year, layout_label(report.layout),
        parse_date(report.published), state_label(report.state), report.reviewer, report.errors, report.warnings,
    )
    for col, value in enumerate(values):
        writer.value(line, col, value)


def _write_cells(writer: SheetWriter, styles: DataStyles, line: int, report_id: int, by_key: dict[str, int],
                 conn: sqlite3.Connection, edits: dict[tuple[int, str], EditNote]) -> int:
    """The report's values as numbers; a corrected one highlighted, with its extracted value in a comment."""
    ws = writer.ws
    corrected = 0
    for key, cell in report_cells(conn, report_id).items():
        col = by_key.get(key)
        if col is None:
            continue
        if cell.corrected:
            writer.value(line, col, cell.value, styles.corrected, measure=False)
            note = edits.get((report_id, key))
            text = correction_comment(cell.extracted, cell.value, note and note.who, note and note.why,
                                      note and note.at)
            ws.write_comment(line, col, text, COMMENT_OPTIONS)
            corrected += 1
        elif is_number(cell.value):
            ws.write_number(line, col, cell.value)
        elif cell.value is not None:
            writer.value(line, col, cell.value, measure=False)
    return corrected
