"""The local review database (SQLite through sqlite-utils).

:class:`Store` is the database: rows in and out, one transaction per action, nothing else. The
operations that also read files or run the rules are functions over a store: :mod:`.importing`
(files in), :mod:`.edits` (corrections and new readings) and :mod:`.checking` (the rules against
what is stored).
"""

from desktop.core.store.checking import recheck
from desktop.core.store.edits import reextract, set_cell, set_layout, set_meta
from desktop.core.store.importing import ImportResult, add_report, import_file, import_files
from desktop.core.store.paths import app_data_dir, default_db_path
from desktop.core.store.store import (
    FINDING_STATE_LABELS,
    STATE_LABELS,
    ReportRecord,
    Store,
    StoredFinding,
)

__all__ = [
    "FINDING_STATE_LABELS", "STATE_LABELS", "ImportResult", "ReportRecord", "Store", "StoredFinding",
    "add_report", "app_data_dir", "default_db_path", "import_file", "import_files", "recheck", "reextract",
    "set_cell", "set_layout", "set_meta",
]
