"""From a file to what the auditor is shown: the document, extracted cells, then the findings of every rule.

``read_document`` is the reader plus OCR of scanned pages; ``extract_*`` stops after extraction
(the store adds rule findings itself, so it can recompute them after each edit); ``analyse_*``
adds the rule findings, for the command line.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from desktop.core.document import Document
from desktop.core.extract import extract_document
from desktop.core.ocr import complete_scanned
from desktop.core.readers import PageProgress, read_bytes, read_file_bytes, shown_path
from desktop.core.report import ExtractedReport, Number
from desktop.core.rules import check_report


def read_document(
    data: bytes,
    source: str,
    progress: PageProgress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Document:
    """A report's document with any scanned pages read by OCR (or marked unread without it).

    ``progress`` and ``cancelled`` reach the only step slow enough to need them, OCR; a cancelled
    read raises :class:`~desktop.core.errors.Cancelled`.
    """
    return complete_scanned(data, read_bytes(data, source), progress, cancelled)


def read_path(path: str | Path, progress: PageProgress | None = None) -> Document:
    return read_document(read_file_bytes(path), shown_path(path), progress)


def extract_file(path: str | Path, progress: PageProgress | None = None) -> ExtractedReport:
    return extract_document(read_path(path, progress))


def extract_bytes(
    data: bytes,
    source: str,
    progress: PageProgress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ExtractedReport:
    return extract_document(read_document(data, source, progress, cancelled))


def with_rules(report: ExtractedReport, previous: dict[str, Number | None] | None = None) -> ExtractedReport:
    report.findings.extend(check_report(report, previous))
    return report


def analyse_file(path: str | Path, progress: PageProgress | None = None) -> ExtractedReport:
    """The report and every finding; ``progress`` follows the OCR of a scan page by page."""
    return with_rules(extract_file(path, progress))


def analyse_bytes(data: bytes, source: str) -> ExtractedReport:
    return with_rules(extract_bytes(data, source))
