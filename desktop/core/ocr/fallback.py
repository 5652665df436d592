"""A scan without OCR: the report still opens, with empty tables and a notice saying why.

Without the OCR extra (or when OCR fails on every page, as in a damaged install) a scanned report
has no text at all, so neither its year nor its layout
can be told; the extractor would call it "not a report". The auditor, though, holds a real report
and may type its numbers in by hand, so it opens with every cell empty (``null``), the notice that
OCR is not installed, and the newest layout until the auditor chooses another.
"""

from __future__ import annotations

from desktop.core.document import Document
from desktop.core.catalogue import finding
from desktop.core.layouts import load_layouts
from desktop.core.report import CellValue, ExtractedReport, Meta

NO_OCR_NOTICE = "此报告为扫描件，未安装文字识别（OCR）组件，表格留空，可手工填写"


def unread_scan_notes(document: Document) -> list[str]:
    """The notes saying why a scan's pages were not read: OCR not installed, or OCR failing on them."""
    return list(document.scan.unread_notes) if document.scan is not None else []


def is_unread_scan(document: Document) -> bool:
    """Whether the document is a scan whose pages could not be read (no OCR, or OCR failed)."""
    return document.scan is not None and bool(document.scan.unread)


def unread_scan_report(document: Document, version: str | None = None) -> ExtractedReport | None:
    """The empty report of a scan read without OCR, or None when ``document`` is not such a scan.

    ``version`` is the layout the auditor chose; without one the newest layout is shown and a
    warning says it was not read from the report.
    """
    if not is_unread_scan(document) or any(line.cells for line in document.lines):
        return None
    layouts = load_layouts()
    chosen = version if version is not None else max(layouts)
    layout = layouts[chosen]
    findings = [finding("document.note", note) for note in document.notes]
    if version is None:
        findings.append(
            finding(
                "layout.unknown",
                f"扫描件未经文字识别，无法判断报告采用哪一版表格格式，暂按 {chosen} 版显示空白表格；可在界面中手动指定格式",
            )
        )
    cells = {key: CellValue(None) for key in layout.keys}
    return ExtractedReport(document.source, document, layout, Meta(), cells, findings, {})
