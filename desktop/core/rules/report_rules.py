"""Rules about the report as a whole: layout vs year, the fee statement, and the previous year.

Each rule reads its parameters from the layouts (``years``, ``fee_statement``, ``cross_year``), so
a new national template is a new JSON file, not a code change here.
"""

from __future__ import annotations

from functools import cache
from typing import Iterable, Mapping

from desktop.core.catalogue import finding
from desktop.core.findings import Finding
from desktop.core.layouts import Layout, load_layouts
from desktop.core.report import ExtractedReport
from desktop.core.rules.arithmetic import PREVIOUS, Check, Number, check_finding, compile_rules, holds

Values = Mapping[str, "Number | None"]


# ---------------------------------------------------------------------------------------------
# layout.year
# ---------------------------------------------------------------------------------------------


def expected_layout(year: int, layouts: Iterable[Layout]) -> Layout | None:
    """The layout a report of ``year`` should use.

    The layout listing the year; failing that, the newest layout introduced before it (a 2023
    report still uses the 2021 layout until a newer one is shipped); None before the first layout.
    """
    layouts = [l for l in layouts if l.years]
    for layout in layouts:
        if year in layout.years:
            return layout
    earlier = [l for l in layouts if min(l.years) <= year]
    return max(earlier, key=lambda l: min(l.years), default=None)


def check_layout_year(layout: Layout, year: int | None, layouts: Iterable[Layout] | None = None) -> list[Finding]:
    """Warn when the report's year belongs to another layout than the one it is printed in."""
    if year is None:
        return []
    candidates = list(layouts if layouts is not None else load_layouts().values())
    if all(l is not layout for l in candidates):
        candidates.append(layout)
    expected = expected_layout(year, candidates)
    if expected is None or expected is layout or expected.version == layout.version:
        return []
    message = (
        f"报告年度为{year}年，但表格采用{layout.version}版格式（{layout.name}）；"
        f"{year}年度报告应采用{expected.version}版格式（{expected.name}）"
    )
    return [finding("layout.year", message, extra={"year": year, "layout": layout.version, "expected": expected.version})]


# ---------------------------------------------------------------------------------------------
# section6.fee_statement
# ---------------------------------------------------------------------------------------------


def check_fee_statement(report: ExtractedReport) -> list[Finding]:
    """Warn when the section named by ``layout.fee_statement`` mentions none of its words.

    The section runs from its heading to the end of the document (the signature and date that
    close it are harmless). Without the heading, the whole text is searched: the missing section
    itself is the extractor's finding, and a statement anywhere is better than none. A document
    with no text at all (a scan read without OCR) says nothing either way.
    """
    layout = report.layout
    spec = layout.fee_statement if layout else None
    text = report.document.text
    if not spec or not text.strip():
        return []
    heading = report.sections.get(spec["section"])
    scope = text[heading.start:] if heading else text
    words = tuple(spec.get("words", ()))
    if not words or any(w in scope for w in words):
        return []
    section = next((s for s in layout.sections if s.key == spec["section"]), None)
    name = section.heading if section else spec["section"]
    where = f"第{section.number}部分“{name}”" if section and heading else f"全文（未找到“{name}”）"
    message = f"{where}未提及{'、'.join(words)}：{layout.version}版格式要求说明本年度收取{words[0]}的情况"
    return [finding("section6.fee_statement", message, locations=(heading,) if heading else ())]


# ---------------------------------------------------------------------------------------------
# cross_year.*
# ---------------------------------------------------------------------------------------------


@cache
def cross_year_checks(layout: Layout) -> tuple[Check, ...]:
    return compile_rules(layout, layout.cross_year)


def check_cross_year(layout: Layout, values: Values, previous_values: Values,
                     year: int | None = None, previous_year: int | None = None) -> list[Finding]:
    """The layout's cross-year rules, ``previous:`` keys read from the previous year's values.

    A cell missing in either year (or absent from the previous year's layout) skips the check.
    """
    merged = _Merged(values, previous_values)
    this = f"{year}年" if year is not None else "本年"
    before = f"{previous_year}年" if previous_year is not None else ("上年" if year is None else f"{year - 1}年")
    out = []
    for check in cross_year_checks(layout):
        sums = check.evaluate(merged)
        if sums is None or holds(check.op, sums[0] - sums[1]):
            continue
        finding = check_finding(check, sums[0], sums[1], year=this, prev_year=before)
        finding.extra.update({"year": year, "previous_year": previous_year})
        out.append(finding)
    return out


class _Merged:
    """Read-only view: plain keys from this year, ``previous:`` keys from the previous year."""

    __slots__ = ("_values", "_previous")

    def __init__(self, values: Values, previous: Values) -> None:
        self._values = values
        self._previous = previous

    def get(self, key: str, default: Number | None = None) -> Number | None:
        if key.startswith(PREVIOUS):
            return self._previous.get(key[len(PREVIOUS):], default)
        return self._values.get(key, default)


__all__ = ["check_cross_year", "check_fee_statement", "check_layout_year", "expected_layout"]
