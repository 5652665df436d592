"""Many reports read at once: one process per core, the results handed back in a fixed order.

Reading is CPU-bound Python (the PDF reader's words and tables, the mapper) and OCR, so threads
would queue on the GIL; a pool of processes uses every core. Only reading runs in the pool: the caller keeps the one
database writer and stores what comes back, in the order this module yields it.

That order lists text reports first: a scan takes seconds a page, and the auditor should see
the text reports of a batch while the scans are still being read. The pool is fed in the same
order. Scans spread among the text reports were tried (to keep both cores busy to the end): the
last text report then waited for the scans before it, 245 s into a season of 200 instead of
about 30 s, while the tail a last scan leaves on one core is a few seconds.

Processes are started with ``spawn`` on every platform: it is what Windows does anyway, and a
forked copy of the window's process would inherit Qt's threads.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from typing import Any

from desktop.core.errors import Cancelled, as_unreadable
from desktop.core.ocr import engine
from desktop.core.pdfium_lock import PDFIUM_LOCK
from desktop.core.pipeline import extract_bytes
from desktop.core.report import ExtractedReport

# How often the caller hears about OCR pages and is asked whether to cancel, in seconds.
POLL = 0.1
# Starting a pool costs about a second (each process imports the readers) and a text report reads
# in about a tenth of one: left to choose, a batch with fewer files and fewer than two scans reads
# sooner in this process.
POOL_FROM_FILES = 12
POOL_FROM_SCANS = 2

PageEvent = Callable[[int, int, int], None]  # (index of the job, pages done, pages to do)


@dataclass(frozen=True)
class Job:
    """One file's bytes to read, and the name its findings and provenance are given."""

    data: bytes
    source: str


@dataclass(frozen=True)
class Outcome:
    """A job's report, or why it could not be read (the reason in Chinese and English)."""

    report: ExtractedReport | None
    zh: str | None = None
    en: str | None = None


def default_workers() -> int:
    """The cores this process may run on (fewer than the machine has under a CPU limit)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # Windows and macOS have no affinity call
        return max(1, os.cpu_count() or 1)


def looks_scanned(job: Job) -> bool:
    """Whether a PDF's first page has no text layer: a scan, for OCR. Cheap (pdfium, one page).

    Only the order of the batch depends on it, so a file pdfium cannot open counts as text and
    the reader says what is wrong with it.
    """
    if not job.data.startswith(b"%PDF"):
        return False
    import pypdfium2 as pdfium

    with PDFIUM_LOCK:
        try:
            pdf = pdfium.PdfDocument(job.data)
        except pdfium.PdfiumError:
            return False
        try:
            if len(pdf) == 0:
                return False
            page = pdf[0]
            text = page.get_textpage()
            empty = text.count_chars() == 0
            text.close()
            page.close()
            return empty
        finally:
            pdf.close()


def listing_order(jobs: list[Job], scans: list[bool]) -> list[int]:
    """Text reports in the caller's order, then the scans in theirs."""
    return [i for i in range(len(jobs)) if not scans[i]] + [i for i in range(len(jobs)) if scans[i]]


def pool_size(scans: list[bool]) -> int:
    """One process per core for a batch big enough to repay starting them, else this one."""
    if len(scans) < POOL_FROM_FILES and sum(scans) < POOL_FROM_SCANS:
        return 1
    return min(default_workers(), len(scans))


def read_all(
    jobs: list[Job],
    workers: int | None = None,
    pages: PageEvent | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Iterator[tuple[int, Outcome]]:
    """Each job's index and outcome, text reports first (see :func:`listing_order`).

    ``workers`` is the pool size; None chooses (:func:`pool_size`). One worker reads in this
    process. ``pages`` hears about OCR pages as they are read. ``cancelled`` is asked between
    pages and while waiting; once it says yes nothing more is yielded and :class:`Cancelled`
    is raised, so a half-read scan is never handed back.
    """
    cancelled = cancelled or (lambda: False)
    scans = [looks_scanned(job) for job in jobs]
    order = listing_order(jobs, scans)
    workers = min(workers, len(jobs)) if workers else pool_size(scans)
    if workers <= 1:
        for index in order:
            if cancelled():
                raise Cancelled()
            progress = (lambda done, total, i=index: pages(i, done, total)) if pages else None
            yield index, _read(jobs[index], progress, cancelled)
        return
    yield from _read_in_pool(jobs, order, workers, pages, cancelled)


def _read_in_pool(
    jobs: list[Job],
    order: list[int],
    workers: int,
    pages: PageEvent | None,
    cancelled: Callable[[], bool],
) -> Iterator[tuple[int, Outcome]]:
    context = multiprocessing.get_context("spawn")
    stop = context.Event()
    events = context.SimpleQueue()  # written straight to the pipe: a job's pages are there before its result
    cores = max(1, default_workers() // workers)
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                               initargs=(stop, events, cores))
    try:
        futures: dict[int, Future] = {}
        for index in order:
            futures[index] = pool.submit(_read_job, index, jobs[index])
        for index in order:
            future = futures.pop(index)  # handed on, not kept: a season of reports stays out of memory
            while True:
                _relay(events, pages)
                if cancelled():
                    stop.set()
                    raise Cancelled()
                if wait([future], timeout=POLL).done:
                    break
            _relay(events, pages)
            yield index, future.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        events.close()


def _relay(events: Any, pages: PageEvent | None) -> None:
    """Pass on the OCR page events the workers have sent so far."""
    while not events.empty():
        event = events.get()
        if pages:
            pages(*event)


def _read(job: Job, progress: Callable[[int, int], None] | None, cancelled: Callable[[], bool]) -> Outcome:
    try:
        return Outcome(extract_bytes(job.data, job.source, progress, cancelled))
    except Cancelled:
        raise
    except Exception as exc:  # noqa: BLE001 - one file's failure is that file's outcome, never the batch's
        reason = as_unreadable(exc)
        return Outcome(None, reason.zh, reason.en)


# --------------------------------------------------------------------------------------------
# In a worker process

_stop: Any = None
_events: Any = None


def _start_worker(stop: Any, events: Any, cores: int) -> None:
    """Keep the pool's cancel flag and event queue; OCR gets this process's share of the cores."""
    global _stop, _events
    _stop, _events = stop, events
    engine.use_cores(cores)


def _read_job(index: int, job: Job) -> Outcome:
    if _stop.is_set():
        raise Cancelled()
    return _read(job, lambda done, total: _events.put((index, done, total)), _stop.is_set)
