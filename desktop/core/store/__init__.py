"""The local review database (SQLite through sqlite-utils)."""

from desktop.core.store.paths import app_data_dir, default_db_path
from desktop.core.store.store import (
    FINDING_STATE_LABELS,
    STATE_LABELS,
    ImportResult,
    ReportRecord,
    Store,
    StoredFinding,
)

__all__ = [
    "FINDING_STATE_LABELS", "STATE_LABELS", "ImportResult", "ReportRecord", "Store", "StoredFinding",
    "app_data_dir", "default_db_path",
]
