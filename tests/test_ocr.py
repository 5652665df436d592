"""Scanned reports read by local OCR: accuracy on scanned fixtures, flags on doubtful cells,
boxes on the scanned page, progress and cancel, and no network or stray files.

Needs the OCR extra (``pip install -e ".[ocr]"``: rapidocr + onnxruntime); without it the whole
module is skipped with that reason. What works without OCR is in ``test_ocr_fallback.py``.
"""

from __future__ import annotations

import io
import json
import math
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, load_truth, source_of, truth_files

from desktop.core import ocr

if not ocr.available():
    pytest.skip('OCR extra not installed (pip install -e ".[ocr]": rapidocr, onnxruntime)', allow_module_level=True)

import pypdfium2 as pdfium

from desktop.core.errors import Cancelled
from desktop.core.findings import Severity
from desktop.core.pipeline import analyse_bytes, analyse_file, read_path
from desktop.core.store import Store, import_file

pytestmark = pytest.mark.slow

SCANS = FIXTURES / "scans"
SCAN_TRUTHS = truth_files(SCANS)
MIN_ACCURACY = 0.98


@pytest.fixture(scope="module")
def scanned_reports():
    """Every scanned fixture read once (OCR is the slow part): truth path → (truth, report, low findings)."""
    out = {}
    for truth_path in SCAN_TRUTHS:
        truth = load_truth(truth_path)
        report = analyse_file(source_of(truth_path))
        out[truth_path.name] = (truth, report, ocr.low_confidence_findings(report))
    return out


def _wrong_cells(truth: dict, report) -> dict[str, tuple]:
    got = report.values()
    return {k: (v, got.get(k)) for k, v in truth["cells"].items() if got.get(k) != v}


# ------------------------------------------------------------------------------- the fixtures


def test_scanned_fixtures_are_image_only_pdfs_of_both_layouts():
    assert len(SCAN_TRUTHS) >= 4
    assert {load_truth(p)["layout"] for p in SCAN_TRUTHS} == {"2019", "2021"}
    for truth_path in SCAN_TRUTHS:
        path = source_of(truth_path)
        assert path.stat().st_size < 1_000_000, path.name
        pdf = pdfium.PdfDocument(path)
        try:
            for page in pdf:
                assert page.get_textpage().count_chars() == 0, f"{path.name} has a text layer"
        finally:
            pdf.close()


# ------------------------------------------------------------------------------- accuracy


def test_cells_are_read_right_across_the_scans(scanned_reports):
    right = total = 0
    lines = []
    for name, (truth, report, _) in scanned_reports.items():
        wrong = _wrong_cells(truth, report)
        n = len(truth["cells"])
        right += n - len(wrong)
        total += n
        lines.append(f"{name}: {n - len(wrong)}/{n} {dict(list(wrong.items())[:5])}")
        assert report.format == truth["layout"], name
    print("\n" + "\n".join(lines) + f"\nall: {right}/{total}")
    assert right / total >= MIN_ACCURACY, "\n".join(lines)


def test_every_wrong_cell_is_flagged(scanned_reports):
    """A misread cell must never pass silently: OCR doubted it, or the table's arithmetic fails on it."""
    unflagged = {}
    for name, (truth, report, low) in scanned_reports.items():
        doubted = {k for f in low for k in f.cells}
        errors = {k for f in report.findings if f.severity is Severity.ERROR for k in f.cells}
        for key, pair in _wrong_cells(truth, report).items():
            if key not in doubted and key not in errors:
                unflagged[f"{name}:{key}"] = pair
    assert unflagged == {}


def test_dashes_read_as_zero_and_are_not_doubted_for_their_shape(scanned_reports):
    """Every zero printed as — (rows of them, and table 四 all dashes) reads as 0, ruled or not; the
    recogniser wavering between 一 and — is no doubt about the value, so few of them are flagged."""
    dashed = [name for name in scanned_reports if "dashes" in name]
    assert len(dashed) == 2
    for name in dashed:
        truth, report, low = scanned_reports[name]
        assert _wrong_cells(truth, report) == {}, name
        assert all(report.values()[k] == 0 for k, v in truth["cells"].items() if k.startswith("appeals.")), name
        assert len(low) <= 0.02 * len(truth["cells"]), [f.message for f in low]


