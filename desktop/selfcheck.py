"""``nianbao --self-check``: prove an installed copy works, headless, without touching the auditor's data.

It reads a bundled demo report, validates it, writes and re-reads a temporary database, exports a
temporary workbook, and — when OCR is installed — reads the scanned demo report by OCR and checks
it against the same report's text PDF. It prints each step and writes them to ``self-check.txt``
in the data folder, since the windowed nianbao.exe has no console on Windows; the exit code is 0
only when every step passed. Used after a build (it is what proves that trimming the bundle left
OCR whole) and by support on an auditor's laptop.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from desktop import __version__
from desktop.core.resources import resource_path
from desktop.core.store.paths import app_data_dir
from desktop.core.store import import_file, set_cell

RESULT_NAME = "self-check.txt"


def run_self_check(out: Callable[[str], None] = print) -> int:
    """Run every step; the result file is what support asks for, as the windowed nianbao.exe prints nowhere."""
    lines: list[str] = []

    def say(line: str) -> None:
        lines.append(line)
        out(line)

    code = _run(say)
    result = app_data_dir() / RESULT_NAME
    try:
        result.parent.mkdir(parents=True, exist_ok=True)
        result.write_text("\n".join(lines) + "\n", encoding="utf-8")
        out(f"结果已写入 / result written to {result}")
    except OSError as exc:
        out(f"结果文件无法写入 / result file not written: {result}: {exc}")
    return code


def _run(out: Callable[[str], None]) -> int:
    started = time.perf_counter()
    out(f"年报审校 Nianbao Review {__version__} 自检 / self-check (Python {sys.version.split()[0]})")
    demo = sorted(resource_path("demo").glob("*.pdf"))
    if not demo:
        out("失败：找不到自带的示例报告 / bundled demo reports missing")
        return 1
    try:
        _steps(demo[0], out)
        _ocr_step(out)
    except Exception as exc:  # noqa: BLE001 - the self-check reports every failure, it never crashes
        out(f"失败 / FAILED: {type(exc).__name__}: {exc}")
        return 1
    out(f"自检通过 / self-check passed in {time.perf_counter() - started:.1f} s")
    return 0


def _steps(report_path: Path, out: Callable[[str], None]) -> None:
    from desktop.core.export import export_store
    from desktop.core.pipeline import analyse_file
    from desktop.core.store import Store

    report = analyse_file(report_path)
    filled = sum(v is not None for v in report.values().values())
    errors = sum(f.severity.value == "error" for f in report.findings)
    out(f"读取 / read: {report_path.name}: {report.format} 版格式，{filled}/{len(report.cells)} 个单元格，错误 {errors} 个")
    if report.format is None or filled == 0:
        raise RuntimeError("示例报告没有读出表格 / no table read from the demo report")
    with tempfile.TemporaryDirectory(prefix="nianbao-selfcheck-") as tmp:
        db_path = Path(tmp) / "selfcheck.sqlite"
        with Store(db_path) as store:
            result = import_file(store, report_path, who="self-check")
            key = next(k for k, v in report.values().items() if v is not None)
            set_cell(store, result.report_id, key, report.values()[key], who="self-check", why="自检")
        with Store(db_path, read_only=True) as store:
            record = store.record(result.report_id)
            integrity = store.db.execute("PRAGMA integrity_check").fetchone()[0]
            if record.report.values() != report.values() or integrity != "ok":
                raise RuntimeError("数据库写入后读回不一致 / database round trip differs")
            out(f"数据库 / database: 写入并读回 {len(record.report.cells)} 个单元格，完整性检查 {integrity}")
            workbook = Path(tmp) / "selfcheck.xlsx"
            export_store(store, workbook)
            out(f"导出 / export: {workbook.name}，{workbook.stat().st_size // 1024} KB")
        _window_step(db_path, result.report_id, out)


def _window_step(db_path: Path, report_id: int, out: Callable[[str], None]) -> None:
    """Open the report in the main window and draw it: proves Qt, its plugins and its ICU data load.

    The build drops Qt plugins, libraries and ICU data the app does not use; this is the step that
    would fail if one it does use went too. Off screen unless QT_QPA_PLATFORM says otherwise, so it
    also runs over ssh; the settings file is the temporary folder's, never the auditor's.
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desktop.gui.settings import Settings
    from desktop.core.store import Store
    from desktop.gui.app import create_application
    from desktop.gui.main_window import MainWindow
    from desktop.gui.qt import QtCore, QtGui
    from desktop.gui.tasks import TaskRunner

    app = create_application("zh")
    # Off screen under Wine Qt finds no font at all; the Wine build names a CJK font file to draw with.
    font_file = os.environ.get("NIANBAO_SELFCHECK_FONT")
    if font_file and not QtGui.QFontDatabase.families():
        QtGui.QFontDatabase.addApplicationFont(font_file)
    with Store(db_path) as store:
        window = MainWindow(store, Settings(), db_path.with_suffix(".json"), TaskRunner(synchronous=True))
        window.open_report(report_id)
        drawn = window.grab().size()
        window.close()
    # Pinyin order, from ICU's Chinese collation data: without it 上 (U+4E0A) sorts before 北 (U+5317).
    order = sorted(["上海", "北京"], key=QtCore.QCollator(QtCore.QLocale("zh_CN")).sortKey)
    out(f"窗口 / window: Qt {QtCore.qVersion()} {app.platformName()}，报告已打开并绘制 {drawn.width()}×{drawn.height()}，"
        f"中文排序 {' < '.join(order)}，字体 {QtGui.QFontInfo(window.font()).family() or '无 / none'}")
    if window.session is None or order != ["北京", "上海"]:
        raise RuntimeError("窗口未能打开报告或中文排序有误 / the window did not open the report, or sorts Chinese wrongly")


# The scanned demo is the 2021 text-PDF demo printed and scanned (tests/fixtures/make_scans.py).
SCANNED_DEMO = "示例6 2021年度报告（扫描件，需文字识别）.pdf"
TEXT_DEMO = "示例2 2021年度报告（2021版格式，PDF）.pdf"


def _ocr_step(out: Callable[[str], None]) -> None:
    """Read the scanned demo by OCR; every cell must equal the text PDF's."""
    from desktop.core import ocr
    from desktop.core.pipeline import extract_file

    if not ocr.available():
        out("文字识别 / OCR: 未安装（扫描件将以空白表格打开）/ not included (scans open with empty tables)")
        return
    started = time.perf_counter()
    scanned = extract_file(resource_path("demo", SCANNED_DEMO)).values()
    expected = extract_file(resource_path("demo", TEXT_DEMO)).values()
    right = sum(scanned.get(k) == v for k, v in expected.items())
    out(f"文字识别 / OCR: {SCANNED_DEMO}: {right}/{len(expected)} 个单元格与原件一致，"
        f"用时 {time.perf_counter() - started:.1f} s")
    if right != len(expected):
        raise RuntimeError("扫描件识别结果与原件不一致 / OCR of the scanned demo differs from the original")
