"""One report's three official tables, laid out as printed in the report, ready to print.

The auditor sends these back to an agency ("your table 三 should read …") or files them, so they
follow the national form: merged header cells, the official labels from the layout, the section
heading as the table title, borders, A4 landscape one page wide with the header rows repeated.
Corrected cells are highlighted and keep the extracted value in a comment.

The sheet draws the grid :func:`desktop.core.grid.build_grid` works out for the review window, cell
for cell and merge for merge, so what the auditor sees on screen is what is printed, and a new
version of the form needs no code here.
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
from desktop.core.grid import BLANK, HEADER, LABEL, TITLE, VALUE, Grid, GridCell, build_grid
from desktop.core.layouts import Table
from desktop.core.store.store import Store

FONT = {"font_name": "SimSun", "font_size": 10.5}
LINE_HEIGHT = 14.0
A4 = 9
TOP = 2  # the sheet's title and the section heading come first
INLINE_VALUE_HEIGHT = 24  # table 四's single row of numbers, a little taller than text


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


# ---------------------------------------------------------------- the grid on paper
def print_widths(grid: Grid) -> list[float]:
    """Column widths in Excel characters, by the shape of the grid (as the window sizes its columns):
    table 四 has only value columns, table 二 one label column, table 三 nested label columns."""
    first_value = grid.value_area()[1]
    if first_value == 0:
        return [8.5] * grid.cols
    if first_value == 1:
        return [26.0] + [18.0] * (grid.cols - 1)
    return [6.0] + [14.0] * (first_value - 2) + [40.0] + [9.5] * (grid.cols - first_value)


def header_rows(grid: Grid, table: Table) -> tuple[int, int] | None:
    """The grid rows above the first value, to repeat on every printed page; table 二 repeats none
    because each of its blocks carries its own header row."""
    first_value = grid.value_area()[0]
    return None if table.blocks or first_value == 0 else (0, first_value - 1)


def draw_grid(canvas: Canvas, grid: Grid, top: int) -> None:
    """Every grid cell at its place below ``top``, merged as on screen, styled by its kind."""
    label_area = grid.value_area()[1]
    for cell in grid.cells:
        first_row, first_col = top + cell.row, cell.col
        last_row, last_col = first_row + cell.rowspan - 1, first_col + cell.colspan - 1
        if cell.kind == VALUE:
            canvas.value(first_row, first_col, last_col, cell.key)  # type: ignore[arg-type]
        else:
            canvas.label(first_row, first_col, last_row, last_col, cell.text, _style(canvas.styles, cell, label_area))


def _style(styles: PrintStyles, cell: GridCell, label_area: int) -> Format:
    """Headers and titles bold and centred; the 勾稽关系 note (the tall header over the label
    columns) and labels spanning several rows (row groups) centred plain; a row's own label left."""
    if cell.kind in (TITLE, HEADER):
        return styles.group if cell.kind == HEADER and cell.col < label_area and cell.rowspan > 1 else styles.header
    if cell.kind == LABEL:
        return styles.group if cell.rowspan > 1 else styles.label
    assert cell.kind == BLANK
    return styles.group


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
    grid = build_grid(table)
    widths = print_widths(grid)
    ws = workbook.add_worksheet(name)
    canvas = Canvas(SheetWriter(ws), styles, cells, edits, widths)
    last_col = len(widths) - 1
    canvas.writer.merged(0, 0, 0, last_col, title, styles.title)
    ws.set_row(0, 26)
    canvas.writer.merged(1, 0, 1, last_col, f"{table.number}、{table.title}", styles.caption)
    ws.set_row(1, 22)
    draw_grid(canvas, grid, TOP)
    for col, width in enumerate(widths):
        ws.set_column(col, col, width)
    for row, lines in canvas.heights.items():
        if lines > 1:  # Excel does not grow rows for wrapped text in merged cells
            ws.set_row(row, LINE_HEIGHT * lines + 2)
    if table.inline:
        ws.set_row(TOP + grid.rows - 1, INLINE_VALUE_HEIGHT)
    repeat = header_rows(grid, table)
    note_row = TOP + grid.rows + 1
    canvas.writer.merged(note_row, 0, note_row + 1, last_col, _note(report), styles.note)
    _print_setup(ws, (TOP + repeat[0], TOP + repeat[1]) if repeat else None, note_row + 1, last_col)
    return canvas.corrected


def _note(report) -> str:
    stamp = datetime.now().strftime("%Y-%m-%d %H:%M")
    return ("注：黄色底纹为审核人更正过的数值（批注中为原提取值及更正理由）；空白表示原文缺失该项数据。\n"
            f"报告编号 {report.id} · 文件 {report.source_name} · 审核状态 {state_label(report.state)}"
            f" · 导出于 {stamp}（年报审校）")


def _print_setup(ws, repeat: tuple[int, int] | None, last_row: int, last_col: int) -> None:
    """A4 landscape, one page wide, header rows on every page, no screen gridlines (the form has borders)."""
    ws.set_paper(A4)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.center_horizontally()
    ws.set_margins(left=0.5, right=0.5, top=0.7, bottom=0.7)
    ws.print_area(0, 0, last_row, last_col)
    ws.repeat_rows(0, repeat[1] if repeat else 1)
    ws.hide_gridlines(2)
    ws.set_footer("&C第 &P 页，共 &N 页")
