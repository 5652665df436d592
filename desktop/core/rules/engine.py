"""Incremental validation: the arithmetic and non-negative rules of one layout, fast enough per keystroke.

The review window re-checks a report after every edited cell. :class:`Validator` compiles the
layout's rules once and indexes them by cell key, so a re-validation touches only the checks whose
findings can change: the checks containing the edited cell, and (because the suggested fix for a
failing check is verified against its neighbours) the failing checks that share a cell with those.
"""

from __future__ import annotations

from functools import cache
from typing import Mapping, Sequence

from desktop.core.findings import Finding
from desktop.core.layouts import Layout
from desktop.core.rules.arithmetic import (
    NON_NEGATIVE,
    Check,
    CellRule,
    Number,
    cell_finding,
    check_finding,
    compile_cells,
    compile_rules,
    holds,
    tidy,
    value_problem,
)

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
        self._affected = self._index_affected()
        n = len(self.checks)
        self._order: dict[tuple[str, tuple[str, ...]], int] = {(c.rule, c.keys): c.index for c in self.checks}
        self._order.update({(NON_NEGATIVE, (c.key,)): n + c.index for c in self.cells})

    # -- indexes ---------------------------------------------------------------------------

    def _index_checks(self) -> dict[str, tuple[Check, ...]]:
        """cell key → checks containing it: what an edit of that cell can break or repair."""
        index: dict[str, list[Check]] = {}
        for check in self.checks:
            for key in check.keys:
                index.setdefault(key, []).append(check)
        return {k: tuple(v) for k, v in index.items()}

    def _index_affected(self) -> dict[str, frozenset[int]]:
        """cell key → indices of checks whose finding (message or suggestion) may change when it changes.

        A failing check's suggestion is verified against every check sharing a cell with it, so an
        edit reaches two steps: checks containing the cell, and checks sharing a cell with those.
        """
        affected: dict[str, frozenset[int]] = {}
        for key, direct in self._by_key.items():
            reach = {other.index for check in direct for k in check.keys for other in self._by_key[k]}
            affected[key] = frozenset(reach)
        return affected

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

    def revalidate(self, values: Values, changed_key: str, previous_findings: Sequence[Finding]) -> list[Finding]:
        """The full list after one edit, rerunning only the checks the edit can affect.

        ``previous_findings`` is the list for the values before the edit; findings this validator
        did not produce are kept, after its own, in their original order.
        """
        affected = self._affected.get(changed_key, frozenset())
        cell = self._cell_by_key.get(changed_key)
        own_cell = None if cell is None else len(self.checks) + cell.index
        order = self._order
        kept: list[tuple[tuple[int, int], Finding]] = []
        recompute: dict[int, Finding | None] = {c.index: None for c in self._by_key.get(changed_key, ())}
        for position, finding in enumerate(previous_findings):
            index = order.get((finding.rule, tuple(finding.cells)))
            if index is None:
                kept.append(((1, position), finding))
            elif index in affected:
                recompute[index] = finding  # may still fail, with another suggestion
            elif index != own_cell:
                kept.append(((0, index), finding))
        memo: list = [_UNSET] * len(self.checks)
        for index, before in recompute.items():
            finding = self._check(self.checks[index], values, memo, before)
            if finding is not None:
                kept.append(((0, index), finding))
        if cell is not None:
            finding = cell_finding(cell, values.get(changed_key))
            if finding is not None:
                kept.append(((0, own_cell), finding))
        kept.sort(key=lambda pair: pair[0])
        return [finding for _, finding in kept]

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

    def _check(self, check: Check, values: Values, memo: list, before: Finding | None = None) -> Finding | None:
        """The finding of one check, or None when it holds or cannot be evaluated.

        ``before`` is its finding before an edit: returned as is when nothing in it would change,
        which spares composing the message again (the bulk of the cost when many checks fail).
        """
        sums = self._sums(check, values, memo)
        if sums is None:
            return None
        left, right = sums
        if holds(check.op, left - right):
            return None
        suggestion = self._suggest(check, left - right, values, memo) if check.op == "==" else None
        if before is not None and _unchanged(before, left, right, suggestion):
            return before
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


def _unchanged(finding: Finding, left: Number, right: Number, suggestion: tuple[str, Number, bool] | None) -> bool:
    extra = finding.extra
    if extra.get("left") != tidy(left) or extra.get("right") != tidy(right):
        return False
    if suggestion is None:
        return finding.suggestion is None
    key, value, preferred = suggestion
    return finding.suggestion == {"cell": key, "value": value} and extra.get("preferred_total") == preferred


@cache
def validator_for(layout: Layout) -> Validator:
    """One validator per layout: compiling is done once per process, not per report."""
    return Validator(layout)
