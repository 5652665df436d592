"""Mapping the cells of a document onto the canonical cells of a layout.

The mapper reads every shape the same way: as a stream of cells in reading order. A row label,
recognised on its own text (never by position), takes the numbers that follow it — from the rest
of its line when the line is a table row (tab-separated text, a PDF or DOCX grid row), otherwise
from the next cells (one cell per line). That one rule covers tab-separated text, one cell per line,
``|`` tables and grids alike, and it survives lost blocks: a row whose label is missing simply stays
``null``. Context (which table, which group of table 三) comes from section headings, block labels,
group labels and header words as they are met.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from desktop.core.cell_sheet import CellSheet, Value
from desktop.core.document import Cell, Document, Line, Location
from desktop.core.findings import Finding
from desktop.core.labels import Candidate, LabelMatcher, Match, enumerator, normalise, strip_enumerator
from desktop.core.layouts import Layout, Row, Table
from desktop.core.report import CellValue
from desktop.core.values import Reading, is_number_like, read_number

_OUT_OF_CONTEXT_CUTOFF = 90.0
_TOKEN = re.compile(r"\S+")
_INNER_ENUMERATOR = re.compile(r"[（(][一二三四五六七八九十]{1,2}[)）]|(?<![\d.．])\d{1,2}[.．、](?!\d)")
_GROUP_FALLBACK_CUTOFF = 40.0
_ANNOTATION = re.compile(r"(?<=[^\s(（])\s*[(（](?![一二三四五六七八九十]{1,2}[)）])")
_GLUED = re.compile(r"^(.*[\u3000-\u303f\u4e00-\u9fff\uff01-\uff0f\uff1a-\uff20）)])(\d+(?:\.\d+)?)$")


@dataclass
class _SubRow:
    label: Cell
    values: list[Value]


@dataclass
class _RowState:
    label: Cell
    values_found: bool = False
    cut: bool = False  # the source ends right after the label: its numbers were never printed
    blank: bool = False  # nothing at all follows the label before the next label: empty cells
    subrows: list[_SubRow] = field(default_factory=list)


@dataclass
class _Run:
    """The cells read after a row label, and whether the source ended inside the row."""

    values: list[Value]
    next_ci: int
    next_li: int | None = None
    cut: bool = False
    blank: bool = False  # no cell at all between the label and the next label or section


def _annotation_head(text: str) -> str | None:
    """The label before a bracketed note that a local template prints after it, if any."""
    m = _ANNOTATION.search(text)
    return text[:m.start()] if m else None


def build_candidates(layout: Layout) -> list[Candidate]:
    """Every label of the layout the mapper should recognise, with its known variants."""
    out: list[Candidate] = []

    def add(kind: str, table: str, key: str, official: str, variants=(), typos=()) -> None:
        out.append(Candidate(kind, table, key, official, official))
        out.extend(Candidate(kind, table, key, official, v) for v in variants)
        out.extend(Candidate(kind, table, key, official, t, is_typo=True) for t in typos)

    for table in layout.tables:
        for index, block in enumerate(table.blocks):
            add("block", table.key, str(index), block.label, typos=block.typos)
        for key, label in table.groups.items():
            add("group", table.key, key, label)
        if not table.inline:
            for row in table.rows:
                add("row", table.key, row.key, row.label, row.aliases, row.typos)
        columns = {c.label: c for c in table.columns}
        for block in table.blocks:
            columns.update({c.label: c for c in block.columns})
        for column in columns.values():
            add("header", table.key, column.key, column.label, column.aliases, column.typos)
        for word in table.header_words:
            add("header", table.key, "", word)
        for group in {c.group for c in table.columns if c.group}:
            add("header", table.key, "", group)
    return out


def split_numbers(cell: Cell) -> list[Cell]:
    """A cell printing several numbers apart (``10 266``, ``规章 0 0 0``) as one cell per number.

    PDF lines without ruling and text copied from viewers separate columns by blanks only; reading
    ``10 266`` as 10266 would be a silent, wrong number.
    """
    parts = [(m.start(), m.group()) for m in _TOKEN.finditer(cell.text)]
    glued = _GLUED.match(parts[-1][1]) if parts else None
    if glued:  # 只计这一情形，1: a number printed against the label is never part of it
        start, token = parts.pop()
        parts += [(start, glued.group(1)), (start + glued.end(1), glued.group(2))]
    if len(parts) < 2:
        return [cell]
    numeric = [is_number_like(t) and any(ch.isdigit() for ch in t) for _, t in parts]
    first_number = next((i for i, n in enumerate(numeric) if n), None)
    if first_number is None or not all(numeric[first_number:]):
        return [cell]
    pieces = []
    if first_number:
        end = parts[first_number - 1][0] + len(parts[first_number - 1][1])
        pieces.append((0, cell.text[:end]))
    pieces.extend(parts[first_number:])
    return [
        Cell(text, Location(cell.loc.start + off, cell.loc.start + off + len(text), cell.loc.page, cell.loc.bbox),
             cell.confidence)
        for off, text in pieces
    ]


class TableMapper:
    """Fills the cells of one layout from one document; collects what it noticed as findings."""

    def __init__(self, layout: Layout, document: Document, section_lines: dict[int, str]):
        self.layout = layout
        self.doc = document
        self.lines = [Line([part for cell in line.cells for part in split_numbers(cell)]) for line in document.lines]
        self.section_lines = section_lines  # line index -> section key
        self.last_text_line = max((i for i, line in enumerate(self.lines) if any(c.text for c in line.cells)), default=-1)
        self.matcher = LabelMatcher(build_candidates(layout))
        self.sheet = CellSheet(layout)
        self.cells = self.sheet.cells
        self.rows: dict[tuple[str, str], _RowState] = {}
        self._tables = {t.key: t for t in layout.tables}
        self._section_table = {t.section: t.key for t in layout.tables}
        self._header_chars = {
            t.key: set("".join(c.label for c in t.columns)) for t in layout.tables if t.inline
        }
        self.table: str | None = None
        self.group: str | None = None
        self.parent: tuple[str, str] | None = None  # a row whose numbers may come in local sub-rows
        self.inline_done: set[str] = set()
        self.entered: set[str] = set()  # tables whose heading or header was met
        self.last_row: tuple[str, str] | None = None  # the row whose label was read last
        self.previous_text = ""  # the last text cell met: the first half of a header split over two cells
        self.explicit_empties = document.kind == "text"  # only text writes an empty cell as a line of bars

    # ------------------------------------------------------------------ walking
    def run(self) -> tuple[dict[str, CellValue], list[Finding]]:
        lines = self.lines
        li = 0
        while li < len(lines):
            if li in self.section_lines:
                self._enter_section(self.section_lines[li])
                li += 1
                continue
            if self._header_char_line(li):
                li += 1
                continue
            ci = 0
            next_li = li + 1
            while ci < len(lines[li].cells):
                ci, jumped = self._step(li, ci)
                if jumped is not None:
                    next_li = jumped
                    break
            li = next_li
        self._finish_subrows()
        self.sheet.settle_short_rows()
        self._fill_blank_rows()
        self.sheet.report_missing()
        return self.cells, self.sheet.findings

    def _enter_section(self, section_key: str) -> None:
        self.table = self._section_table.get(section_key)
        self.group = None
        self.parent = None
        if self.table is not None:
            self.entered.add(self.table)

    def _header_char_line(self, li: int) -> bool:
        """A line of single characters from an inline table's vertical headers (持 正 果 结)."""
        chars = [c.text for c in self.lines[li].cells if c.text]
        if len(chars) < 3 or any(len(c) != 1 for c in chars):
            return False
        for key, allowed in self._header_chars.items():
            if sum(ch in allowed for ch in chars) >= 0.6 * len(chars):
                self.table, self.group, self.parent = key, None, None
                return True
        return False

    def _step(self, li: int, ci: int) -> tuple[int, int | None]:
        """Handle the cell at (li, ci); returns the next cell index and, if values ran past the line, the next line."""
        cell = self.lines[li].cells[ci]
        text = cell.text
        if not text:
            if self._inline_values_start(li):
                return self._fill_inline(self._tables[self.table or ""], li, ci)
            return ci + 1, None
        if self._is_value(cell):
            table = self._tables.get(self.table or "")
            if table is not None and table.inline and table.key not in self.inline_done:
                return self._fill_inline(table, li, ci)
            return ci + 1, None
        match = self._match(text)
        previous, self.previous_text = self.previous_text, text
        if match is None:
            return self._other(cell, li, ci)
        cand = match.candidate
        if match.damaged and not self._intact(text, cand.official, previous, li, ci):
            self._label_damage(cell, match)
        if cand.kind == "block":
            self.table, self.group, self.parent = cand.table, None, None
        elif cand.kind == "group":
            self.table, self.group, self.parent = cand.table, cand.key, None
        elif cand.kind == "header":
            if cand.table != self.table:
                self.table, self.group = cand.table, None
            self.parent = None
            self.entered.add(cand.table)
        elif cand.kind == "row":
            return self._fill_row(self._tables[cand.table].row(cand.key), cand.table, li, ci)
        return ci + 1, None

    def _intact(self, raw: str, official: str, previous: str, li: int, ci: int) -> bool:
        """Whether a fuzzy match hides no changed or missing character: the label is all there with a
        note or a neighbour beside it, split over two cells (本年 / 新制作数量), or cut by the end of
        the excerpt."""
        norm, want = normalise(raw), normalise(official)
        if want in norm or normalise(previous + raw) == want:
            return True
        at_end = ci == len(self.lines[li].cells) - 1 and self._ends_after(li)
        return at_end and want.startswith(norm)

    def _match(self, text: str) -> Match | None:
        match = self._match_label(text)
        head = _annotation_head(text)
        if match is None and head is not None:
            match = self._match_label(head)  # 规章(设区的市…应提供相关数据): a filling note after the label
        return match

    def _match_label(self, text: str) -> Match | None:
        norm = normalise(text)
        if len(norm) > 80 or len(norm) < 2:
            return None
        match = self.matcher.match(text, prefer_table=self.table)
        if match is not None and match.score < 100 and len(norm) < 4:
            match = None  # too short for a fuzzy reading to mean anything
        if match is not None and match.candidate.table != self.table and match.score < _OUT_OF_CONTEXT_CUTOFF:
            match = None
        if match is None:
            match = self._group_fallback(text)
        if match is None:
            match = self._fused_match(text)
        return match

    def _fused_match(self, text: str) -> Match | None:
        """A row label with a fragment of the vertical group label fused in front: （三）不4.保护第三方合法权益."""
        inner = _INNER_ENUMERATOR.search(text, 1)
        if inner is None:
            return None
        match = self._match_label(text[inner.start():])
        return match if match is not None and match.candidate.kind == "row" else None

    def _group_fallback(self, text: str) -> Match | None:
        """A garbled numbered item inside a group of table 三: trust its number and group, report the text."""
        enum = enumerator(text)
        if enum is None or enum[0] != "arabic" or self.table is None or self.group is None:
            return None
        table = self._tables[self.table]
        in_group = [r for r in table.rows if r.group == self.group]
        for row in in_group:
            row_enum = enumerator(row.label)
            if row_enum == enum:
                score = fuzz.ratio(strip_enumerator(text), strip_enumerator(row.label))
                if score >= _GROUP_FALLBACK_CUTOFF:
                    cand = Candidate("row", table.key, row.key, row.label, row.label)
                    return Match(cand, score, True)
        return None

    # ------------------------------------------------------------------ values
    def _is_value(self, cell: Cell) -> bool:
        return is_number_like(cell.text, ocr=cell.confidence is not None)

    def _values_after(self, li: int, ci: int, expected: int, stream_ok: bool = True) -> _Run:
        """The values that follow the label at (li, ci): on the rest of its line, else on the next lines."""
        line = self.lines[li].cells
        after: list[Cell] = []
        stop = len(line)
        for j in range(ci + 1, len(line)):
            if line[j].text and not self._is_value(line[j]):
                stop = j
                break
            after.append(line[j])
        if any(c.text for c in after):
            cut = stop == len(line) and self._ends_after(li)
            return _Run(self._line_values(after, expected, cut), stop, None, cut)
        if self.explicit_empties and len(after) >= expected:
            return _Run([self._read(c) for c in after[:expected]], stop)  # a whole row of empty cells
        if stream_ok and stop == len(line):
            values, next_li = self._stream_values(li + 1, expected)
            if values:
                return _Run(values, len(line), next_li, next_li >= len(self.lines))
            if len(after) >= expected:
                return _Run([self._read(c) for c in after[:expected]], stop)
            cut = self._ends_after(li)
            return _Run([], stop, None, cut, blank=not cut)
        if len(after) >= expected:
            return _Run([self._read(c) for c in after[:expected]], stop)
        return _Run([], stop)

    def _ends_after(self, li: int) -> bool:
        """Whether nothing but blank cells follows line ``li``: an excerpt cut off there."""
        return li >= self.last_text_line

    def _line_values(self, after: list[Cell], expected: int, cut: bool = False) -> list[Value]:
        """Values of a table row printed on one line, telling padding from empty cells that mean 0.

        In a row the excerpt cuts off, the empty cells before its first number are its first columns.
        """
        trimmed = list(after)
        while trimmed and not trimmed[-1].text:
            trimmed.pop()
        if cut:
            return [self._read(c) for c in trimmed]
        core = list(trimmed)
        while core and not core[0].text:
            core.pop(0)
        if len(trimmed) == expected:
            chosen = trimmed
        elif len(core) >= expected:
            chosen = core
        elif len(after) >= expected and after.index(core[0]) + expected <= len(after):
            start = after.index(core[0])
            chosen = after[start:start + expected]
        else:
            chosen = core
        return [self._read(c) for c in chosen]

    def _stream_values(self, li: int, expected: int) -> tuple[list[Value], int]:
        """Values one per line (or a few per line) after a label, up to the next label or section."""
        values: list[Value] = []
        lines = self.lines
        while li < len(lines) and li not in self.section_lines and len(values) < expected:
            cells = [c for c in lines[li].cells if c.text]
            if not cells and self.explicit_empties:
                cells = lines[li].cells  # a line of separators only: the empty cells between them
            if not cells:
                li += 1
                continue
            if any(c.text and not self._is_value(c) for c in cells):
                break
            values.extend(self._read(c) for c in cells)
            li += 1
        return values, li

    def _read(self, cell: Cell) -> Value:
        reading = read_number(cell.text, ocr=cell.confidence is not None)
        return Value(cell, reading or Reading(0, f"“{cell.text}”无法读为数字", placeholder=True))

    # ------------------------------------------------------------------ rows
    def _fill_row(self, row: Row, table_key: str, li: int, ci: int) -> tuple[int, int | None]:
        label = self.lines[li].cells[ci]
        self.table, self.group = table_key, row.group
        self.entered.add(table_key)
        key = (table_key, row.key)
        if key in self.rows and self.rows[key].values_found:
            return ci + 1, None  # a repeated label (e.g. a header row reprinted after a page break)
        self.last_row = key
        run = self._values_after(li, ci, len(row.columns))
        state = self.rows.setdefault(key, _RowState(label))
        if run.values:
            state.values_found = True
            self.sheet.assign(self._tables[table_key], row, run.values, label, run.cut)
            self.parent = None
            return run.next_ci, run.next_li
        state.cut, state.blank = run.cut, run.blank
        self.parent = key
        line = self.lines[li].cells
        if run.next_ci < len(line) and self._match(line[run.next_ci].text) is None and len(line[run.next_ci].text) <= 12:
            self._unreadable(self._tables[table_key], row, line[run.next_ci])
        return run.next_ci, run.next_li

    def _unreadable(self, table: Table, row: Row, cell: Cell) -> None:
        self.sheet.add(
            "values.unreadable", f"“{table.row_title(row)}”一行印的是“{cell.text}”，不是数字；该行留空，请对照原文填写",
            [f"{table.key}.{row.key}.{c.key}" for c in row.columns], [cell.loc], raw=cell.text,
        )

    # ------------------------------------------------------------------ inline table (四)
    def _inline_values_start(self, li: int) -> bool:
        """An empty cell written as a line of bars where table 四's one row of numbers is due."""
        table = self._tables.get(self.table or "")
        return (self.explicit_empties and table is not None and table.inline and table.key not in self.inline_done
                and not any(c.text for c in self.lines[li].cells))

    def _fill_inline(self, table: Table, li: int, ci: int) -> tuple[int, int | None]:
        expected = sum(len(r.columns) for r in table.rows)
        line = self.lines[li].cells
        while ci > 0 and not line[ci - 1].text and not any(c.text and not self._is_value(c) for c in line[:ci]):
            ci -= 1  # the row's empty cells before its first number are its first columns
        rest = line[ci:]
        if len(rest) >= expected and all(not c.text or self._is_value(c) for c in rest[:expected]):
            values, next_ci, next_li = [self._read(c) for c in rest[:expected]], ci + expected, None
        else:
            here = [self._read(c) for c in rest if (c.text and self._is_value(c)) or (not c.text and self.explicit_empties)]
            more, next_li = self._stream_values(li + 1, expected - len(here)) if len(here) < expected else ([], None)
            values, next_ci = here + more, len(line)
        self.inline_done.add(table.key)
        slots = [(row, column) for row in table.rows for column in row.columns]
        while len(values) > expected and not values[-1].cell.text:
            values.pop()
        for (row, column), value in zip(slots, values):
            self.sheet.set(table, row, column, value)
        if len(values) < expected:
            keys = [f"{table.key}.{r.key}.{c.key}" for r, c in slots[len(values):]]
            self.sheet.add(
                "structure.short_row", f"表{table.number}只读到 {len(values)} 个数（应为 {expected} 个），其余单元格留空待核",
                keys, [v.cell.loc for v in values],
            )
        self.rows[(table.key, "*")] = _RowState(line[ci], values_found=True)
        return next_ci, next_li

    # ------------------------------------------------------------------ unknown text
    def _other(self, cell: Cell, li: int, ci: int) -> tuple[int, int | None]:
        if self.parent is None and self.table is not None:
            return self._by_position(cell, li, ci)
        if self.parent is None or self.table is None:
            return ci + 1, None
        table = self._tables[self.parent[0]]
        parent_row = table.row(self.parent[1])
        run = self._values_after(li, ci, len(parent_row.columns))
        if len(run.values) != len(parent_row.columns):
            return ci + 1, None
        state = self.rows[self.parent]
        if normalise(cell.text) in normalise(parent_row.label):
            # the rest of a label cut over two lines, with the numbers beside it
            state.values_found = True
            self.sheet.assign(table, parent_row, run.values, state.label)
            self.parent = None
        else:
            state.subrows.append(_SubRow(cell, run.values))
        return run.next_ci, run.next_li

    def _by_position(self, cell: Cell, li: int, ci: int) -> tuple[int, int | None]:
        """An unrecognised label standing where the next row of the table belongs, with that row's
        count of numbers after it (行政处罸 2 between 第二十条第（六）项 and 行政强制): read as that row."""
        table = self._tables[self.table or ""]
        row = self._next_row(table)
        norm = normalise(cell.text)
        if row is None or table.inline or not 2 <= len(norm) <= 40 or fuzz.ratio(norm, normalise(row.label)) < 50:
            return ci + 1, None
        run = self._values_after(li, ci, len(row.columns))
        if len(run.values) != len(row.columns) or not any(v.cell.text for v in run.values):
            return ci + 1, None
        self.rows[(table.key, row.key)] = _RowState(cell, values_found=True)
        self.last_row = (table.key, row.key)
        self.sheet.assign(table, row, run.values, cell)
        self.sheet.add(
            "labels.assumed", f"“{cell.text}”不是官方行标签；它位于“{table.row_title(row)}”应在的位置，其后的 {len(row.columns)} 个数"
            f"也与该行相符，已按“{table.row_title(row)}”读取，请核对",
            [f"{table.key}.{row.key}.{c.key}" for c in row.columns], [cell.loc], raw=cell.text, official=row.label,
        )
        return run.next_ci, run.next_li

    def _next_row(self, table: Table) -> Row | None:
        """The row that follows the last one read in ``table``, if it has not been met yet."""
        if self.last_row is None or self.last_row[0] != table.key:
            return None
        keys = [r.key for r in table.rows]
        index = keys.index(self.last_row[1]) + 1
        if index >= len(keys) or (table.key, keys[index]) in self.rows:
            return None
        return table.rows[index]

    def _finish_subrows(self) -> None:
        for (table_key, row_key), state in self.rows.items():
            if not state.subrows or state.values_found:
                continue
            table = self._tables[table_key]
            row = table.row(row_key)
            for index, column in enumerate(row.columns):
                parts = [s.values[index] for s in state.subrows]
                total = sum(p.reading.value for p in parts)
                key = f"{table_key}.{row_key}.{column.key}"
                raw = " + ".join(p.cell.text for p in parts)
                self.cells[key] = CellValue(total, raw=raw, locations=tuple(p.cell.loc for p in parts))
            names = "、".join(s.label.text for s in state.subrows)
            self.sheet.add(
                "structure.local_subrows", f"“{row.label}”下印有本地细分行（{names}），已按列合计为“{row.label}”的数值",
                [f"{table_key}.{row_key}.{c.key}" for c in row.columns],
                [state.label.loc] + [s.label.loc for s in state.subrows],
                raw=names,
            )
            state.values_found = True

    # ------------------------------------------------------------------ blank and missing
    def _fill_blank_rows(self) -> None:
        """Rows whose label is printed with no number at all: empty cells of a present table, so 0.

        A row at the very end of the source is not blank but cut off, and an inline table (四) is
        blank only when the report goes on past it.
        """
        for table in self.layout.tables:
            if table.inline:
                if self._inline_blank(table):
                    for key in table.cell_keys():
                        self.sheet.blank(table, key, ())
                continue
            states = {row_key: st for (t, row_key), st in self.rows.items() if t == table.key}
            if len(states) < 2:
                continue  # one stray label is not a table
            for row_key, state in states.items():
                if state.values_found or not state.blank or state.subrows:
                    continue
                for column in table.row(row_key).columns:
                    self.sheet.blank(table, f"{table.key}.{row_key}.{column.key}", (state.label.loc,))

    def _inline_blank(self, table: Table) -> bool:
        if table.key not in self.entered or table.key in self.inline_done:
            return False
        order = [s.key for s in self.layout.sections]
        own = order.index(table.section)
        starts = [li for li, key in self.section_lines.items() if key == table.section]
        later = [li for li, key in self.section_lines.items() if order.index(key) > own]
        return bool(starts and later) and max(later) > min(starts)

    # ------------------------------------------------------------------ findings
    def _label_damage(self, cell: Cell, match: Match) -> None:
        cand = match.candidate
        kind = {"block": "条款标签", "group": "分组标签", "row": "行标签", "header": "表头"}[cand.kind]
        cells = []
        if cand.kind == "row":
            row = self._tables[cand.table].row(cand.key)
            cells = [f"{cand.table}.{cand.key}.{c.key}" for c in row.columns]
        self.sheet.add(
            "labels.damage", f"{kind}“{cell.text}”与官方文字“{cand.official}”不一致，已按“{cand.official}”读取",
            cells, [cell.loc], raw=cell.text, official=cand.official,
        )

