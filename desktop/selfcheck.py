"""``nianbao --self-check``: prove an installed copy works, headless, without touching the auditor's data.

It reads a bundled demo report, validates it, writes and re-reads a temporary database, exports a
temporary workbook, and prints each step. Used after a build and by support on an auditor's laptop.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from desktop import __version__
from desktop.core.resources import resource_path


def run_self_check(out: Callable[[str], None] = print) -> int:
    started = time.perf_counter()
    out(f"年报审校 Nianbao Review {__version__} 自检 / self-check (Python {sys.version.split()[0]})")
    demo = sorted(resource_path("demo").glob("*.pdf"))
    if not demo:
        out("失败：找不到自带的示例报告 / bundled demo reports missing")
        return 1
    try:
        _steps(demo[0], out)
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
            result = store.import_file(report_path, who="self-check")
            key = next(k for k, v in report.values().items() if v is not None)
            store.set_cell(result.report_id, key, report.values()[key], who="self-check", why="自检")
        with Store(db_path, read_only=True) as store:
            record = store.record(result.report_id)
            integrity = store.db.execute("PRAGMA integrity_check").fetchone()[0]
            if record.report.values() != report.values() or integrity != "ok":
                raise RuntimeError("数据库写入后读回不一致 / database round trip differs")
            out(f"数据库 / database: 写入并读回 {len(record.report.cells)} 个单元格，完整性检查 {integrity}")
            workbook = Path(tmp) / "selfcheck.xlsx"
            export_store(store, workbook)
            out(f"导出 / export: {workbook.name}，{workbook.stat().st_size // 1024} KB")
