"""The work the window sends off the GUI thread. Plain functions: each opens its own Store."""

from __future__ import annotations

from pathlib import Path

from desktop.core.errors import Cancelled
from desktop.core.files import iter_report_files
from desktop.core.readers import PageProgress
from desktop.core.store import ImportResult, Store, import_file, reextract, set_layout
from desktop.gui.qt import QtCore
from desktop.gui.tasks import TaskContext

STEPS = 100  # progress units per file, so the pages of a scan move the bar within its file


def report_files(paths: list[str]) -> list[Path]:
    """Every file to import and every path the import refuses by name (missing, a pipe, a subfolder
    that cannot be opened); a named folder without reports is left out for the window's notice."""
    named_folders = {p for p in map(Path, paths) if p.is_dir()}
    return [p for p in iter_report_files(paths) if p not in named_folders]


def import_paths(ctx: TaskContext, db_path: Path, files: list[Path]) -> list[ImportResult]:
    """Import files one by one, reporting progress (page by page for scans) and each result.

    Cancel stops before the next file, or between two OCR pages of a scan, which is then not
    imported at all; the files done before are kept.
    """
    results: list[ImportResult] = []
    total = len(files) * STEPS
    with Store(db_path, timeout=30) as store:
        for index, path in enumerate(files):
            if ctx.cancelled:
                break
            label = QtCore.QCoreApplication.translate("Workers", "正在导入 {0}（{1}/{2}）")
            ctx.progress(index * STEPS, total, label.format(path.name, index + 1, len(files)))
            try:
                result = import_file(store, path, progress=ocr_progress(ctx, path.name, index, total),
                                           cancelled=lambda: ctx.cancelled)
            except Cancelled:
                break
            results.append(result)
            ctx.partial(result)
        ctx.progress(total, total, "")
    return results


def reread_report(ctx: TaskContext, db_path: Path, report_id: int, name: str) -> int | None:
    """Re-extract one stored report (OCR again for a scan); None when cancelled, nothing changed."""
    with Store(db_path, timeout=30) as store:
        try:
            reextract(store, report_id, progress=ocr_progress(ctx, name, 0, STEPS), cancelled=lambda: ctx.cancelled)
        except Cancelled:
            return None
    return report_id


def ocr_progress(ctx: TaskContext, name: str, index: int, total: int) -> PageProgress:
    """Pages of a scan read so far, as progress within the file's share of the bar."""

    def report(done: int, pages: int) -> None:
        label = QtCore.QCoreApplication.translate("Workers", "正在识别 {0}（文字识别）：已完成 {1}/{2} 页")
        ctx.progress(index * STEPS + done * STEPS // max(pages, 1), total, label.format(name, done, pages))

    return report


def choose_layout(ctx: TaskContext, db_path: Path, report_id: int, version: str) -> int:
    """Map a stored report again as the layout the auditor chose (no OCR: the stored text is used)."""
    with Store(db_path, timeout=30) as store:
        set_layout(store, report_id, version)
    return report_id
