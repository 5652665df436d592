"""Render the review window with real reports open and save PNGs for the README (a script, not a test).

``QT_QPA_PLATFORM=offscreen python tools/make_screenshots.py [OUT_DIR]``; needs fonts-noto-cjk.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop.gui.settings import Settings  # noqa: E402
from desktop.core.store import Store  # noqa: E402
from desktop.gui.app import create_application  # noqa: E402
from desktop.gui.main_window import MainWindow  # noqa: E402
from desktop.gui.qt import QtWidgets  # noqa: E402
from desktop.gui.tasks import TaskRunner  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT.parent / "shared" / "samples"
FIXTURES = ROOT / "tests" / "fixtures"
# A damaged report: the real sample 001 when ../shared is beside the repository, else our own copy of its damage.
DAMAGED = (SAMPLES / "001_40554284108e64e4.txt" if SAMPLES.is_dir()
           else FIXTURES / "damaged" / "d02_2020_garbled_labels.txt")


def settle(app: QtWidgets.QApplication, rounds: int = 30) -> None:
    """Let lazy page rendering and layouts finish before grabbing."""
    for _ in range(rounds):
        app.processEvents()
        QtWidgets.QApplication.instance().thread().msleep(20)


def shoot(window: MainWindow, app, path: Path) -> None:
    settle(app)
    window.grab().save(str(path))
    print("wrote", path)


def batch_and_keyboard(window: MainWindow, app, out: Path, ids: dict[str, int]) -> None:
    """The season at a glance (states counted, the list filtered), then a review by keyboard alone."""
    from PySide6.QtTest import QTest

    from desktop.gui.qt import Qt

    window.import_paths([str(FIXTURES / "contradictions" / "c01_2020_row_total.txt")])
    if window.last_message is not None:
        window.last_message.close()
    ids = {r["source_name"]: r["id"] for r in window.store.summaries()}
    for name, state in (("001_40554284108e64e4.txt", "done"), ("004_1d7a0b9061a21572.txt", "query")):
        if name in ids:
            window.store.set_review_state(ids[name], state, why="截图示例")
    window.report_list.load(window.store)
    window.findings.show_info.setChecked(False)
    window.open_report(ids["c01_2020_row_total.txt"])
    window.report_list.state_box.setCurrentIndex(window.report_list.state_box.findData("unreviewed"))
    window.activateWindow()
    settle(app)
    window.step_finding(True)  # F8: the error's suggested cell, in a focused grid
    shoot(window, app, out / "window_batch.png")
    for key in (Qt.Key_3, Qt.Key_5, Qt.Key_Return):  # one key at a time, to wherever the keyboard is
        QTest.keyClick(QtWidgets.QApplication.focusWidget(), key)
        settle(app, 3)
    window.tables.select_key("requests.partial.total")  # back on the corrected cell, to show it
    window.tables.current_view().setFocus()
    shoot(window, app, out / "window_keyboard.png")
    window.report_list.state_box.setCurrentIndex(0)


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    app = create_application("zh")
    tmp = Path(tempfile.mkdtemp(prefix="nianbao-shots-"))
    window = MainWindow(Store(tmp / "shots.sqlite"), Settings(), tmp / "settings.json", TaskRunner(synchronous=True))
    window.resize(1600, 1000)
    window.show()
    pdf = FIXTURES / "reports" / "f08_2020_docx_merged.pdf"
    contradiction = FIXTURES / "contradictions" / "c03_2021_balance.txt"
    window.import_paths([str(pdf), str(contradiction), str(DAMAGED)])
    ids = {r["source_name"]: r["id"] for r in window.store.summaries()}

    window.open_report(ids[pdf.name])
    window.tables.select_key("requests.disclosed.natural")
    shoot(window, app, out / "window_pdf.png")

    window.open_report(ids[contradiction.name])
    window.findings.step(True)
    shoot(window, app, out / "window_findings.png")

    window.open_report(ids[DAMAGED.name])
    window.findings.show_info.setChecked(True)
    window.tables.select_key("requests.withheld_law.total")
    shoot(window, app, out / "window_damaged_sample.png")

    batch_and_keyboard(window, app, out, ids)

    scan = FIXTURES / "scans" / "s08_2020_scan_noisy.pdf"  # a bad scan: three cells OCR is unsure of
    window.findings.show_info.setChecked(False)
    window.import_paths([str(scan)])
    while window.findings.step(True).finding.rule != "ocr.low_confidence":
        pass
    shoot(window, app, out / "window_scan.png")
    window.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests" / "screenshots")
