"""The report list and the findings panel: thin models over the store, filtered by proxies."""

from __future__ import annotations

import pytest

from conftest import DAMAGED, FIXTURES
from desktop.core.review import ReviewSession
from desktop.core.store import Store, import_file
from desktop.gui.findings_panel import FindingsPanel
from desktop.gui.qt import QtWidgets, Qt
from desktop.gui.report_list import ReportList


@pytest.fixture
def store(tmp_path):
    store = Store(tmp_path / "db.sqlite")
    consistent = [DAMAGED / f"{name}.txt" for name in ("d01_2020_lost_tables", "d02_2020_garbled_labels",
                                                        "d03_2020_local_subrows")]
    for path in consistent + [FIXTURES / "contradictions" / "c05_2020_appeals_total.txt"]:
        import_file(store, path)
    return store


def test_report_list_search_and_state_filter(qtbot, store):
    panel = ReportList()
    qtbot.addWidget(panel)
    panel.load(store)
    assert panel.proxy.rowCount() == 4
    panel.search.setText("安宁县")
    assert panel.proxy.rowCount() == 3
    panel.search.clear()
    store.set_review_state(store.report_ids()[0], "done")
    panel.load(store)
    panel.state_box.setCurrentIndex(panel.state_box.findData("done"))
    assert panel.proxy.visible_ids() == [store.report_ids()[0]]
    panel.state_box.setCurrentIndex(0)
    errors_column = panel.model.COLUMNS.index("errors")
    with_errors = [r for r in range(panel.model.rowCount()) if panel.model.index(r, errors_column).data() != "0"]
    assert len(with_errors) == 1


def test_report_list_emits_the_chosen_report(qtbot, store):
    panel = ReportList()
    qtbot.addWidget(panel)
    panel.load(store)
    with qtbot.waitSignal(panel.report_chosen) as chosen:
        panel.view.setCurrentIndex(panel.proxy.index(2, 0))
    assert chosen.args[0] == panel.proxy.index(2, 0).data(Qt.UserRole + 1)


def test_findings_panel_counts_filters_and_state_changes(qtbot, store, monkeypatch):
    report_id = next(r["id"] for r in store.summaries() if r["source_name"].startswith("c05"))
    session = ReviewSession(store, report_id)
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    panel.state_requested.connect(lambda fid, state, comment: session.set_finding_state(fid, state, comment or None))
    panel.set_session(session)
    assert panel.counts_label.text().startswith("错误 1")
    hidden_info = panel.proxy.rowCount()
    panel.show_info.setChecked(True)
    assert panel.proxy.rowCount() > hidden_info
    info_row = next(r for r in range(panel.proxy.rowCount())
                    if panel.proxy.index(r, 0).data(Qt.UserRole + 1).finding.severity.value == "info")
    panel.view.setCurrentIndex(panel.proxy.index(info_row, 0))
    assert panel.dismiss_button.isEnabled()
    monkeypatch.setattr(QtWidgets.QInputDialog, "getText", lambda *a, **k: ("原文如此，无需处理", True))
    panel.dismiss_button.click()
    dismissed = next(f for f in session.findings() if f.state == "dismissed")
    assert dismissed.comment == "原文如此，无需处理"
    assert store.audit_trail(report_id)[-1]["why"] == "原文如此，无需处理"
    panel.show_settled.setChecked(False)
    assert all(panel.proxy.index(r, 0).data(Qt.UserRole + 1).state == "open" for r in range(panel.proxy.rowCount()))
    error_row = next(r for r in range(panel.proxy.rowCount())
                     if panel.proxy.index(r, 0).data(Qt.UserRole + 1).finding.severity.value == "error")
    panel.view.setCurrentIndex(panel.proxy.index(error_row, 0))
    assert not panel.dismiss_button.isEnabled(), "an error can be acknowledged, not dismissed"
    panel.ack_button.click()
    assert panel.counts_label.text().startswith("错误 0")
