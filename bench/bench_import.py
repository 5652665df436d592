"""A season's import (a script, not a test): ``python bench/bench_import.py [--workers N] [--scans N]``.

Makes 200 distinct project-made reports — 180 text reports (the PDF, DOCX and HTML fixtures,
each copy with its own bytes) and 20 scans of four pages (pages of the scanned fixtures) — and
imports them into a new database the way ``nianbao import`` does (``importing.import_files``: a
process pool, one writer). Prints the wall time, when the last text report was stored (they are
listed first), reports per second, the cores used (CPU seconds of all processes over the wall
time) and the peak memory of the writer and of the largest worker.

Targets on the 2-core reference machine (issue 16): text reports ≥ 12 per second, the whole
season ≤ 2 minutes, ≤ 600 MB per worker with OCR.
"""

from __future__ import annotations

import argparse
import io
import resource
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.core.batch import default_workers  # noqa: E402
from desktop.core.store import Store, import_files  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
TEXT_KINDS = (".pdf", ".docx", ".html")
SCAN_PAGES = 4


def distinct_copy(source: Path, number: int) -> bytes:
    """The file's bytes with a mark that changes its hash and nothing a reader looks at."""
    data = source.read_bytes()
    if source.suffix == ".pdf":
        return data + f"\n%copy {number}\n".encode()
    if source.suffix == ".html":
        return data + f"\n<!-- copy {number} -->\n".encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            new.writestr(item, old.read(item.filename))
        new.comment = f"copy {number}".encode()
    return out.getvalue()


def text_reports(folder: Path, count: int) -> list[Path]:
    sources = sorted(p for p in (FIXTURES / "reports").iterdir() if p.suffix in TEXT_KINDS)
    files = []
    for number in range(count):
        source = sources[number % len(sources)]
        target = folder / f"t{number:03d}_{source.name}"
        target.write_bytes(distinct_copy(source, number))
        files.append(target)
    return files


def scans(folder: Path, count: int) -> list[Path]:
    """Four-page scans cut from the scanned fixtures' pages, each starting on another page."""
    sources = [pdfium.PdfDocument(str(p)) for p in sorted((FIXTURES / "scans").glob("*.pdf"))]
    pages = [(src, i) for src in sources for i in range(len(src))]
    files = []
    for number in range(count):
        out = pdfium.PdfDocument.new()
        for k in range(SCAN_PAGES):
            src, index = pages[(number * SCAN_PAGES + k) % len(pages)]
            out.import_pages(src, [index])
        target = folder / f"s{number:03d}_scan.pdf"
        out.save(str(target))
        target.write_bytes(target.read_bytes() + f"\n%copy {number}\n".encode())
        files.append(target)
    return files


def cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=None, help="pool size (default: one per core)")
    parser.add_argument("--texts", type=int, default=180)
    parser.add_argument("--scans", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        texts, scanned = text_reports(folder, args.texts), scans(folder, args.scans)
        files = texts + scanned
        workers = args.workers or default_workers()
        text_names = {str(p) for p in texts}
        with Store(folder / "season.sqlite") as store:
            cpu, start = cpu_seconds(), time.perf_counter()
            stored, texts_done = [], None
            for result in import_files(store, files, workers):
                stored.append(result)
                if texts_done is None and len([r for r in stored if r.path in text_names]) == len(texts):
                    texts_done = time.perf_counter() - start
            wall = time.perf_counter() - start
            used = (cpu_seconds() - cpu) / wall
        imported = sum(r.status == "imported" for r in stored)
        print(f"{len(files)} reports ({len(texts)} text, {len(scanned)} scans of {SCAN_PAGES} pages), "
              f"{workers} workers: {imported} imported in {wall:.1f} s, {len(files) / wall:.1f} reports/s")
        if texts and texts_done:
            print(f"text reports: all {len(texts)} stored after {texts_done:.1f} s, "
                  f"{len(texts) / texts_done:.1f} per second")
        print(f"cores used: {used:.2f} (CPU seconds / wall seconds)")
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"peak memory: writer {own:.0f} MB, largest worker {child:.0f} MB")


if __name__ == "__main__":
    main()
