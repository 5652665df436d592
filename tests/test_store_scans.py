"""Scanned reports in the review database: OCR's doubts as findings that corrections settle, and a
layout the auditor chooses for a scan read without OCR. None of this needs the OCR extra: the
confidences are put on a text report's cells, as the OCR reader puts them on a scan's."""

from __future__ import annotations

import json

import pytest
from conftest import FIXTURES, doubtful_report

from desktop import cli
from desktop.core import ocr
from desktop.core.store import Store, add_report, import_file, recheck, set_cell, set_layout

TEXT_REPORT = FIXTURES / "reports" / "f16_2021_text_tab.txt"
SCAN = FIXTURES / "scans" / "s01_2020_scan_ruled.pdf"
DOUBTED = "requests.new.natural"


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "nianbao.sqlite") as opened:
        yield opened


def _low(store: Store, report_id: int) -> list[tuple[str, ...]]:
    return [s.finding.cells for s in store.record(report_id).findings if s.finding.rule == "ocr.low_confidence"]


def test_a_doubtful_ocr_cell_is_a_finding_until_the_auditor_types_a_value(store):
    report = doubtful_report(TEXT_REPORT, DOUBTED)
    report_id = add_report(store, report, TEXT_REPORT.read_bytes(), TEXT_REPORT.name, str(TEXT_REPORT))
    assert _low(store, report_id) == [(DOUBTED,)]
    extracted = report.cells[DOUBTED].value

    set_cell(store, report_id, DOUBTED, extracted + 1, why="与原件核对")
    assert _low(store, report_id) == []
    set_cell(store, report_id, DOUBTED, extracted)  # back to OCR's reading: the doubt is back
    assert _low(store, report_id) == [(DOUBTED,)]


def test_a_reopened_scan_keeps_its_confidences_without_reading_the_file(store, tmp_path):
    report_id = add_report(store, doubtful_report(TEXT_REPORT, DOUBTED), TEXT_REPORT.read_bytes(), TEXT_REPORT.name, None)
    store.close()
    with Store(tmp_path / "nianbao.sqlite") as again:
        record = again.record(report_id)
        assert record.report.cells[DOUBTED].confidence == 0.6
        assert record.report.cells["requests.new.total"].confidence == 0.99
        recheck(again, report_id)
        assert _low(again, report_id) == [(DOUBTED,)]


@pytest.fixture
def no_ocr(monkeypatch):
    monkeypatch.setattr(ocr, "available", lambda: False)


def test_a_scan_without_ocr_is_imported_with_empty_tables_and_a_notice(store, no_ocr):
    result = import_file(store, SCAN)
    assert result.status == "imported"
    record = store.record(result.report_id)
    assert record.report.format == "2021"
    assert set(record.report.values().values()) == {None}
    messages = [s.finding.message for s in record.findings]
    assert ocr.NO_OCR_NOTICE in messages
    assert any(s.finding.rule == "layout.unknown" for s in record.findings)


def test_the_auditor_chooses_the_layout_and_keeps_the_cells_typed_so_far(store, no_ocr):
    report_id = import_file(store, SCAN).report_id
    set_cell(store, report_id, "requests.new.natural", 7, who="张审计", why="按原件手工录入")
    set_cell(store, report_id, "active.fees.amount", 1.5, who="张审计")  # a 2021-only cell

    record = set_layout(store, report_id, "2019", who="张审计")
    assert record.report.format == "2019"
    assert "active.procurement.amount" in record.report.cells and "active.fees.amount" not in record.report.cells
    assert record.report.cells["requests.new.natural"].value == 7
    assert record.corrected == {"requests.new.natural"}  # fees.amount is prev/change in 2019: dropped
    assert not any(s.finding.rule == "layout.unknown" for s in record.findings)
    trail = store.audit_trail(report_id)
    assert [(a["action"], a["old"], a["new"], a["who"]) for a in trail][-1] == ("layout", "2021", "2019", "张审计")
    assert set_layout(store, report_id, "2019") is record  # the same layout again changes nothing
    assert len(store.audit_trail(report_id)) == len(trail)


def test_an_unknown_layout_version_changes_nothing(store, no_ocr):
    report_id = import_file(store, SCAN).report_id
    with pytest.raises(KeyError):
        set_layout(store, report_id, "2030")
    assert store.record(report_id).report.format == "2021"


def test_cli_extract_of_a_scan_without_ocr_prints_empty_cells_and_the_notice(capsys, no_ocr):
    assert cli.main(["extract", str(SCAN), "--json"]) == cli.EXIT_OK
    result = json.loads(capsys.readouterr().out)
    assert result["format"] == "2021" and set(result["cells"].values()) == {None}
    assert ocr.NO_OCR_NOTICE in [f["message"] for f in result["findings"]]
