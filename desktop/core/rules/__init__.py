"""The rules engine: everything the tool checks in the numbers and words of an extracted report.

Qt-free. The extractor reports structure (missing sections, tables and rows, damaged labels,
normalised values); this package reports what the content says about itself:

* arithmetic and non-negative rules (:mod:`.arithmetic`, run by :class:`.engine.Validator`),
* counts stated in 一、总体情况 against the tables (:mod:`.narrative`),
* layout vs year and the 信息处理费 statement (:mod:`.report_rules`),
* cells OCR was unsure of and nobody has corrected yet (:mod:`desktop.core.ocr.findings`),
* the previous year's report, when given (``cross_year.*``).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Mapping

from desktop.core.catalogue import rule_checks
from desktop.core.findings import Finding
from desktop.core.ocr.findings import low_confidence_findings
from desktop.core.report import ExtractedReport
from desktop.core.rules.arithmetic import MESSAGES, NON_NEGATIVE, Check, compile_rules
from desktop.core.rules.engine import Validator, validator_for
from desktop.core.rules.narrative import check_narrative, find_statements, parse_number
from desktop.core.rules.report_rules import check_cross_year, check_fee_statement, check_layout_year, expected_layout

Number = int | float

__all__ = [
    "MESSAGES",
    "NON_NEGATIVE",
    "Check",
    "Validator",
    "check_cross_year",
    "check_fee_statement",
    "check_layout_year",
    "check_narrative",
    "attach_locations",
    "check_report",
    "compile_rules",
    "expected_layout",
    "find_statements",
    "parse_number",
    "validator_for",
]


def check_report(
    report: ExtractedReport,
    previous: Mapping[str, Number | None] | None = None,
    corrected: Collection[str] = (),
) -> list[Finding]:
    """All rule findings for one report (plus cross-year ones when last year's values are given).

    The steps run in the order the rule catalogue (``resources/rules.json``) declares their rules.

    ``corrected`` are the cells the auditor has typed a value into: OCR's doubt about its own
    reading no longer applies to them. Findings the report already carries (same rule and cells)
    are not repeated, so calling this on a report the extractor has already checked adds nothing
    twice.
    """
    layout = report.layout
    if layout is None:
        return []  # the unknown format is the extractor's finding; there is nothing to check against
    values = report.values()
    year = report.meta.year
    steps: dict[str, Callable[[], list[Finding]]] = {
        "arithmetic": lambda: attach_locations(report, validator_for(layout).validate(values)),
        "narrative": lambda: check_narrative(report),
        "report": lambda: check_layout_year(layout, year) + check_fee_statement(report),
        "ocr": lambda: low_confidence_findings(report, skip=corrected),
        "cross_year": lambda: [] if previous is None else attach_locations(
            report, check_cross_year(layout, values, previous, year, year - 1 if year else None)),
    }
    found = [f for check in rule_checks() if check in steps for f in steps[check]()]
    return _without_known(found, report.findings)


def attach_locations(report: ExtractedReport, findings: list[Finding]) -> list[Finding]:
    """Point cell findings at the cells' source, so the window can light them up.

    :class:`Validator` works on bare values (it is shared by every report of a layout); call this
    on what ``validate`` returns when the findings are shown next to the source.
    """
    for finding in findings:
        if not finding.locations:
            locs = [loc for key in finding.cells if key in report.cells for loc in report.cells[key].locations]
            finding.locations = tuple(dict.fromkeys(locs))
    return findings


def _without_known(findings: list[Finding], known: list[Finding]) -> list[Finding]:
    seen = {(f.rule, tuple(f.cells)) for f in known}
    return [f for f in findings if (f.rule, tuple(f.cells)) not in seen]
