"""Refresh the English translation: extract the GUI's strings, then compile what is translated.

    python installer/update_translations.py            # lupdate + lrelease
    python installer/update_translations.py --check   # also fail if a message lacks its English

Step 1 runs ``pyside6-lupdate`` over ``desktop/gui/*.py`` into ``resources/translations/nianbao_en.ts``:
existing translations are kept, new strings arrive as ``type="unfinished"`` and strings no longer
in the code are dropped (``-no-obsolete``). Translate the new ones in the .ts (Qt Linguist or any
XML editor), then run this again: step 2 compiles the .ts into ``nianbao_en.qm``, which
``desktop.gui.app.install_translator`` loads when the language setting is English.

The tools come with PySide6; they are looked up next to the running Python (a venv's ``bin`` or
``Scripts``) first, then on PATH.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "desktop" / "gui"
TRANSLATIONS = ROOT / "resources" / "translations"
TS_FILE = TRANSLATIONS / "nianbao_en.ts"
QM_FILE = TRANSLATIONS / "nianbao_en.qm"


def find_tool(name: str) -> str | None:
    """``pyside6-lupdate`` / ``pyside6-lrelease``: beside sys.executable (venv bin or Scripts), else on PATH."""
    here = Path(sys.executable).parent
    suffixes = (".exe", "") if os.name == "nt" else ("",)
    for folder in (here, here / "Scripts", here / "bin"):
        for suffix in suffixes:
            candidate = folder / f"{name}{suffix}"
            if candidate.is_file() and os.access(candidate, os.X_OK):
                return str(candidate)
    return shutil.which(name)


def source_files() -> list[Path]:
    return sorted(SOURCES.glob("*.py"))


def run_lupdate(ts_file: Path = TS_FILE, lupdate: str | None = None) -> subprocess.CompletedProcess:
    """Extract every tr()/translate()/QT_TRANSLATE_NOOP string of the GUI into ``ts_file``."""
    lupdate = lupdate or find_tool("pyside6-lupdate")
    if lupdate is None:
        raise FileNotFoundError("pyside6-lupdate not found (install PySide6 into this Python)")
    ts_file.parent.mkdir(parents=True, exist_ok=True)
    files = [os.path.relpath(p, ts_file.parent) for p in source_files()]
    # Run from the .ts folder so the locations in the .ts are relative and the same on every machine.
    cmd = [lupdate, "-no-obsolete", "-locations", "relative", "-source-language", "zh_CN",
           "-target-language", "en", *files, "-ts", ts_file.name]
    return subprocess.run(cmd, cwd=ts_file.parent, check=True, capture_output=True, text=True)


def run_lrelease(ts_file: Path = TS_FILE, qm_file: Path = QM_FILE, lrelease: str | None = None) -> None:
    lrelease = lrelease or find_tool("pyside6-lrelease")
    if lrelease is None:
        raise FileNotFoundError("pyside6-lrelease not found (install PySide6 into this Python)")
    subprocess.run([lrelease, str(ts_file), "-qm", str(qm_file)], check=True, capture_output=True, text=True)


def untranslated(ts_file: Path = TS_FILE) -> list[tuple[str, str]]:
    """(context, source) of every message without a finished, non-empty translation."""
    missing = []
    for context in ET.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            if (translation is None or translation.get("type") in ("unfinished", "obsolete", "vanished")
                    or not (translation.text or "").strip()):
                missing.append((name, message.findtext("source", "")))
    return missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if any message is untranslated")
    args = parser.parse_args(argv)
    result = run_lupdate()
    print(result.stdout.strip() or result.stderr.strip())
    missing = untranslated()
    for context, source in missing:
        print(f"untranslated: [{context}] {source!r}")
    run_lrelease()
    print(f"wrote {QM_FILE.relative_to(ROOT)}")
    return 1 if args.check and missing else 0


if __name__ == "__main__":
    sys.exit(main())
