"""Errors the auditor sees: every one carries a reason in Chinese and in English."""

from __future__ import annotations


class AuditorError(Exception):
    """A failure with a message the auditor can act on, shown as is in the window and the CLI."""

    def __init__(self, zh: str, en: str):
        super().__init__(f"{zh} / {en}")
        self.zh = zh
        self.en = en


class UnreadableError(AuditorError):
    """The file cannot be read as a report."""


class StoreError(AuditorError):
    """The review database cannot be opened or written; nothing already saved is lost."""


class Cancelled(Exception):
    """The auditor pressed Cancel while a report was read: it is dropped whole, never kept half-read."""
