"""What an export reads from the review database, straight through SQL.

Exports read the ``reports``, ``cells``, ``findings`` and ``audit`` tables directly rather than
through :meth:`Store.record`, which decompresses each report's whole document: a thousand reports
must export in seconds. Every query of one export runs in one read transaction, so the counts in
the summary sheet agree with the rows of the findings sheet even while another window is editing.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from desktop.core.review import STEP_REASONS
from desktop.core.store.schema import OPEN_COUNTS, REVIEW_STATES
from desktop.core.store.store import agency_key

from desktop.core.export.atomic import ExportError

Number = int | float


@dataclass(frozen=True)
class ExportFilter:
    """Which reports to export. ``None`` means "no restriction"; an empty list means "none of them".

    ``report_ids`` carries the review window's current selection verbatim, so "export what I see"
    does not depend on re-deriving the window's filter here.
    """

    states: Sequence[str] | None = None  # unreviewed | in_review | done | query
    years: Sequence[int] | None = None
    agency: str | None = None  # substring of the agency name
    layouts: Sequence[str] | None = None  # "2019" | "2021"
    report_ids: Sequence[int] | None = None

    def where(self) -> tuple[str, list]:
        """A WHERE clause over ``reports r`` and its parameters."""
        clauses: list[str] = []
        params: list = []
        if self.states is not None:
            unknown = [s for s in self.states if s not in REVIEW_STATES]
            if unknown:
                raise ExportError(
                    f"未知的审核状态：{'、'.join(map(str, unknown))}；可用：{'、'.join(REVIEW_STATES)}",
                    f"Unknown review state {', '.join(map(str, unknown))}; use one of {', '.join(REVIEW_STATES)}",
                )
            _in(clauses, params, "r.state", list(self.states))
        if self.years is not None:
            _in(clauses, params, "r.year", [int(y) for y in self.years])
        if self.layouts is not None:
            _in(clauses, params, "r.layout", [str(v) for v in self.layouts])
        if self.report_ids is not None:
            _in(clauses, params, "r.id", [int(i) for i in self.report_ids])
        if self.agency:
            # The name as typed, or the same name with different width, blanks or punctuation.
            clauses.append("(instr(r.agency, ?) > 0 OR instr(r.agency_key, ?) > 0)")
            params += [self.agency, agency_key(self.agency) or self.agency]
        return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


def _in(clauses: list[str], params: list, column: str, values: list) -> None:
    """``column IN (values)`` as one JSON parameter: no limit on how many ids the window passes."""
    clauses.append(f"{column} IN (SELECT value FROM json_each(?))")
    params.append(json.dumps(values))


@dataclass(frozen=True)
class ReportRow:
    id: int
    source_name: str
    agency: str | None
    year: int | None
    layout: str | None
    published: str | None
    state: str
    reviewer: str | None
    errors: int
    warnings: int


@dataclass(frozen=True)
class CellRow:
    value: Number | None
    extracted: Number | None
    corrected: bool


@contextlib.contextmanager
def snapshot(conn: sqlite3.Connection) -> Iterator[None]:
    """One read transaction for the whole export (WAL readers see a fixed snapshot and block no writer)."""
    if conn.in_transaction:
        yield
        return
    conn.execute("BEGIN")
    try:
        yield
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")


_ORDER = "ORDER BY r.agency IS NULL, r.agency, r.year, r.id"


def select_reports(conn: sqlite3.Connection, filters: ExportFilter) -> list[ReportRow]:
    """The chosen reports with their open error and warning counts, grouped by agency then year."""
    where, params = filters.where()
    sql = f"""
    SELECT r.id, r.source_name, r.agency, r.year, r.layout, r.published, r.state, r.reviewer, {OPEN_COUNTS}
    FROM reports r {where} {_ORDER}"""
    return [ReportRow(*row) for row in conn.execute(sql, params)]


def report_cells(conn: sqlite3.Connection, report_id: int) -> dict[str, CellRow]:
    """One report's cells, read by primary key (a few hundred rows; no document is decompressed)."""
    return {
        key: CellRow(value, extracted, bool(corrected))
        for key, value, extracted, corrected in conn.execute(
            "SELECT key, value, extracted, corrected FROM cells WHERE report_id = ?", [report_id]
        )
    }


@dataclass(frozen=True)
class EditNote:
    who: str
    why: str | None
    at: str


def last_edits(conn: sqlite3.Connection, filters: ExportFilter) -> dict[tuple[int, str], EditNote]:
    """Who gave each cell its current value and why, to put beside the extracted value in a corrected cell's comment.

    That is the latest edit to the current value that an auditor made, not an undo or redo that
    brought the value back: those say how, and the comment must say why.
    """
    where, params = filters.where()
    steps = ", ".join("?" for _ in STEP_REASONS)
    sql = f"""SELECT a.report_id, a.key, a.who, a.why, a.at FROM audit a
              JOIN cells c ON c.report_id = a.report_id AND c.key = a.key
              WHERE a.action = 'edit' AND a.new IS c.value AND (a.why IS NULL OR a.why NOT IN ({steps}))
                AND a.report_id IN (SELECT r.id FROM reports r {where}) ORDER BY a.id"""
    params = [*STEP_REASONS, *params]
    return {(rid, key): EditNote(who, why, at) for rid, key, who, why, at in conn.execute(sql, params)}


def count_rows(conn: sqlite3.Connection, table: str, filters: ExportFilter) -> int:
    where, params = filters.where()
    sql = f"SELECT COUNT(*) FROM {table} WHERE report_id IN (SELECT r.id FROM reports r {where})"
    return conn.execute(sql, params).fetchone()[0]


def iter_findings(conn: sqlite3.Connection, filters: ExportFilter) -> Iterator[sqlite3.Row]:
    """Findings of the chosen reports: in report order, errors first within a report."""
    where, params = filters.where()
    sql = f"""
    SELECT f.id, f.report_id, r.agency, r.year, r.layout, f.rule, f.severity, f.cells, f.message, f.raw,
           f.official, f.state, f.comment, f.state_by, f.state_at
    FROM findings f JOIN reports r ON r.id = f.report_id
    {where}
    {_ORDER},
      CASE f.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, f.id"""
    return _rows(conn, sql, params)


def iter_audit(conn: sqlite3.Connection, filters: ExportFilter) -> Iterator[sqlite3.Row]:
    """The audit trail of the chosen reports, oldest first, as it happened."""
    where, params = filters.where()
    sql = f"""
    SELECT a.id, a.report_id, r.agency, r.year, r.layout, a.action, a.key, a.old, a.new, a.who, a.at, a.why
    FROM audit a JOIN reports r ON r.id = a.report_id
    {where}
    ORDER BY a.id"""
    return _rows(conn, sql, params)


def _rows(conn: sqlite3.Connection, sql: str, params: list) -> Iterator[sqlite3.Row]:
    cursor = conn.cursor()
    cursor.row_factory = sqlite3.Row
    yield from cursor.execute(sql, params)