def test_meta_is_read_from_the_scans(scanned_reports):
    for name, (truth, report, _) in scanned_reports.items():
        assert report.meta.to_json() == truth["meta"], name


def test_every_section_heading_is_found_on_the_scans(scanned_reports):
    """Specks beside a heading on the noisy scan must not make it a line of several cells."""
    missing = {name: f.message for name, (_, report, _) in scanned_reports.items()
               for f in report.findings if f.rule == "structure.missing_section"}
    assert missing == {}


def test_stray_marks_are_kept_only_as_the_digits_and_dashes_they_were_sought_for():
    from desktop.core.ocr.engine import TextBox
    from desktop.core.ocr.regions import sought_marks

    def mark(text: str, score: float, width: float, height: float = 30.0) -> TextBox:
        return TextBox(text, score, (100.0, 50.0, 100.0 + width, 50.0 + height), ())

    dash, one, sixteen = mark("一", 0.45, 24), mark("1", 0.9, 16), mark("16", 0.8, 36)
    specks = [mark("MUEL", 0.81, 15), mark("渔能", 0.9, 30), mark("5536", 0.6, 17), mark("0", 0.18, 16)]
    assert sought_marks([dash, *specks, one, sixteen]) == [dash, one, sixteen]


def test_ocr_cells_carry_their_confidence_into_the_report(scanned_reports):
    """The mapper copies Cell.confidence onto CellValue.confidence for every value it reads from
    one cell, except values it sums from local sub-rows (mapping.py ``_finish_subrows``)."""
    for name, (_, report, _) in scanned_reports.items():
        summed = {k for f in report.findings if f.rule == "structure.local_subrows" for k in f.cells}
        read = {k: c for k, c in report.cells.items() if c.raw and len(c.locations) == 1 and k not in summed}
        assert len(read) > 150, name
        for key, cell in read.items():
            assert cell.confidence is not None and 0.0 <= cell.confidence <= 1.0, (name, key, cell)


def test_low_confidence_uses_the_source_cells_when_the_mapper_left_none(scanned_reports):
    _, report, _ = scanned_reports[SCAN_TRUTHS[0].name]
    key = "requests.carried_in.natural"
    cell = report.cells[key]
    source = next(c for line in report.document.lines for c in line.cells if c.loc.start == cell.locations[0].start)
    cell.confidence, source.confidence = None, 0.5
    assert [f.cells for f in ocr.low_confidence_findings(report) if key in f.cells] == [(key,)]


def test_low_confidence_findings_name_cell_reading_and_place(scanned_reports):
    _, report, _ = scanned_reports[SCAN_TRUTHS[0].name]
    key = "requests.new.natural"
    cell = report.cells[key]
    cell.confidence = 0.72
    findings = [f for f in ocr.low_confidence_findings(report) if key in f.cells]
    assert len(findings) == 1
    finding = findings[0]
    assert finding.rule == "ocr.low_confidence" and finding.severity is Severity.WARNING
    assert finding.message == f"OCR 置信度低（0.72）：{report.layout.label(key)} 读作 {cell.raw}，请核对原件"
    assert finding.cells == (key,)
    assert finding.locations and finding.locations[0].page is not None and finding.locations[0].bbox is not None


# ------------------------------------------------------------------------------- boxes


