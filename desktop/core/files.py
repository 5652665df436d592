"""Which files on disk are reports: named directly, or found (recursively) in folders."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

REPORT_SUFFIXES = {".pdf", ".docx", ".doc", ".html", ".htm", ".txt", ".text", ".md"}


def iter_report_files(paths: list[str] | list[Path]) -> Iterator[Path]:
    """Files named directly, and report-like files found in folders named.

    A folder holding no report file is passed on as it is, so the reader can say so.
    """
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES)
            yield from found or [path]
        else:
            yield path
