"""Files into the review database: read (on every core for a batch), checked, stored.

A batch's files are read by :mod:`desktop.core.batch` (a process pool) and stored here by this
process alone, one transaction each, in the order it hands them back (text reports first, then
scans). Bytes already in the database, or twice in the batch, are found, not imported again.
Whatever a file holds, its outcome is an :class:`ImportResult`: only the database itself failing
raises.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from desktop.core.batch import Job, PageEvent, read_all
from desktop.core.errors import Cancelled, StoreError, as_unreadable
from desktop.core.readers import PageProgress, read_file_bytes, shown_path
from desktop.core.report import ExtractedReport
from desktop.core.store.checking import recheck_years_after, rule_findings
from desktop.core.store.store import Store, current_user


@dataclass
class ImportResult:
    path: str
    status: str  # imported | present | unreadable
    report_id: int | None = None
    reason: str | None = None  # why the file is unreadable, in Chinese
    reason_en: str | None = None


def unreadable_result(shown: str, exc: BaseException) -> ImportResult:
    """A file that could not be read: its outcome, with the reason worded for the auditor."""
    reason = as_unreadable(exc)
    return ImportResult(shown, "unreadable", reason=reason.zh, reason_en=reason.en)


def import_file(
    store: Store,
    path: str | Path,
    who: str | None = None,
    progress: PageProgress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportResult:
    """Import one file in this process.

    ``progress`` and ``cancelled`` follow the OCR of a scan page by page; a cancelled import
    raises :class:`~desktop.core.errors.Cancelled` and stores nothing of that file. The
    database failing (locked by another program for longer than the wait, disk full) raises
    :class:`StoreError`.
    """
    from desktop.core.pipeline import extract_bytes

    shown = shown_path(path)
    found = _new_bytes(store, path)
    if isinstance(found, ImportResult):
        return found
    data, digest = found
    try:
        report = extract_bytes(data, shown, progress, cancelled)
    except (Cancelled, StoreError):
        raise
    except Exception as exc:  # noqa: BLE001 - one file's failure is that file's outcome
        return unreadable_result(shown, exc)
    return store_read(store, path, data, digest, report, who)


def _new_bytes(store: Store, path: str | Path) -> tuple[bytes, str] | ImportResult:
    """The file's bytes and their SHA-256, or its result when it cannot be read or is stored already."""
    shown = shown_path(path)  # a file name that is not valid UTF-8 is stored with "�"
    try:
        data = read_file_bytes(path)
    except Exception as exc:  # noqa: BLE001 - one file's failure is that file's outcome
        return unreadable_result(shown, exc)
    digest = hashlib.sha256(data).hexdigest()
    existing = store.find_by_hash(digest)
    if existing is not None:
        return ImportResult(shown, "present", existing)
    return data, digest


def store_read(store: Store, path: str | Path, data: bytes, digest: str, report: ExtractedReport,
               who: str | None = None) -> ImportResult:
    """A report read from ``path`` into the database, unless the same bytes are in already."""
    existing = store.find_by_hash(digest)
    if existing is not None:
        return ImportResult(shown_path(path), "present", existing)
    report_id = add_report(store, report, data, shown_path(Path(path).name), shown_path(Path(path).resolve()), who,
                           digest)
    return ImportResult(shown_path(path), "imported", report_id)


def add_report(store: Store, report: ExtractedReport, data: bytes, name: str, path: str | None,
               who: str | None = None, digest: str | None = None) -> int:
    """Store a new report; its rule findings, and those of the same agency's next year, are
    computed inside the write, against the previous year as the database holds it then.
    ``digest`` is the bytes' SHA-256 when the caller has it already."""
    digest = digest or hashlib.sha256(data).hexdigest()
    meta = report.meta
    with store.write() as conn:
        findings = rule_findings(report, store.year_values(meta.agency, meta.year and meta.year - 1))
        report_id = store.insert_report(conn, report, data, digest, name, path, who or current_user())
        store.insert_findings(conn, report_id, "rules", findings)
        recheck_years_after(store, conn, meta.agency, meta.year)
    return report_id


def import_files(
    store: Store,
    paths: list[Path],
    workers: int | None = None,
    pages: PageEvent | None = None,
    cancelled: Callable[[], bool] | None = None,
    who: str | None = None,
) -> Iterator[ImportResult]:
    """A batch read on every core (``workers`` processes), each file's result as soon as it is
    settled: unreadable and present files first, then text reports, then scans.

    ``workers``, ``pages`` and ``cancelled`` are those of :func:`desktop.core.batch.read_all`;
    ``pages`` is given the index of the file in ``paths``. A cancel raises
    :class:`~desktop.core.errors.Cancelled` and keeps the reports stored before it.
    """
    jobs: list[Job] = []
    positions: list[int] = []
    digests: list[str] = []
    for position, path in enumerate(paths):
        found = _new_bytes(store, path)
        if isinstance(found, ImportResult):
            yield found
            continue
        data, digest = found
        jobs.append(Job(data, shown_path(path)))
        positions.append(position)
        digests.append(digest)
    relay = (lambda index, done, total: pages(positions[index], done, total)) if pages else None
    for index, outcome in read_all(jobs, workers, relay, cancelled):
        if outcome.report is None:
            yield ImportResult(jobs[index].source, "unreadable", reason=outcome.zh, reason_en=outcome.en)
            continue
        # the same bytes earlier in the batch are found here, stored once
        yield store_read(store, paths[positions[index]], jobs[index].data, digests[index], outcome.report, who)
