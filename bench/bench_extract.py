"""Extraction speed and memory (a script, not a test): ``python bench/bench_extract.py``.

For every PDF fixture, in one run, the seconds to extract the report (read + map + rules) against
two floors read from the same file: bare pdfplumber (``extract_words`` + ``find_tables`` on every
page, what the reader used to be built on) and pypdfium2's own text with a box per character (the
fastest way this machine has to get the same characters and boxes). Then the same per page, with
the reader's page step alone (pdfium's characters and edges, words, tables, lines) against both
floors, so a slow page shows which step it is waiting on. Last, the peak memory of extracting a
100-page PDF made from the fixtures' pages.

Targets on the 2-core reference machine: ≤ 2× pypdfium2 (issue 16), ≤ 0.3 s for a six-page
report, ≤ 150 MB.
"""

from __future__ import annotations

import io
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium

HERE = Path(__file__).resolve().parents[1] / "tests"  # the fixtures the figures are measured on
sys.path.insert(0, str(HERE.parent))  # this checkout's desktop package, not an installed one
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


def plumber_page(page) -> None:
    page.extract_words()
    page.find_tables()


def pdfium_page(page) -> None:
    """Every character with its box: the text a pdfium-based reader starts from."""
    text = page.get_textpage()
    count = text.count_chars()
    text.get_text_range(0, count)
    for index in range(count):
        text.get_charbox(index)
    text.close()


def bare_pdfplumber(data: bytes) -> None:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            plumber_page(page)
            page.close()


def bare_pdfium(data: bytes) -> None:
    pdf = pdfium.PdfDocument(data)
    for page in pdf:
        pdfium_page(page)
        page.close()
    pdf.close()


def ours(data: bytes, name: str) -> None:
    from desktop.core.pipeline import analyse_bytes

    analyse_bytes(data, name)


def median_seconds(fn: Callable[..., object], *args: object) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn(*args)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def page_seconds(data: bytes) -> list[tuple[float, float, float]]:
    """Per page: (the reader's page step, bare pdfplumber, pdfium), each the median of RUNS."""
    from desktop.core.readers.pdf import _Notes, _pdfium_rows
    from desktop.core.readers.pdf_fonts import read_descents
    from desktop.core.readers.pdfium_page import PdfiumPages

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        bare = []
        for page in pdf.pages:
            times = []
            for _ in range(RUNS):
                page.close()  # drop the parsed objects so every run parses the page again
                start = time.perf_counter()
                plumber_page(page)
                times.append(time.perf_counter() - start)
            bare.append(statistics.median(times))
    pages = PdfiumPages(data, read_descents(data))
    reader = []
    for index in range(pages.count):
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            _pdfium_rows(pages.read(index), index + 1, _Notes())
            times.append(time.perf_counter() - start)
        reader.append(statistics.median(times))
    pages.close()
    pdf = pdfium.PdfDocument(data)
    floor = []
    for index in range(len(pdf)):
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            page = pdf[index]  # loading parses the page: the reader's step does it too
            pdfium_page(page)
            page.close()
            times.append(time.perf_counter() - start)
        floor.append(statistics.median(times))
    pdf.close()
    return list(zip(reader, bare, floor))


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


def report_table() -> list[tuple[float, float, float]]:
    print(f"{'report':34} {'pages':>5} {'plumber s':>9} {'pdfium s':>9} {'ours s':>8} {'s/page':>7} "
          f"{'×plumber':>8} {'×pdfium':>8}")
    rows = []
    for path in FIXTURES:
        data = path.read_bytes()
        pages = len(pdfium.PdfDocument(data))
        bare = median_seconds(bare_pdfplumber, data)
        floor = median_seconds(bare_pdfium, data)
        mine = median_seconds(ours, data, path.name)
        rows.append((mine / bare, mine / floor, mine / pages))
        print(f"{path.name:34} {pages:5d} {bare:9.3f} {floor:9.3f} {mine:8.3f} {mine / pages:7.3f} "
              f"{mine / bare:8.2f} {mine / floor:8.2f}")
    return rows


def page_table() -> list[float]:
    print(f"\n{'report':34} {'page':>4} {'plumber s':>9} {'pdfium s':>9} {'reader s':>8} {'×plumber':>8} {'×pdfium':>8}")
    to_pdfium = []
    for path in FIXTURES:
        for number, (reader, bare, floor) in enumerate(page_seconds(path.read_bytes()), 1):
            to_pdfium.append(reader / floor)
            print(f"{path.name:34} {number:4d} {bare:9.4f} {floor:9.4f} {reader:8.4f} "
                  f"{reader / bare:8.2f} {reader / floor:8.2f}")
    return to_pdfium


def main() -> None:
    ours(FIXTURES[0].read_bytes(), FIXTURES[0].name)  # warm imports and layout caches
    rows = report_table()
    to_plumber, to_pdfium, per_page = (list(column) for column in zip(*rows))
    page_ratios = page_table()
    print(f"\nper report, median ratio to bare pdfplumber: {statistics.median(to_plumber):.2f} "
          f"(max {max(to_plumber):.2f}); to pypdfium2: {statistics.median(to_pdfium):.2f} "
          f"(max {max(to_pdfium):.2f})")
    print(f"per page, reader step to pypdfium2: median {statistics.median(page_ratios):.2f} "
          f"(max {max(page_ratios):.2f})")
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
