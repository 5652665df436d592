"""Window speed and memory (a script, not a test): ``QT_QPA_PLATFORM=offscreen python bench/bench_window.py``.

Prints: launch to an interactive window, opening a six-page PDF report (until its first page is
drawn), an edit until the colours and findings are updated, and memory with 50 reports imported.
Targets on the 2-core reference machine: ≤ 2 s, ≤ 0.5 s, ≤ 50 ms.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parents[1] / "tests"  # the fixtures the figures are measured on
ROOT = HERE.parent

LAUNCH = """
import time; t0 = time.perf_counter()
import os, sys
from pathlib import Path
from desktop.gui.settings import Settings
from desktop.core.store import Store
from desktop.gui.app import create_application
from desktop.gui.main_window import MainWindow
from desktop.gui.qt import QtCore
app = create_application("zh")
window = MainWindow(Store(Path(sys.argv[1])), Settings(), Path(sys.argv[1]).with_suffix(".json"))
window.show()
def ready():
    print(time.perf_counter() - t0)
    app.quit()
QtCore.QTimer.singleShot(0, ready)
app.exec()
"""


def six_page_pdf(target: Path) -> Path:
    """A six-page report: a five-page fixture plus one more page of prose from another."""
    import pypdfium2 as pdfium

    out = pdfium.PdfDocument.new()
    out.import_pages(pdfium.PdfDocument(str(HERE / "fixtures" / "reports" / "f09_2023_pdf_table_split.pdf")))
    out.import_pages(pdfium.PdfDocument(str(HERE / "fixtures" / "reports" / "f03_2020_html_ruled.pdf")), [2])
    out.save(str(target))
    return target


def launch_seconds(db: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", LAUNCH, str(db)], capture_output=True, text=True, cwd=ROOT, check=True)
    total = time.perf_counter() - start
    inside = float(done.stdout.split()[-1])
    print(f"launch to interactive window: {total:.2f} s (process start included; {inside:.2f} s after Python started)")
    return total


def main() -> None:
    import resource

    from desktop.gui.settings import Settings
    from desktop.core.store import Store, import_file
    from desktop.gui.app import create_application
    from desktop.gui.main_window import MainWindow
    from desktop.gui.tasks import TaskRunner

    tmp = Path(tempfile.mkdtemp(prefix="nianbao-bench-"))
    launch_seconds(tmp / "empty.sqlite")

    app = create_application("zh")
    store = Store(tmp / "bench.sqlite")
    pdf = six_page_pdf(tmp / "six-page report.pdf")
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_store import report_files

    files = [pdf] + report_files(tmp)[:49]
    for path in files:
        import_file(store, path)
    window = MainWindow(store, Settings(), tmp / "settings.json", TaskRunner(synchronous=True))
    window.resize(1600, 1000)
    window.show()
    app.processEvents()
    ids = {r["source_name"]: r["id"] for r in store.summaries()}
    other = next(i for name, i in ids.items() if name != pdf.name)

    opens = []
    for _ in range(5):
        window.open_report(other)
        app.processEvents()
        start = time.perf_counter()
        window.open_report(ids[pdf.name])
        while 1 not in window.source.pdf_view.rendered_pages():
            app.processEvents()
            if time.perf_counter() - start > 10:
                break
        opens.append(time.perf_counter() - start)
    print(f"open a six-page PDF report (first page drawn): median {statistics.median(opens):.3f} s")

    edits = []
    key = "requests.new.natural"
    base = window.session.value(key)
    for i in range(40):
        start = time.perf_counter()
        window.apply_edits({key: base + (i % 2)})
        app.processEvents()
        edits.append((time.perf_counter() - start) * 1000)
    print(f"edit to updated colours and findings: median {statistics.median(edits):.1f} ms")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"memory with {len(store.report_ids())} reports imported and one open: peak {peak:.0f} MB")
    window.close()


if __name__ == "__main__":
    main()
