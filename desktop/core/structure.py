"""The shape of a report around its tables: section headings, metadata and the layout version."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from desktop.core.document import Document, Location
from desktop.core.labels import normalise
from desktop.core.layouts import Layout, Section
from desktop.core.report import Meta

_HEADING_MAX = 40
_SECTION_CUTOFF = 82.0
_TITLE = re.compile(r"^(?P<a>.*?)(?P<y>(?:19|20)\d{2})年(?:度)?(?P<b>.*?)政府信息公开(?:工作)?(?:年度)?(?:报告|年报)")
_DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_SENTENCE = re.compile(r"[，,。；;]")


@dataclass(frozen=True)
class SectionHit:
    key: str
    line: int
    location: Location


def find_sections(document: Document, sections: tuple[Section, ...]) -> list[SectionHit]:
    """The first heading of each section, in document order."""
    variants = []
    for section in sections:
        for title in (section.title, *section.aliases):
            variants.append((section, normalise(f"{section.number}、{title}")))
            variants.append((section, normalise(title)))
    found: dict[str, SectionHit] = {}
    for li, line in enumerate(document.lines):
        cells = [c for c in line.cells if c.text]
        if len(cells) != 1:
            continue
        text = normalise(cells[0].text)
        if not text or len(text) > _HEADING_MAX:
            continue
        best, best_score = None, 0.0
        for section, variant in variants:
            score = fuzz.ratio(text, variant)
            if _cut_heading(text, variant, section):
                score = 100.0  # 五、存在的主: a heading cut off at the end of an excerpt
            if score > best_score:
                best, best_score = section, score
        if best is not None and best_score >= _SECTION_CUTOFF and best.key not in found:
            found[best.key] = SectionHit(best.key, li, cells[0].loc)
    return sorted(found.values(), key=lambda h: h.line)


def _cut_heading(text: str, variant: str, section: Section) -> bool:
    """A numbered heading whose end is missing: 五、存在的主 for 五、存在的主要问题及改进情况."""
    number = normalise(f"{section.number}、")
    return text.startswith(number) and len(text) >= len(number) + 3 and variant.startswith(text)


def read_meta(document: Document, first_section_line: int | None, last_section_line: int | None) -> Meta:
    meta = Meta()
    _read_title(document, meta, first_section_line)
    meta.published = _read_published(document, first_section_line, last_section_line, meta.year)
    return meta


def _read_title(document: Document, meta: Meta, limit: int | None) -> None:
    head = document.lines[: min(limit if limit is not None else 15, 15) or 15]
    previous = ""
    previous_loc = None
    texts = [normalise(" ".join(c.text for c in line.cells if c.text)) for line in head]
    for index, line in enumerate(head):
        text = texts[index]
        m = _TITLE.search(text)
        if not m and index + 1 < len(texts) and len(texts[index + 1]) <= 10:
            m = _TITLE.search(text + texts[index + 1])  # a title wrapped at the page edge
        if m:
            agency = (m.group("a") or m.group("b")).strip("关于")
            meta.year = int(m.group("y"))
            if agency:
                meta.agency = agency
                meta.agency_location = line.cells[0].loc
            elif previous and len(previous) <= 30:
                meta.agency, meta.agency_location = previous, previous_loc
            return
        if text and len(text) <= 30 and not _SENTENCE.search(text):
            previous, previous_loc = text, line.cells[0].loc if line.cells else None


def _read_published(document: Document, first: int | None, last: int | None, year: int | None) -> str | None:
    """The date printed after the last section or in the page header, never a date inside the prose."""
    lines = document.lines
    tail_start = (last + 1) if last is not None else max(0, len(lines) - 5)
    for line in reversed(lines[tail_start:]):
        text = "".join(c.text for c in line.cells if c.text)
        m = _DATE.fullmatch(text.strip()) or (_DATE.search(text) if len(text) <= 30 else None)
        if m and _plausible(m, year):
            return _iso(m)
    for line in lines[: first if first is not None else 10]:
        text = " ".join(c.text for c in line.cells if c.text)
        if len(text) > 100 or _SENTENCE.search(text):
            continue
        m = _DATE.search(text)
        if m and _plausible(m, year):
            return _iso(m)
    return None


def _plausible(m: re.Match, year: int | None) -> bool:
    y, mo, d = (int(g) for g in m.groups())
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return False
    return year is None or year <= y <= year + 2


def _iso(m: re.Match) -> str:
    y, mo, d = (int(g) for g in m.groups())
    return f"{y:04d}-{mo:02d}-{d:02d}"


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
