"""One call from a file to everything the auditor is shown: extracted cells and every finding."""

from __future__ import annotations

from pathlib import Path

from desktop.core.extract import extract_document
from desktop.core.readers import read_bytes, read_file
from desktop.core.report import ExtractedReport


def analyse_file(path: str | Path) -> ExtractedReport:
    return extract_document(read_file(path))


def analyse_bytes(data: bytes, source: str) -> ExtractedReport:
    return extract_document(read_bytes(data, source))
