"""Where the review database lives by default: the user's app-data folder, as each platform expects."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR_NAME = "NianbaoReview"
DB_NAME = "nianbao.sqlite"


def app_data_dir() -> Path:
    """%APPDATA%\\NianbaoReview on Windows, ~/Library/Application Support on macOS, XDG data home elsewhere.

    ``NIANBAO_HOME`` overrides it (tests, portable installs on a USB stick).
    """
    override = os.environ.get("NIANBAO_HOME")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
        return base / APP_DIR_NAME
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP_DIR_NAME
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "nianbao-review"


def default_db_path() -> Path:
    return app_data_dir() / DB_NAME
