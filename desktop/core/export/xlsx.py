"""The Excel workbook an auditor hands on: 汇总 per layout version, 问题 and 修改记录.

Written with XlsxWriter (fast, streams 200,000 cells in a couple of seconds, supports comments,
merged headers, freeze panes and autofilter) and read straight from the database with SQL, so a
thousand reports export in seconds. The file appears under its name only when complete (see
:mod:`desktop.core.export.atomic`).
"""

from __future__ import annotations

import time
from pathlib import Path

from desktop.core.export.atomic import ExportError, atomic_output
from desktop.core.export.lists import AUDIT_SHEET, FINDINGS_SHEET, write_audit, write_findings
from desktop.core.export.progress import ProgressCallback, Ticker
from desktop.core.export.result import ExportSummary
from desktop.core.export.query import ExportFilter, ReportRow, count_rows, last_edits, select_reports, snapshot
from desktop.core.export.sheet import DataStyles, new_workbook, save_workbook
from desktop.core.export.summary import sheet_name, write_summary
from desktop.core.export.tables import export_report_tables
from desktop.core.store.store import Store

__all__ = ["ExportError", "ExportFilter", "ExportSummary", "export_database", "export_report_tables", "export_store"]


def export_store(store: Store, out: Path, filters: ExportFilter | None = None,
                 progress: ProgressCallback | None = None) -> ExportSummary:
    """Export the chosen reports of *store* to the workbook *out* (replacing it only once complete).

    ``progress(done, total)`` is called about a hundred times; raising from it cancels the export
    and leaves no file behind. Raises :class:`ExportError` when the file cannot be written.
    """
    out = Path(out)
    filters = filters or ExportFilter()
    started = time.perf_counter()
    conn = store.db.conn
    with snapshot(conn):
        reports = select_reports(conn, filters)
        n_findings = count_rows(conn, "findings", filters)
        n_audit = count_rows(conn, "audit", filters)
        edits = last_edits(conn, filters)
        # Saving (zipping the XML) costs about as much as writing a tenth of the rows.
        ticker = Ticker(progress, len(reports) + n_findings + n_audit + max(len(reports) // 10, 1))
        ticker.start()
        summary = ExportSummary(out, reports=len(reports))
        with atomic_output(out) as tmp:
            workbook = new_workbook(str(tmp))
            styles = DataStyles(workbook)
            for version, group in _by_layout(reports):
                summary.corrected_cells += write_summary(workbook, styles, version, group, conn, edits, ticker)
                summary.sheets.append(sheet_name(version))
            summary.findings = write_findings(workbook, styles, conn, filters, ticker)
            summary.audit = write_audit(workbook, styles, conn, filters, ticker)
            summary.sheets += [FINDINGS_SHEET, AUDIT_SHEET]
            save_workbook(workbook)
    ticker.advance(ticker.total)  # only now is the file there under its name
    summary.seconds = time.perf_counter() - started
    return summary


def _by_layout(reports: list[ReportRow]) -> list[tuple[str | None, list[ReportRow]]]:
    """Reports grouped by layout version, known versions in order, unrecognised last.

    With no report at all, one empty sheet of the newest layout still shows the columns.
    """
    groups: dict[str | None, list[ReportRow]] = {}
    for report in reports:
        groups.setdefault(report.layout, []).append(report)
    if not groups:
        from desktop.core.layouts import load_layouts

        return [(max(load_layouts()), [])]
    return sorted(groups.items(), key=lambda item: (item[0] is None, item[0] or ""))


def export_database(db: str | Path, out: str | Path, filters: ExportFilter | None = None,
                    progress: ProgressCallback | None = None) -> ExportSummary:
    """For the command line: open the database at *db*, export, close.

    A database path that does not exist is an error here, not a new empty database (which is what
    opening a Store would quietly create).
    """
    db = Path(db)
    if not db.is_file():
        raise ExportError(f"数据库文件“{db}”不存在；请用 --db 指定审校数据库",
                          f"No review database at “{db}”; give one with --db")
    with Store(db) as store:
        return export_store(store, Path(out), filters, progress)
