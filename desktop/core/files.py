"""Which files on disk are reports: named directly, or found (recursively) in folders."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

REPORT_SUFFIXES = {".pdf", ".docx", ".doc", ".html", ".htm", ".txt", ".text", ".md"}


def iter_report_files(paths: list[str] | list[Path]) -> Iterator[Path]:
    """Files named directly, and report-like files found in folders named.

    A folder holding no report file is passed on as it is, and so is a subfolder that cannot be
    opened (no permission), so the reader can say so: nothing in a batch is skipped silently.
    Anything with a report's name that is not a folder is passed on, a pipe or a broken link
    included, for the reader to refuse by name. Links to folders are not followed.
    """
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found, refused = _walk(path)
            yield from found or ([] if refused else [path])
            yield from refused
        else:
            yield path


def _walk(folder: Path) -> tuple[list[Path], list[Path]]:
    """(report-like files, subfolders that could not be opened), each sorted."""
    found: list[Path] = []
    refused: list[Path] = []
    for root, dirs, files in os.walk(folder, onerror=lambda exc: refused.append(Path(exc.filename))):
        dirs.sort()
        found += (Path(root) / f for f in files if Path(f).suffix.lower() in REPORT_SUFFIXES)
    return sorted(found), sorted(refused)
