"""The shape of a report around its tables: section headings and the layout version."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from desktop.core.document import Document, Location
from desktop.core.labels import enumerator, normalise
from desktop.core.layouts import Layout, Section

_HEADING_MAX = 40
_SECTION_CUTOFF = 82.0


@dataclass(frozen=True)
class SectionHit:
    key: str
    line: int
    location: Location


def find_sections(document: Document, sections: tuple[Section, ...]) -> list[SectionHit]:
    """The first heading of each section, in document order."""
    variants = []
    for section in sections:
        number = normalise(f"{section.number}、")
        for title in (section.title, *section.aliases):
            variants.append((section, normalise(f"{section.number}、{title}"), number))
            variants.append((section, normalise(title), number))
    found: dict[str, SectionHit] = {}
    for li, line in enumerate(document.lines):
        cells = [c for c in line.cells if c.text]
        if len(cells) != 1:
            continue
        text = normalise(cells[0].text)
        if not text or len(text) > _HEADING_MAX or _is_subheading(text):
            continue
        best, best_score = None, 0.0
        for section, variant, number in variants:
            score = fuzz.ratio(text, variant)
            if _cut_heading(text, variant, number):
                score = 100.0  # 五、存在的主: a heading cut off at the end of an excerpt
            if score > best_score:
                best, best_score = section, score
        if best is not None and best_score >= _SECTION_CUTOFF and best.key not in found:
            found[best.key] = SectionHit(best.key, li, cells[0].loc)
    return sorted(found.values(), key=lambda h: h.line)


def _is_subheading(text: str) -> bool:
    """（四）因政府信息公开申请的行政复议… inside 一、总体情况 is a subheading, not section 四."""
    enum = enumerator(text)
    return enum is not None and enum[0] != "cn"


def _cut_heading(text: str, variant: str, number: str) -> bool:
    """A numbered heading whose end is missing: 五、存在的主 for 五、存在的主要问题及改进情况
    (``number`` is the section's number as normalised: 五、)."""
    return text.startswith(number) and len(text) >= len(number) + 3 and variant.startswith(text)


def detect_layout(document: Document, layouts: dict[str, Layout], year: int | None) -> tuple[Layout | None, str]:
    """The layout version whose signature wording the report uses; the year decides a tie.

    Returns the layout and how it was decided ("signatures", "year" or "none").
    """
    flat = normalise(document.text)
    scores = {v: sum(normalise(s) in flat for s in layout.signatures) for v, layout in layouts.items()}
    best = max(scores.values(), default=0)
    leaders = [v for v, s in scores.items() if s == best]
    if best > 0 and len(leaders) == 1:
        return layouts[leaders[0]], "signatures"
    if year is not None:
        covering = [v for v in (leaders if best > 0 else layouts) if year in layouts[v].years]
        if covering:
            return layouts[covering[0]], "year"
        later = sorted((v for v in layouts if max(layouts[v].years) < year), key=lambda v: max(layouts[v].years))
        if later:
            return layouts[later[-1]], "year"
    return None, "none"