def test_cell_boxes_sit_on_the_number_as_scanned(scanned_reports):
    """Each OCR cell's box, in points on the turned page, is where the original PDF printed it, turned."""
    truth_path = SCANS / "s01_2020_scan_ruled.truth.json"
    _, report, _ = scanned_reports[truth_path.name]
    original = analyse_file(FIXTURES / "reports" / "f03_2020_html_ruled.pdf")
    angle = math.radians(1.2)  # make_scans.py: s01 turned 1.2° anticlockwise about the page centre
    distances = []
    for key, cell in report.cells.items():
        ref = original.cells[key]
        if len(cell.locations) != 1 or len(ref.locations) != 1:
            continue
        scan_loc, ref_loc = cell.locations[0], ref.locations[0]
        assert scan_loc.page == ref_loc.page
        page = report.document.pages[scan_loc.page - 1]
        cx, cy = page.width / 2, page.height / 2
        x = (ref_loc.bbox[0] + ref_loc.bbox[2]) / 2 - cx
        y = (ref_loc.bbox[1] + ref_loc.bbox[3]) / 2 - cy
        expected = (cx + x * math.cos(angle) + y * math.sin(angle), cy - x * math.sin(angle) + y * math.cos(angle))
        got = ((scan_loc.bbox[0] + scan_loc.bbox[2]) / 2, (scan_loc.bbox[1] + scan_loc.bbox[3]) / 2)
        distances.append(math.dist(expected, got))
    assert len(distances) > 150
    distances.sort()
    assert distances[len(distances) // 2] < 2.0, distances[-5:]
    assert distances[-1] < 6.0, distances[-5:]


def test_ocr_document_lists_every_page_in_points():
    path = SCANS / "s04_2023_scan_split.pdf"
    doc = ocr.ocr_pdf(path.read_bytes(), str(path), pages=[5])
    assert doc.kind == "pdf"
    assert [p.number for p in doc.pages] == [1, 2, 3, 4, 5]
    for page in doc.pages:
        assert page.width == pytest.approx(595.3, abs=1) and page.height == pytest.approx(842, abs=1)
    for line in doc.lines:
        for cell in line.cells:
            assert cell.loc.page == 5
            x0, top, x1, bottom = cell.loc.bbox
            assert 0 <= x0 < x1 <= 596 and 0 <= top < bottom <= 842


@pytest.mark.parametrize(("cores", "progress", "read", "unread"),
                         [(1, [(1, 3)], {1}, "2、5"), (2, [(1, 3), (2, 3)], {1, 2}, "5")])
def test_progress_per_page_and_cancel_between_pages(monkeypatch, cores, progress, read, unread):
    """Cancel stops the pages not yet begun; a page already being read is finished and kept."""
    from desktop.core.ocr import engine

    monkeypatch.setattr(engine, "_cores", cores)
    path = SCANS / "s04_2023_scan_split.pdf"
    calls: list[tuple[int, int]] = []
    doc = ocr.ocr_pdf(
        path.read_bytes(),
        str(path),
        pages=[5, 2, 1],
        progress=lambda d, t: calls.append((d, t)),
        cancelled=lambda: bool(calls),
    )
    assert calls == progress
    assert {c.loc.page for line in doc.lines for c in line.cells} == read
    assert f"文字识别已取消：第{unread}页未识别，内容缺失" in doc.notes


# ------------------------------------------------------------------------------- integration


def test_pipeline_merges_ocr_pages_with_text_pages():
    """A PDF whose first page has text and the rest are scans: one document, pages in order."""
    mixed = pdfium.PdfDocument.new()
    text_pdf = pdfium.PdfDocument(FIXTURES / "reports" / "f03_2020_html_ruled.pdf")
    scan_pdf = pdfium.PdfDocument(SCANS / "s01_2020_scan_ruled.pdf")
    mixed.import_pages(text_pdf, [0])
    mixed.import_pages(scan_pdf, [1, 2])
    buffer = io.BytesIO()
    mixed.save(buffer)
    for pdf in (mixed, text_pdf, scan_pdf):
        pdf.close()
    report = analyse_bytes(buffer.getvalue(), "mixed.pdf")
    truth = load_truth(SCANS / "s01_2020_scan_ruled.truth.json")
    wrong = _wrong_cells(truth, report)
    assert len(wrong) <= 0.02 * len(truth["cells"]), wrong
    pages = [line.cells[0].loc.page for line in report.document.lines]
    assert pages == sorted(pages) and set(pages) == {1, 2, 3}
    first = [c for line in report.document.lines for c in line.cells if c.loc.page == 1]
    later = [c for line in report.document.lines for c in line.cells if c.loc.page > 1 and c.text]
    assert all(c.confidence is None for c in first)
    assert all(c.confidence is not None for c in later)
    notes = [f.message for f in report.findings if f.rule == "document.note"]
    assert any(n.startswith("第2-3页为扫描件，已用文字识别（OCR）读出") for n in notes), notes
    assert not any("需要 OCR" in n for n in notes)


def test_import_reads_a_scan_page_by_page_and_reopens_without_ocr(tmp_path, scanned_reports, monkeypatch):
    path = SCANS / "s02_2021_scan_merged.pdf"
    pages: list[tuple[int, int]] = []
    with Store(tmp_path / "nianbao.sqlite") as store:
        report_id = import_file(store, path, progress=lambda d, t: pages.append((d, t))).report_id
    assert pages == [(1, 3), (2, 3), (3, 3)]
    monkeypatch.setattr(ocr, "ocr_pdf", lambda *a, **k: pytest.fail("a stored scan was read by OCR again"))
    with Store(tmp_path / "nianbao.sqlite") as store:
        record = store.record(report_id)
        truth, report, low = scanned_reports[path.name.replace(".pdf", ".truth.json")]
        assert record.report.values() == report.values()
        stored_low = sorted(s.finding.cells for s in record.findings if s.finding.rule == "ocr.low_confidence")
        assert stored_low == sorted(f.cells for f in low)


def test_ocr_failing_on_every_page_opens_the_scan_empty_with_the_reason(tmp_path, monkeypatch):
    from desktop.core.ocr import scan

    def broken(*args):
        raise RuntimeError("模型文件损坏")

    monkeypatch.setattr(scan, "recognise", broken)
    with Store(tmp_path / "nianbao.sqlite") as store:
        result = import_file(store, SCANS / "s02_2021_scan_merged.pdf")
        assert result.status == "imported"  # a real report the auditor can still type in, not "not a report"
        record = store.record(result.report_id)
    assert set(record.report.values().values()) == {None}
    notes = [s.finding.message for s in record.findings if s.finding.rule == "document.note"]
    assert notes == [f"第{n}页文字识别失败（RuntimeError: 模型文件损坏），该页内容缺失" for n in (1, 2, 3)]


def test_a_cancelled_import_stores_nothing_of_the_scan(tmp_path):
    with Store(tmp_path / "nianbao.sqlite") as store:
        with pytest.raises(Cancelled):
            import_file(store, SCANS / "s04_2023_scan_split.pdf", cancelled=lambda: True)
        assert store.report_ids() == []
        assert store.audit_trail() == []


def test_scan_read_through_the_pipeline_is_read_by_ocr():
    doc = read_path(SCANS / "s02_2021_scan_merged.pdf")
    assert doc.lines and doc.scan.pages == [1, 2, 3] and doc.scan.unread == [] and not doc.scan.pending
    assert doc.notes == ["第1-3页为扫描件，已用文字识别（OCR）读出；识别的数字请与原件核对"]


# ------------------------------------------------------------------------------- privacy

GUARDED_RUN = r"""
import json, os, socket, sys
attempts = []

def refuse(*args, **kwargs):
    attempts.append(repr(args)[:200])
    raise OSError("network use blocked by the test")

for name in ("connect", "connect_ex", "sendto", "sendmsg"):
    setattr(socket.socket, name, refuse)
socket.create_connection = refuse
socket.getaddrinfo = refuse

from desktop.core.ocr import ocr_pdf

path = sys.argv[1]
with open(path, "rb") as f:
    data = f.read()
doc = ocr_pdf(data, path, pages=[1])
print(json.dumps({
    "attempts": attempts,
    "lines": len(doc.lines),
    "telemetry_env": os.environ.get("ORT_DISABLE_TELEMETRY"),
    "loaded": sorted({m.split(".")[0] for m in sys.modules if m.split(".")[0] in ("onnxruntime", "rapidocr")}),
}))
"""


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``folder`` (bytecode caches aside) with its size and modification time."""
    out = {}
    for path in folder.rglob("*"):
        if "__pycache__" in path.parts or not path.is_file():
            continue
        stat = path.stat()
        out[str(path.relative_to(folder))] = (stat.st_size, stat.st_mtime_ns)
    return out


def _package_dir(name: str) -> Path:
    import importlib.util

    spec = importlib.util.find_spec(name)
    assert spec is not None and spec.submodule_search_locations
    return Path(next(iter(spec.submodule_search_locations)))


def _guarded_env(tmp_path: Path) -> tuple[dict, Path, Path]:
    home, cwd, temp = tmp_path / "home", tmp_path / "cwd", tmp_path / "tmp"
    for folder in (home, cwd, temp):
        folder.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "ORT_"))}
    env.update(HOME=str(home), TMPDIR=str(temp), PYTHONPATH=str(ROOT), PYTHONDONTWRITEBYTECODE="1")
    return env, home, cwd


def test_ocr_opens_no_connection_and_writes_nothing_outside_temp(tmp_path):
    """Models load and a page is read with every socket call refused, HOME empty and fresh.

    PYTHONDONTWRITEBYTECODE only stops Python's own bytecode caches, which are not the app's doing.
    """
    watched = [_package_dir("rapidocr"), _package_dir("onnxruntime"), ROOT / "desktop", ROOT / "tests"]
    before = [_snapshot(folder) for folder in watched]
    env, home, cwd = _guarded_env(tmp_path)
    scan = SCANS / "s03_2020_scan_merged.pdf"
    done = _run_guarded([sys.executable, "-c", GUARDED_RUN, str(scan)], cwd, env)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["attempts"] == []
    assert result["lines"] > 5
    assert result["telemetry_env"] == "1"
    assert result["loaded"] == ["onnxruntime", "rapidocr"]
    assert list(home.rglob("*")) == [], "OCR wrote into HOME"
    assert list(cwd.rglob("*")) == [], "OCR wrote into the working folder"
    assert [_snapshot(folder) for folder in watched] == before, "OCR changed files of its packages or the project"


def _run_guarded(command: list[str], cwd: Path, env: dict) -> subprocess.CompletedProcess:
    """Run an OCR script in the guarded folders and environment; it must succeed."""
    done = subprocess.run(command, capture_output=True, check=False, text=True, cwd=cwd, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    return done


def _strace_works() -> bool:
    if shutil.which("strace") is None:
        return False
    try:
        return (
            subprocess.run(
                ["strace", "-f", "-o", os.devnull, sys.executable, "-c", "pass"],
                capture_output=True,
                check=False,
                timeout=60,
            ).returncode
            == 0
        )
    except (OSError, subprocess.SubprocessError):
        return False


@pytest.mark.skipif(not _strace_works(), reason="strace is not installed or ptrace is not permitted here")
def test_no_network_system_call_even_from_native_code(tmp_path):
    """Python-level guards cannot see onnxruntime's C++ side; the kernel can: nothing connects or sends."""
    env, _, cwd = _guarded_env(tmp_path)
    log = tmp_path / "strace.log"
    scan = SCANS / "s03_2020_scan_merged.pdf"
    script = (
        "import sys\nfrom pathlib import Path\nfrom desktop.core.ocr import ocr_pdf\n"
        "print(len(ocr_pdf(Path(sys.argv[1]).read_bytes(), 'x', [3]).lines))"
    )
    trace = ["strace", "-f", "-e", "trace=connect,sendto,sendmsg,bind", "-o", str(log)]
    _run_guarded([*trace, sys.executable, "-c", script, str(scan)], cwd, env)
    calls = [line for line in log.read_text().splitlines() if "(" in line and "+++" not in line]
    # urllib3 (imported by rapidocr, never used here) binds a socket to ::1 once to learn whether
    # IPv6 exists; that stays on this machine. Nothing may connect or send anywhere.
    sent = [c for c in calls if c.split()[1].startswith(("connect(", "sendto(", "sendmsg("))]
    bound = [c for c in calls if c.split()[1].startswith("bind(") and "::1" not in c and "127.0.0.1" not in c]
    assert sent == [] and bound == [], calls


def test_telemetry_is_switched_off_before_the_models_load(monkeypatch):
    import onnxruntime

    from desktop.core.ocr import engine

    called = []
    monkeypatch.delenv("ORT_DISABLE_TELEMETRY", raising=False)
    monkeypatch.setattr(onnxruntime, "disable_telemetry_events", lambda: called.append(True))
    engine.load_runtime()
    assert called == [True]
    assert os.environ["ORT_DISABLE_TELEMETRY"] == "1"


def test_engine_is_given_the_bundled_model_files():
    from desktop.core.ocr import engine

    params = engine.engine_params()
    models = _package_dir("rapidocr") / "models"
    assert params["Global.use_cls"] is False and "Cls.model_path" not in params  # never run, not bundled
    for stage in ("Det", "Rec"):
        path = Path(params[f"{stage}.model_path"])
        assert path.is_file() and path.parent.resolve() == models.resolve()
