"""The window's remembered settings: typed, versioned, stored as JSON in the app-data folder.

A settings file written by an older release is migrated step by step; one that cannot be read is
set aside (renamed), never a reason for the app not to start.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

SETTINGS_VERSION = 2
MAX_RECENT = 8
DEMO_FOLDER_PREFIX = "nianbao-demo-"  # the throwaway folder of ``nianbao --demo``: never remembered


@dataclass
class Settings:
    version: int = SETTINGS_VERSION
    language: str = "zh"  # zh | en
    recent_databases: list[str] = field(default_factory=list)
    last_folder: str = ""
    window_geometry: str = ""  # base64 of Qt's saveGeometry()
    window_state: str = ""
    splitter_state: str = ""
    source_zoom: float = 1.0
    last_report: int | None = None
    import_workers: int = 0  # processes reading an import at once; 0 = the batch chooses (one per core when it pays)

    def workers(self) -> int | None:
        """The import pool size, None to let the batch choose (``desktop.core.batch.pool_size``)."""
        return self.import_workers if self.import_workers > 0 else None

    def add_recent(self, path: str) -> None:
        """Remember a database at the top of the list; the demo's throwaway database is not one
        to come back to, and would be gone by then."""
        if Path(path).parent.name.startswith(DEMO_FOLDER_PREFIX):
            return
        self.recent_databases = [path] + [p for p in self.recent_databases if p != path]
        del self.recent_databases[MAX_RECENT:]


def _v1_to_v2(data: dict) -> dict:
    """Version 1 remembered one database as ``database``; version 2 keeps a recent list."""
    recent = [data.pop("database")] if data.get("database") else []
    data["recent_databases"] = recent
    return data


MIGRATIONS: dict[int, Callable[[dict], dict]] = {1: _v1_to_v2}


def load_settings(path: Path) -> Settings:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError):
        _set_aside(path)
        return Settings()
    version = int(data.get("version", 1))
    while version < SETTINGS_VERSION and version in MIGRATIONS:
        data = MIGRATIONS[version](data)
        version += 1
    data["version"] = SETTINGS_VERSION
    known = {f.name for f in fields(Settings)}
    try:
        return Settings(**{k: v for k, v in data.items() if k in known})
    except TypeError:
        _set_aside(path)
        return Settings()


def save_settings(settings: Settings, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(settings), ensure_ascii=False, indent=2), encoding="utf-8")
    tmp.replace(path)


def _set_aside(path: Path) -> None:
    try:
        path.replace(path.with_suffix(".broken.json"))
    except OSError:
        pass
