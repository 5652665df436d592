"""The official table layouts, read from ``resources/layouts/*.json``.

Layouts are data so that a new version of the national template is a new JSON file, not new code:
everything the extractor and the rules need to know about a version (labels, keys, column kinds,
arithmetic rules) is reachable from a :class:`Layout`.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from desktop.core.resources import resource_path


def cell_key(table: str, row: str, column: str) -> str:
    """A cell's canonical key, ``table.row.column`` (requests.new.natural): the name every part of the
    app, the JSON contract and the database use for a cell."""
    return f"{table}.{row}.{column}"


def split_key(key: str) -> tuple[str, str, str]:
    """The (table, row, column) keys a canonical cell key is made of."""
    table, row, column = key.split(".")
    return table, row, column


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = "count"  # count | signed | amount
    aliases: tuple[str, ...] = ()
    typos: tuple[str, ...] = ()
    group: str | None = None
    unit: str | None = None


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    columns: tuple[Column, ...]
    aliases: tuple[str, ...] = ()
    typos: tuple[str, ...] = ()
    group: str | None = None


@dataclass(frozen=True)
class Block:
    label: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    typos: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    key: str
    number: str
    title: str
    aliases: tuple[str, ...] = ()

    @property
    def heading(self) -> str:
        return f"{self.number}、{self.title}"


@dataclass(frozen=True)
class ShortRowRule:
    """How to read a row that prints fewer numbers than the table has columns."""

    first: str
    last: str
    fill: int


@dataclass(frozen=True, eq=False)
class Table:
    key: str
    number: str
    title: str
    section: str
    rows: tuple[Row, ...]
    columns: tuple[Column, ...] = ()
    blocks: tuple[Block, ...] = ()
    groups: dict[str, str] = field(default_factory=dict)
    prefixing_groups: frozenset[str] = frozenset()  # groups whose label is part of their rows' names
    group_parents: dict[str, str] = field(default_factory=dict)  # nested groups: （三）不予公开 within 三、本年度办理结果
    header_words: tuple[str, ...] = ()
    inline: bool = False  # all rows printed as one line of numbers under a two-level header
    short_row: ShortRowRule | None = None
    tab: str = ""  # the short name the window's tab gives the table (主动公开); the title when empty

    def row(self, key: str) -> Row:
        return next(r for r in self.rows if r.key == key)

    def row_title(self, row: Row) -> str:
        """The row's name as the auditor says it: （三）不予公开1.属于国家秘密, not a bare 1.属于国家秘密."""
        if row.group in self.prefixing_groups:
            return f"{self.groups[row.group]}{row.label}"
        return row.label

    def label_path(self, row: Row) -> list[str]:
        """The row's labels from the outermost group in: [三、本年度办理结果, （三）不予公开, 1.属于国家秘密]."""
        path = [row.label]
        group = row.group
        while group is not None:
            path.insert(0, self.groups[group])
            group = self.group_parents.get(group)
        return path

    def cell_keys(self) -> list[str]:
        return [cell_key(self.key, r.key, c.key) for r in self.rows for c in r.columns]


@dataclass(frozen=True)
class NarrativeTarget:
    """A table quantity (the sum of ``cells``) a count stated in 一、总体情况 may equal, e.g. new + carried_in."""

    name: str
    cells: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class Layout:
    version: str
    name: str
    years: tuple[int, ...]
    signatures: tuple[str, ...]
    sections: tuple[Section, ...]
    tables: tuple[Table, ...]
    rules: tuple[dict, ...] = ()
    cross_year: tuple[dict, ...] = ()
    fee_statement: dict | None = None
    # per kind of stated count (requests, review, suit, appeals): what it may equal, in order of preference
    narrative_targets: dict[str, tuple[NarrativeTarget, ...]] = field(default_factory=dict)

    def table(self, key: str) -> Table:
        return next(t for t in self.tables if t.key == key)

    @property
    def keys(self) -> list[str]:
        return _keys(self)

    def cell(self, key: str) -> tuple[Table, Row, Column]:
        table_key, row_key, column_key = split_key(key)
        table = self.table(table_key)
        row = table.row(row_key)
        return table, row, next(c for c in row.columns if c.key == column_key)

    def expand(self, rule: dict) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
        """The (left, right) key tuples of a rule dict, one per binding of its ``for_each``
        placeholders: ``requests.{row}.total`` for every row of table 三."""
        names = list(rule.get("for_each", {}))
        choices = [self._choices(name, rule["for_each"][name]) for name in names]
        out = []
        for combo in itertools.product(*choices):
            binding = dict(zip(names, combo))
            out.append((tuple(_substitute(k, binding) for k in rule["left"]),
                        tuple(_substitute(k, binding) for k in rule["right"])))
        return out

    def _choices(self, name: str, spec: str | list[str]) -> list[str]:
        """``"<table>.*"`` → row keys, ``"<table>.columns"`` → column keys, a list → itself."""
        if isinstance(spec, list):
            return [str(s) for s in spec]
        table_key, _, what = spec.partition(".")
        table = self.table(table_key)
        if what == "*":
            return [r.key for r in table.rows]
        if what == "columns":
            return list(dict.fromkeys(c.key for r in table.rows for c in r.columns))
        raise ValueError(f"unknown for_each spec for {name}: {spec!r}")

    def label(self, key: str) -> str:
        """The official wording of a cell, as an auditor would name it: 表三 （一）予以公开 · 自然人."""
        table, row, column = self.cell(key)
        return f"表{table.number} {table.row_title(row)} · {column.label}"


