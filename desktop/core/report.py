"""An extracted report: canonical cells with provenance, metadata and findings."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.core.document import Document, Location
from desktop.core.findings import Finding
from desktop.core.layouts import Layout

Number = int | float
UNPLACED_RULES = frozenset({"structure.short_row", "values.unreadable"})  # findings on cells the source printed but the reader could not place


@dataclass
class CellValue:
    value: Number | None
    raw: str | None = None  # the source text the value was read from
    locations: tuple[Location, ...] = ()
    confidence: float | None = None  # OCR only


@dataclass
class Meta:
    agency: str | None = None
    year: int | None = None
    published: str | None = None  # ISO date
    agency_location: Location | None = None

    def to_json(self) -> dict:
        return {"agency": self.agency, "year": self.year, "published": self.published}


@dataclass
class ExtractedReport:
    source: str
    document: Document
    layout: Layout | None
    meta: Meta
    cells: dict[str, CellValue]
    findings: list[Finding] = field(default_factory=list)
    sections: dict[str, Location] = field(default_factory=dict)

    @property
    def format(self) -> str | None:
        return self.layout.version if self.layout else None

    def values(self) -> dict[str, Number | None]:
        return {k: c.value for k, c in self.cells.items()}

    def unplaced(self) -> list[str]:
        """Cells left empty although the source printed something for them (a row with too few
        numbers the sums could not place, a value that is not a number): each sits in a finding."""
        keys = {k for f in self.findings if f.rule in UNPLACED_RULES for k in f.cells}
        return [k for k in self.cells if k in keys and self.cells[k].value is None]

    def where(self, finding: Finding) -> str:
        """Where a finding points, compactly: 第3页；第5页 or 第12行；第47–66行."""
        pages = sorted({loc.page for loc in finding.locations if loc.page is not None})
        if pages:
            return "；".join(f"第{a}页" if a == b else f"第{a}–{b}页" for a, b in _runs(pages))
        lines = sorted({self.document.line_number(loc.start) for loc in finding.locations})
        return "；".join(f"第{a}行" if a == b else f"第{a}–{b}行" for a, b in _runs(lines))

    def to_json(self) -> dict:
        """The public contract of ``nianbao extract --json`` (see FORMAT.md)."""
        meta = self.meta.to_json()
        meta["format"] = self.format
        return {
            "source": self.source,
            "format": self.format,
            "meta": meta,
            "cells": self.values(),
            "findings": [f.to_json(self.where(f)) for f in self.findings],
            "unplaced": self.unplaced(),
            "provenance": {
                k: [loc.to_json() for loc in c.locations] for k, c in self.cells.items() if c.locations
            },
        }


def _runs(numbers: list[int]) -> list[tuple[int, int]]:
    """Consecutive numbers as (first, last) runs: [1, 2, 3, 7] → [(1, 3), (7, 7)]."""
    runs: list[tuple[int, int]] = []
    for n in numbers:
        if runs and n == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs
