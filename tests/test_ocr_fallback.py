"""OCR without the OCR extra: start-up never loads it, scans open empty with a notice, and the
low-confidence findings and the mapper's confidence hand-over work on any document.

None of these tests need rapidocr or onnxruntime; ``test_ocr.py`` covers OCR itself.
"""

from __future__ import annotations

import io
import subprocess
import sys

import pypdfium2 as pdfium
import pytest
from conftest import FIXTURES, ROOT, with_confidences

from desktop.core import ocr
from desktop.core.extract import extract_document
from desktop.core.findings import Severity
from desktop.core.pipeline import analyse_file
from desktop.core.readers import read_bytes, read_file
from desktop.core.rules import check_report

SCAN = FIXTURES / "scans" / "s01_2020_scan_ruled.pdf"
TEXT_PDF = FIXTURES / "reports" / "f03_2020_html_ruled.pdf"

IMPORT_SCRIPT = r"""
import sys
import desktop.core, desktop.core.pipeline, desktop.core.readers, desktop.core.extract
import desktop.core.ocr, desktop.core.ocr.engine, desktop.core.ocr.image, desktop.core.ocr.layout
import desktop.core.ocr.scan, desktop.core.ocr.findings, desktop.core.ocr.fallback
from desktop.core.pipeline import analyse_file
analyse_file(sys.argv[1])

def heavy(names):
    return " ".join(sorted({m.split(".")[0] for m in sys.modules} & names)) or "none"

print(heavy({"onnxruntime", "rapidocr", "cv2", "numpy"}))
import desktop.gui.app, desktop.gui.main_window  # the window starts without paying for OCR
print(heavy({"onnxruntime", "rapidocr", "cv2"}))  # (sqlite-utils imports numpy when it is installed)
"""


def test_importing_the_core_and_the_window_and_reading_a_text_pdf_loads_no_ocr():
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_SCRIPT, str(TEXT_PDF)],
        capture_output=True,
        check=False,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["none", "none"]


@pytest.fixture
def no_ocr(monkeypatch):
    monkeypatch.setattr(ocr, "available", lambda: False)


def test_scan_without_ocr_says_so_instead_of_needing_ocr(no_ocr):
    doc = read_file(SCAN)
    assert doc.lines == []
    assert doc.notes == [ocr.NO_OCR_NOTICE]
    assert ocr.NO_OCR_NOTICE == "此报告为扫描件，未安装文字识别（OCR）组件，表格留空，可手工填写"


def test_scan_without_ocr_opens_as_an_empty_report(no_ocr):
    doc = read_file(SCAN)
    report = ocr.unread_scan_report(doc)
    assert report is not None
    assert report.format == "2021"  # the newest layout until the auditor chooses one
    assert report.cells and all(c.value is None for c in report.cells.values())
    messages = {(f.rule, f.severity): f.message for f in report.findings}
    assert messages[("document.note", Severity.WARNING)] == ocr.NO_OCR_NOTICE
    assert ("layout.unknown", Severity.WARNING) in messages
    assert check_report(report) == []  # nothing was read, so no rule can speak (no fee-statement alarm)
    report_json = report.to_json()
    assert set(report_json["cells"].values()) == {None}

    chosen = ocr.unread_scan_report(doc, "2019")
    assert chosen.format == "2019"
    assert not any(f.rule == "layout.unknown" for f in chosen.findings)


def test_unread_scan_report_is_only_for_unread_scans(no_ocr):
    assert ocr.unread_scan_report(read_file(TEXT_PDF)) is None


def test_part_scanned_pdf_without_ocr_keeps_its_text_pages(no_ocr):
    mixed = pdfium.PdfDocument.new()
    for path, pages in ((TEXT_PDF, [0]), (SCAN, [1])):
        source = pdfium.PdfDocument(path)
        mixed.import_pages(source, pages)
        source.close()
    buffer = io.BytesIO()
    mixed.save(buffer)
    mixed.close()
    doc = read_bytes(buffer.getvalue(), "mixed.pdf")
    assert {c.loc.page for line in doc.lines for c in line.cells} == {1}
    assert "第2页为扫描件，未安装文字识别（OCR）组件，这些页的内容缺失，可手工填写" in doc.notes
    assert not any("需要 OCR" in n for n in doc.notes)
    assert ocr.unread_scan_report(doc) is None  # it has text: the ordinary extractor reads it


def test_text_pdf_is_untouched_by_the_ocr_step():
    doc = read_file(TEXT_PDF)
    assert ocr.complete_scanned(TEXT_PDF.read_bytes(), doc) is doc


# ------------------------------------------------------------------------------- confidences


def test_mapper_copies_cell_confidence_onto_the_value():
    text = read_file(FIXTURES / "reports" / "f16_2021_text_tab.txt")
    doc = with_confidences(text, lambda i, j: round(0.5 + ((i * 7 + j) % 50) / 100, 2))
    by_start = {c.loc.start: c.confidence for line in doc.lines for c in line.cells}
    report = extract_document(doc)
    read = {k: v for k, v in report.cells.items() if v.raw and len(v.locations) == 1}
    assert len(read) > 150
    for key, value in read.items():
        source = max(s for s in by_start if s <= value.locations[0].start)
        assert value.confidence == by_start[source], key


def test_low_confidence_findings():
    report = analyse_file(FIXTURES / "reports" / "f15_2020_text_tab.txt")
    assert ocr.low_confidence_findings(report) == []  # text: no confidences, no findings
    key = "requests.disclosed.natural"
    cell = report.cells[key]
    cell.confidence = 0.72
    report.cells["requests.new.total"].confidence = 0.90  # at the threshold: fine
    report.cells["requests.new.natural"].confidence = 0.8999
    found = {f.cells[0]: f for f in ocr.low_confidence_findings(report)}
    assert set(found) == {key, "requests.new.natural"}
    finding = found[key]
    assert finding.rule == "ocr.low_confidence"
    assert finding.severity is Severity.WARNING
    assert finding.message == f"OCR 置信度低（0.72）：表三 （一）予以公开 · 自然人 读作 {cell.raw}，请核对原件"
    assert finding.locations == cell.locations
    assert "（0.89）" in found["requests.new.natural"].message
    assert {f.cells[0] for f in ocr.low_confidence_findings(report, threshold=0.75)} == {key}


def test_ocr_available_reports_a_boolean_without_importing():
    before = set(sys.modules)
    assert isinstance(ocr.available(), bool)
    assert not ({"onnxruntime", "rapidocr"} & (set(sys.modules) - before))
