"""Review-database speed and size (a script, not a test): ``python bench/bench_store.py``.

Imports 200 reports (the PDF/DOCX/HTML fixtures once each, then text reports under new agency
names), times single-cell edits as the window makes them (value + audit row + recomputed findings,
one fsync'd transaction), and prints the database size per report. Target: median edit ≤ 5 ms.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from desktop.core.store import Store, import_file, set_cell

HERE = Path(__file__).resolve().parents[1] / "tests"  # the fixtures the figures are measured on
REPORTS = HERE / "fixtures" / "reports"
COUNT = 200


def report_files(folder: Path) -> list[Path]:
    """COUNT distinct report files: every fixture once, then text fixtures under made-up agency names."""
    files = sorted(p for p in REPORTS.iterdir() if not p.name.endswith(".json"))
    texts = [p for p in files if p.suffix == ".txt"]
    index = 0
    while len(files) < COUNT:
        source = texts[index % len(texts)]
        data = source.read_bytes()
        encoding = "gb18030" if "gb18030" in source.name else "utf-8"
        text = data.decode(encoding, errors="replace")
        title_end = text.index("年政府信息公开工作年度报告")
        agency_start = max(text.rfind("\n", 0, title_end - 4) + 1, 0)
        renamed = text[:agency_start] + f"第{index}号示范区管理委员会" + text[title_end - 4:]
        target = folder / f"{index:03d}_{source.name}"
        target.write_bytes(renamed.encode(encoding))
        files.append(target)
        index += 1
    return files


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = report_files(folder)
        db_path = folder / "bench.sqlite"
        store = Store(db_path)
        start = time.perf_counter()
        results = [import_file(store, p) for p in files]
        elapsed = time.perf_counter() - start
        imported = [r for r in results if r.status == "imported"]
        print(f"import {len(imported)} reports: {elapsed:.1f} s ({elapsed / len(imported) * 1000:.0f} ms each)")
        report_id = imported[-1].report_id
        record = store.record(report_id)
        key = next(k for k, v in record.report.values().items() if k.startswith("requests.new.") and v is not None)
        base = record.report.values()[key]
        times = []
        for i in range(200):
            t0 = time.perf_counter()
            set_cell(store, report_id, key, base + (i % 2), why="基准测试")
            times.append((time.perf_counter() - t0) * 1000)
        print(f"save one edit: median {statistics.median(times):.2f} ms, p95 {sorted(times)[189]:.2f} ms")
        store.close()
        size = db_path.stat().st_size + sum(p.stat().st_size for p in folder.glob("bench.sqlite-*"))
        print(f"database: {size / 1024 / 1024:.1f} MB, {size / len(imported) / 1024:.0f} KB per report")


if __name__ == "__main__":
    main()
