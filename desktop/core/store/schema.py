"""The database schema and its migrations.

Each migration takes a database at version N-1 to N inside one transaction; a database written by
any earlier release opens in a later one. Never edit a shipped migration: add the next one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

REVIEW_STATES = ("unreviewed", "in_review", "done", "query")
FINDING_STATES = ("open", "acknowledged", "dismissed")

_V1 = """
CREATE TABLE reports (
  id INTEGER PRIMARY KEY,
  sha256 TEXT NOT NULL UNIQUE,
  source_name TEXT NOT NULL,
  source_path TEXT,
  size INTEGER NOT NULL,
  kind TEXT NOT NULL,
  layout TEXT,
  agency TEXT,
  agency_key TEXT,
  year INTEGER,
  published TEXT,
  state TEXT NOT NULL DEFAULT 'unreviewed',
  reviewer TEXT,
  extractor_version TEXT NOT NULL,
  document BLOB NOT NULL,
  sections TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX reports_agency_year ON reports (agency_key, year);
CREATE TABLE sources (
  report_id INTEGER PRIMARY KEY REFERENCES reports (id) ON DELETE CASCADE,
  data BLOB NOT NULL
);
CREATE TABLE cells (
  report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  extracted NUMERIC,
  value NUMERIC,
  raw TEXT,
  locations TEXT,
  confidence REAL,
  corrected INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (report_id, key)
) WITHOUT ROWID;
CREATE TABLE findings (
  id INTEGER PRIMARY KEY,
  report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  origin TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  rule TEXT NOT NULL,
  severity TEXT NOT NULL,
  cells TEXT NOT NULL,
  message TEXT NOT NULL,
  locations TEXT NOT NULL,
  raw TEXT,
  official TEXT,
  suggestion TEXT,
  state TEXT NOT NULL DEFAULT 'open'
);
CREATE INDEX findings_report ON findings (report_id);
CREATE TABLE audit (
  id INTEGER PRIMARY KEY,
  report_id INTEGER NOT NULL REFERENCES reports (id),
  action TEXT NOT NULL,
  key TEXT,
  old TEXT,
  new TEXT,
  who TEXT NOT NULL,
  at TEXT NOT NULL,
  why TEXT
);
CREATE INDEX audit_report ON audit (report_id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
"""

# Version 2: a dismissed or acknowledged finding carries the auditor's comment, who and when.
_V2 = """
ALTER TABLE findings ADD COLUMN comment TEXT;
ALTER TABLE findings ADD COLUMN state_by TEXT;
ALTER TABLE findings ADD COLUMN state_at TEXT;
"""


def _script(sql: str) -> Callable[[sqlite3.Connection], None]:
    def run(conn: sqlite3.Connection) -> None:
        for statement in _statements(sql):
            conn.execute(statement)

    return run


def _statements(sql: str) -> list[str]:
    """Split a script into statements, keeping trigger bodies whole (executescript would commit)."""
    out, current = [], []
    for line in sql.strip().splitlines():
        current.append(line)
        joined = "\n".join(current).strip()
        if joined.endswith(";") and (not joined.upper().startswith("CREATE TRIGGER") or joined.upper().endswith("END;")):
            out.append(joined)
            current = []
    return out


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_script(_V1), _script(_V2)]
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the database to SCHEMA_VERSION, one transaction per step; returns the version it started at."""
    start = conn.execute("PRAGMA user_version").fetchone()[0]
    if start > SCHEMA_VERSION:
        from desktop.core.errors import StoreError

        raise StoreError(
            f"数据库由更新版本的年报审校创建（结构版本 {start}），请升级本程序后再打开",
            f"The database was written by a newer release (schema {start}); upgrade the application",
        )
    for version in range(start, SCHEMA_VERSION):
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[version](conn)
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return start


# A report's open errors and warnings, for any query over ``reports r``: the one definition the
# report list, ``status`` and the workbook's summary count by.
OPEN_COUNTS = """
    (SELECT COUNT(*) FROM findings f WHERE f.report_id = r.id AND f.state = 'open' AND f.severity = 'error') AS errors,
    (SELECT COUNT(*) FROM findings f WHERE f.report_id = r.id AND f.state = 'open' AND f.severity = 'warning') AS warnings"""
