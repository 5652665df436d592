"""How an official table looks on paper, as a grid of merged cells.

The auditor compares the extracted numbers with the printed report, so the editable grid must look
like the official template: the same merged headers, the same nested row labels, the numbers in
the same places. This module works that picture out from the layout data alone (no Qt), so the
shape can be unit-tested and a new template version needs no new drawing code.

Three shapes exist in the templates:

* a matrix (table 三): nested row labels on the left, two- or three-level column headers on top;
* blocks (table 二): each 第二十条 item is its own little table with its own column headers;
* inline (table 四): every row of the layout printed side by side as one line of numbers under a
  header built from the row labels ("行政诉讼 未经复议直接起诉" is two header levels).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from desktop.core.layouts import Block, Column, Table, cell_key

TITLE = "title"
HEADER = "header"
LABEL = "label"
VALUE = "value"
BLANK = "blank"
KINDS = (TITLE, HEADER, LABEL, VALUE, BLANK)


@dataclass(frozen=True)
class GridCell:
    """One drawn cell; merged cells have a span > 1 and are anchored at their top-left position."""

    row: int
    col: int
    rowspan: int
    colspan: int
    kind: str  # title | header | label | value | blank
    text: str = ""
    key: str | None = None  # the canonical cell key, value cells only

    @property
    def merged(self) -> bool:
        return self.rowspan > 1 or self.colspan > 1

    def positions(self) -> Iterator[tuple[int, int]]:
        """Every grid position the cell covers, anchor first."""
        for r in range(self.row, self.row + self.rowspan):
            for c in range(self.col, self.col + self.colspan):
                yield r, c


@dataclass
class Grid:
    """The drawn table: ``cells`` tile the ``rows`` × ``cols`` rectangle without overlapping."""

    rows: int
    cols: int
    cells: list[GridCell]
    _covering: dict[tuple[int, int], GridCell] = field(init=False, repr=False)
    _positions: dict[str, tuple[int, int]] = field(init=False, repr=False)
    _reading_order: list[tuple[int, int]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._covering = {pos: cell for cell in self.cells for pos in cell.positions()}
        self._positions = {cell.key: (cell.row, cell.col) for cell in self.cells if cell.key is not None}
        self._reading_order = sorted(self._positions.values())

    # ------------------------------------------------------------------ lookups
    def cell_at(self, row: int, col: int) -> GridCell | None:
        """The cell drawn over a position (the merged cell for every position it covers)."""
        return self._covering.get((row, col))

    def value_at(self, row: int, col: int) -> str | None:
        """The key of the value cell at a position, or None for headers, labels and blanks."""
        cell = self._covering.get((row, col))
        return cell.key if cell is not None and cell.kind == VALUE else None

    def position(self, key: str) -> tuple[int, int]:
        """Where a cell key is drawn; KeyError if the table has no such cell."""
        return self._positions[key]

    def keys(self) -> list[str]:
        """Value keys in reading order (left to right, top to bottom), the order Tab walks."""
        return [self.value_at(r, c) for r, c in self._reading_order]  # type: ignore[misc]

    def value_area(self) -> tuple[int, int, int, int]:
        """(top, left, bottom, right) bounding the value cells: what a change of values repaints."""
        if not self._reading_order:
            return 0, 0, -1, -1
        rows = [r for r, _ in self._reading_order]
        cols = [c for _, c in self._reading_order]
        return min(rows), min(cols), max(rows), max(cols)

    def merged_cells(self) -> list[GridCell]:
        return [cell for cell in self.cells if cell.merged]

    # ------------------------------------------------------------------ navigation
    def next_value(self, row: int, col: int, forward: bool = True) -> tuple[int, int] | None:
        """The next (or previous) value cell in reading order from a position: Tab / Shift+Tab."""
        order = self._reading_order if forward else list(reversed(self._reading_order))
        for pos in order:
            if (pos > (row, col)) if forward else (pos < (row, col)):
                return pos
        return None

    def value_below(self, row: int, col: int) -> tuple[int, int] | None:
        """The next value cell down the same column, skipping labels and headers: Enter.

        At the bottom of a column (table 四 has a single data row) it continues in reading order,
        so typing a value and pressing Enter always lands somewhere useful.
        """
        for r in range(row + 1, self.rows):
            if self.value_at(r, col) is not None:
                return r, col
        return self.next_value(row, col)


# ---------------------------------------------------------------------------------------- build
class _Builder:
    """Collects cells; positions nobody drew become blank cells so the rectangle is always tiled."""

    def __init__(self, cols: int):
        self.cols = cols
        self.cells: list[GridCell] = []
        self.rows = 0

    def add(self, row: int, col: int, kind: str, text: str = "", key: str | None = None,
            rowspan: int = 1, colspan: int = 1) -> None:
        self.cells.append(GridCell(row, col, rowspan, colspan, kind, text, key))
        self.rows = max(self.rows, row + rowspan)

    def grid(self) -> Grid:
        taken = {pos for cell in self.cells for pos in cell.positions()}
        for r in range(self.rows):
            for c in range(self.cols):
                if (r, c) not in taken:
                    self.cells.append(GridCell(r, c, 1, 1, BLANK))
        cells = sorted(self.cells, key=lambda cell: (cell.row, cell.col))
        return Grid(self.rows, self.cols, cells)


def build_grid(table: Table) -> Grid:
    """The official look of ``table``: merged headers, nested labels, one value cell per key."""
    if table.inline:
        return _inline_grid(table)
    if table.blocks:
        return _block_grid(table)
    return _matrix_grid(table)


def column_header(column: Column) -> str:
    """A column's printed header; the unit is added when the official label does not state it."""
    if column.unit and column.unit not in column.label:
        return f"{column.label}（{column.unit}）"
    return column.label


