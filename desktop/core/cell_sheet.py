"""The canonical cells of one report as the mapper fills them, and what it noticed on the way.

The mapper walks the document and finds rows; this sheet records what each row's numbers mean:
a full row is set column by column, a row the excerpt cuts off keeps what was printed, a row with
too few numbers waits until the whole table is read and is then placed only where the table's sums
allow one reading, blank rows and placeholders read as 0 with one note per table, and whatever is
still missing at the end is named. Every guess sits in a finding.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from desktop.core.document import Cell, Location
from desktop.core.catalogue import finding
from desktop.core.findings import Finding
from desktop.core.layouts import Column, Layout, Row, Table
from desktop.core.readings import placements, splits, unique_reading
from desktop.core.report import CellValue
from desktop.core.values import Reading, fmt, read_number


@dataclass
class Value:
    """A cell read as a row's value, with how its text was read."""

    cell: Cell
    reading: Reading


@dataclass
class ShortRow:
    """A row printed with fewer numbers than columns, settled once the whole table is read."""

    table: Table
    row: Row
    values: list[Value]
    label: Cell


class CellSheet:
    """The cells of one layout being filled, with the findings about how they were read."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.cells: dict[str, CellValue] = {k: CellValue(None) for k in layout.keys}
        self.findings: list[Finding] = []
        self.short_rows: list[ShortRow] = []
        self.blank_cells: dict[str, list[str]] = {}  # table → cells read as 0 from an empty cell

    def assign(self, table: Table, row: Row, values: list[Value], label: Cell, cut: bool = False) -> None:
        columns = list(row.columns)
        expected = len(columns)
        while len(values) > expected and not values[-1].cell.text:
            values = values[:-1]  # the empty cells closing a row are padding, not columns
        if len(values) > expected:
            extra = values[expected:]
            self.add(
                "structure.extra_cells", f"“{row.label}”一行印有 {len(values)} 个数，多于表格的 {expected} 列；多出的 "
                f"{'、'.join(v.cell.text for v in extra)} 未采用，请核对原文",
                [f"{table.key}.{row.key}.{c.key}" for c in columns], [label.loc] + [v.cell.loc for v in extra],
            )
            values = values[:expected]
        if len(values) == expected:
            for column, value in zip(columns, values):
                self.set(table, row, column, value)
        elif cut:
            self._cut_row(table, row, values, label)
        else:
            self.short_rows.append(ShortRow(table, row, values, label))

    def _cut_row(self, table: Table, row: Row, values: list[Value], label: Cell) -> None:
        """The source ends inside the row: what is printed is read in order, the rest stays empty."""
        columns = list(row.columns)
        for column, value in zip(columns, values):
            self.set(table, row, column, value)
        missing = columns[len(values):]
        self.add(
            "structure.cut_off", f"原文在“{table.row_title(row)}”一行的第 {len(values)} 个数之后中断；"
            f"“{'、'.join(c.label for c in missing)}”未印出，留空待核",
            [f"{table.key}.{row.key}.{c.key}" for c in missing], [label.loc] + [v.cell.loc for v in values],
        )

    def settle_short_rows(self) -> None:
        """Rows with fewer numbers than columns, placed only where the table's sums allow one reading."""
        for short in self.short_rows:
            table, row, values = short.table, short.row, short.values
            columns = list(row.columns)
            keys = [f"{table.key}.{row.key}.{c.key}" for c in columns]
            printed = "、".join(v.cell.text or "空白" for v in values) or "无"
            locations = [short.label.loc] + [v.cell.loc for v in values]
            numbers = [v.reading.value for v in values]
            head = f"“{table.row_title(row)}”一行只印出 {len(values)} 个数（应为 {len(columns)} 个）：{printed}"
            if all(n == 0 for n in numbers):
                reading: tuple | None = (0,) * len(columns)
                message = f"{head}，均为 0，整行按 0 读取"
            else:
                candidates = placements(numbers, len(columns))
                if len(values) == 1 and values[0].cell.text.isdigit():
                    candidates = itertools.chain(splits(values[0].cell.text, len(columns)), candidates)
                reading = unique_reading(self.layout, {k: c.value for k, c in self.cells.items()}, keys, candidates)
                shown = "、".join(f"{c.label} {fmt(v)}" for c, v in zip(columns, reading or ()))
                message = (f"{head}。无法确定各数所在的列，整行留空，请对照原文填写" if reading is None
                           else f"{head}；只有一种读法能使表格合计成立：{shown}，已按此读取，请核对")
            for key, value in zip(keys, reading or ()):
                self.cells[key] = CellValue(value, raw=printed, locations=tuple(locations))
            self.add("structure.short_row", message, keys, locations, raw=printed)

    def set(self, table: Table, row: Row, column: Column, value: Value) -> None:
        key = f"{table.key}.{row.key}.{column.key}"
        reading = value.reading
        ocr = value.cell.confidence is not None
        if value.cell.text and column.kind != "count":
            reading = read_number(value.cell.text, column.kind, ocr=ocr) or reading
        self.cells[key] = CellValue(
            reading.value, raw=value.cell.text, locations=(value.cell.loc,), confidence=value.cell.confidence
        )
        if reading.placeholder:
            self.blank_cells.setdefault(table.key, []).append(key)
        elif reading.note:
            self.add("values.normalised", f"{self.layout.label(key)}：{reading.note}", [key],
                      [value.cell.loc], raw=value.cell.text)
        if column.unit == "万元":
            self._check_unit(key, value)

    def _check_unit(self, key: str, value: Value) -> None:
        """An amount printed in 元 in a 万元 column: kept as printed, the likely unit named."""
        raw = value.cell.text.replace(" ", "")
        amount = self.cells[key].value or 0
        if (raw.endswith("元") and not raw.endswith("万元")) or amount >= 1_000_000:
            self.add(
                "values.unit", f"{self.layout.label(key)}印为“{value.cell.text}”，单位应为万元，此数似以元为单位"
                f"（约合 {fmt(round(amount / 10000, 4))} 万元）；已按原文记录，请核对",
                [key], [value.cell.loc], raw=value.cell.text,
            )

    def blank(self, table: Table, key: str, locations: tuple[Location, ...]) -> None:
        self.cells[key] = CellValue(0, raw="", locations=locations)
        self.blank_cells.setdefault(table.key, []).append(key)

    def report_missing(self) -> None:
        for table in self.layout.tables:
            keys = table.cell_keys()
            blank = self.blank_cells.get(table.key, [])
            if all(self.cells[k].value is None for k in keys):
                self.add(
                    "structure.missing_table", f"未找到表{table.number}（{table.title}）的数据，该表各单元格留空",
                    keys, [],
                )
                continue
            read_as_zero = set(blank)
            printed = [k for k in keys if self.cells[k].value is not None and k not in read_as_zero]
            if blank and not printed:
                self.add(
                    "structure.blank_table", f"表{table.number}（{table.title}）印有表头和行标签，但没有填写任何数字；"
                    f"{len(blank)} 个单元格按 0 读取，请确认该表确实为空",
                    blank, self._locations(blank),
                )
            elif blank:
                self.add(
                    "values.placeholder", f"表{table.number}有 {len(blank)} 个单元格为空白或“—”“/”等占位符，按 0 读取："
                    + "、".join(self.layout.label(k).split(" ", 1)[1] for k in blank),
                    blank, self._locations(blank),
                )
            missing = [r for r in table.rows if all(self.cells[f"{table.key}.{r.key}.{c.key}"].value is None for c in r.columns)]
            if missing:
                labels = "、".join(table.row_title(r) for r in missing)
                self.add(
                    "structure.missing_rows", f"表{table.number}缺少 {len(missing)} 行：{labels}；这些单元格留空",
                    [f"{table.key}.{r.key}.{c.key}" for r in missing for c in r.columns], [],
                )

    def _locations(self, keys: list[str]) -> list[Location]:
        return list(dict.fromkeys(loc for k in keys for loc in self.cells[k].locations))

    def add(self, rule: str, message: str, cells: list[str], locations: list[Location],
            raw: str | None = None, official: str | None = None) -> None:
        self.findings.append(finding(rule, message, cells, locations, raw=raw, official=official))
