"""A batch of files into the database: read on every core, stored by this process alone.

The files are read by :mod:`desktop.core.batch` (a process pool) and stored here, one
transaction each, in the order it hands them back (text reports first, then scans). Bytes
already in the database, or twice in the batch, are found, not imported again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path

from desktop.core.batch import Job, PageEvent, read_all
from desktop.core.errors import UnreadableError
from desktop.core.readers import read_file_bytes
from desktop.core.store.store import ImportResult, Store


def import_files(
    store: Store,
    paths: list[Path],
    workers: int | None = None,
    pages: PageEvent | None = None,
    cancelled: Callable[[], bool] | None = None,
    who: str | None = None,
) -> Iterator[ImportResult]:
    """Each file's result as soon as it is settled: unreadable and present files first.

    ``workers``, ``pages`` and ``cancelled`` are those of :func:`desktop.core.batch.read_all`;
    ``pages`` is given the index of the file in ``paths``. A cancel raises
    :class:`~desktop.core.errors.Cancelled` and keeps the reports stored before it.
    """
    jobs: list[Job] = []
    positions: list[int] = []
    for position, path in enumerate(paths):
        try:
            data = read_file_bytes(path)
        except UnreadableError as exc:
            yield ImportResult(str(path), "unreadable", reason=exc.zh)
            continue
        existing = store.find_by_hash(hashlib.sha256(data).hexdigest())
        if existing is not None:
            yield ImportResult(str(path), "present", existing)
            continue
        jobs.append(Job(data, str(path)))
        positions.append(position)
    relay = (lambda index, done, total: pages(positions[index], done, total)) if pages else None
    for index, outcome in read_all(jobs, workers, relay, cancelled):
        path, data = paths[positions[index]], jobs[index].data
        if outcome.report is None:
            yield ImportResult(str(path), "unreadable", reason=outcome.zh)
            continue
        existing = store.find_by_hash(hashlib.sha256(data).hexdigest())  # the same bytes earlier in the batch
        if existing is not None:
            yield ImportResult(str(path), "present", existing)
            continue
        report_id = store.add_report(outcome.report, data, Path(path).name, str(Path(path).resolve()), who)
        yield ImportResult(str(path), "imported", report_id)
