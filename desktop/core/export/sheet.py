"""Writing cells with XlsxWriter safely and legibly.

Every value goes through :class:`SheetWriter`, which picks the write call by type: text always as a
string (an agency name or comment such as ``=SUM(A1)``, ``+1``, ``-1`` or ``@cmd`` must never become
a formula when the auditor's colleague opens the file), numbers as numbers, dates as dates. Text
that begins like a formula is also written with a leading apostrophe, as OWASP advises against CSV
injection: a string cell is safe only until someone edits it or saves the sheet as CSV. It also
remembers how wide each column's content is, so columns can be sized once at the end.
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from typing import Any

from xlsxwriter.exceptions import FileCreateError
from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

WORKBOOK_OPTIONS = {
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
}

CORRECTED_FILL = "#D9F2E6"  # a cell an auditor corrected: the window's green (yellow there means a warning)
HEADER_FILL = "#DDEBF7"
GROUP_FILL = "#BDD7EE"
MAX_TEXT = 32767  # Excel's limit on the characters of one cell
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what spreadsheet programs read as the start of a formula

Value = int | float | str | date | datetime | None


def new_workbook(path: str) -> Workbook:
    """A workbook that never turns text into formulas, numbers or links."""
    return Workbook(path, dict(WORKBOOK_OPTIONS))


def save_workbook(workbook: Workbook) -> None:
    """Close (zip) the workbook; XlsxWriter wraps the operating-system error, unwrap it for atomic_output."""
    try:
        workbook.close()
    except FileCreateError as exc:
        cause = exc.args[0] if exc.args else None
        if isinstance(cause, OSError):
            raise cause from exc
        raise


def defused(text: str) -> str:
    """Text that a spreadsheet would take for a formula, with the apostrophe that keeps it text."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def display_width(text: str) -> int:
    """Width in Excel character units: CJK and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def number_text(value: Any) -> str:
    """A number as the auditor would type it: 12, 1434.1345, never 12.0; None as 空."""
    if value is None:
        return "空"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class SheetWriter:
    """One worksheet plus the widest content seen per column."""

    def __init__(self, worksheet: Worksheet, date_format: Format | None = None,
                 datetime_format: Format | None = None):
        self.ws = worksheet
        self.widths: dict[int, int] = {}
        self.date_format = date_format
        self.datetime_format = datetime_format

    def _measure(self, col: int, width: int) -> None:
        if width > self.widths.get(col, 0):
            self.widths[col] = width

    def text(self, row: int, col: int, text: str, fmt: Format | None = None, measure: bool = True) -> None:
        """Text, always as a string cell (never a formula, whatever its first character)."""
        text = defused(text)
        if len(text) > MAX_TEXT:  # Excel would refuse the cell; say that it was cut rather than drop it
            text = text[: MAX_TEXT - 20] + "…（内容过长，已截断）"
        self.ws.write_string(row, col, text, fmt)
        if measure:
            self._measure(col, max(display_width(line) for line in text.split("\n")) if text else 0)

    def value(self, row: int, col: int, value: Value, fmt: Format | None = None, measure: bool = True) -> None:
        """Any exported value: None leaves the cell empty (keeping its format), never a 0 or a dash."""
        if value is None:
            if fmt is not None:
                self.ws.write_blank(row, col, None, fmt)
        elif is_number(value):
            self.ws.write_number(row, col, value, fmt)
            if measure:
                self._measure(col, len(number_text(value)))
        elif isinstance(value, datetime):
            self.ws.write_datetime(row, col, value, fmt or self.datetime_format)
            if measure:
                self._measure(col, 19)
        elif isinstance(value, date):
            self.ws.write_datetime(row, col, value, fmt or self.date_format)
            if measure:
                self._measure(col, 10)
        else:
            self.text(row, col, str(value), fmt, measure)

    def merged(self, first_row: int, first_col: int, last_row: int, last_col: int, value: Value,
               fmt: Format | None = None) -> None:
        """A merged range whose value is written with the type-safe writers (merge_range alone uses write())."""
        if first_row == last_row and first_col == last_col:
            self.value(first_row, first_col, value, fmt, measure=False)
            return
        self.ws.merge_range(first_row, first_col, last_row, last_col, "", fmt)
        if value is not None and value != "":
            self.value(first_row, first_col, value, fmt, measure=False)

    def fit_columns(self, minimum: int = 6, maximum: int = 50, fixed: dict[int, float] | None = None,
                    formats: dict[int, Format] | None = None) -> None:
        """Size every measured column to its content (with a little padding), within bounds."""
        fixed = fixed or {}
        formats = formats or {}
        for col in sorted(set(self.widths) | set(fixed)):
            width = fixed.get(col, min(max(self.widths.get(col, 0) + 2, minimum), maximum))
            self.ws.set_column(col, col, width, formats.get(col))


def parse_date(text: str | None) -> date | str | None:
    """An ISO date as a real date (sortable, filterable in Excel); anything else stays as printed."""
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10]) if len(text) == 10 else text
    except ValueError:
        return text


def parse_datetime(text: str | None) -> datetime | str | None:
    """An audit timestamp as the local wall-clock time it was recorded at (Excel has no time zones)."""
    if not text:
        return None
    try:
        return datetime.fromisoformat(text).replace(tzinfo=None)
    except ValueError:
        return text


def lines_needed(text: str, width: float) -> int:
    """How many lines a wrapped text takes in a cell *width* characters wide (for row heights)."""
    usable = max(width - 1, 1)
    return sum(max(1, -(-display_width(part) // int(usable))) for part in text.split("\n"))


class DataStyles:
    """The formats of the data workbook (汇总, 问题, 修改记录), created once per workbook."""

    def __init__(self, workbook: Workbook):
        header = {"bold": True, "text_wrap": True, "align": "center", "valign": "vcenter", "border": 1}
        self.header = workbook.add_format({**header, "bg_color": HEADER_FILL})
        self.group = workbook.add_format({**header, "bg_color": GROUP_FILL})
        self.corrected = workbook.add_format({"bg_color": CORRECTED_FILL, "pattern": 1})
        self.wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
        self.date = workbook.add_format({"num_format": "yyyy-mm-dd", "align": "left"})
        self.datetime = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm:ss", "align": "left"})
        self.error = workbook.add_format({"font_color": "#C00000", "bold": True})
        self.warning = workbook.add_format({"font_color": "#9C5700"})

    def writer(self, worksheet: Worksheet) -> SheetWriter:
        return SheetWriter(worksheet, self.date, self.datetime)

    def severity(self, severity: str) -> Format | None:
        return {"error": self.error, "warning": self.warning}.get(severity)


COMMENT_OPTIONS = {"author": "年报审校", "x_scale": 2.2, "y_scale": 1.4}


def correction_comment(extracted: Any, value: Any, who: str | None = None, why: str | None = None,
                       at: str | None = None) -> str:
    """The note on a corrected cell: what the report said (as read) and what the auditor changed it to."""
    text = f"提取值：{number_text(extracted)}；已更正为 {number_text(value)}"
    if who:
        text += f"\n更正人：{who}" + (f"（{at[:10]}）" if at else "")
    if why:
        text += f"\n理由：{why}"
    return text


def finish_list_sheet(writer: SheetWriter, header_rows: int, last_row: int, last_col: int, freeze_cols: int,
                      **fit) -> None:
    """Frozen headers and first columns, an autofilter on the last header row, fitted widths."""
    writer.ws.freeze_panes(header_rows, freeze_cols)
    writer.ws.autofilter(header_rows - 1, 0, max(last_row, header_rows - 1), last_col)
    writer.fit_columns(**fit)
