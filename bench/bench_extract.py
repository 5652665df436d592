"""Extraction speed and memory (a script, not a test): ``python bench/bench_extract.py``.

Prints, for every PDF fixture, the seconds to extract the report (read + map + rules) against the
bare pdfplumber calls it is built on (``extract_words`` + ``find_tables`` on every page), the ratio,
and the peak memory of extracting a 100-page PDF made from the fixtures' pages.
Targets on the 2-core reference machine: ratio ≤ 1.5, ≤ 0.3 s for a six-page report, ≤ 300 MB.
"""

from __future__ import annotations

import io
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium

HERE = Path(__file__).resolve().parents[1] / "tests"  # the fixtures the figures are measured on
FIXTURES = sorted((HERE / "fixtures" / "reports").glob("*.pdf"))
RUNS = 5

PEAK_SCRIPT = """
import resource, sys, time
from desktop.core.pipeline import analyse_file
start = time.perf_counter()
report = analyse_file(sys.argv[1])
elapsed = time.perf_counter() - start
print(elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, len(report.document.pages))
"""


def bare_pdfplumber(data: bytes) -> None:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_words()
            page.find_tables()
            page.close()


def ours(data: bytes, name: str) -> None:
    from desktop.core.pipeline import analyse_bytes

    analyse_bytes(data, name)


def median_seconds(fn, *args) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn(*args)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def hundred_page_pdf(target: Path) -> Path:
    """A 100-page PDF of real report pages (the fixtures', repeated), made with pdfium."""
    out = pdfium.PdfDocument.new()
    sources = [pdfium.PdfDocument(str(p)) for p in FIXTURES]
    while len(out) < 100:
        for src in sources:
            take = min(len(src), 100 - len(out))
            if take <= 0:
                break
            out.import_pages(src, list(range(take)))
    out.save(str(target))
    return target


def main() -> None:
    ours(FIXTURES[0].read_bytes(), FIXTURES[0].name)  # warm imports and layout caches
    print(f"{'report':40} {'pages':>5} {'bare s':>8} {'ours s':>8} {'s/page':>8} {'ratio':>6}")
    ratios, per_page = [], []
    for path in FIXTURES:
        data = path.read_bytes()
        pages = len(pdfium.PdfDocument(data))
        bare = median_seconds(bare_pdfplumber, data)
        mine = median_seconds(ours, data, path.name)
        ratios.append(mine / bare)
        per_page.append(mine / pages)
        print(f"{path.name:40} {pages:5d} {bare:8.3f} {mine:8.3f} {mine / pages:8.3f} {mine / bare:6.2f}")
    print(f"median ratio to bare pdfplumber: {statistics.median(ratios):.2f} (max {max(ratios):.2f})")
    print(f"median seconds per page: {statistics.median(per_page):.3f}; "
          f"a six-page report: {6 * statistics.median(per_page):.2f} s")
    with tempfile.TemporaryDirectory() as tmp:
        big = hundred_page_pdf(Path(tmp) / "hundred.pdf")
        done = subprocess.run([sys.executable, "-c", PEAK_SCRIPT, str(big)], capture_output=True, text=True,
                              cwd=HERE.parent, check=True)
        seconds, peak_mb, pages = done.stdout.split()
        print(f"100-page PDF: {pages} pages in {float(seconds):.1f} s, peak memory {float(peak_mb):.0f} MB")


if __name__ == "__main__":
    main()
