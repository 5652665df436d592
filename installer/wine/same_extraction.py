"""Compare ``nianbao extract --json`` output of the Windows build with the Linux build's.

Usage: python3 same_extraction.py LINUX.jsonl WINDOWS.jsonl
Each file holds one JSON object per report (JSON Lines; other lines, such as warnings a program
printed on the same stream, are ignored). Reports are matched by file name, since ``source`` is a
Linux path in one and a Windows path in the other; everything else must be equal. Exit code 0 when
every report is the same, 1 otherwise, with the first differences named.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path, PureWindowsPath


def reports(path: Path) -> dict[str, dict]:
    """The JSON objects of a JSON Lines file, by the report's file name."""
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith("{"):
            report = json.loads(line)
            found[PureWindowsPath(report.pop("source")).name] = report
    return found


def differences(linux: object, windows: object, where: str = "") -> list[str]:
    """The paths (``cells/active.normative.total``) at which two JSON values differ."""
    if isinstance(linux, dict) and isinstance(windows, dict):
        return [d for k in sorted(linux.keys() | windows.keys(), key=str)
                for d in differences(linux.get(k), windows.get(k), f"{where}/{k}")]
    if isinstance(linux, list) and isinstance(windows, list) and len(linux) == len(windows):
        return [d for i, (a, b) in enumerate(zip(linux, windows)) for d in differences(a, b, f"{where}[{i}]")]
    return [] if linux == windows else [f"{where}: Linux {linux!r} ≠ Windows {windows!r}"]


def main(argv: list[str]) -> int:
    linux, windows = reports(Path(argv[0])), reports(Path(argv[1]))
    if not linux or linux.keys() != windows.keys():
        print(f"不同的报告 / different reports: Linux {sorted(linux)} ≠ Windows {sorted(windows)}")
        return 1
    failed = 0
    for name in sorted(linux):
        found = differences(linux[name], windows[name])
        cells = sum(v is not None for v in linux[name]["cells"].values())
        print(f"{'相同 / same' if not found else '不同 / DIFFERENT'}: {name} ({cells} cells, "
              f"{len(linux[name]['findings'])} findings)")
        for line in found[:10]:
            print("    " + line)
        failed += bool(found)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
