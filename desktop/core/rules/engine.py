"""The arithmetic and non-negative rules of one layout, compiled once and run on a report's values.

The review window re-checks a report after every edited cell; :class:`Validator` compiles the
layout's rules once and indexes them by cell key (for suggestions and ``checks_for``), so a whole
validation takes well under a millisecond (``bench/bench_rules.py``) and needs no incremental path.
"""

from __future__ import annotations

from functools import cache
from typing import Mapping

from desktop.core.findings import Finding
from desktop.core.layouts import Layout
from desktop.core.rules.arithmetic import (
    Check,
    CellRule,
    Number,
    cell_finding,
    check_finding,
    compile_cells,
    compile_rules,
    holds,
    tidy,
)
from desktop.core.values import value_problem

Values = Mapping[str, "Number | None"]
_UNSET = object()  # memo slot not computed yet (None means "check skipped")


class Validator:
    """All arithmetic + non-negative checks of one layout, precompiled and indexed by cell key."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.checks: tuple[Check, ...] = compile_rules(layout, layout.rules)
        self.cells: tuple[CellRule, ...] = compile_cells(layout)
        self._cell_by_key = {c.key: c for c in self.cells}
        self._labels = {c.key: c.label for c in self.cells}
        self._by_key = self._index_checks()

    # -- indexes ---------------------------------------------------------------------------

    def _index_checks(self) -> dict[str, tuple[Check, ...]]:
        """cell key → checks containing it: what an edit of that cell can break or repair."""
        index: dict[str, list[Check]] = {}
        for check in self.checks:
            for key in check.keys:
                index.setdefault(key, []).append(check)
        return {k: tuple(v) for k, v in index.items()}

    # -- public API ------------------------------------------------------------------------

    def validate(self, values: Values) -> list[Finding]:
        """Every failing arithmetic check, then every cell breaking the non-negative rule."""
        memo: list = [_UNSET] * len(self.checks)
        out: list[Finding] = []
        for check in self.checks:
            finding = self._check(check, values, memo)
            if finding is not None:
                out.append(finding)
        for cell in self.cells:
            finding = cell_finding(cell, values.get(cell.key))
            if finding is not None:
                out.append(finding)
        return out

    def checks_for(self, key: str) -> tuple[Check, ...]:
        """The checks containing ``key`` (for the window: which rules a cell takes part in)."""
        return self._by_key.get(key, ())

    # -- evaluation ------------------------------------------------------------------------

    def _sums(self, check: Check, values: Values, memo: list) -> tuple[Number, Number] | None:
        sums = memo[check.index]
        if sums is _UNSET:
            sums = check.evaluate(values)
            memo[check.index] = sums
        return sums

    def _check(self, check: Check, values: Values, memo: list) -> Finding | None:
        """The finding of one check, or None when it holds or cannot be evaluated."""
        sums = self._sums(check, values, memo)
        if sums is None:
            return None
        left, right = sums
        if holds(check.op, left - right):
            return None
        suggestion = self._suggest(check, left - right, values, memo) if check.op == "==" else None
        return check_finding(check, left, right, suggestion, self._labels)

    def _suggest(self, check: Check, difference: Number, values: Values, memo: list) -> tuple[str, Number, bool] | None:
        """The one cell whose change repairs ``check`` and keeps every other check on it holding.

        Returns (cell, value, preferred): preferred is True when several cells would do and the
        check's single left-hand ("total") cell was chosen among them.
        """
        candidates = []
        for key, coef in check.coef.items():
            if coef == 0:
                continue
            delta = -difference if coef == 1 else (difference if coef == -1 else -difference / coef)
            if self._keeps_others(check, key, delta, values, memo):
                value = tidy(values[key] + delta)  # type: ignore[operator]
                cell = self._cell_by_key.get(key)
                if cell is None or value_problem(cell.kind, value) is None:
                    candidates.append((key, value))
        if len(candidates) == 1:
            return candidates[0][0], candidates[0][1], False
        for key, value in candidates:
            if key == check.total:
                return key, value, True
        return None

    def _keeps_others(self, check: Check, key: str, delta: Number, values: Values, memo: list) -> bool:
        """Whether moving ``key`` by ``delta`` leaves every other applicable check on it holding."""
        for other in self._by_key[key]:
            if other is check:
                continue
            sums = memo[other.index]
            if sums is _UNSET:
                sums = memo[other.index] = other.evaluate(values)
            if sums is not None and not holds(other.op, sums[0] - sums[1] + other.coef[key] * delta):
                return False
        return True


@cache
def validator_for(layout: Layout) -> Validator:
    """One validator per layout: compiling is done once per process, not per report."""
    return Validator(layout)
