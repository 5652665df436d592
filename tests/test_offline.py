"""The app never opens a network connection: every socket is blocked while it extracts, imports,
exports and runs the window."""

from __future__ import annotations

import socket
import sys

import pytest

from conftest import DAMAGED, FIXTURES
from desktop.cli import main


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch):
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise NetworkUsed(f"network access attempted: {args!r}")

    for name in ("connect", "connect_ex", "sendto"):
        monkeypatch.setattr(socket.socket, name, refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    yield attempts
    assert attempts == []


def test_cli_extract_import_export_offline(no_network, tmp_path, capsys):
    pdf = FIXTURES / "reports" / "f06_2021_docx_merged.pdf"
    db = tmp_path / "offline.sqlite"
    assert main(["extract", str(pdf), "--json"]) == 0
    assert main(["import", str(pdf), str(DAMAGED), "--db", str(db)]) == 0
    assert main(["export", "--db", str(db), "--xlsx", str(tmp_path / "out.xlsx")]) == 0
    assert main(["--self-check"]) == 0
    capsys.readouterr()


def test_window_offline(no_network, qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("NIANBAO_HOME", str(tmp_path / "home"))
    from desktop.gui.settings import Settings
    from desktop.core.store import Store
    from desktop.gui.main_window import MainWindow
    from desktop.gui.tasks import TaskRunner

    window = MainWindow(Store(tmp_path / "db.sqlite"), Settings(), tmp_path / "s.json", TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    window.show()
    window.import_paths([str(FIXTURES / "reports" / "f03_2020_html_ruled.pdf")])
    window.tables.select_key("requests.new.total")
    window.apply_edits({"requests.new.total": 1})
    qtbot.waitUntil(lambda: window.session is not None)


def test_no_networking_module_is_loaded_by_the_app(tmp_path, capsys):
    main(["extract", str(DAMAGED / "d04_2020_short_rows.txt")])
    capsys.readouterr()
    assert "PySide6.QtNetwork" not in sys.modules
