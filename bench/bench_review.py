"""Reviewing the demo reports by keyboard (a script, not a test):
``QT_QPA_PLATFORM=offscreen python bench/bench_review.py [--no-scan]``.

The window is driven with real key events, as an auditor who never touches the mouse would: for
each report, F8 to the next open error, Ctrl+Shift+A to take the value it suggests (or F9 and a
comment to acknowledge an error that suggests none), and Ctrl+Enter to mark the report 已完成 and
open the next one. Three contradiction fixtures whose errors each
suggest a value join the demo reports. Prints the keys each report took and how long each kind of key takes from the
key press until the window has drawn what changed. Targets: a report without errors in ≤ 2 keys, each error
fixed in ≤ 4.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ACK_COMMENT = "已核对原件"  # what the auditor types when an error suggests no value
HERE = Path(__file__).resolve().parents[1] / "tests"  # the fixtures the figures are measured on
# The demo's one report with errors (示例4) breaks a balance, where no single cell can be named; these
# fixtures each have an error that names the cell to fix and its value, the path of most arithmetic errors.
SUGGESTED_FIXES = [HERE / "fixtures" / "contradictions" / name for name in (
    "c01_2020_row_total.txt", "c05_2020_appeals_total.txt", "c06_2023_appeals_total.txt")]


class Keyboard:
    """Sends keys where the focus is, counts them, and times each until the window has drawn what changed."""

    def __init__(self, app, window):
        self.app, self.window = app, window
        self.count = 0
        self.timings: dict[str, list[float]] = defaultdict(list)

    def press(self, name: str, key, modifier=None, text: str = "", target=None) -> None:
        from desktop.gui.qt import QtCore, QtGui, QtWidgets, Qt
        from PySide6.QtTest import QTest

        self._activate()
        target = target or QtWidgets.QApplication.focusWidget() or self.window
        start = time.perf_counter()
        if text:
            QtWidgets.QApplication.sendEvent(target, QtGui.QKeyEvent(QtCore.QEvent.KeyPress, 0, Qt.NoModifier, text))
        else:
            QTest.keyClick(target, key, modifier or Qt.NoModifier)
        self._settle()
        self.timings[name].append((time.perf_counter() - start) * 1000)
        self.count += 1

    def _activate(self) -> None:
        """Do the window manager's part: when a dialog closes, the main window is active again.

        The offscreen platform leaves no window active after a dialog or message box closes, and
        shortcuts reach only the active window.
        """
        from desktop.gui.qt import QtWidgets

        for _ in range(50):
            if QtWidgets.QApplication.activeModalWidget() is not None or QtWidgets.QApplication.activeWindow():
                return
            self.window.activateWindow()
            self.app.processEvents()
        raise SystemExit("the window never became active again; shortcuts would go nowhere")

    def _settle(self) -> None:
        """Until the queued work the key started is done and the parts it changed are drawn again
        (Qt paints what was marked dirty while it processes events)."""
        for _ in range(3):
            self.app.processEvents()


def review_one(keys: Keyboard, window) -> dict:
    """Keys until the open report is 已完成 and the next one is open (or the batch is through)."""
    from desktop.gui.qt import QtCore, Qt

    report_id, before = window.session.report_id, keys.count
    errors = window.session.open_errors()
    for _ in range(100):  # a bound, so a key that does nothing fails the run instead of hanging it
        if not window.session.open_errors():
            break
        keys.press("F8 to the next finding", Qt.Key_F8)
        finding = window.findings.current()
        if finding is None or finding.finding.severity.value != "error":
            continue
        if finding.finding.suggestion:
            keys.press("Ctrl+Shift+A: take the suggestion", Qt.Key_A, Qt.ControlModifier | Qt.ShiftModifier)
        else:
            QtCore.QTimer.singleShot(0, lambda: _type_comment(keys))
            keys.press("F9, comment typed, Enter (the whole exchange)", Qt.Key_F9)
    keys.press("Ctrl+Enter: done and next", Qt.Key_Return, Qt.ControlModifier)
    state = window.store.record(report_id).state
    return {"id": report_id, "name": window.store.record(report_id).source_name, "errors": errors,
            "keys": keys.count - before, "state": state}


def _type_comment(keys: Keyboard) -> None:
    """The comment prompt is modal: type into it as the auditor would, then Enter."""
    from desktop.gui.qt import QtWidgets, Qt

    dialog = QtWidgets.QApplication.activeModalWidget()
    if dialog is None:
        return
    field = dialog.findChild(QtWidgets.QLineEdit)
    field.setFocus()
    for ch in ACK_COMMENT:
        keys.press("typing a comment", None, text=ch, target=field)
    keys.press("typing a comment", Qt.Key_Return, target=field)


def main(argv: list[str]) -> None:
    from desktop.core.resources import resource_path
    from desktop.gui.settings import Settings
    from desktop.core.store import Store
    from desktop.gui.app import create_application
    from desktop.gui.main_window import MainWindow
    from desktop.gui.qt import QtWidgets
    from desktop.gui.tasks import TaskRunner

    app = create_application("zh")
    tmp = Path(tempfile.mkdtemp(prefix="nianbao-bench-review-"))
    files = sorted(resource_path("demo").iterdir())
    if "--no-scan" in argv:
        files = [f for f in files if "扫描" not in f.name]
    files += SUGGESTED_FIXES
    window = MainWindow(Store(tmp / "review.sqlite"), Settings(), tmp / "settings.json", TaskRunner(synchronous=True))
    window.resize(1600, 1000)
    window.show()
    window.windowHandle().requestActivate()
    app.processEvents()
    window.import_paths([str(f) for f in files])
    if window.last_message is not None:  # the import summary: read, closed (its window goes before we go on)
        window.last_message.close()
        for _ in range(5):
            app.processEvents()
    window.activateWindow()
    window.report_list.select(window.report_list.proxy.visible_ids()[0])
    keys = Keyboard(app, window)
    results = []
    while window.session is not None and window.store.record(window.session.report_id).state != "done":
        results.append(review_one(keys, window))
        if len(results) > len(files):
            raise SystemExit("Ctrl+Enter did not move on: " + repr(results[-1]))
    print(f"{len(results)} reports reviewed by keyboard only, {keys.count} keys in all:")
    for r in results:
        print(f"  {r['name']}: {r['errors']} open errors, {r['keys']} keys → {r['state']}")
    for label, rows in (("without errors", [r for r in results if not r["errors"]]),
                        ("with errors", [r for r in results if r["errors"]])):
        if rows:
            print(f"  reports {label}: {max(r['keys'] for r in rows)} keys at most, "
                  f"{sum(r['keys'] for r in rows) / sum(max(r['errors'], 1) for r in rows):.1f} per "
                  f"{'error' if rows[0]['errors'] else 'report'} on average")
    for name, times in keys.timings.items():
        print(f"  {name}: key to screen median {statistics.median(times):.1f} ms, slowest {max(times):.1f} ms "
              f"({len(times)} presses)")
    assert QtWidgets.QApplication.activeModalWidget() is None
    window.close()


if __name__ == "__main__":
    main(sys.argv[1:])
