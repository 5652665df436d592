"""Properties of the arithmetic rules, for every shipped layout.

Tables built to satisfy every error rule must validate without errors; changing any one cell that
takes part in an error rule must produce an error naming that cell; and re-validating after the
edit must give exactly what a full validation gives.
"""

from __future__ import annotations

from typing import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.findings import Severity
from desktop.core.layouts import Layout, get_layout
from desktop.core.rules.engine import Validator, validator_for

Pick = Callable[[int, int], int]
LAYOUTS = ("2019", "2021")
SUMMARY_ROWS = ("new", "carried_in", "results_total", "carried_over")


def consistent_values(layout: Layout, pick: Pick) -> dict[str, int | float]:
    """Every cell of ``layout``, chosen so that every error rule holds (built, not filtered)."""
    values: dict[str, int | float] = {}
    _active(layout, pick, values)
    _requests(layout, pick, values)
    _appeals(layout, pick, values)
    return values


def _active(layout: Layout, pick: Pick, values: dict) -> None:
    table = layout.table("active")
    for row in table.rows:
        for column in row.columns:
            key = f"active.{row.key}.{column.key}"
            if column.kind == "signed":
                values[key] = pick(-20, 20)
            elif column.kind == "amount":
                values[key] = pick(0, 10**6) / 1000
            else:
                values[key] = pick(0, 60)


def _requests(layout: Layout, pick: Pick, values: dict) -> None:
    """Result rows at random; results_total their sum; carried_in/over at random; new balances."""
    table = layout.table("requests")
    applicants = [c.key for c in table.columns if c.key != "total"]
    results = [r.key for r in table.rows if r.key not in SUMMARY_ROWS]
    for row in results:
        for column in applicants:
            values[f"requests.{row}.{column}"] = pick(0, 9)
    for column in applicants:
        done = sum(values[f"requests.{row}.{column}"] for row in results)
        over = pick(0, 9)
        carried_in = pick(0, done + over)
        values[f"requests.results_total.{column}"] = done
        values[f"requests.carried_over.{column}"] = over
        values[f"requests.carried_in.{column}"] = carried_in
        values[f"requests.new.{column}"] = done + over - carried_in
    for row in table.rows:
        values[f"requests.{row.key}.total"] = sum(values[f"requests.{row.key}.{c}"] for c in applicants)


def _appeals(layout: Layout, pick: Pick, values: dict) -> None:
    for row in layout.table("appeals").rows:
        parts = [pick(0, 9) for _ in range(4)]
        for column, value in zip(("upheld", "corrected", "other", "pending"), parts):
            values[f"appeals.{row.key}.{column}"] = value
        values[f"appeals.{row.key}.total"] = sum(parts)


def error_cells(validator: Validator) -> list[str]:
    """Every cell taking part in at least one error rule."""
    keys = {k for check in validator.checks if check.severity is Severity.ERROR for k in check.keys}
    return sorted(keys)


def drawn(data: st.DataObject, layout: Layout) -> Pick:
    """Draw every raw number at once as bytes (a draw per cell is needlessly slow), two bytes a pick.

    Bytes still shrink towards zero, so a failing example shrinks towards a table of small values.
    """
    size = 2 * len(layout.keys)
    raw = data.draw(st.binary(min_size=size, max_size=size))
    pool = iter(int.from_bytes(raw[i:i + 2], "big") for i in range(0, size, 2))
    return lambda lo, hi: lo + next(pool) % (hi - lo + 1)


# Any non-zero change a person could type: whole numbers, and decimals that are not whole.
NON_ZERO = st.one_of(
    st.integers(-50, 50).filter(bool),
    st.floats(0.01, 50, allow_nan=False).flatmap(lambda x: st.sampled_from((x, -x))),
)
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("version", LAYOUTS)
@SETTINGS
@given(data=st.data())
def test_consistent_tables_have_no_errors(version: str, data: st.DataObject) -> None:
    layout = get_layout(version)
    values = consistent_values(layout, drawn(data, layout))
    assert set(values) == set(layout.keys)
    errors = [f for f in validator_for(layout).validate(values) if f.severity is Severity.ERROR]
    assert errors == []


@pytest.mark.parametrize("version", LAYOUTS)
@SETTINGS
@given(data=st.data())
def test_any_single_change_is_caught_and_named(version: str, data: st.DataObject) -> None:
    layout = get_layout(version)
    validator = validator_for(layout)
    values = consistent_values(layout, drawn(data, layout))
    key = data.draw(st.sampled_from(error_cells(validator)))
    delta = data.draw(NON_ZERO)
    changed = {**values, key: values[key] + delta}
    errors = [f for f in validator.validate(changed) if f.severity is Severity.ERROR]
    assert any(key in f.cells for f in errors)


@pytest.mark.parametrize("version", LAYOUTS)
@SETTINGS
@given(data=st.data())
def test_single_wrong_total_is_suggested(version: str, data: st.DataObject) -> None:
    """A row total off by some amount: every finding it causes suggests restoring that total."""
    layout = get_layout(version)
    validator = validator_for(layout)
    values = consistent_values(layout, drawn(data, layout))
    rows = [r.key for r in layout.table("requests").rows]
    key = f"requests.{data.draw(st.sampled_from(rows))}.total"
    delta = data.draw(st.integers(1, 30))
    changed = {**values, key: values[key] + delta}
    findings = [f for f in validator.validate(changed) if f.severity is Severity.ERROR]
    assert findings
    assert all(f.suggestion == {"cell": key, "value": values[key]} for f in findings)
