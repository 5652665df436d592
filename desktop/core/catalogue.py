"""The catalogue of rules: every rule a finding can name, declared once in ``resources/rules.json``.

A rule's severity (when broken), its short name for the findings panel in Chinese and English and
what it checks live there and nowhere else: the extractor, the rules, OCR, the window and the
workbook all look a rule up here, and a finding is made through :func:`finding` so its severity is
the catalogue's. A finding may also be an ``info`` note of a rule (a count in the text that agrees
with the table), never a graver one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from desktop.core.document import Location
from desktop.core.findings import Finding, Severity
from desktop.core.resources import resource_path


@dataclass(frozen=True)
class RuleInfo:
    id: str
    severity: Severity
    check: str  # which step raises it: extraction, arithmetic, narrative, report, cross_year, ocr
    name: str
    name_en: str
    description: str

    def label(self, language: str = "zh") -> str:
        """The short name the findings panel shows, in the interface language."""
        return self.name_en if language == "en" else self.name


@cache
def catalogue() -> dict[str, RuleInfo]:
    """Every declared rule by id, in the catalogue's order."""
    data = json.loads(resource_path("rules.json").read_text(encoding="utf-8"))
    return {
        r["id"]: RuleInfo(r["id"], Severity(r["severity"]), r["check"], r["name"], r["name_en"], r["description"])
        for r in data["rules"]
    }


def rule_checks() -> list[str]:
    """The checking steps, in the order the catalogue first names them (extraction's come first)."""
    return list(dict.fromkeys(info.check for info in catalogue().values()))


def rule_info(rule_id: str) -> RuleInfo:
    """The declaration of ``rule_id``; an undeclared rule is a programming error, said at once."""
    try:
        return catalogue()[rule_id]
    except KeyError:
        raise KeyError(f"rule {rule_id!r} is not declared in resources/rules.json") from None


def rule_label(rule_id: str, language: str = "zh") -> str:
    """A finding's rule as its short name (a rule from an older database, unknown now, as its id)."""
    info = catalogue().get(rule_id)
    return info.label(language) if info is not None else rule_id


def finding(
    rule: str,
    message: str,
    cells: tuple[str, ...] | list[str] = (),
    locations: tuple[Location, ...] | list[Location] = (),
    *,
    note: bool = False,
    raw: str | None = None,
    official: str | None = None,
    suggestion: dict | None = None,
    extra: dict | None = None,
) -> Finding:
    """A finding of ``rule`` with the catalogue's severity, or ``info`` when it is only a ``note``."""
    severity = Severity.INFO if note else rule_info(rule).severity
    return Finding(rule, severity, message, tuple(cells), tuple(locations), raw, official, suggestion, extra or {})
