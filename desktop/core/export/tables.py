"""One report's three official tables, laid out as printed in the report, ready to print.

The auditor sends these back to an agency ("your table 三 should read …") or files them, so they
follow the national form: merged header cells, the official labels from the layout, the section
heading as the table title, borders, A4 landscape one page wide with the header rows repeated.
Corrected cells are highlighted and keep the extracted value in a comment.

Each table shape of the layouts has its renderer: blocks (table 二: one header per 第二十条 item),
a grid with nested row groups (table 三), and one inline row under a multi-level header (table 四).
All of it comes from the layout, so a new version of the form needs no code here.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook

from desktop.core.export.atomic import ExportError, atomic_output
from desktop.core.export.query import (
    CellRow,
    EditNote,
    ExportFilter,
    last_edits,
    report_cells,
    select_reports,
    snapshot,
)
from desktop.core.export.result import ExportSummary
from desktop.core.export.sheet import (
    COMMENT_OPTIONS,
    CORRECTED_FILL,
    SheetWriter,
    correction_comment,
    lines_needed,
    new_workbook,
    save_workbook,
)
from desktop.core.export.vocab import layout_of, state_label
from desktop.core.layouts import Table
from desktop.core.store.store import Store

FONT = {"font_name": "SimSun", "font_size": 10.5}
LINE_HEIGHT = 14.0
A4 = 9
CONTENT_HEADER = "信息内容"  # the label column's header in table 二, when the layout names no other
REQUESTS_CAPTION = "申请人情况"  # the caption over table 三's columns in the printed form
BALANCE_NOTE_PREFIX = "（本列数据的勾稽关系"  # the note printed in table 三's top-left corner


class PrintStyles:
    """Bordered, centred, SimSun: the look of the form in the published reports."""

    def __init__(self, workbook: Workbook):
        cell = {**FONT, "border": 1, "valign": "vcenter", "text_wrap": True}
        self.title = workbook.add_format({**FONT, "bold": True, "font_size": 15, "align": "center",
                                          "valign": "vcenter"})
        self.caption = workbook.add_format({**FONT, "bold": True, "font_size": 12, "valign": "vcenter"})
        self.header = workbook.add_format({**cell, "bold": True, "align": "center"})
        self.group = workbook.add_format({**cell, "align": "center"})
        self.label = workbook.add_format({**cell, "align": "left"})
        self.number = workbook.add_format({**cell, "align": "center"})
        self.corrected = workbook.add_format({**cell, "align": "center", "bg_color": CORRECTED_FILL, "pattern": 1})
        self.note = workbook.add_format({**FONT, "font_size": 9, "text_wrap": True, "valign": "top"})


@dataclass
class Canvas:
    """A sheet being drawn: the writer, the report's cells, and the row heights wrapped labels need."""

    writer: SheetWriter
    styles: PrintStyles
    cells: dict[str, CellRow]
    edits: dict[str, EditNote]
    widths: list[float]
    heights: dict[int, int] = field(default_factory=dict)
    corrected: int = 0

    def span_width(self, first_col: int, last_col: int) -> float:
        return sum(self.widths[first_col:last_col + 1])

    def label(self, first_row: int, first_col: int, last_row: int, last_col: int, text: str, fmt: Format) -> None:
        """A label, merged as given; a one-row label also claims the row height its wrapped text needs."""
        self.writer.merged(first_row, first_col, last_row, last_col, text, fmt)
        if first_row == last_row:
            lines = lines_needed(text, self.span_width(first_col, last_col))
            self.heights[first_row] = max(self.heights.get(first_row, 1), lines)

    def value(self, row: int, first_col: int, last_col: int, key: str) -> None:
        """One canonical cell: its number, empty when the report lacks it, highlighted when corrected."""
        cell = self.cells.get(key)
        if cell is None or not cell.corrected:
            self.writer.merged(row, first_col, row, last_col, cell.value if cell else None, self.styles.number)
            return
        self.writer.merged(row, first_col, row, last_col, cell.value, self.styles.corrected)
        note = self.edits.get(key)
        text = correction_comment(cell.extracted, cell.value, note and note.who, note and note.why, note and note.at)
        self.writer.ws.write_comment(row, first_col, text, COMMENT_OPTIONS)
        self.corrected += 1


@dataclass(frozen=True)
class Drawn:
    last_row: int
    header_rows: tuple[int, int] | None  # rows to repeat on every printed page


# ---------------------------------------------------------------- table shapes
def block_widths(table: Table) -> list[float]:
    most = max(len(b.columns) for b in table.blocks)
    return [26.0] + [18.0] * most


