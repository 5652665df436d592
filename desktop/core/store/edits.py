"""Changes to a stored report that change what the rules say: a corrected cell or meta field, a new
reading of its source, another layout.

Each commits the change, its audit row and the recomputed findings (the report's and its next
year's) in one transaction, so once an edit is saved nothing after it can fail.
"""

from __future__ import annotations

from collections.abc import Callable

from desktop import __version__
from desktop.core.catalogue import finding
from desktop.core.errors import StoreError
from desktop.core.findings import Finding
from desktop.core.layouts import get_layout
from desktop.core.readers import PageProgress
from desktop.core.report import ExtractedReport, Number
from desktop.core.store.checking import recheck_years_after, rule_findings
from desktop.core.store.store import META_FIELDS, ReportRecord, Store, current_user


def set_cell(store: Store, report_id: int, key: str, value: Number | None, who: str | None = None,
             why: str | None = None) -> ReportRecord:
    """Correct one cell.

    The old value and the findings are read and computed inside the write transaction, so an
    edit made meanwhile by another window or process is what the audit row calls ``old`` and
    what the findings are checked against.
    """
    record: ReportRecord | None = None
    old: Number | None = None
    try:
        with store.write() as conn:
            record = store.record(report_id)
            if key not in record.report.cells:
                raise StoreError(f"报告中没有单元格 {key}", f"The report has no cell {key}")
            old = record.report.cells[key].value
            if old == value and type(old) is type(value):
                return record
            extracted = record.extracted.get(key)
            is_corrected = value != extracted or type(value) is not type(extracted)
            corrected = record.corrected | {key} if is_corrected else record.corrected - {key}
            record.report.cells[key].value = value
            findings = rule_findings(record.report, store.previous_year_values(record), record, corrected)
            store.update_cell(conn, report_id, key, value, is_corrected)
            store.audit(conn, report_id, "edit", key, old, value, who or current_user(), why)
            store.replace_findings(conn, report_id, "rules", findings)
            store.touch(conn, report_id)
            recheck_years_after(store, conn, record.report.meta.agency, record.report.meta.year)
    except BaseException:
        if record is not None and key in record.report.cells:
            record.report.cells[key].value = old
        raise
    record.corrected = corrected
    store.refresh(record)
    return record


def set_meta(store: Store, report_id: int, name: str, value: str | int | None, who: str | None = None,
             why: str | None = None) -> ReportRecord:
    """Correct what the reader got wrong about the report itself (agency, year or published date);
    the audit row's key is ``meta.<name>``."""
    if name not in META_FIELDS:
        raise ValueError(name)
    record = store.record(report_id)
    old = getattr(record.report.meta, name)
    if old == value:
        return record
    setattr(record.report.meta, name, value)
    try:
        findings = rule_findings(record.report, store.previous_year_values(record), record)
        with store.write() as conn:
            store.update_meta(conn, report_id, name, value)
            store.audit(conn, report_id, "edit", f"meta.{name}", old, value, who or current_user(), why)
            store.replace_findings(conn, report_id, "rules", findings)
            store.touch(conn, report_id)
    except BaseException:
        setattr(record.report.meta, name, old)
        raise
    store.refresh(record)
    return record


def reextract(
    store: Store,
    report_id: int,
    who: str | None = None,
    progress: PageProgress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ReportRecord:
    """Read the stored source again (e.g. after an upgrade), keeping every correction.

    Where the new reading of a corrected cell differs from the old reading, a warning says so:
    the correction may now be unnecessary, or the new extractor may be wrong. A scan is read
    by OCR again (``progress``, ``cancelled`` as for an import).
    """
    from desktop.core.pipeline import extract_bytes

    record = store.record(report_id)
    fresh = extract_bytes(store.source_bytes(report_id), record.report.source, progress, cancelled)
    return _replace_extraction(store, report_id, fresh, "reextract", None, __version__, who)


def set_layout(store: Store, report_id: int, version: str, who: str | None = None) -> ReportRecord:
    """Read the report's tables as the layout the auditor names, keeping every correction that fits.

    For a report whose layout could not be told (a scan read without OCR, a report without the
    headers that tell the versions apart) or was told wrong. The stored document is mapped
    again, so a scan is never sent through OCR for this.
    """
    from desktop.core.extract import extract_document

    record = store.record(report_id)
    get_layout(version)  # an unknown version fails here, before anything changes
    if record.report.format == version:
        return record
    fresh = extract_document(record.report.document, version)
    return _replace_extraction(store, report_id, fresh, "layout", record.report.format, version, who)


def _replace_extraction(store: Store, report_id: int, fresh: ExtractedReport, action: str, old: str | None,
                        new: str, who: str | None) -> ReportRecord:
    """Swap in a new extraction of a stored report in one transaction, corrections carried over.

    Corrections of cells the new extraction has are kept (cells of another layout's rows are
    dropped; their edits stay in the audit trail); the audit row records ``action`` from
    ``old`` to ``new``. The corrections are read inside the transaction, so one saved by
    another window while the file was being read again is kept too.
    """
    fresh_extracted = fresh.values()
    who = who or current_user()
    with store.write() as conn:
        record = store.record(report_id)
        corrected = {key for key in record.corrected if key in fresh.cells}
        conflicts: list[Finding] = []
        for key in corrected:
            cell = fresh.cells[key]
            if cell.value != record.extracted.get(key):
                conflicts.append(_conflict(fresh, key, record.extracted.get(key), cell.value,
                                           record.report.cells[key].value))
            cell.value = record.report.cells[key].value
        findings = rule_findings(fresh, store.previous_year_values(record), corrected=corrected)
        store.replace_reading(conn, report_id, fresh, fresh_extracted, corrected)
        store.replace_findings(conn, report_id, "extract", fresh.findings)
        store.replace_findings(conn, report_id, "store", conflicts)
        store.replace_findings(conn, report_id, "rules", findings)
        store.audit(conn, report_id, action, None, old, new, who, None)
        store.touch(conn, report_id)
        recheck_years_after(store, conn, fresh.meta.agency, fresh.meta.year)
    return store.record(report_id)


def _conflict(report: ExtractedReport, key: str, old: Number | None, new: Number | None, corrected: Number | None) -> Finding:
    label = report.layout.label(key) if report.layout else key
    return finding(
        "store.reextract_conflict",
        f"{label}：重新提取读到 {new}，与原先提取的 {old} 不同；保留了人工更正值 {corrected}，请复核",
        (key,), report.cells[key].locations,
    )
