"""The core must import and run with no Qt binding at all: the GUI is a thin layer on top."""

from __future__ import annotations

import subprocess
import sys

from conftest import FIXTURES, ROOT, load_truth

SCRIPT = r"""
import importlib, pkgutil, sys

class BlockQt:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {"PySide6", "PyQt5", "PyQt6", "PySide2", "shiboken6"}:
            raise ImportError(f"Qt import blocked: {name}")
        return None

sys.meta_path.insert(0, BlockQt())
import desktop.core
for info in pkgutil.walk_packages(desktop.core.__path__, "desktop.core."):
    importlib.import_module(info.name)
import desktop.cli
from desktop.core.pipeline import analyse_file
report = analyse_file(sys.argv[1])
assert report.values()["active.procurement.items"] == int(sys.argv[2])
print("modules", sum(1 for m in sys.modules if m.startswith("desktop.core")))
assert not any(m.startswith(("PySide6", "shiboken6")) for m in sys.modules)
"""


def test_core_imports_and_extracts_with_qt_blocked():
    report = FIXTURES / "reports" / "f15_2020_text_tab.txt"
    items = load_truth(report.with_suffix(".truth.json"))["cells"]["active.procurement.items"]
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(report), str(items)], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.split()[-1]) >= 10


def test_no_core_source_mentions_a_qt_binding():
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "desktop" / "core").rglob("*.py")
        if any(name in p.read_text(encoding="utf-8") for name in ("PySide6", "PyQt", "shiboken"))
    ]
    assert offenders == []