def draw_blocks(canvas: Canvas, table: Table, row: int) -> Drawn:
    """Table 二: each 第二十条 item is a block with its own header row; short blocks widen their last column."""
    styles, last = canvas.styles, len(canvas.widths) - 1
    content = next((w for w in table.header_words if w == CONTENT_HEADER), CONTENT_HEADER)
    for block in table.blocks:
        canvas.label(row, 0, row, last, block.label, styles.header)
        row += 1
        canvas.label(row, 0, row, 0, content, styles.header)
        for i, column in enumerate(block.columns):
            canvas.label(row, 1 + i, row, last if i == len(block.columns) - 1 else 1 + i, column.label, styles.header)
        row += 1
        for table_row in block.rows:
            canvas.label(row, 0, row, 0, table_row.label, styles.label)
            for i, column in enumerate(block.columns):
                end = last if i == len(block.columns) - 1 else 1 + i
                canvas.value(row, 1 + i, end, f"{table.key}.{table_row.key}.{column.key}")
            row += 1
    return Drawn(row - 1, None)


def grid_widths(table: Table) -> list[float]:
    depth = max(len(table.label_path(r)) for r in table.rows)
    labels = [40.0] if depth == 1 else [6.0] + [14.0] * (depth - 2) + [40.0]
    return labels + [9.5] * len(table.columns)


def draw_grid(canvas: Canvas, table: Table, top: int) -> Drawn:
    """Table 三: nested row groups (三、本年度办理结果 › （三）不予公开 › 1.属于国家秘密) down the left,
    column groups (法人或其他组织) across the top, under the 申请人情况 caption."""
    styles = canvas.styles
    paths = [table.label_path(r) for r in table.rows]
    depth = max(len(p) for p in paths)
    caption = REQUESTS_CAPTION if REQUESTS_CAPTION in table.header_words else None
    grouped = any(c.group for c in table.columns)
    header_rows = (1 if caption else 0) + (2 if grouped else 1)
    corner = next((w for w in table.header_words if w.startswith(BALANCE_NOTE_PREFIX)), "")
    canvas.label(top, 0, top + header_rows - 1, depth - 1, corner, styles.group)
    row = top
    if caption:
        canvas.label(row, depth, row, depth + len(table.columns) - 1, caption, styles.header)
        row += 1
    _column_headers(canvas, table, row, depth, grouped)
    body = top + header_rows
    _row_labels(canvas, paths, body, depth)
    for offset, table_row in enumerate(table.rows):
        for i, column in enumerate(table_row.columns):
            canvas.value(body + offset, depth + i, depth + i, f"{table.key}.{table_row.key}.{column.key}")
    return Drawn(body + len(table.rows) - 1, (top, body - 1))


def _column_headers(canvas: Canvas, table: Table, row: int, first: int, grouped: bool) -> None:
    """Ungrouped columns span both header rows; a group's label spans its columns above theirs."""
    styles = canvas.styles
    columns = list(table.columns)
    i = 0
    while i < len(columns):
        group = columns[i].group
        if not grouped:
            canvas.label(row, first + i, row, first + i, columns[i].label, styles.header)
            i += 1
        elif group is None:
            canvas.label(row, first + i, row + 1, first + i, columns[i].label, styles.header)
            i += 1
        else:
            j = i
            while j < len(columns) and columns[j].group == group:
                canvas.label(row + 1, first + j, row + 1, first + j, columns[j].label, styles.header)
                j += 1
            canvas.label(row, first + i, row, first + j - 1, group, styles.header)
            i = j


def _row_labels(canvas: Canvas, paths: list[list[str]], body: int, depth: int) -> None:
    """Each level of the label path is a column; a group label is merged down the rows it holds,
    a row's own label runs to the last label column."""
    for level in range(depth):
        i = 0
        while i < len(paths):
            path = paths[i]
            if len(path) - 1 == level:
                canvas.label(body + i, level, body + i, depth - 1, path[level], canvas.styles.label)
                i += 1
            elif len(path) - 1 > level:
                j = i
                while j < len(paths) and len(paths[j]) - 1 > level and paths[j][: level + 1] == path[: level + 1]:
                    j += 1
                canvas.writer.merged(body + i, level, body + j - 1, level, path[level], canvas.styles.group)
                i = j
            else:
                i += 1


def inline_widths(table: Table) -> list[float]:
    return [8.5] * sum(len(r.columns) for r in table.rows)


def draw_inline(canvas: Canvas, table: Table, top: int) -> Drawn:
    """Table 四: one row of numbers under a header built from the row labels
    (行政诉讼 › 未经复议直接起诉 › 结果维持)."""
    styles = canvas.styles
    parts = [r.label.split() for r in table.rows]
    levels = max(len(p) for p in parts)
    firsts, col = [], 0
    for r in table.rows:
        firsts.append(col)
        col += len(r.columns)
    for level in range(levels):
        i = 0
        while i < len(parts):
            if len(parts[i]) <= level:
                i += 1
                continue
            j = i
            while j < len(parts) and parts[j][: level + 1] == parts[i][: level + 1]:
                j += 1
            last_col = firsts[j - 1] + len(table.rows[j - 1].columns) - 1
            canvas.label(top + level, firsts[i], top + level, last_col, parts[i][level], styles.header)
            i = j
    data = top + levels + 1
    for r, first, path in zip(table.rows, firsts, parts):
        for k, column in enumerate(r.columns):
            canvas.label(top + len(path), first + k, data - 1, first + k, column.label, styles.header)
            canvas.value(data, first + k, first + k, f"{table.key}.{r.key}.{column.key}")
    canvas.writer.ws.set_row(data, 24)
    return Drawn(data, (top, data - 1))


