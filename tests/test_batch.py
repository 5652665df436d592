"""Importing a batch on every core: the same reports as one at a time, text reports listed first."""

from __future__ import annotations

import shutil

import pytest

from conftest import FIXTURES
from desktop.core import ocr
from desktop.core import batch
from desktop.core.batch import Job, listing_order, looks_scanned, pool_size
from desktop.core.errors import Cancelled
from desktop.core.pipeline import extract_bytes
from desktop.core.store import Store, import_files

REPORTS = FIXTURES / "reports"
SCAN = FIXTURES / "scans" / "s01_2020_scan_ruled.pdf"
TEXTS = [REPORTS / "f09_2023_pdf_table_split.pdf", REPORTS / "f01_2020_html_table.html",
         REPORTS / "f15_2020_text_tab.txt", REPORTS / "f05_2021_docx_merged.docx"]


def test_text_reports_are_listed_before_scans_each_in_the_callers_order():
    jobs = [Job(b"", str(i)) for i in range(5)]
    assert listing_order(jobs, [True, False, True, False, False]) == [1, 3, 4, 0, 2]


def test_left_to_choose_a_batch_starts_a_pool_only_when_it_repays_the_start(monkeypatch):
    monkeypatch.setattr(batch, "default_workers", lambda: 4)
    assert pool_size([False] * 10 + [True]) == 1  # eleven files, one of them a scan: read here at once
    assert pool_size([False] * 12) == 4
    assert pool_size([True, True]) == 2  # two scans read side by side, one process each
    assert pool_size([False]) == 1


def test_a_pdf_without_text_on_its_first_page_looks_scanned():
    assert looks_scanned(Job(SCAN.read_bytes(), SCAN.name))
    assert not looks_scanned(Job(TEXTS[0].read_bytes(), TEXTS[0].name))
    assert not looks_scanned(Job(TEXTS[2].read_bytes(), TEXTS[2].name))
    assert not looks_scanned(Job(b"%PDF-1.7 damaged", "x.pdf"))


@pytest.mark.skipif(not ocr.available(), reason="OCR extra not installed: the batch has a scan")
def test_a_pooled_import_stores_what_one_at_a_time_reads_text_reports_first(tmp_path):
    twin = tmp_path / "副本.txt"
    shutil.copy(TEXTS[2], twin)
    broken = tmp_path / "已删除.pdf"  # unreadable before any reading starts
    paths = [SCAN, *TEXTS, twin, broken]
    pages: list[tuple[int, int, int]] = []
    with Store(tmp_path / "db.sqlite") as store:
        results = list(import_files(store, paths, workers=2, pages=lambda *event: pages.append(event)))
        assert [(r.path, r.status) for r in results] == [
            (str(broken), "unreadable"), *[(str(p), "imported") for p in TEXTS], (str(twin), "present"),
            (str(SCAN), "imported")]
        assert results[-2].report_id == results[3].report_id  # the twin is the text report read before it
        assert pages == [(0, 1, 3), (0, 2, 3), (0, 3, 3)]
        for path, result in zip(TEXTS, results[1:5]):
            stored = store.record(result.report_id)
            alone = extract_bytes(path.read_bytes(), str(path))
            assert {k: c.value for k, c in stored.report.cells.items()} == {k: c.value for k, c in alone.cells.items()}
        assert store.record(results[-1].report_id).report.document.kind == "pdf"


def test_a_cancelled_pooled_import_stores_nothing_more(tmp_path):
    with Store(tmp_path / "db.sqlite") as store:
        imported = import_files(store, TEXTS, workers=2, cancelled=lambda: True)
        with pytest.raises(Cancelled):
            list(imported)
        assert store.report_ids() == []


def test_one_worker_reads_in_this_process_with_the_same_order(tmp_path):
    with Store(tmp_path / "db.sqlite") as store:
        results = list(import_files(store, TEXTS[:2], workers=1))
        assert [r.status for r in results] == ["imported", "imported"]
        assert len(store.report_ids()) == 2


@pytest.mark.skipif(not ocr.available(), reason="OCR extra not installed: no engine parameters to check")
def test_ocr_in_a_pool_worker_uses_its_share_of_the_cores_only(monkeypatch):
    from desktop.core.ocr import engine

    monkeypatch.setattr(engine, "_cores", None)
    monkeypatch.setattr(engine.os, "cpu_count", lambda: 4)
    assert engine.page_workers() == 4
    engine.use_cores(1)
    assert engine.page_workers() == 1
    params = engine.engine_params()
    assert params["EngineConfig.onnxruntime.intra_op_num_threads"] == 1
    assert params["EngineConfig.onnxruntime.inter_op_num_threads"] == 1
