"""Readings of a row printed with fewer numbers than columns, or with its numbers run together.

A web page's text drops empty cells (``13 0 0 0 0 13`` under seven columns) and sometimes the
separators too (``21710000218`` for 217, 1, 0, 0, 0, 0, 218). Such a row may be filled only where
the table itself leaves one choice: every candidate reading is tried against the layout's sums
(row total, results total, balance) together with what the rest of the table already says, and a
reading is taken only when it is the one that holds. Counts are never negative, so a sum also bounds
each of its terms: a result in a column cannot exceed what that column received.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from functools import cache

from desktop.core.layouts import Layout

Number = int | float
_EPS = 1e-6
_MAX_SPLITS = 5000  # more ways to cut a digit string than any real row gives; beyond it, ask


Sum = tuple[tuple[str, ...], tuple[str, ...]]  # left keys, right keys: sum(left) == sum(right)


@cache
def _sums(layout: Layout) -> tuple[Sum, ...]:
    """The layout's equalities between cells of one report (not the cross-year ones)."""
    known = set(layout.keys)
    return tuple(
        (left, right)
        for rule in layout.rules if rule.get("op", "==") == "=="
        for left, right in layout.expand(rule) if set(left + right) <= known
    )


def placements(values: Sequence[Number], width: int) -> Iterator[tuple[Number, ...]]:
    """Every way to put ``values`` in order into ``width`` columns, the columns left out being 0."""
    for positions in itertools.combinations(range(width), len(values)):
        row = [0] * width
        for position, value in zip(positions, values):
            row[position] = value
        yield tuple(row)


def splits(digits: str, width: int) -> Iterator[tuple[int, ...]]:
    """Every way to cut a run of digits into ``width`` whole numbers (no leading zeros)."""
    if not digits.isdigit() or not 1 < width <= len(digits):
        return
    for count, cuts in enumerate(itertools.combinations(range(1, len(digits)), width - 1)):
        if count >= _MAX_SPLITS:
            return
        bounds = (0, *cuts, len(digits))
        parts = [digits[a:b] for a, b in zip(bounds, bounds[1:])]
        if all(p == "0" or not p.startswith("0") for p in parts):
            yield tuple(int(p) for p in parts)


def consistent(
    layout: Layout, values: Mapping[str, Number | None], row: dict[str, Number], upper: Mapping[str, Number]
) -> bool:
    """Whether ``row`` (key → value) contradicts neither a sum of the table nor a bound ``upper`` on a cell."""
    if any(value > upper.get(key, value) + _EPS for key, value in row.items()):
        return False
    merged = {**values, **row}
    for left, right in _sums(layout):
        if not any(k in row for k in left + right):
            continue
        if any(merged.get(k) is None for k in left + right):
            continue
        if abs(sum(merged[k] for k in left) - sum(merged[k] for k in right)) > _EPS:
            return False
    return True


def upper_bounds(layout: Layout, values: Mapping[str, Number | None]) -> dict[str, Number]:
    """Upper bounds that equal sums of non-negative counts put on their unknown terms."""
    bound: dict[str, Number] = {}

    def limit(keys: tuple[str, ...]) -> Number | None:
        total: Number = 0
        for key in keys:
            value = values.get(key)
            if value is None:
                value = bound.get(key)
            if value is None:
                return None
            total += value
        return total

    for _ in range(3):  # results ≤ results total ≤ received: two steps reach every term
        for left, right in _sums(layout):
            for side, other in ((right, left), (left, right)):
                ceiling = limit(other)
                if ceiling is None:
                    continue
                for key in side:
                    if values.get(key) is None and (key not in bound or ceiling < bound[key]):
                        bound[key] = ceiling
    return bound


def unique_reading(
    layout: Layout, values: Mapping[str, Number | None], keys: Sequence[str], candidates: Iterator[tuple[Number, ...]]
) -> tuple[Number, ...] | None:
    """The one candidate reading of ``keys`` the table allows, or None when none or several do."""
    upper = upper_bounds(layout, values)
    found: set[tuple[Number, ...]] = set()
    for candidate in candidates:
        if candidate in found or not consistent(layout, values, dict(zip(keys, candidate)), upper):
            continue
        found.add(candidate)
        if len(found) > 1:
            return None
    return next(iter(found)) if found else None
