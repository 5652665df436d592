"""The work the window sends off the GUI thread. Plain functions: each opens its own Store."""

from __future__ import annotations

from pathlib import Path

from desktop.core.files import iter_report_files
from desktop.core.store import ImportResult, Store
from desktop.gui.qt import QtCore
from desktop.gui.tasks import TaskContext


def report_files(paths: list[str]) -> list[Path]:
    return [p for p in iter_report_files(paths) if p.is_file()] + [p for p in map(Path, paths) if not p.exists()]


def import_paths(ctx: TaskContext, db_path: Path, files: list[Path]) -> list[ImportResult]:
    """Import files one by one, reporting progress; Cancel stops before the next file, keeping what is done."""
    results: list[ImportResult] = []
    with Store(db_path, timeout=30) as store:
        for index, path in enumerate(files):
            if ctx.cancelled:
                break
            label = QtCore.QCoreApplication.translate("Workers", "正在导入 {0}（{1}/{2}）")
            ctx.progress(index, len(files), label.format(path.name, index + 1, len(files)))
            results.append(store.import_file(path))
        ctx.progress(len(files), len(files), "")
    return results
