"""Remembered settings: typed, versioned, migrated, never a reason not to start."""

from __future__ import annotations

import json

from desktop.gui.settings import SETTINGS_VERSION, Settings, load_settings, save_settings


def test_round_trip(tmp_path):
    path = tmp_path / "设置" / "settings.json"
    settings = Settings(language="en", last_folder="D:/年报")
    settings.add_recent("a.sqlite")
    settings.add_recent("b.sqlite")
    settings.add_recent("a.sqlite")
    save_settings(settings, path)
    loaded = load_settings(path)
    assert loaded == settings
    assert loaded.recent_databases == ["a.sqlite", "b.sqlite"]


def test_version_1_file_is_migrated(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"version": 1, "database": "old.sqlite", "language": "zh", "unknown_key": 3}))
    loaded = load_settings(path)
    assert loaded.version == SETTINGS_VERSION
    assert loaded.recent_databases == ["old.sqlite"]


def test_broken_file_is_set_aside_and_defaults_used(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text("{not json")
    assert load_settings(path) == Settings()
    assert (tmp_path / "settings.broken.json").exists()


def test_missing_file_gives_defaults(tmp_path):
    assert load_settings(tmp_path / "none.json") == Settings()
