"""Hold the pdfium reading of PDFs to the pdfplumber reading: same cells, same provenance.

    python tools/compare_pdf_readers.py [PDF or folder …]

With no argument it reads every PDF the project has: the test fixtures, the demo reports and, when
they are beside the repository, ../shared/samples and ../shared/real. Each file is read twice,
every page by pdfplumber (the reference) and by the reader as it runs (pdfium, pdfplumber for the
pages pdfium cannot stand in for), and compared: the document's pages, notes and scanned pages,
every line's cells with their page and box (within a point), then the extracted cells' values,
their provenance and the findings. It prints the differences and which pages went to pdfplumber
and why, and exits 1 if any file differs. ``tests/test_pdfium_reader.py`` runs the same on the
project's own PDFs.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.core.document import BBox, Document  # noqa: E402
from desktop.core.errors import UnreadableError  # noqa: E402
from desktop.core.extract import extract_document  # noqa: E402
from desktop.core.readers.pdf import read_pdf  # noqa: E402
from desktop.core.readers.pdf_fonts import read_descents  # noqa: E402
from desktop.core.readers.pdfium_page import NotLikePlumber, PdfiumPages  # noqa: E402

BOX_SLACK = 1.0  # points a cell's box may move: what a highlight on screen cannot show
SOURCES = [ROOT / "tests" / "fixtures", ROOT / "resources" / "demo", ROOT.parent / "shared" / "samples",
           ROOT.parent / "shared" / "real"]


def reading_differences(data: bytes, name: str) -> list[str]:
    """Every way the reader's document and extraction differ from pdfplumber's, as sentences."""
    try:
        reference = read_pdf(data, name, with_pdfium=False)
    except UnreadableError as exc:
        return _refusal_differences(data, name, exc)
    ours = read_pdf(data, name)
    out = _document_differences(reference, ours)
    if out:
        return out
    try:
        before, after = extract_document(reference), extract_document(ours)
    except UnreadableError as exc:  # not a report: both must say so
        try:
            extract_document(ours)
        except UnreadableError as again:
            return [] if (again.zh, again.en) == (exc.zh, exc.en) else [f"refused otherwise: {again.en}"]
        return [f"pdfplumber's document is no report ({exc.en}), the reader's is"]
    for key, cell in before.cells.items():
        other = after.cells[key]
        if cell.value != other.value:
            out.append(f"cell {key}: {cell.value!r} became {other.value!r}")
        elif [loc.page for loc in cell.locations] != [loc.page for loc in other.locations]:
            out.append(f"cell {key}: pages {[loc.page for loc in cell.locations]} became "
                       f"{[loc.page for loc in other.locations]}")
        else:
            out += [f"cell {key}: box {a.bbox} became {b.bbox}" for a, b in zip(cell.locations, other.locations)
                    if _moved(a.bbox, b.bbox)]
    if before.meta.to_json() != after.meta.to_json():
        out.append(f"meta {before.meta.to_json()} became {after.meta.to_json()}")
    findings = [(f.rule, f.severity, tuple(f.cells), f.message) for f in before.findings]
    if findings != [(f.rule, f.severity, tuple(f.cells), f.message) for f in after.findings]:
        out.append("the findings differ")
    return out


def pdfplumber_pages(data: bytes) -> list[tuple[int, str]]:
    """(page, reason) of every page the reader leaves to pdfplumber; (0, reason) for the whole file."""
    try:
        pages = PdfiumPages(data, read_descents(data))
    except (NotLikePlumber, UnreadableError) as exc:
        return [(0, str(exc))]
    out = []
    try:
        for index in range(pages.count):
            try:
                pages.read(index)
            except NotLikePlumber as exc:
                out.append((index + 1, str(exc)))
    finally:
        pages.close()
    return out


def _refusal_differences(data: bytes, name: str, reference: UnreadableError) -> list[str]:
    try:
        read_pdf(data, name)
    except UnreadableError as exc:
        return [] if (exc.zh, exc.en) == (reference.zh, reference.en) else [f"refused otherwise: {exc.en}"]
    return [f"pdfplumber refuses it ({reference.en}), the reader reads it"]


def _document_differences(reference: Document, ours: Document) -> list[str]:
    out = []
    sizes = [(p.number, round(p.width, 2), round(p.height, 2)) for p in reference.pages]
    if sizes != [(p.number, round(p.width, 2), round(p.height, 2)) for p in ours.pages]:
        out.append(f"pages {sizes} became {[(p.number, p.width, p.height) for p in ours.pages]}")
    if reference.notes != ours.notes:
        out.append(f"notes {reference.notes} became {ours.notes}")
    if (reference.scan and reference.scan.pages) != (ours.scan and ours.scan.pages):
        out.append(f"scanned pages {reference.scan} became {ours.scan}")
    before = [[c.text for c in line.cells] for line in reference.lines]
    after = [[c.text for c in line.cells] for line in ours.lines]
    if before != after:
        changed = [i for i, (a, b) in enumerate(zip(before, after)) if a != b] or [min(len(before), len(after))]
        first = changed[0]
        out.append(f"{len(changed)} lines differ, the first (line {first + 1}): "
                   f"{before[first] if first < len(before) else None} became "
                   f"{after[first] if first < len(after) else None}")
        return out
    for i, (a, b) in enumerate(zip(reference.lines, ours.lines)):
        for cell, other in zip(a.cells, b.cells):
            if cell.loc.page != other.loc.page or _moved(cell.loc.bbox, other.loc.bbox):
                out.append(f"line {i + 1} {cell.text!r}: page {cell.loc.page} box {cell.loc.bbox} became "
                           f"page {other.loc.page} box {other.loc.bbox}")
    return out


def _moved(a: BBox | None, b: BBox | None) -> bool:
    if a is None or b is None:
        return a is not b
    return max(abs(x - y) for x, y in zip(a, b)) > BOX_SLACK


def project_pdfs(paths: list[Path]) -> list[Path]:
    found = []
    for path in paths:
        found += sorted(path.rglob("*.pdf")) if path.is_dir() else [path]
    return found


def main(argv: list[str]) -> int:
    files = project_pdfs([Path(a) for a in argv] if argv else [p for p in SOURCES if p.is_dir()])
    failed = 0
    for path in files:
        data = path.read_bytes()
        differences = reading_differences(data, path.name)
        left = pdfplumber_pages(data)
        status = "DIFFERS" if differences else "same"
        print(f"{status:7} {path.relative_to(ROOT.parent) if ROOT.parent in path.parents else path}"
              + (f"  (pdfplumber reads {', '.join(f'p{n}: {why}' for n, why in left)})" if left else ""))
        for line in differences[:20]:
            print(f"        {line}")
        failed += bool(differences)
    print(f"{len(files) - failed} of {len(files)} PDFs read the same")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
