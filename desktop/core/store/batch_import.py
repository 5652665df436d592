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
from desktop.core.readers import read_file_bytes, shown_path
from desktop.core.store.store import ImportResult, Store, unreadable_result


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
    digests: list[str] = []
    for position, path in enumerate(paths):
        shown = shown_path(path)  # a file name that is not valid UTF-8 is stored with "�"
        try:
            data = read_file_bytes(path)
        except Exception as exc:  # noqa: BLE001 - one file's failure is that file's outcome
            yield unreadable_result(shown, exc)
            continue
        digest = hashlib.sha256(data).hexdigest()
        existing = store.find_by_hash(digest)
        if existing is not None:
            yield ImportResult(shown, "present", existing)
            continue
        jobs.append(Job(data, shown))
        positions.append(position)
        digests.append(digest)
    relay = (lambda index, done, total: pages(positions[index], done, total)) if pages else None
    for index, outcome in read_all(jobs, workers, relay, cancelled):
        if outcome.report is None:
            yield ImportResult(jobs[index].source, "unreadable", reason=outcome.zh, reason_en=outcome.en)
            continue
        # the same bytes earlier in the batch are found here, stored once
        yield store.store_read(paths[positions[index]], jobs[index].data, digests[index], outcome.report, who)
