"""OCR without the OCR extra: start-up never loads it, scans open empty with a notice, and the
low-confidence findings and the mapper's confidence hand-over work on any document.

None of these tests need rapidocr or onnxruntime; ``test_ocr.py`` covers OCR itself.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import threading
import zlib

import pypdfium2 as pdfium
import pytest
from conftest import FIXTURES, ROOT, with_confidences

from desktop.core import ocr
from desktop.core.extract import extract_document
from desktop.core.findings import Severity
from desktop.core.pipeline import analyse_file, read_document, read_path
from desktop.core.readers import read_file
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
    doc = read_path(SCAN)
    assert doc.lines == []
    assert doc.notes == [ocr.NO_OCR_NOTICE]
    assert doc.scan.unread == doc.scan.pages == [p.number for p in doc.pages] and not doc.scan.pending
    assert ocr.NO_OCR_NOTICE == "此报告为扫描件，未安装文字识别（OCR）组件，表格留空，可手工填写"


def test_scan_without_ocr_opens_as_an_empty_report(no_ocr):
    doc = read_path(SCAN)
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
    doc = read_document(buffer.getvalue(), "mixed.pdf")
    assert {c.loc.page for line in doc.lines for c in line.cells} == {1}
    assert "第2页为扫描件，未安装文字识别（OCR）组件，这些页的内容缺失，可手工填写" in doc.notes
    assert doc.scan.unread == [2]
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


# ------------------------------------------------------------------------------- scan state


def test_scan_state_survives_the_database_and_old_rows_are_understood(no_ocr):
    from desktop.core.store.serialise import document_from_blob, document_to_blob

    doc = read_path(SCAN)
    again = document_from_blob(document_to_blob(doc))
    assert again.scan == doc.scan and ocr.fallback.is_unread_scan(again)
    old = json.loads(zlib.decompress(document_to_blob(doc)))
    del old["scan"]  # as a release before the field wrote it
    legacy = document_from_blob(zlib.compress(json.dumps(old, ensure_ascii=False).encode()))
    assert ocr.fallback.unread_scan_notes(legacy) == [ocr.NO_OCR_NOTICE]
    assert ocr.unread_scan_report(legacy, "2019").format == "2019"


def test_ocr_and_the_window_share_one_pdfium_lock():
    """OCR renders a page only while no one else is in pdfium (the window's renderer holds the same lock)."""
    pytest.importorskip("cv2")
    from desktop.core.ocr import scan
    from desktop.core.pdfium_lock import PDFIUM_LOCK
    from desktop.gui.source_render import PDFIUM_LOCK as WINDOW_LOCK

    assert WINDOW_LOCK is PDFIUM_LOCK
    pdf = pdfium.PdfDocument(SCAN)
    rendered = threading.Event()
    PDFIUM_LOCK.acquire()
    try:
        worker = threading.Thread(target=lambda: (scan.render(pdf, 1), rendered.set()))
        worker.start()
        assert not rendered.wait(0.5), "OCR rendered while another thread held the pdfium lock"
    finally:
        PDFIUM_LOCK.release()
    worker.join(30)
    assert rendered.is_set()
    pdf.close()