def shape_of(table: Table):
    """The widths and the renderer of a table, chosen by its shape in the layout."""
    if table.blocks:
        return block_widths, draw_blocks
    if table.inline:
        return inline_widths, draw_inline
    return grid_widths, draw_grid


# ---------------------------------------------------------------- the workbook
def export_report_tables(store: Store, report_id: int, out: Path) -> ExportSummary:
    """Write one report's official tables (one sheet each) to *out*, ready to print."""
    out = Path(out)
    started = time.perf_counter()
    conn = store.db.conn
    only = ExportFilter(report_ids=[report_id])
    with snapshot(conn):
        found = select_reports(conn, only)
        if not found:
            raise ExportError(f"数据库中没有编号为 {report_id} 的报告", f"No report {report_id} in the database")
        report = found[0]
        layout = layout_of(report.layout)
        if layout is None:
            raise ExportError(
                f"报告 {report_id}（{report.source_name}）未能识别表格版式，无法按官方表格导出；请先在审校窗口中核对该报告",
                f"Report {report_id} ({report.source_name}) has no recognised table layout, "
                "so its tables cannot be exported",
            )
        cells = report_cells(conn, report_id)
        edits = {key: note for (_, key), note in last_edits(conn, only).items()}
    summary = ExportSummary(out, reports=1)
    title = _title(report.agency or report.source_name, report.year)
    with atomic_output(out) as tmp:
        workbook = new_workbook(str(tmp))
        styles = PrintStyles(workbook)
        for table in layout.tables:
            name = f"表{table.number}"
            summary.corrected_cells += _table_sheet(workbook, styles, name, title, table, cells, edits, report)
            summary.sheets.append(name)
        save_workbook(workbook)
    summary.seconds = time.perf_counter() - started
    return summary


def _title(agency: str, year: int | None) -> str:
    return f"{agency}{year}年政府信息公开工作年度报告" if year else f"{agency}政府信息公开工作年度报告"


def _table_sheet(workbook: Workbook, styles: PrintStyles, name: str, title: str, table: Table,
                 cells: dict[str, CellRow], edits: dict[str, EditNote], report) -> int:
    """One table on its own sheet: title, section heading, the table, a note; returns corrected cells."""
    widths_of, draw = shape_of(table)
    widths = widths_of(table)
    ws = workbook.add_worksheet(name)
    canvas = Canvas(SheetWriter(ws), styles, cells, edits, widths)
    last_col = len(widths) - 1
    canvas.writer.merged(0, 0, 0, last_col, title, styles.title)
    ws.set_row(0, 26)
    canvas.writer.merged(1, 0, 1, last_col, f"{table.number}、{table.title}", styles.caption)
    ws.set_row(1, 22)
    drawn = draw(canvas, table, 2)
    for col, width in enumerate(widths):
        ws.set_column(col, col, width)
    for row, lines in canvas.heights.items():
        if lines > 1:  # Excel does not grow rows for wrapped text in merged cells
            ws.set_row(row, LINE_HEIGHT * lines + 2)
    note_row = drawn.last_row + 2
    canvas.writer.merged(note_row, 0, note_row + 1, last_col, _note(report), styles.note)
    _print_setup(ws, drawn, note_row + 1, last_col)
    return canvas.corrected


def _note(report) -> str:
    stamp = datetime.now().strftime("%Y-%m-%d %H:%M")
    return ("注：黄色底纹为审核人更正过的数值（批注中为原提取值及更正理由）；空白表示原文缺失该项数据。\n"
            f"报告编号 {report.id} · 文件 {report.source_name} · 审核状态 {state_label(report.state)}"
            f" · 导出于 {stamp}（年报审校）")


def _print_setup(ws, drawn: Drawn, last_row: int, last_col: int) -> None:
    """A4 landscape, one page wide, header rows on every page, no screen gridlines (the form has borders)."""
    ws.set_paper(A4)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.center_horizontally()
    ws.set_margins(left=0.5, right=0.5, top=0.7, bottom=0.7)
    ws.print_area(0, 0, last_row, last_col)
    ws.repeat_rows(0, drawn.header_rows[1] if drawn.header_rows else 1)
    ws.hide_gridlines(2)
    ws.set_footer("&C第 &P 页，共 &N 页")
