"""``nianbao --demo``: the demo reports in a throwaway database that is gone when the window closes
and never joins the recent databases."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

DEMO = r"""
import sys
from desktop.gui import app as app_module
from desktop.gui.qt import QtCore, QtWidgets

application = app_module.create_application("zh")
seen = {}


def close_when_read() -> None:
    for widget in QtWidgets.QApplication.topLevelWidgets():
        if type(widget).__name__ == "MainWindow" and widget.session is not None:  # closed mid-import, too
            seen["db"] = str(widget.store.path)
            widget.close()
            return
    QtCore.QTimer.singleShot(100, close_when_read)


QtCore.QTimer.singleShot(100, close_when_read)
QtCore.QTimer.singleShot(120000, application.quit)  # never hang the suite
code = app_module.run(["--demo"])
print(seen.get("db", ""))
sys.exit(code)
"""


def test_demo_database_is_deleted_on_exit_and_not_remembered(tmp_path):
    home, temp = tmp_path / "home", tmp_path / "temp"
    temp.mkdir()
    env = {**os.environ, "NIANBAO_HOME": str(home), "TMPDIR": str(temp), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", DEMO], capture_output=True, text=True, cwd=ROOT, env=env, timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    db = Path(done.stdout.strip().splitlines()[-1])
    assert db.name == "demo.sqlite" and db.parent.parent == temp
    assert not db.parent.exists(), "the demo's folder is deleted with its database"
    settings = json.loads((home / "settings.json").read_text(encoding="utf-8"))
    assert str(db) not in settings["recent_databases"]
