"""The rules run against what the database holds: the report's current values and its previous year.

A stored report's rule findings depend on another report (the same agency's year before), so every
write that changes values rechecks the year after too, inside the same transaction.
"""

from __future__ import annotations

import dataclasses
import sqlite3

from desktop.core.findings import Finding
from desktop.core.report import ExtractedReport, Number
from desktop.core.rules import check_report
from desktop.core.store.store import ReportRecord, Store


def rule_findings(report: ExtractedReport, previous: dict[str, Number | None] | None,
                  record: ReportRecord | None = None, corrected: set[str] | None = None) -> list[Finding]:
    """Every rule finding for the report's current values, ``previous`` being its year before.

    The rules skip what the report already says; for a stored record that must be only what
    extraction said, or every rule finding still true would look stale and be dropped.
    """
    if report.layout is None:
        return []
    if record is not None:
        said = [s.finding for s in record.findings if s.origin != "rules"]
        report = dataclasses.replace(report, findings=said)
    if corrected is None:
        corrected = record.corrected if record is not None else set()
    return check_report(report, previous, corrected)


def recheck(store: Store, report_id: int) -> ReportRecord:
    """Recompute the rule findings of a report (e.g. after its previous year changed)."""
    with store.write() as conn:
        recheck_in(store, conn, report_id)
    return store.record(report_id)


def recheck_in(store: Store, conn: sqlite3.Connection, report_id: int) -> None:
    """:func:`recheck` inside a write the caller holds."""
    record = store.record(report_id)
    store.replace_findings(conn, report_id, "rules", rule_findings(record.report, store.previous_year_values(record), record))
    store.refresh(record)


def recheck_years_after(store: Store, conn: sqlite3.Connection, agency: str | None, year: int | None) -> None:
    """Recheck the same agency's next-year reports: their carry-over rules read this one."""
    for later in store.year_ids(agency, year and year + 1):
        recheck_in(store, conn, later)
