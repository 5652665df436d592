"""Findings are data: one shape for everything the tool tells the auditor.

The window, the CLI and the Excel export all show the same :class:`Finding`; nothing downstream
re-derives a message.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from desktop.core.document import Location


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def zh(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]

    @property
    def rank(self) -> int:
        return {"error": 2, "warning": 1, "info": 0}[self.value]


@dataclass
class Finding:
    rule: str
    severity: Severity
    message: str  # Chinese, names the official labels and the numbers
    cells: tuple[str, ...] = ()
    locations: tuple[Location, ...] = ()
    raw: str | None = None  # the text as printed in the source
    official: str | None = None  # the official wording, for label findings
    suggestion: dict | None = None  # {"cell": key, "value": v} where one cell can be singled out
    extra: dict = field(default_factory=dict)

    def to_json(self, where: str | None = None) -> dict:
        out: dict = {
            "rule": self.rule,
            "severity": self.severity.value,
            "cells": list(self.cells),
            "message": self.message,
            "where": where or "",
            "locations": [loc.to_json() for loc in self.locations],
        }
        if self.raw is not None:
            out["raw"] = self.raw
        if self.official is not None:
            out["official"] = self.official
        if self.suggestion is not None:
            out["suggestion"] = self.suggestion
        return out
