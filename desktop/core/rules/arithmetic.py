"""Arithmetic rules as data: the rule dicts of a layout compiled into concrete checks.

A layout JSON states each rule once with placeholders (``requests.{row}.total`` for every row);
compiling expands the placeholders into :class:`Check` objects holding plain tuples of cell keys,
so validating a report is a loop over tuples with no template parsing. Everything shown to the
auditor (labels, message templates) is resolved here, once per layout, from the layout's own
official wording.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

from desktop.core.catalogue import rule_info
from desktop.core.findings import Finding, Severity
from desktop.core.layouts import Layout, Table, cell_key, split_key
from desktop.core.values import fmt, value_problem

Number = int | float
Values = Mapping[str, "Number | None"]

PREVIOUS = "previous:"  # prefix of a key read from the previous year's values (cross-year rules)
EPS = 1e-6  # tolerance for sums of decimal amounts
NON_NEGATIVE = "values.non_negative"

# One Chinese template per rule id. Fields: table (表三), row / col (official labels of the
# instantiation), left_label (official label of a single left-hand cell), left, right, diff,
# year / prev_year (cross-year rules), left_terms / right_terms (labels of every term).
MESSAGES: dict[str, str] = {
    "requests.row_total": "{table} “{row}”一行合计不成立：总计 = {left}，自然人与法人或其他组织各项之和 = {right}（相差 {diff}）",
    "requests.results_total": "{table} {col}列办理结果合计不成立：（七）总计 = {left}，（一）至（六）各项之和 = {right}（相差 {diff}）",
    "requests.balance": "{table} {col}列勾稽关系不成立：第一项+第二项 = {left}，第三项+第四项 = {right}（相差 {diff}）",
    "appeals.total": "{table} “{row}”总计不成立：总计 = {left}，结果维持+结果纠正+其他结果+尚未审结 = {right}（相差 {diff}）",
    "active.published_le_total": "{table} “{row}”本年新公开数量 {left} 大于对外公开总数量 {right}（多 {diff}）",
    "cross_year.carry_over": "{table} {col}列：{year}“二、上年结转政府信息公开申请数量” = {left}，"
    "而{prev_year}“四、结转下年度继续办理” = {right}（相差 {diff}）",
    "cross_year.items": "{table} “{row}”：{year}上一年项目数量 = {left}，"
    "而{prev_year}上一年项目数量+本年增/减 = {right}（相差 {diff}）",
    "cross_year.in_force": "{table} “{row}”：{year}现行有效件数+本年废止件数 = {left}，"
    "而{prev_year}现行有效件数+{year}本年制发件数 = {right}（相差 {diff}）",
}
GENERIC_MESSAGE = "{left_terms} = {left}，{right_terms} = {right}，两者应{op_zh}（相差 {diff}）"
OP_ZH = {"==": "相等", "<=": "满足前者不大于后者"}


@dataclass(frozen=True, eq=False, slots=True)
class Check:
    """One instantiation of a rule: sum(left) op sum(right) over concrete cell keys."""

    index: int
    rule: str
    severity: Severity
    op: str  # "==" or "<="
    left: tuple[str, ...]
    right: tuple[str, ...]
    keys: tuple[str, ...]  # left then right, each key once: the finding's cells
    coef: dict[str, int]  # +1 per left occurrence, -1 per right occurrence
    fields: dict[str, str]  # static message fields, resolved at compile time
    total: str | None  # the single left-hand term, the "total" cell preferred when blaming

    def evaluate(self, values: Values) -> tuple[Number, Number] | None:
        """(sum left, sum right), or None when a cell is missing: missing cells are reported elsewhere."""
        left = 0
        for key in self.left:
            v = values.get(key)
            if v is None:
                return None
            left += v
        right = 0
        for key in self.right:
            v = values.get(key)
            if v is None:
                return None
            right += v
        return left, right


def holds(op: str, difference: Number) -> bool:
    """Whether left - right = ``difference`` satisfies ``op`` (with a tolerance for decimals)."""
    if op == "<=":
        return difference <= EPS
    return -EPS <= difference <= EPS


def tidy(value: Number) -> Number:
    """Whole floats as ints, so suggested values read (and compare) as counts."""
    if isinstance(value, float) and value == int(value):
        return int(value)
    return round(value, 6) if isinstance(value, float) else value


# ---------------------------------------------------------------------------------------------
# Compiling rule dicts
# ---------------------------------------------------------------------------------------------


def compile_rules(layout: Layout, rules: Iterable[dict]) -> tuple[Check, ...]:
    """Expand every rule dict into checks, dropping instantiations whose keys the layout lacks.

    ``previous:`` keys (cross-year rules) are not checked against ``layout``: the previous year may
    be in another layout, and a key it lacks is simply a missing value at run time.
    """
    known = set(layout.keys)
    checks: list[Check] = []
    for rule in rules:
        for left, right in layout.expand(rule):
            if not all(_exists(k, known) for k in left + right) or all(k.startswith(PREVIOUS) for k in left + right):
                continue
            checks.append(_make_check(layout, rule, left, right, len(checks)))
    return tuple(checks)


def _make_check(layout: Layout, rule: dict, left: tuple[str, ...], right: tuple[str, ...], index: int) -> Check:
    coef: dict[str, int] = {}
    for key in left:
        coef[key] = coef.get(key, 0) + 1
    for key in right:
        coef[key] = coef.get(key, 0) - 1
    return Check(
        index=index,
        rule=rule["id"],
        severity=rule_info(rule["id"]).severity,
        op=rule.get("op", "=="),
        left=left,
        right=right,
        keys=tuple(dict.fromkeys(left + right)),
        coef=coef,
        fields=_static_fields(layout, left, right),
        total=left[0] if len(left) == 1 and not left[0].startswith(PREVIOUS) else None,
    )


def _exists(key: str, known: set[str]) -> bool:
    return key.startswith(PREVIOUS) or key in known


# ---------------------------------------------------------------------------------------------
# Official wording
# ---------------------------------------------------------------------------------------------


def split_label(layout: Layout, key: str) -> tuple[str, str, str]:
    """(表三, row wording, column wording) from :meth:`Layout.label`, the single source of wording."""
    label = layout.label(key)
    table_part, rest = label.split(" ", 1)
    row_part, column_part = rest.rsplit(" · ", 1)
    return table_part, row_part, column_part


def column_label(table: Table, column_key: str) -> str:
    """A column's wording, qualified where the bare label is ambiguous (法人或其他组织·其他)."""
    column = next(c for r in table.rows for c in r.columns if c.key == column_key)
    if column.group and column.label == "其他":
        return f"{column.group}·{column.label}"
    return column.label


def term_label(layout: Layout, key: str) -> str:
    """A term's official wording; previous-year terms are marked 上年 (raw key if this layout lacks it)."""
    if key.startswith(PREVIOUS):
        bare = key[len(PREVIOUS):]
        return "上年" + (layout.label(bare) if bare in layout.keys else bare)
    return layout.label(key)


def _static_fields(layout: Layout, left: tuple[str, ...], right: tuple[str, ...]) -> dict[str, str]:
    """Message fields that depend only on the instantiation, named from its first current-year key."""
    first = next(k for k in left + right if not k.startswith(PREVIOUS))
    table_part, row_part, _ = split_label(layout, first)
    table_key, _, column_key = split_key(first)
    return {
        "table": table_part,
        "row": row_part,
        "col": column_label(layout.table(table_key), column_key),
        "left_terms": " + ".join(term_label(layout, k) for k in left),
        "right_terms": " + ".join(term_label(layout, k) for k in right),
        "left_label": term_label(layout, left[0]),
    }


# ---------------------------------------------------------------------------------------------
# Findings
# ---------------------------------------------------------------------------------------------


def check_message(check: Check, left: Number, right: Number, year: str = "本年", prev_year: str = "上年") -> str:
    """The Chinese sentence for a failing check, from its rule's template (or the generic one)."""
    template = MESSAGES.get(check.rule, GENERIC_MESSAGE)
    return template.format(
        **check.fields,
        left=fmt(left),
        right=fmt(right),
        diff=fmt(abs(tidy(left - right))),
        op_zh=OP_ZH.get(check.op, check.op),
        year=year,
        prev_year=prev_year,
    )


def check_finding(check: Check, left: Number, right: Number, suggestion: tuple[str, Number, bool] | None = None,
                  labels: Mapping[str, str] | None = None, year: str = "本年", prev_year: str = "上年") -> Finding:
    """A failing check as a finding; ``suggestion`` is (cell, value, chosen_by_total_preference)."""
    message = check_message(check, left, right, year, prev_year)
    suggested = None
    extra: dict = {"left": tidy(left), "right": tidy(right)}
    if suggestion is not None:
        key, value, preferred = suggestion
        label = labels[key] if labels is not None else key
        if preferred:
            message += f"。改动其中任一单元格都可使本式成立，按惯例先核对总计：{label} 或应为 {fmt(value)}"
        else:
            message += f"。若只有一处有误，最可能是 {label}，应为 {fmt(value)}（改后所有相关等式均成立）"
        suggested = {"cell": key, "value": value}
        extra["preferred_total"] = preferred
    return Finding(
        rule=check.rule,
        severity=check.severity,
        message=message,
        cells=check.keys,
        suggestion=suggested,
        extra=extra,
    )


# ---------------------------------------------------------------------------------------------
# The non-negative rule
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CellRule:
    """What a single cell must satisfy, by column kind: count ≥ 0 and whole; signed whole; amount ≥ 0."""

    index: int
    key: str
    kind: str
    label: str


def compile_cells(layout: Layout) -> tuple[CellRule, ...]:
    cells = []
    for table in layout.tables:
        for row in table.rows:
            for column in row.columns:
                key = cell_key(table.key, row.key, column.key)
                cells.append(CellRule(len(cells), key, column.kind, layout.label(key)))
    return tuple(cells)


def cell_finding(cell: CellRule, value: Number | None) -> Finding | None:
    if value is None:
        return None
    problem = value_problem(cell.kind, value)
    if problem is None:
        return None
    return Finding(
        rule=NON_NEGATIVE,
        severity=rule_info(NON_NEGATIVE).severity,
        message=f"{cell.label} = {fmt(value)}，{problem}",
        cells=(cell.key,),
    )
