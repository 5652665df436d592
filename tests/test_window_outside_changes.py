"""The window takes up what another program saved to its database: the open report's cells and
findings, and the report list (reports imported elsewhere appear)."""

from __future__ import annotations

from conftest import FIXTURES

from desktop.gui.settings import DEMO_FOLDER_PREFIX, Settings
from desktop.core.store import Store, import_file, set_cell
from desktop.gui.main_window import MainWindow
from desktop.gui.qt import Qt
from desktop.gui.tasks import TaskRunner

REPORT = FIXTURES / "reports" / "f16_2021_text_tab.txt"
OTHER = FIXTURES / "reports" / "f15_2020_text_tab.txt"
KEY = "requests.new.natural"


def test_an_edit_saved_elsewhere_shows_in_the_open_report(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("NIANBAO_HOME", str(tmp_path / "home"))
    db = tmp_path / "db.sqlite"
    window = MainWindow(Store(db), Settings(), tmp_path / "home" / "settings.json", TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    window.import_paths([str(REPORT)])
    report_id = window.session.report_id
    model = window.tables.view("requests").grid_model()
    assert model.data(model.index_of(KEY), Qt.DisplayRole) != "777"
    with Store(db) as other:  # a second window, or nianbao import
        set_cell(other, report_id, KEY, 777, who="另一窗口")
        import_file(other, OTHER)
    window.take_up_outside_changes()
    assert window.session.value(KEY) == 777
    assert model.data(model.index_of(KEY), Qt.DisplayRole) == "777"
    assert window.report_list.model.rowCount() == 2
    assert window.session.record.state == "unreviewed", "another program's edit is not this auditor's review"
    window.tables.select_key(KEY)
    window.grab().save(str(tmp_path / "outside_change.png"))


def test_the_demo_database_is_never_a_recent_one(tmp_path):
    settings = Settings()
    settings.add_recent(str(tmp_path / f"{DEMO_FOLDER_PREFIX}x1" / "demo.sqlite"))
    settings.add_recent(str(tmp_path / "审校.sqlite"))
    assert settings.recent_databases == [str(tmp_path / "审校.sqlite")]
