"""The work the window sends off the GUI thread. Plain functions: each opens its own Store."""

from __future__ import annotations

from pathlib import Path

from desktop.core.errors import Cancelled
from desktop.core.files import iter_report_files
from desktop.core.readers import PageProgress, shown_path
from desktop.core.store import ImportResult, Store, import_files, reextract, set_layout
from desktop.gui.qt import QtCore
from desktop.gui.tasks import TaskContext

STEPS = 100  # progress units per file, so the pages of a scan move the bar within its file


def report_files(paths: list[str]) -> list[Path]:
    """Every file to import and every path the import refuses by name (missing, a pipe, a subfolder
    that cannot be opened); a named folder without reports is left out for the window's notice."""
    named_folders = {p for p in map(Path, paths) if p.is_dir()}
    return [p for p in iter_report_files(paths) if p not in named_folders]


def import_paths(ctx: TaskContext, db_path: Path, files: list[Path], workers: int | None = None) -> list[ImportResult]:
    """Import a batch read on every core (``workers`` processes, None: the batch chooses), each result
    handed on as soon as it is stored: text reports first, then scans, whose pages move the bar.

    Cancel stops the batch while it waits or between two OCR pages; a half-read scan is not
    imported, and the files stored before are kept.
    """
    results: list[ImportResult] = []
    reading: dict[str, tuple[int, int]] = {}  # scans being read, by name as shown: (pages done, pages)
    total = len(files) * STEPS

    def show(text: str) -> None:
        within = sum(done * STEPS // max(pages, 1) for done, pages in reading.values())
        ctx.progress(min(len(results) * STEPS + within, total), total, text)

    def page_read(index: int, done: int, pages: int) -> None:
        reading[shown_path(files[index])] = (done, pages)
        show(_ocr_label(files[index].name, done, pages))

    show(QtCore.QCoreApplication.translate("Workers", "正在读取 {0} 个文件").format(len(files)))
    with Store(db_path, timeout=30) as store:
        batch = import_files(store, files, workers, page_read, lambda: ctx.cancelled)
        try:
            for result in batch:
                results.append(result)
                reading.pop(result.path, None)
                label = QtCore.QCoreApplication.translate("Workers", "已导入 {0}/{1}：{2}")
                show(label.format(len(results), len(files), Path(result.path).name))
                ctx.partial(result)
        except Cancelled:
            pass
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
        ctx.progress(index * STEPS + done * STEPS // max(pages, 1), total, _ocr_label(name, done, pages))

    return report


def _ocr_label(name: str, done: int, pages: int) -> str:
    label = QtCore.QCoreApplication.translate("Workers", "正在识别 {0}（文字识别）：已完成 {1}/{2} 页")
    return label.format(name, done, pages)


def choose_layout(ctx: TaskContext, db_path: Path, report_id: int, version: str) -> int:
    """Map a stored report again as the layout the auditor chose (no OCR: the stored text is used)."""
    with Store(db_path, timeout=30) as store:
        set_layout(store, report_id, version)
    return report_id
