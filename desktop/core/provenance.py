"""From a place in the source back to the cell read from it: the pure half of 'click the source'."""

from __future__ import annotations

from collections.abc import Mapping

from desktop.core.document import Location
from desktop.core.report import CellValue


def cell_at_offset(cells: Mapping[str, CellValue], offset: int) -> str | None:
    """The cell whose source span holds the character ``offset`` (the narrowest one if several do)."""
    best, best_width = None, None
    for key, cell in cells.items():
        for loc in cell.locations:
            if loc.start <= offset <= loc.end:
                width = loc.end - loc.start
                if best_width is None or width < best_width:
                    best, best_width = key, width
    return best


def cell_at_point(cells: Mapping[str, CellValue], page: int, x: float, y: float, slack: float = 2.0) -> str | None:
    """The cell printed at (x, y) in PDF points on ``page``; the nearest box within ``slack`` points wins."""
    best, best_distance = None, None
    for key, cell in cells.items():
        for loc in cell.locations:
            if loc.page != page or loc.bbox is None:
                continue
            distance = _distance(loc, x, y)
            if distance <= slack and (best_distance is None or distance < best_distance):
                best, best_distance = key, distance
    return best


def _distance(loc: Location, x: float, y: float) -> float:
    x0, top, x1, bottom = loc.bbox
    dx = max(x0 - x, 0.0, x - x1)
    dy = max(top - y, 0.0, y - bottom)
    return (dx * dx + dy * dy) ** 0.5
