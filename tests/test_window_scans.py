"""Scanned reports in the window: OCR's doubtful cells marked and explained, page progress while a
scan is read, Cancel between pages, and the layout chosen by hand for a scan read without OCR."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, doubtful_report

from desktop.core import ocr
from desktop.core.review import ReviewSession
from desktop.gui.settings import Settings
from desktop.core.store import Store, add_report, import_file
from desktop.gui import style
from desktop.gui.cell_grid_model import DOUBT_ROLE
from desktop.gui.main_window import MainWindow
from desktop.gui.qt import Qt, QtWidgets
from desktop.gui.tasks import TaskRunner
from desktop.gui.workers import import_paths

TEXT_REPORT = FIXTURES / "reports" / "f16_2021_text_tab.txt"
DOUBTED = "requests.new.natural"
SCANS = FIXTURES / "scans"
needs_ocr = pytest.mark.skipif(not ocr.available(), reason='OCR extra not installed (pip install -e ".[ocr]")')


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "审校.sqlite") as opened:
        yield opened


@pytest.fixture
def doubtful(store) -> ReviewSession:
    report = doubtful_report(TEXT_REPORT, DOUBTED)
    return ReviewSession(store, add_report(store, report, TEXT_REPORT.read_bytes(), TEXT_REPORT.name, None))


def _doubt_finding(session: ReviewSession):
    return next(s for s in session.findings() if s.finding.rule == "ocr.low_confidence")


def test_a_doubtful_cell_is_marked_and_explained_until_settled(pane, doubtful):
    pane.set_session(doubtful)
    model = pane.view("requests").grid_model()
    index = model.index_of(DOUBTED)
    assert model.data(index, DOUBT_ROLE) is True
    assert model.data(model.index_of("requests.new.total"), DOUBT_ROLE) is False
    tip = model.data(index, Qt.ToolTipRole)
    assert "文字识别（OCR）置信度：0.60" in tip and "OCR 置信度低（0.60）" in tip
    assert "文字识别（OCR）置信度：0.99" in model.data(model.index_of("requests.new.total"), Qt.ToolTipRole)

    doubtful.set_finding_state(_doubt_finding(doubtful).id, "acknowledged", "与原件核对无误")
    assert model.data(index, DOUBT_ROLE) is False

    doubtful.set_finding_state(_doubt_finding(doubtful).id, "open")
    assert model.data(index, DOUBT_ROLE) is True
    doubtful.set_value(DOUBTED, 99, why="与原件核对")
    assert model.data(index, DOUBT_ROLE) is False
    assert "置信度" not in model.data(index, Qt.ToolTipRole)  # a typed value is the auditor's, not OCR's


def test_the_mark_is_drawn_in_the_cell_and_explained_in_the_legend(pane, doubtful, store, qtbot):
    pane.set_session(doubtful)
    view = pane.view("requests")
    pane.tabs.setCurrentWidget(view)
    pane.select_key("requests.new.total")  # the current-cell outline elsewhere
    qtbot.wait(50)
    rect = view.visualRect(view.grid_model().index_of(DOUBTED))
    image = view.viewport().grab().toImage()
    corner = image.pixelColor(rect.left() + 2, rect.top() + 2).name()
    assert corner == style.OCR_DOUBT
    plain = view.visualRect(view.grid_model().index_of("requests.carried_in.natural"))
    assert image.pixelColor(plain.left() + 2, plain.top() + 2).name() != style.OCR_DOUBT
    assert all(widget.isVisibleTo(pane) for widget in pane.legend.doubt)

    assert not pane.scan_notice.isVisibleTo(pane)  # a scan that was read needs no notice

    text = ReviewSession(store, import_file(store, TEXT_REPORT.with_name("f15_2020_text_tab.txt")).report_id)
    pane.set_session(text)
    assert not any(widget.isVisibleTo(pane) for widget in pane.legend.doubt)


# --------------------------------------------------------------------------- layout chosen by hand


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("NIANBAO_HOME", str(tmp_path / "home"))
    made = MainWindow(Store(tmp_path / "审校.sqlite"), Settings(), tmp_path / "s.json", TaskRunner(synchronous=True))
    qtbot.addWidget(made)
    made.show()
    return made


def _checked_layout(window: MainWindow) -> str | None:
    checked = window.layout_actions.checkedAction()
    return checked.data() if checked else None


def _layout_action(window: MainWindow, version: str):
    return next(a for a in window.layout_actions.actions() if a.data() == version)


def test_a_scan_without_ocr_opens_empty_and_takes_the_layout_the_auditor_chooses(window, monkeypatch):
    monkeypatch.setattr(ocr, "available", lambda: False)
    window.import_paths([str(SCANS / "s01_2020_scan_ruled.pdf")])
    session = window.session
    assert session.record.report.format == "2021" and window.layout_menu.isEnabled()
    assert _checked_layout(window) == "2021"
    assert ocr.NO_OCR_NOTICE in [s.finding.message for s in session.findings()]
    assert window.tables.scan_notice.isVisible()
    assert window.tables.scan_notice.text() == ocr.NO_OCR_NOTICE + "。表格格式可在“审核 → 表格格式”中指定。"
    window.apply_edits({"requests.new.natural": 4})

    monkeypatch.setattr(QtWidgets.QMessageBox, "question", lambda *args: QtWidgets.QMessageBox.Yes)
    _layout_action(window, "2019").trigger()
    assert window.session.record.report.format == "2019" and _checked_layout(window) == "2019"
    assert window.tables.view("active").grid_model().index_of("active.procurement.amount").isValid()
    assert window.session.value("requests.new.natural") == 4
    assert window.store.audit_trail(window.session.report_id)[-1]["action"] == "layout"


def test_choosing_a_layout_that_drops_corrections_asks_first(window, monkeypatch):
    monkeypatch.setattr(ocr, "available", lambda: False)
    window.import_paths([str(SCANS / "s01_2020_scan_ruled.pdf")])
    window.apply_edits({"active.fees.amount": 2.5})  # 2021 only
    asked = []
    monkeypatch.setattr(QtWidgets.QMessageBox, "question",
                        lambda *args: asked.append(args[2]) or QtWidgets.QMessageBox.No)
    _layout_action(window, "2019").trigger()
    assert asked and "1 个已更正的单元格" in asked[0]
    assert window.session.record.report.format == "2021" and _checked_layout(window) == "2021"


# --------------------------------------------------------------------------- OCR in the background


class _Context:
    """A TaskContext stand-in: records progress and cancels once ``cancel_after`` pages are done."""

    def __init__(self, cancel_after: int | None = None):
        self.labels: list[str] = []
        self.handed_over: list = []
        self.cancelled = False
        self._cancel_after = cancel_after

    def partial(self, result) -> None:
        self.handed_over.append(result)

    def progress(self, done: int, total: int, label: str = "") -> None:
        self.labels.append(label)
        if self._cancel_after is not None and f"已完成 {self._cancel_after}/" in label:
            self.cancelled = True


@needs_ocr
def test_import_reports_each_ocr_page_and_cancel_keeps_only_whole_reports(tmp_path):
    db = tmp_path / "审校.sqlite"
    first, scan = FIXTURES / "reports" / "f15_2020_text_tab.txt", SCANS / "s04_2023_scan_split.pdf"
    last = FIXTURES / "reports" / "f16_2021_text_tab.txt"
    ctx = _Context(cancel_after=1)
    results = import_paths(ctx, db, [first, scan, last])
    assert [r.path for r in results] == [str(first), str(last)]  # text reports first; the scan was cancelled
    assert ctx.handed_over == results
    assert "正在识别 s04_2023_scan_split.pdf（文字识别）：已完成 1/5 页" in ctx.labels
    with Store(db) as store:
        assert sorted(s["source_name"] for s in store.summaries()) == [first.name, last.name]


@needs_ocr
def test_window_reads_a_scan_with_page_progress_and_shows_it_with_the_ocr_legend(window):
    labels: list[str] = []
    window.statusBar().messageChanged.connect(labels.append)
    window.import_paths([str(SCANS / "s02_2021_scan_merged.pdf")])
    assert [t for t in labels if "文字识别）：已完成" in t] == [
        f"正在识别 s02_2021_scan_merged.pdf（文字识别）：已完成 {n}/3 页" for n in (1, 2, 3)]
    session = window.session
    assert session.read_by_ocr() and session.record.report.format == "2021"
    assert all(widget.isVisibleTo(window) for widget in window.tables.legend.doubt)
    key = "requests.new.total"
    window.tables.select_key(key)
    box = session.record.report.cells[key].locations[0]
    assert window.source.highlighted() == [box] and box.page is not None and box.bbox is not None
