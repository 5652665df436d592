"""The one way long work leaves the GUI thread: a QRunnable with progress, result and error signals.

Workers never touch widgets; they report through signals that Qt delivers on the GUI thread.
Database work gets its own single-thread pool so writes from workers are serialised.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from desktop.core.errors import AuditorError
from desktop.gui.qt import QtCore, Signal


class TaskContext:
    """What a worker function sees: a way to report progress and to notice Cancel."""

    def __init__(self, signals: _Signals):
        self._signals = signals
        self.cancelled = False

    def progress(self, done: int, total: int, label: str = "") -> None:
        self._signals.progress.emit(done, total, label)

    def partial(self, result: Any) -> None:
        """Hand over one finished piece (one imported file) while the rest is still being done."""
        self._signals.partial.emit(result)


class _Signals(QtCore.QObject):
    progress = Signal(int, int, str)
    partial = Signal(object)
    finished = Signal(object)
    failed = Signal(str)


class Task(QtCore.QRunnable):
    def __init__(self, fn: Callable[[TaskContext], Any]):
        super().__init__()
        self.signals = _Signals()
        self.context = TaskContext(self.signals)
        self._fn = fn
        self.setAutoDelete(False)  # the runner keeps it until it has reported

    def cancel(self) -> None:
        self.context.cancelled = True

    def run(self) -> None:
        try:
            result = self._fn(self.context)
        except AuditorError as exc:
            self.signals.failed.emit(exc.zh)
        except Exception as exc:  # noqa: BLE001 - shown to the auditor instead of killing the app
            self.signals.failed.emit(f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=3)}")
        else:
            self.signals.finished.emit(result)


class TaskRunner(QtCore.QObject):
    """Starts tasks on a thread pool; ``synchronous`` runs them inline (tests, deterministic order)."""

    def __init__(self, parent: QtCore.QObject | None = None, synchronous: bool = False):
        super().__init__(parent)
        self.synchronous = synchronous
        self.pool = QtCore.QThreadPool(self)
        self.db_pool = QtCore.QThreadPool(self)
        self.db_pool.setMaxThreadCount(1)
        self._running: set[Task] = set()

    def submit(self, fn: Callable[[TaskContext], Any], *, on_done: Callable[[Any], None],
               on_failed: Callable[[str], None], on_progress: Callable[[int, int, str], None] | None = None,
               on_partial: Callable[[Any], None] | None = None, db: bool = False) -> Task:
        task = Task(fn)
        task.signals.finished.connect(on_done)
        task.signals.failed.connect(on_failed)
        if on_progress is not None:
            task.signals.progress.connect(on_progress)
        if on_partial is not None:
            task.signals.partial.connect(on_partial)
        task.signals.finished.connect(lambda _=None, t=task: self._running.discard(t))
        task.signals.failed.connect(lambda _=None, t=task: self._running.discard(t))
        self._running.add(task)
        if self.synchronous:
            task.run()
        else:
            (self.db_pool if db else self.pool).start(task)
        return task

    def is_running(self, task: Task) -> bool:
        return task in self._running

    def wait(self, msecs: int = 30000) -> bool:
        return self.pool.waitForDone(msecs) and self.db_pool.waitForDone(msecs)