# ------------------------------------------------------------------ table 三: matrix
def _matrix_grid(table: Table) -> Grid:
    paths = [table.label_path(row) for row in table.rows]
    depth = max((len(p) for p in paths), default=1)
    columns = table.columns
    b = _Builder(depth + len(columns))
    header_rows = _matrix_header(b, table, left=depth)
    b.add(0, 0, HEADER if _balance_note(table) else BLANK, _balance_note(table),
          rowspan=header_rows, colspan=depth)
    _nested_labels(b, paths, top=header_rows, depth=depth)
    for i, row in enumerate(table.rows):
        for j, column in enumerate(row.columns):
            b.add(header_rows + i, depth + j, VALUE, key=cell_key(table.key, row.key, column.key))
    return b.grid()


def _balance_note(table: Table) -> str:
    """The 勾稽关系 note the template prints in the top-left corner of table 三."""
    return next((w for w in table.header_words if "勾稽" in w), "")


def _caption(table: Table) -> str | None:
    """A header over all value columns (申请人情况): a header word that is no column or group label."""
    taken = {c.label for c in table.columns} | {c.group for c in table.columns if c.group}
    for word in table.header_words:
        if word in taken or "勾稽" in word or any(word in label for label in taken):
            continue
        return word
    return None


def _matrix_header(b: _Builder, table: Table, left: int) -> int:
    """Column headers (caption, groups, labels); returns how many rows they take."""
    caption = _caption(table)
    top = 0
    grouped = any(c.group for c in table.columns)
    levels = 2 if grouped else 1
    if caption:
        b.add(0, left, HEADER, caption, colspan=len(table.columns))
        top = 1
    j = 0
    columns = table.columns
    while j < len(columns):
        column = columns[j]
        if column.group is None:
            b.add(top, left + j, HEADER, column_header(column), rowspan=levels)
            j += 1
            continue
        run = 1
        while j + run < len(columns) and columns[j + run].group == column.group:
            run += 1
        b.add(top, left + j, HEADER, column.group, colspan=run)
        for k in range(run):
            b.add(top + 1, left + j + k, HEADER, column_header(columns[j + k]))
        j += run
    return top + levels


def _nested_labels(b: _Builder, paths: list[list[str]], top: int, depth: int) -> None:
    """Row labels, one column per nesting level, merged like the template.

    A label equal to the one above (same enclosing groups) merges down, so 三、本年度办理结果 is one
    tall cell; the innermost label of a shallow path stretches right over the unused levels, so
    一、本年新收… fills the whole label area.
    """
    def segment(path: list[str], level: int) -> tuple[int, tuple[str, ...]] | None:
        if level >= len(path):
            return None
        colspan = depth - level if level == len(path) - 1 else 1
        return colspan, tuple(path[: level + 1])

    for level in range(depth):
        i = 0
        while i < len(paths):
            seg = segment(paths[i], level)
            if seg is None:
                i += 1
                continue
            run = 1
            while i + run < len(paths) and segment(paths[i + run], level) == seg:
                run += 1
            b.add(top + i, level, LABEL, paths[i][level], rowspan=run, colspan=seg[0])
            i += run


# ------------------------------------------------------------------ table 二: blocks
def _block_grid(table: Table) -> Grid:
    width = max(len(block.columns) for block in table.blocks)
    b = _Builder(1 + width)
    corner = table.header_words[0] if table.header_words else ""
    row = 0
    for block in table.blocks:
        row = _block(b, table, block, row, width, corner)
    return b.grid()


def _block(b: _Builder, table: Table, block: Block, top: int, width: int, corner: str) -> int:
    """One 第二十条 item: its label row, its own header row, its data rows; returns the next row."""
    b.add(top, 0, TITLE, block.label, colspan=1 + width)
    b.add(top + 1, 0, HEADER, corner)
    for j, column in enumerate(block.columns):
        b.add(top + 1, 1 + j, HEADER, column_header(column))
    for i, row in enumerate(block.rows):
        r = top + 2 + i
        b.add(r, 0, LABEL, table.row_title(row))
        for j, column in enumerate(row.columns):
            b.add(r, 1 + j, VALUE, key=cell_key(table.key, row.key, column.key))
    missing = width - len(block.columns)
    if missing:  # one calm blank block instead of a column of empty boxes
        b.add(top + 1, 1 + len(block.columns), BLANK, rowspan=1 + len(block.rows), colspan=missing)
    return top + 2 + len(block.rows)


# ------------------------------------------------------------------ table 四: inline
def _inline_grid(table: Table) -> Grid:
    parts = [row.label.split() for row in table.rows]
    levels = max((len(p) for p in parts), default=1)
    per_row = [row.columns for row in table.rows]
    starts = [sum(len(c) for c in per_row[:i]) for i in range(len(per_row))]
    b = _Builder(sum(len(c) for c in per_row))
    for level in range(levels):
        i = 0
        while i < len(parts):
            if level >= len(parts[i]):
                i += 1
                continue
            prefix = parts[i][: level + 1]
            last = level == len(parts[i]) - 1
            run = 1
            while (i + run < len(parts) and parts[i + run][: level + 1] == prefix
                   and (level == len(parts[i + run]) - 1) == last):
                run += 1
            colspan = sum(len(per_row[k]) for k in range(i, i + run))
            b.add(level, starts[i], HEADER, parts[i][level], rowspan=levels - level if last else 1, colspan=colspan)
            i += run
    for i, row in enumerate(table.rows):
        for j, column in enumerate(row.columns):
            b.add(levels, starts[i] + j, HEADER, column_header(column))
            b.add(levels + 1, starts[i] + j, VALUE, key=cell_key(table.key, row.key, column.key))
    return b.grid()