def _substitute(template: str, binding: dict[str, str]) -> str:
    for name, value in binding.items():
        template = template.replace("{" + name + "}", value)
    return template


@cache
def _keys(layout: Layout) -> list[str]:
    return [k for t in layout.tables for k in t.cell_keys()]


def _column(data: dict) -> Column:
    return Column(
        key=data["key"],
        label=data["label"],
        kind=data.get("kind", "count"),
        aliases=tuple(data.get("aliases", ())),
        typos=tuple(data.get("typos", ())),
        group=data.get("group"),
        unit=data.get("unit"),
    )


def _row(data: dict, columns: tuple[Column, ...]) -> Row:
    return Row(
        key=data["key"],
        label=data["label"],
        columns=columns,
        aliases=tuple(data.get("aliases", ())),
        typos=tuple(data.get("typos", ())),
        group=data.get("group"),
    )


def _table(data: dict) -> Table:
    columns = tuple(_column(c) for c in data.get("columns", ()))
    blocks: list[Block] = []
    rows: list[Row] = []
    for block in data.get("blocks", ()):
        block_columns = tuple(_column(c) for c in block["columns"])
        block_rows = tuple(_row(r, block_columns) for r in block["rows"])
        blocks.append(Block(block["label"], block_columns, block_rows, tuple(block.get("typos", ()))))
        rows.extend(block_rows)
    rows.extend(_row(r, columns) for r in data.get("rows", ()))
    short = data.get("short_row")
    return Table(
        key=data["key"],
        number=data["number"],
        title=data["title"],
        section=data["section"],
        rows=tuple(rows),
        columns=columns,
        blocks=tuple(blocks),
        groups={g["key"]: g["label"] for g in data.get("groups", ())},
        prefixing_groups=frozenset(g["key"] for g in data.get("groups", ()) if g.get("prefix_rows", True)),
        group_parents={g["key"]: g["parent"] for g in data.get("groups", ()) if "parent" in g},
        header_words=tuple(data.get("header_words", ())),
        inline=bool(data.get("inline", False)),
        short_row=ShortRowRule(**short) if short else None,
        tab=data.get("tab", ""),
    )


def parse_layout(data: dict) -> Layout:
    return Layout(
        version=data["version"],
        name=data["name"],
        years=tuple(data["years"]),
        signatures=tuple(data.get("signatures", ())),
        sections=tuple(
            Section(s["key"], s["number"], s["title"], tuple(s.get("aliases", ()))) for s in data["sections"]
        ),
        tables=tuple(_table(t) for t in data["tables"]),
        rules=tuple(data.get("rules", ())),
        cross_year=tuple(data.get("cross_year", ())),
        fee_statement=data.get("fee_statement"),
        narrative_targets={
            kind: tuple(NarrativeTarget(t["name"], tuple(t["cells"])) for t in targets)
            for kind, targets in data.get("narrative_targets", {}).items()
        },
    )


def layouts_dir() -> Path:
    return resource_path("layouts")


@cache
def load_layouts() -> dict[str, Layout]:
    """Every layout version shipped in resources, keyed by version ("2019", "2021")."""
    found = {}
    for path in sorted(layouts_dir().glob("*.json")):
        layout = parse_layout(json.loads(path.read_text(encoding="utf-8")))
        found[layout.version] = layout
    return found


def get_layout(version: str) -> Layout:
    return load_layouts()[version]


def version_choices() -> str:
    """The shipped layout versions for a message to the auditor: "2019 / 2021"."""
    return " / ".join(sorted(load_layouts()))
