"""Shared test fixtures: where the generated fixture reports (and, optionally, the shared samples) live.

The suite passes from the repository alone. ``../shared/samples`` holds real report excerpts; the
tests that read them are marked ``needs_samples`` and skip with the reason when the folder is not
beside the repository, and each behaviour they check is also checked on a fixture made here
(``tests/fixtures/damaged`` repeats the samples' damage on a report of our own).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # GUI tests draw into memory, no screen needed

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT.parent / "shared" / "samples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DAMAGED = FIXTURES / "damaged"
needs_samples = pytest.mark.skipif(
    not SAMPLES.is_dir(),
    reason="../shared/samples (real report excerpts) is not beside the repository; tests/fixtures covers the same cases",
)
REAL = ROOT.parent / "shared" / "real"
needs_real = pytest.mark.skipif(
    not REAL.is_dir(),
    reason="../shared/real (real portal excerpts) is not beside the repository; tests/test_real_shapes.py covers the same shapes",
)


def truth_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.truth.json"))


def load_truth(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def source_of(truth_path: Path) -> Path:
    """The report a truth file describes: the file named in it, in the same folder."""
    return truth_path.parent / load_truth(truth_path)["file"]


def with_confidences(document, confidence_of):
    """The same document rebuilt with a confidence on every cell (``confidence_of(line, cell)``),
    as the OCR reader gives it: OCR's hand-over to the mapper and the rules, tested without OCR."""
    from desktop.core.document import DocumentBuilder

    builder = DocumentBuilder()
    for i, line in enumerate(document.lines):
        builder.add_line(
            [(c.text, c.loc.page, c.loc.bbox) for c in line.cells],
            [confidence_of(i, j) for j in range(len(line.cells))],
        )
    return builder.build(document.source, document.kind, document.pages, document.notes)


def doubtful_report(path: Path, doubted: str):
    """A text report as if OCR had read it: every cell sure (0.99) but the one ``doubted`` came from (0.6)."""
    from desktop.core.extract import extract_document
    from desktop.core.readers import read_file

    document = read_file(path)
    start = extract_document(document).cells[doubted].locations[0].start
    offsets = [[c.loc.start for c in line.cells] for line in document.lines]
    return extract_document(with_confidences(document, lambda i, j: 0.6 if offsets[i][j] == start else 0.99))


def assert_sheet_is_grid(ws, grid, values: dict, top: int = 2) -> None:
    """The sheet rows below ``top`` (title and heading) hold exactly the grid: texts, values, merges."""
    merged = {(r.min_row - 1 - top, r.min_col - 1, r.max_row - 1 - top, r.max_col - 1)
              for r in ws.merged_cells.ranges if top < r.min_row <= top + grid.rows}
    assert merged == {(c.row, c.col, c.row + c.rowspan - 1, c.col + c.colspan - 1) for c in grid.merged_cells()}
    for cell in grid.cells:
        printed = ws.cell(top + cell.row + 1, cell.col + 1).value
        expected = values[cell.key] if cell.kind == "value" else (cell.text or None)
        assert printed == expected, (cell, printed)


@pytest.fixture
def pane(qtbot):
    """The tables pane on its own, shown offscreen at a size like the window gives it."""
    from desktop.gui.tables_pane import TablesPane

    widget = TablesPane()
    qtbot.addWidget(widget)
    widget.resize(900, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def write_text(tmp_path):
    """Write report text to a file in the given encoding and return its path."""

    def write(text: str, name: str = "report.txt", encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return path

    return write


@pytest.fixture(autouse=True)
def _data_folder_in_tmp(tmp_path_factory, monkeypatch):
    """No test writes into the auditor's real data folder (settings, default database, self-check result)."""
    if "NIANBAO_HOME" not in os.environ:
        monkeypatch.setenv("NIANBAO_HOME", str(tmp_path_factory.mktemp("nianbao-home")))
