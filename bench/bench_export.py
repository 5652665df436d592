"""Benchmark: export a review database of 1,000 reports to Excel (target ≤ 10 s).

Run:  python bench/bench_export.py [--reports 1000] [--out DIR]

The database is built quickly: the fixture reports and samples are imported once, then copied with
SQL ``INSERT … SELECT`` under new hashes and agency names, and every tenth copy gets a few corrected
cells and audit rows, as a year of review work would leave them.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.core.export import export_report_tables, export_store  # noqa: E402
from desktop.core.store import Store, import_file  # noqa: E402

SOURCES = [ROOT / "tests" / "fixtures" / "reports", ROOT.parent / "shared" / "samples"]
REPORT_COLUMNS = ("source_name, source_path, size, kind, layout, agency, agency_key, year, published, state, "
                  "reviewer, extractor_version, document, sections, imported_at, updated_at")
STATES = ("unreviewed", "in_review", "done", "query")


def import_templates(store: Store) -> list[int]:
    ids = []
    for folder in SOURCES:
        for path in sorted(folder.iterdir()):
            if path.suffix != ".json":
                result = import_file(store, path, who="bench")
                if result.report_id is not None:
                    ids.append(result.report_id)
    return ids


def copy_report(conn, template: int, n: int) -> int:
    """One more report: the template's rows under a new hash and agency name."""
    cursor = conn.execute(
        f"""INSERT INTO reports (sha256, {REPORT_COLUMNS})
            SELECT sha256 || '-' || ?, source_name, source_path, size, kind, layout,
                   agency || '（副本' || ? || '）', agency_key || ?, year, published, ?, reviewer, extractor_version, document, sections,
                   imported_at, updated_at
            FROM reports WHERE id = ?""",
        [n, n, n, STATES[n % len(STATES)], template],
    )
    new_id = cursor.lastrowid
    conn.execute("""INSERT INTO cells (report_id, key, extracted, value, raw, locations, confidence, corrected)
                    SELECT ?, key, extracted, value, raw, locations, confidence, corrected
                    FROM cells WHERE report_id = ?""",
                 [new_id, template])
    conn.execute("""INSERT INTO findings (report_id, origin, fingerprint, rule, severity, cells, message, locations, raw,
                    official, suggestion, state, comment) SELECT ?, origin, fingerprint, rule, severity, cells, message,
                    locations, raw, official, suggestion, state, comment FROM findings WHERE report_id = ?""",
                 [new_id, template])
    conn.execute("INSERT INTO audit (report_id, action, key, old, new, who, at, why) "
                 "VALUES (?, 'import', NULL, NULL, 'copy', 'bench', '2024-01-01T09:00:00+08:00', NULL)", [new_id])
    if n % 10 == 0:
        keys = [k for (k,) in conn.execute(
            "SELECT key FROM cells WHERE report_id = ? AND value IS NOT NULL ORDER BY key LIMIT 3", [new_id])]
        for key in keys:
            conn.execute("UPDATE cells SET value = value + 1, corrected = 1 WHERE report_id = ? AND key = ?",
                         [new_id, key])
            conn.execute("INSERT INTO audit (report_id, action, key, old, new, who, at, why) "
                         "VALUES (?, 'edit', ?, '0', '1', '张审计', '2024-01-02T10:00:00+08:00', '与原件核对')",
                         [new_id, key])
    return new_id


def build(db: Path, reports: int) -> Store:
    store = Store(db)
    templates = import_templates(store)
    conn = store.db.conn
    conn.execute("BEGIN")
    for n in range(len(templates), reports):
        copy_report(conn, templates[n % len(templates)], n)
    conn.execute("COMMIT")
    return store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--out", type=Path, help="keep the database and workbook in this folder")
    args = parser.parse_args()
    folder = args.out or Path(tempfile.mkdtemp(prefix="bench_export_"))
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "bench.sqlite"
    db.unlink(missing_ok=True)

    started = time.perf_counter()
    store = build(db, args.reports)
    counts = {t: store.db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
              for t in ("reports", "cells", "findings", "audit")}
    print(f"database built in {time.perf_counter() - started:.1f} s: {counts}")

    out = folder / "审校结果.xlsx"
    started = time.perf_counter()
    summary = export_store(store, out)
    seconds = time.perf_counter() - started
    print(f"export_store: {summary.reports} reports, {summary.findings} findings, {summary.audit} audit rows, "
          f"{summary.corrected_cells} corrected cells -> {out.stat().st_size / 1e6:.1f} MB in {seconds:.2f} s "
          f"({'OK' if seconds <= 10 else 'TOO SLOW'}, target ≤ 10 s)")

    started = time.perf_counter()
    export_report_tables(store, store.report_ids()[-1], folder / "表格.xlsx")
    print(f"export_report_tables: {time.perf_counter() - started:.3f} s")
    store.close()
    if args.out is None:
        print(f"files in {folder}")


if __name__ == "__main__":
    main()
