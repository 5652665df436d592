"""The review database: reports, their source bytes, cells, findings and an append-only audit trail.

This is database access only: it neither reads files nor runs rules (see :mod:`.importing`,
:mod:`.edits`, :mod:`.checking`), so a read-only viewer or an export needs nothing else.

Every user action is one ``BEGIN IMMEDIATE`` transaction in WAL mode with ``synchronous=FULL``: a
crash or power cut loses at most the action in flight, never half of it. A second process writing
at the same time waits up to the busy timeout, then gets a clear message.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import sqlite3
import unicodedata
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import sqlite_utils

from desktop import __version__
from desktop.core.errors import StoreError
from desktop.core.findings import Finding
from desktop.core.layouts import get_layout
from desktop.core.report import CellValue, ExtractedReport, Meta, Number
from desktop.core.store.schema import FINDING_STATES, OPEN_COUNTS, REVIEW_STATES, SCHEMA_VERSION, migrate
from desktop.core.store.serialise import (
    document_from_blob,
    document_to_blob,
    finding_from_row,
    finding_row,
    fingerprint,
    locations_from_json,
    locations_to_json,
)

STATE_LABELS = {"unreviewed": "未审核", "in_review": "审核中", "done": "已完成", "query": "有疑问"}
FINDING_STATE_LABELS = {"open": "待处理", "acknowledged": "已确认", "dismissed": "已忽略"}
META_FIELDS = ("agency", "year", "published")  # what an auditor may correct about a report besides its cells


def now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def current_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (service account, odd container)
        return "auditor"


def agency_key(agency: str | None) -> str | None:
    """Agency names compared across years: width, blanks and punctuation do not matter."""
    if not agency:
        return None
    text = unicodedata.normalize("NFKC", agency)
    return "".join(ch for ch in text if ch.isalnum())


@dataclass
class StoredFinding:
    id: int
    finding: Finding
    origin: str  # extract | rules | store
    state: str = "open"
    comment: str | None = None


@dataclass
class ReportRecord:
    """A stored report as the review window works on it: current values, extracted values, findings."""

    id: int
    sha256: str
    source_name: str
    source_path: str | None
    size: int
    state: str
    reviewer: str | None
    imported_at: str
    updated_at: str
    report: ExtractedReport  # cells hold the current (possibly corrected) values
    extracted: dict[str, Number | None]
    corrected: set[str] = field(default_factory=set)
    findings: list[StoredFinding] = field(default_factory=list)


class Store:
    """One review database file. Not shared between threads: give each worker its own Store."""

    def __init__(self, path: str | Path, *, timeout: float = 5.0, read_only: bool = False):
        self.path = Path(path)
        self.timeout = timeout
        self.read_only = read_only
        self._records: dict[int, ReportRecord] = {}
        self._data_version: int | None = None  # PRAGMA data_version when the cached records were last known good
        self._outside_write = False  # another connection wrote since changed_elsewhere() last answered
        try:
            if read_only:
                target, uri = f"{self.path.resolve().as_uri()}?mode=ro", True
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                target, uri = str(self.path), False
            with _translated(self.path):
                conn = sqlite3.connect(target, timeout=timeout, isolation_level=None, check_same_thread=False, uri=uri)
                self.db = sqlite_utils.Database(conn)
                conn.execute("PRAGMA foreign_keys = ON")
                if read_only:
                    _check_version(conn)
                else:
                    conn.execute("PRAGMA journal_mode = WAL")
                    conn.execute("PRAGMA synchronous = FULL")
                    migrate(conn)
        except StoreError:
            raise
        except OSError as exc:
            raise StoreError(f"无法创建数据库文件夹：{exc}", f"Cannot create the database folder: {exc}") from exc

    def close(self) -> None:
        self.db.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        conn = self.db.conn
        with _translated(self.path):
            conn.execute("BEGIN IMMEDIATE")
            try:
                self._drop_if_changed_elsewhere()  # under the write lock: what is read now stays true
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise

    # ------------------------------------------------------------------ rows
    def find_by_hash(self, sha256: str) -> int | None:
        row = self.db.execute("SELECT id FROM reports WHERE sha256 = ?", [sha256]).fetchone()
        return row[0] if row else None

    def insert_report(self, conn: sqlite3.Connection, report: ExtractedReport, data: bytes, digest: str,
                      name: str, path: str | None, who: str) -> int:
        """The rows of a newly read report: source bytes, cells, its reader's findings, the import audit row."""
        stamp = now()
        meta = report.meta
        cursor = conn.execute(
            """INSERT INTO reports (sha256, source_name, source_path, size, kind, layout, agency, agency_key,
               year, published, extractor_version, document, sections, imported_at, updated_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [digest, name, path, len(data), report.document.kind, report.format,
             meta.agency, agency_key(meta.agency), meta.year, meta.published, __version__,
             document_to_blob(report.document), _sections_json(report), stamp, stamp],
        )
        report_id = cursor.lastrowid
        conn.execute("INSERT INTO sources (report_id, data) VALUES (?, ?)", [report_id, zlib.compress(data, 6)])
        conn.executemany(
            "INSERT INTO cells (report_id, key, extracted, value, raw, locations, confidence) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(report_id, k, c.value, c.value, c.raw, locations_to_json(c.locations), c.confidence)
             for k, c in report.cells.items()],
        )
        self.insert_findings(conn, report_id, "extract", report.findings)
        self.audit(conn, report_id, "import", None, None, name, who, None)
        return report_id

    def replace_reading(self, conn: sqlite3.Connection, report_id: int, fresh: ExtractedReport,
                        extracted: dict[str, Number | None], corrected: set[str]) -> None:
        """Swap a stored report's document, meta and cells for a new reading; ``fresh`` carries the
        current values (corrections applied) and ``extracted`` what the reader said."""
        conn.execute(
            "UPDATE reports SET layout = ?, agency = ?, agency_key = ?, year = ?, published = ?, document = ?, "
            "sections = ?, extractor_version = ? WHERE id = ?",
            [fresh.format, fresh.meta.agency, agency_key(fresh.meta.agency), fresh.meta.year, fresh.meta.published,
             document_to_blob(fresh.document), _sections_json(fresh), __version__, report_id],
        )
        conn.execute("DELETE FROM cells WHERE report_id = ?", [report_id])
        conn.executemany(
            "INSERT INTO cells (report_id, key, extracted, value, raw, locations, confidence, corrected) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(report_id, k, extracted[k], c.value, c.raw, locations_to_json(c.locations),
              c.confidence, int(k in corrected)) for k, c in fresh.cells.items()],
        )
        self.forget(report_id)

    def update_cell(self, conn: sqlite3.Connection, report_id: int, key: str, value: Number | None,
                    corrected: bool) -> None:
        conn.execute(
            "UPDATE cells SET value = ?, corrected = ? WHERE report_id = ? AND key = ?",
            [value, int(corrected), report_id, key],
        )

    def update_meta(self, conn: sqlite3.Connection, report_id: int, name: str, value: str | int | None) -> None:
        if name not in META_FIELDS:
            raise ValueError(name)
        conn.execute(f"UPDATE reports SET {name} = ? WHERE id = ?", [value, report_id])
        if name == "agency":
            conn.execute("UPDATE reports SET agency_key = ? WHERE id = ?", [agency_key(value), report_id])

    def source_bytes(self, report_id: int) -> bytes:
        row = self.db.execute("SELECT data FROM sources WHERE report_id = ?", [report_id]).fetchone()
        if row is None:
            raise StoreError(f"数据库中没有编号为 {report_id} 的报告", f"No report {report_id} in the database")
        return zlib.decompress(row[0])

    # ------------------------------------------------------------------ reading
    def report_ids(self) -> list[int]:
        return [r[0] for r in self.db.execute("SELECT id FROM reports ORDER BY id")]

    def summaries(self) -> list[dict]:
        """One row per report for lists and exports: meta, state and open finding counts by severity."""
        return self._summaries("", [])

    def summary(self, report_id: int) -> dict:
        rows = self._summaries("WHERE r.id = ?", [report_id])
        if not rows:
            raise StoreError(f"数据库中没有编号为 {report_id} 的报告", f"No report {report_id} in the database")
        return rows[0]

    def _summaries(self, where: str, params: list) -> list[dict]:
        sql = f"""
        SELECT r.id, r.source_name, r.source_path, r.kind, r.agency, r.year, r.layout, r.published, r.state,
               r.reviewer, r.updated_at, {OPEN_COUNTS},
               (SELECT COUNT(*) FROM cells c WHERE c.report_id = r.id AND c.corrected) AS corrected
        FROM reports r
        {where}
        ORDER BY r.agency, r.year, r.id"""
        return list(self.db.query(sql, params))

    def record(self, report_id: int) -> ReportRecord:
        """The report with current values and findings; cached, so repeated edits do not reload it.

        The cache holds only while no other connection (another window, ``nianbao import``, a
        background task) has written to the database since it was filled.
        """
        self._drop_if_changed_elsewhere()
        cached = self._records.get(report_id)
        if cached is not None:
            return cached
        row = next(self.db.query("SELECT * FROM reports WHERE id = ?", [report_id]), None)
        if row is None:
            raise StoreError(f"数据库中没有编号为 {report_id} 的报告", f"No report {report_id} in the database")
        document = document_from_blob(row["document"])
        layout = get_layout(row["layout"]) if row["layout"] else None
        cells: dict[str, CellValue] = {}
        extracted: dict[str, Number | None] = {}
        corrected: set[str] = set()
        for c in self.db.query("SELECT * FROM cells WHERE report_id = ?", [report_id]):
            cells[c["key"]] = CellValue(c["value"], c["raw"], locations_from_json(c["locations"]), c["confidence"])
            extracted[c["key"]] = c["extracted"]
            if c["corrected"]:
                corrected.add(c["key"])
        if layout is not None:
            cells = {k: cells.get(k, CellValue(None)) for k in layout.keys}
        meta = Meta(row["agency"], row["year"], row["published"])
        sections = {k: locations_from_json(json.dumps([v]))[0] for k, v in json.loads(row["sections"]).items()}
        findings = self._stored_findings(report_id)
        report = ExtractedReport(row["source_path"] or row["source_name"], document, layout, meta, cells,
                                 [s.finding for s in findings], sections)
        record = ReportRecord(row["id"], row["sha256"], row["source_name"], row["source_path"], row["size"],
                              row["state"], row["reviewer"], row["imported_at"], row["updated_at"], report,
                              extracted, corrected, findings)
        self._records[report_id] = record
        return record

    def forget(self, report_id: int) -> None:
        """Drop the cached record, because another connection (a background task) changed the report."""
        self._records.pop(report_id, None)

    def changed_elsewhere(self) -> bool:
        """Whether another connection has committed since this was last asked: a window asks on a
        timer to know when to show a report afresh (an edit of its own may have noticed it first)."""
        self._drop_if_changed_elsewhere()
        changed, self._outside_write = self._outside_write, False
        return changed

    def _drop_if_changed_elsewhere(self) -> None:
        """Drop the cached records if another connection has committed since they were read."""
        with _translated(self.path):
            version = self.db.conn.execute("PRAGMA data_version").fetchone()[0]
        if self._data_version is not None and version != self._data_version:
            self._records.clear()
            self._outside_write = True
        self._data_version = version

    def _stored_findings(self, report_id: int) -> list[StoredFinding]:
        return [
            StoredFinding(r["id"], finding_from_row(r), r["origin"], r["state"], r["comment"])
            for r in self.db.query("SELECT * FROM findings WHERE report_id = ? ORDER BY id", [report_id])
        ]

    def audit_trail(self, report_id: int | None = None) -> list[dict]:
        if report_id is None:
            return list(self.db.query("SELECT * FROM audit ORDER BY id"))
        return list(self.db.query("SELECT * FROM audit WHERE report_id = ? ORDER BY id", [report_id]))

    def previous_year_values(self, record: ReportRecord) -> dict[str, Number | None] | None:
        """The same agency's report for the year before, if the database holds one (the newest import)."""
        meta = record.report.meta
        return self.year_values(meta.agency, meta.year and meta.year - 1, record.id)

    def year_values(self, agency: str | None, year: int | None, exclude: int | None = None) -> dict | None:
        """Current values of ``agency``'s report for ``year`` (a finished one first, then the newest)."""
        key = agency_key(agency)
        if key is None or year is None:
            return None
        row = self.db.execute(
            "SELECT id FROM reports WHERE agency_key = ? AND year = ? AND id IS NOT ? "
            "ORDER BY state = 'done' DESC, id DESC LIMIT 1",
            [key, year, exclude],
        ).fetchone()
        if row is None:
            return None
        return {k: v for k, v in self.db.execute("SELECT key, value FROM cells WHERE report_id = ?", [row[0]])}

    def next_year_ids(self, record: ReportRecord) -> list[int]:
        meta = record.report.meta
        return self.year_ids(meta.agency, meta.year and meta.year + 1)

    def year_ids(self, agency: str | None, year: int | None) -> list[int]:
        key = agency_key(agency)
        if key is None or year is None:
            return []
        return [r[0] for r in self.db.execute("SELECT id FROM reports WHERE agency_key = ? AND year = ?", [key, year])]

    # ------------------------------------------------------------------ states
    def set_review_state(self, report_id: int, state: str, who: str | None = None, why: str | None = None) -> None:
        if state not in REVIEW_STATES:
            raise ValueError(state)
        who = who or current_user()
        with self.write() as conn:
            record = self.record(report_id)
            conn.execute("UPDATE reports SET state = ?, reviewer = ? WHERE id = ?", [state, who, report_id])
            self.audit(conn, report_id, "state", None, record.state, state, who, why)
            self.touch(conn, report_id)
        record.state, record.reviewer = state, who

    def set_finding_state(self, finding_id: int, state: str, comment: str | None = None, who: str | None = None) -> None:
        if state not in FINDING_STATES:
            raise ValueError(state)
        who = who or current_user()
        with self.write() as conn:
            row = conn.execute("SELECT report_id, state, rule FROM findings WHERE id = ?", [finding_id]).fetchone()
            if row is None:
                raise StoreError(f"没有编号为 {finding_id} 的问题", f"No finding {finding_id}")
            report_id, old, rule = row
            conn.execute(
                "UPDATE findings SET state = ?, comment = ?, state_by = ?, state_at = ? WHERE id = ?",
                [state, comment, who, now(), finding_id],
            )
            self.audit(conn, report_id, "finding", rule, old, state, who, comment)
        if report_id in self._records:
            self.refresh(self._records[report_id])

    # ------------------------------------------------------------------ findings and audit
    def insert_findings(self, conn: sqlite3.Connection, report_id: int, origin: str, findings: list[Finding]) -> None:
        conn.executemany(
            "INSERT INTO findings (report_id, origin, fingerprint, rule, severity, cells, message, locations, raw, "
            "official, suggestion) VALUES (:report_id, :origin, :fingerprint, :rule, :severity, :cells, :message, "
            ":locations, :raw, :official, :suggestion)",
            [{"report_id": report_id, "origin": origin, "fingerprint": fingerprint(f), **finding_row(f)} for f in findings],
        )

    def replace_findings(self, conn: sqlite3.Connection, report_id: int, origin: str, findings: list[Finding]) -> None:
        """Swap in recomputed findings; one that is still there keeps its id, state and comment."""
        existing = {
            fp: (fid, state)
            for fid, fp, state in conn.execute(
                "SELECT id, fingerprint, state FROM findings WHERE report_id = ? AND origin = ?", [report_id, origin]
            )
        }
        keep: set[int] = set()
        new: list[Finding] = []
        for item in findings:
            fp = fingerprint(item)
            if fp in existing and existing[fp][0] not in keep:
                fid = existing[fp][0]
                keep.add(fid)
                row = finding_row(item)
                conn.execute(
                    "UPDATE findings SET severity = ?, message = ?, locations = ?, suggestion = ? WHERE id = ?",
                    [row["severity"], row["message"], row["locations"], row["suggestion"], fid],
                )
            else:
                new.append(item)
        stale = [fid for fid, _ in existing.values() if fid not in keep]
        conn.executemany("DELETE FROM findings WHERE id = ?", [(fid,) for fid in stale])
        self.insert_findings(conn, report_id, origin, new)

    def audit(self, conn: sqlite3.Connection, report_id: int, action: str, key: str | None, old, new, who: str,
               why: str | None) -> None:
        conn.execute(
            "INSERT INTO audit (report_id, action, key, old, new, who, at, why) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [report_id, action, key, _text(old), _text(new), who, now(), why],
        )

    def touch(self, conn: sqlite3.Connection, report_id: int) -> None:
        conn.execute("UPDATE reports SET updated_at = ? WHERE id = ?", [now(), report_id])

    def refresh(self, record: ReportRecord) -> None:
        record.findings = self._stored_findings(record.id)
        record.report.findings = [s.finding for s in record.findings]

    # ------------------------------------------------------------------ status
    def status(self) -> dict:
        counts = {state: 0 for state in REVIEW_STATES}
        for state, n in self.db.execute("SELECT state, COUNT(*) FROM reports GROUP BY state"):
            counts[state] = n
        with_errors = [s for s in self.summaries() if s["errors"]]
        return {"counts": counts, "with_errors": with_errors}


def _text(value) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value


def _sections_json(report: ExtractedReport) -> str:
    return json.dumps({k: [loc.start, loc.end, loc.page, list(loc.bbox) if loc.bbox else None]
                       for k, loc in report.sections.items()})


def _check_version(conn: sqlite3.Connection) -> None:
    """A read-only database cannot be migrated: it must already be at this release's schema."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version != SCHEMA_VERSION:
        raise StoreError(
            f"只读数据库的结构版本为 {version}，本程序需要版本 {SCHEMA_VERSION}；请以可写方式打开一次以完成升级",
            f"The read-only database has schema {version}; this release needs {SCHEMA_VERSION}. Open it writable once to upgrade",
        )


@contextlib.contextmanager
def _translated(path: Path) -> Iterator[None]:
    """SQLite errors as messages the auditor can act on."""
    try:
        yield
    except sqlite3.DatabaseError as exc:
        raise _store_error(path, exc) from exc


def _store_error(path: Path, exc: sqlite3.DatabaseError) -> StoreError:
    text = str(exc).lower()
    if "not a database" in text or "file is encrypted" in text or "malformed" in text:
        return StoreError(f"“{path}”不是年报审校的数据库文件，或已损坏；请选择其他数据库文件",
                          f"“{path}” is not a Nianbao Review database or is damaged; choose another file")
    if "readonly" in text or "read-only" in text:
        return StoreError(f"数据库“{path}”是只读的，无法保存；请检查文件权限或另存一份",
                          f"The database “{path}” is read-only; check its permissions or save a copy elsewhere")
    if "locked" in text or "busy" in text:
        return StoreError("另一个程序正在写入同一个数据库，请稍后再试",
                          "Another program is writing to the same database; try again in a moment")
    if "full" in text:
        return StoreError("磁盘已满，本次修改未保存（之前保存的内容完好）；请清理磁盘空间后重试",
                          "The disk is full; this change was not saved (earlier work is intact)")
    if "unable to open" in text:
        return StoreError(f"无法打开数据库“{path}”；请检查路径和权限", f"Cannot open the database “{path}”")
    return StoreError(f"数据库出错：{exc}", f"Database error: {exc}")
