"""The background-task helper: results, errors and progress arrive on the GUI thread via signals."""

from __future__ import annotations

import threading

from desktop.core.errors import StoreError
from desktop.gui.tasks import TaskRunner


def test_result_progress_and_thread(qtbot):
    runner = TaskRunner()
    seen = {}
    progress = []

    def work(ctx):
        seen["thread"] = threading.current_thread() is threading.main_thread()
        for i in range(3):
            ctx.progress(i + 1, 3, f"step {i}")
        return 42

    with qtbot.waitCallback() as done:
        runner.submit(work, on_done=done, on_failed=lambda m: None, on_progress=lambda *a: progress.append(a))
    done.assert_called_with(42)
    assert seen["thread"] is False
    qtbot.waitUntil(lambda: len(progress) == 3)
    assert progress[-1] == (3, 3, "step 2")


def test_partial_results_arrive_on_the_gui_thread_before_the_end(qtbot):
    runner = TaskRunner()
    arrived = []

    def work(ctx):
        for name in ("a.pdf", "b.pdf"):
            ctx.partial(name)
        return "done"

    def got(piece):
        arrived.append((piece, threading.current_thread() is threading.main_thread()))

    with qtbot.waitCallback() as done:
        runner.submit(work, on_done=done, on_failed=lambda m: None, on_partial=got)
    done.assert_called_with("done")
    assert arrived == [("a.pdf", True), ("b.pdf", True)]


def test_auditor_error_becomes_its_chinese_message(qtbot):
    runner = TaskRunner()

    def work(ctx):
        raise StoreError("磁盘已满", "disk full")

    with qtbot.waitCallback() as failed:
        runner.submit(work, on_done=lambda r: None, on_failed=failed)
    failed.assert_called_with("磁盘已满")


def test_cancel_is_seen_by_the_worker(qtbot):
    runner = TaskRunner(synchronous=True)
    steps = []

    def work(ctx):
        for i in range(100):
            if ctx.cancelled:
                break
            steps.append(i)
            if i == 4:
                ctx.cancelled = True  # what the Cancel button does from the GUI thread
        return len(steps)

    results = []
    runner.submit(work, on_done=results.append, on_failed=lambda m: None)
    assert results == [5]
