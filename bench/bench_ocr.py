"""OCR speed and memory (a script, not a test): ``python bench/bench_ocr.py``.

For every scanned fixture in tests/fixtures/scans/, in a fresh process each: the seconds to load
the OCR models, the seconds per page of ``ocr_pdf`` at 150 dpi (render, straighten, detect, find
the ruled cells, recognise, build lines), the seconds for the whole report through the pipeline
(read + OCR + map + rules), the peak resident memory of that process (``resource.getrusage``),
and how many of the report's cells that reading got right against its truth file, and how many it
flagged as doubtful (``ocr.low_confidence``). Targets on the 2-core reference machine (issue 16):
≤ 1.2 s per page with ≥ 98 % of the cells right, ≤ 600 MB.

``--cores N`` lets OCR use N cores, as an import pool does (cores ÷ workers): with one, pages are
read one after another, which is what each of a pool's busy workers does.
``--only TEXT`` measures only the scans whose name contains it.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parents[1] / "tests"  # the fixtures the figures are measured on
ROOT = HERE.parent
SCANS = sorted((HERE / "fixtures" / "scans").glob("*.pdf"))
TARGET_SECONDS_PER_PAGE = 1.2
TARGET_CELLS_RIGHT = 0.98

ONE_REPORT = r"""
import json, resource, sys, time
from pathlib import Path
path = Path(sys.argv[1])
data = path.read_bytes()

start = time.perf_counter()
from desktop.core.ocr import engine
engine.use_cores(int(sys.argv[2]) if sys.argv[2] != "all" else None)
engine.get_engine()
load = time.perf_counter() - start

from desktop.core.ocr import ocr_pdf
stamps = [time.perf_counter()]
cpu = time.process_time()
doc = ocr_pdf(data, str(path), progress=lambda done, total: stamps.append(time.perf_counter()))
per_page = [b - a for a, b in zip(stamps, stamps[1:])]
cpu_per_page = (time.process_time() - cpu) / len(per_page)

start = time.perf_counter()
from desktop.core.pipeline import analyse_bytes
report = analyse_bytes(data, str(path))
whole = time.perf_counter() - start

from desktop.core.ocr import low_confidence_findings
truth = json.loads(path.with_name(path.stem + ".truth.json").read_text(encoding="utf-8"))["cells"]
got = report.values()

print(json.dumps({
    "load": load,
    "per_page": per_page,
    "whole": whole,
    "cpu_per_page": cpu_per_page,
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "cells": len(truth),
    "right": sum(got.get(k) == v for k, v in truth.items()),
    "doubted": len(low_confidence_findings(report)),
}))
"""


def measure(path: Path, cores: str) -> dict:
    """One report in a fresh process: model load, per-page OCR times, whole pipeline, peak memory."""
    done = subprocess.run(
        [sys.executable, "-c", ONE_REPORT, str(path), cores], capture_output=True, text=True, cwd=ROOT, timeout=900, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cores", default="all", help="cores OCR may use (default: all)")
    parser.add_argument("--only", default="", help="only the scans whose file name contains this")
    args = parser.parse_args()
    scans = [p for p in SCANS if args.only in p.name]
    if not scans:
        print("no scans: run tests/fixtures/make_scans.py")
        return 1
    print(f"{'scan':34} {'pages':>5} {'load s':>7} {'s/page':>7} {'max s':>6} {'cpu/page':>8} {'report s':>9} "
          f"{'peak MB':>8} {'cells right':>12} {'doubted':>7}")
    all_pages: list[float] = []
    cpu: list[float] = []
    peaks: list[float] = []
    right = cells = 0
    for path in scans:
        r = measure(path, args.cores)
        per_page = r["per_page"]
        all_pages += per_page
        cpu += [r["cpu_per_page"]] * len(per_page)
        peaks.append(r["peak_mb"])
        right, cells = right + r["right"], cells + r["cells"]
        print(
            f"{path.name:34} {len(per_page):5d} {r['load']:7.2f} {statistics.mean(per_page):7.2f} "
            f"{max(per_page):6.2f} {r['cpu_per_page']:8.2f} {r['whole']:9.2f} {r['peak_mb']:8.0f} "
            f"{r['right']:>6}/{r['cells']:<5} {r['doubted']:7d}"
        )
    mean = statistics.mean(all_pages)
    met = mean <= TARGET_SECONDS_PER_PAGE and right >= TARGET_CELLS_RIGHT * cells
    print(
        f"\n{len(all_pages)} pages: {mean:.2f} s/page on average (median {statistics.median(all_pages):.2f}, "
        f"max {max(all_pages):.2f}), {statistics.mean(cpu):.2f} CPU s/page; peak memory {max(peaks):.0f} MB; "
        f"cells right {right}/{cells} ({100 * right / cells:.2f} %); target <= {TARGET_SECONDS_PER_PAGE} s/page "
        f"at >= {100 * TARGET_CELLS_RIGHT:.0f} % of cells: {'met' if met else 'NOT met'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
