"""Narrative rules: the counts stated in 一、总体情况 against the tables.

Section 一 is free prose; authors restate the number of requests (全年共受理政府信息公开申请 0 件,
共办理依申请公开事项 13 个, 未收到依申请公开信息) and of appeals (行政复议 5 件、行政诉讼 2 件,
未引发行政复议及诉讼). A number that disagrees with table 三 or 四 means one of them is wrong.

The patterns are deliberately narrow: a statement needs a verb or noun anchoring it to requests
(or appeals), the number directly after it, and a measure word; prose such as "15个工作日内" or
table labels ("本年新收政府信息公开申请数量 12") do not qualify. A missed sentence costs nothing; a
false warning costs the auditor's trust.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping

from desktop.core.document import Document, Location
from desktop.core.catalogue import finding
from desktop.core.findings import Finding
from desktop.core.layouts import Layout, split_key
from desktop.core.report import ExtractedReport
from desktop.core.rules.arithmetic import Number
from desktop.core.values import fmt

Values = Mapping[str, "Number | None"]

# ---------------------------------------------------------------------------------------------
# Numbers as written in prose
# ---------------------------------------------------------------------------------------------

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}


def parse_number(text: str) -> int | None:
    """12, １２, 1,234, 十三, 一百零五, 两, 零 → int; None when it is not a number."""
    text = text.replace(",", "").replace("，", "").strip()
    if not text:
        return None
    if text.isdigit():
        return int(text)  # int() reads full-width digits too
    return _chinese_number(text)


def _chinese_number(text: str) -> int | None:
    total, section, digit = 0, 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            section += (digit or (1 if ch == "十" else 0)) * _CN_UNITS[ch]
            digit = 0
        elif ch == "万":
            total += (section + digit) * 10000
            section, digit = 0, 0
        else:
            return None
    return total + section + digit


# ---------------------------------------------------------------------------------------------
# Patterns
# ---------------------------------------------------------------------------------------------

_NUM = r"(?P<num>[0-9０-９][0-9０-９,]*|[零〇一二两三四五六七八九十百千万]+)"
_SPACE = r"[ \t\u3000]"
_JOIN = r"(?:共计|合计|总计|总数|数量|均为|均|共|计|为|达|有|" + _SPACE + r"|[:：])*"  # between noun and number
_GAP = r"[^。；;，,、！？!?\n0-9０-９]"  # inside one clause, no other number
_NOT_APPEAL = r"(?!复议|诉讼|信访|投诉|举报|行政许可)"  # a request gap must not name another procedure
_NOT_TIME = r"(?!工作日|个?月|小时|年|季度|日|天|制度|工作|措施|机制)"
_END = r"(?=" + _SPACE + r"*(?:[。；;，,、）)！？!?]|$))"  # a bare number closing its clause (…均为0。)
_REQ_UNIT = r"(?:" + _SPACE + r"*(?:件|个|项|宗|条|份|次|起)" + _NOT_TIME + "|" + _END + ")"
_APPEAL_UNIT = r"(?:" + _SPACE + r"*(?:件|起|宗|个|次|例)" + _NOT_TIME + "|" + _END + ")"
_REQ_VERB = r"(?:受理|收到|接收|接到|办理|新收|收悉|处理|答复|办结)"
_REVIEW = r"(?:行政)?复议(?:案件|申请)?"
_SUIT = r"(?:行政)?诉讼(?:案件)?"
_AND = r"(?:、|和|及|与|或|以及|/)"
_BOTH = _REVIEW + _AND + _SUIT
_NEG = (r"(?:(?:未|没有|无)(?:发生|引发|引起|出现|产生|收到|涉及|接到|被提起|有)" + _GAP + r"{0,15}?"
        r"|(?:没有|无))")

# (kind, pattern). A pattern without a "num" group states zero (a negation). Order matters: an
# earlier match hides later ones overlapping it (行政复议、行政诉讼0件 is not also 行政诉讼0件).
PATTERNS: tuple[tuple[str, re.Pattern], ...] = (
    ("requests", re.compile(_REQ_VERB + r"(?:" + _NOT_APPEAL + _GAP + r"){0,20}?申请" + _JOIN + _NUM + _REQ_UNIT)),
    ("requests", re.compile(r"依申请公开(?:申请|事项|信息)?" + _JOIN + _NUM + _REQ_UNIT)),
    ("requests", re.compile(r"(?:未|没有|无)(?:收到|受理|接到|接收|有)(?:" + _NOT_APPEAL + _GAP
                            + r"){0,12}?(?:依申请公开|信息公开申请|公开申请)(?!工作|[^。；;，,\n]{0,4}(?:投诉|举报|意见))")),
    ("requests", re.compile(r"(?:没有|无)依申请公开(?!工作|[^。；;，,\n]{0,4}(?:投诉|举报|意见))")),
    ("split", re.compile(_BOTH + r"(?:数量)?分别(?:为|是)?" + _SPACE + r"*(?P<num>[0-9０-９]+|[零〇一二两三四五六七八九十百]+)"
                         + _SPACE + r"*(?:件|起|宗|个)?" + _SPACE + r"*[、和及，,]" + _SPACE + r"*"
                         + r"(?P<num2>[0-9０-９]+|[零〇一二两三四五六七八九十百]+)")),
    ("each", re.compile(_BOTH + r"(?:数量)?各" + _JOIN + _NUM + _APPEAL_UNIT)),
    ("appeals", re.compile(_BOTH + _JOIN + _NUM + _APPEAL_UNIT)),
    ("appeals", re.compile(_NEG + _BOTH)),
    ("review", re.compile(_REVIEW + _JOIN + _NUM + _APPEAL_UNIT)),
    ("suit", re.compile(_SUIT + _JOIN + _NUM + _APPEAL_UNIT)),
    ("review", re.compile(_NEG + r"(?:行政)?复议(?!(?:案件)?" + _AND + ")")),
    ("suit", re.compile(_NEG + r"(?:行政)?诉讼")),
)
_SENTENCE_END = "。；;！？!?\n"
_CLAUSE_END = _SENTENCE_END + "，,"


@dataclass(frozen=True)
class Statement:
    """A count stated in prose: what it counts, the number, and where (the number's span)."""

    kind: str  # requests | review | suit | appeals (review + suit together)
    value: int
    start: int
    end: int
    sentence: str


def find_statements(text: str, start: int = 0, end: int | None = None) -> list[Statement]:
    """Every request or appeal count stated in ``text[start:end]``, spans in ``text`` coordinates.

    Lines wrapped inside a sentence (PDFs break 受理 into 受\n理) are joined first.
    """
    prose, offsets = unwrap(text, start, len(text) if end is None else end)
    found: list[Statement] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(prose):
            if any(match.start() < b and a < match.end() for a, b in taken):
                continue
            statements = _statements(prose, kind, match)
            if statements:
                taken.append(match.span())
                found.extend(statements)
    found.sort(key=lambda s: s.start)
    return [Statement(s.kind, s.value, offsets[s.start], offsets[s.end - 1] + 1, s.sentence) for s in found]


_HARD_STOPS = "。；;！？!?：:"


def unwrap(text: str, start: int, end: int) -> tuple[str, list[int]]:
    """``text[start:end]`` without line breaks that wrap a sentence, and each kept char's offset.

    A break is a wrap when both neighbours are printed characters and the line before does not
    end a sentence; blank lines and breaks after 。 stay, so paragraphs and headings stay apart.
    """
    chars: list[str] = []
    offsets: list[int] = []
    for i in range(start, end):
        ch = text[i]
        if ch == "\n" and start < i < end - 1:
            before, after = text[i - 1], text[i + 1]
            if not before.isspace() and not after.isspace() and before not in _HARD_STOPS:
                continue
        chars.append(ch)
        offsets.append(i)
    return "".join(chars), offsets


def _statements(text: str, kind: str, match: re.Match) -> list[Statement]:
    """The statement(s) one match makes: 各 N 件 and 分别为 N、M 件 speak of review and suit apart."""
    sentence = _sentence(text, *match.span())
    groups = match.re.groupindex
    if "num" not in groups:
        return [Statement(kind, 0, *match.span(), sentence)]  # a negation: nothing received, no appeal
    value = parse_number(match.group("num"))
    if value is None:
        return []
    here = (*match.span("num"), sentence)
    if kind == "each":
        return [Statement("review", value, *here), Statement("suit", value, *here)]
    if kind == "split":
        second = parse_number(match.group("num2"))
        if second is None:
            return []
        return [Statement("review", value, *here), Statement("suit", second, *match.span("num2"), sentence)]
    return [Statement(kind, value, *here)]


def _sentence(text: str, start: int, end: int, limit: int = 60) -> str:
    """The sentence around a match, to quote it; only its clause when the sentence is long."""
    sentence = _bounded(text, start, end, _SENTENCE_END)
    if len(sentence) <= limit:
        return sentence
    clause = _bounded(text, start, end, _CLAUSE_END)
    if len(clause) <= limit:
        return clause
    margin = max(0, (limit - (end - start)) // 2)  # a window on the match, so the number stays quoted
    return "…" + text[max(0, start - margin):end + margin].strip() + "…"


def _bounded(text: str, start: int, end: int, stops: str) -> str:
    left = max(text.rfind(ch, 0, start) for ch in stops) + 1
    rights = [i for i in (text.find(ch, end) for ch in stops) if i != -1]
    return text[left:min(rights, default=len(text))].strip()


# ---------------------------------------------------------------------------------------------
# Where section 一 is
# ---------------------------------------------------------------------------------------------


def overview_span(report: ExtractedReport) -> tuple[int, int]:
    """(start, end) of 一、总体情况 in the document text.

    From its heading to the next section heading found; without the heading, from the start of
    the document. Never past the first table cell, so table labels are not read as prose.
    """
    text = report.document.text
    heading = report.sections.get("overview")
    start = heading.end if heading else 0
    ends = [loc.start for key, loc in report.sections.items() if key != "overview" and loc.start >= start]
    ends += [loc.start for cell in report.cells.values() for loc in cell.locations if loc.start >= start]
    return start, min(ends, default=len(text))


def _locate(document: Document, start: int, end: int) -> Location:
    """A Location for a text span, with the page (and box) of the line cell holding it."""
    for line in document.lines:
        for cell in line.cells:
            if cell.loc.start <= start < cell.loc.end:
                return Location(start, end, cell.loc.page, cell.loc.bbox)
    return Location(start, end)


# ---------------------------------------------------------------------------------------------
# Comparing with the tables
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """A table quantity a prose count may equal."""

    name: str  # stable id, e.g. "new_carried_in"
    label: str  # official wording
    value: Number | None
    cells: tuple[str, ...]


def _sum_target(layout: Layout, values: Values, name: str, keys: tuple[str, ...]) -> Target | None:
    known = layout.keys
    if not all(k in known for k in keys):
        return None
    parts = [values.get(k) for k in keys]
    total = None if any(v is None for v in parts) else sum(parts)  # type: ignore[arg-type]
    return Target(name, " + ".join(layout.label(k) for k in keys), total, keys)


def targets_for(layout: Layout, values: Values, kind: str) -> list[Target]:
    """What a stated count of ``kind`` may equal, in the layout's order of preference (see FORMAT.md)."""
    specs = layout.narrative_targets.get(kind, ())
    return [t for spec in specs if (t := _sum_target(layout, values, spec.name, spec.cells)) is not None]


_KIND_ZH = {"requests": "政府信息公开申请", "review": "行政复议", "suit": "行政诉讼", "appeals": "行政复议和行政诉讼"}
_RULE_OF = {"requests": "narrative.requests", "review": "narrative.appeals", "suit": "narrative.appeals",
            "appeals": "narrative.appeals"}


def compare(layout: Layout, values: Values, statement: Statement, location: Location) -> Finding | None:
    """One statement against its table: info when it matches (naming what), warning when not; None
    when the layout names nothing such a count could be compared with."""
    specs = layout.narrative_targets.get(statement.kind, ())
    if not specs:
        return None
    rule = _RULE_OF[statement.kind]
    table_key = split_key(specs[0].cells[0])[0]
    targets = targets_for(layout, values, statement.kind)
    said = f"总体情况称“{statement.sentence}”（{_KIND_ZH[statement.kind]} {statement.value} 件）"
    known = [t for t in targets if t.value is not None]
    primary = targets[0].cells if targets else ()
    base = dict(locations=(location,), raw=statement.sentence)
    extra = {"kind": statement.kind, "value": statement.value}
    if not known:
        table = layout.table(table_key)
        absent = all(values.get(k) is None for k in table.cell_keys())
        why = f"表{table.number}缺失" if absent else f"表{table.number}相关合计缺失"
        return finding(rule, f"{said}；{why}，无从核对", primary, note=True,
                       extra={**extra, "matched": None, "absent": absent}, **base)
    match = next((t for t in known if abs(t.value - statement.value) < 1e-6), None)  # type: ignore[operator]
    if match is not None:
        return finding(rule, f"{said}，与{match.label}（{fmt(match.value)}）一致", match.cells, note=True,
                       extra={**extra, "matched": match.name}, **base)
    table_says = "；".join(f"{t.label} = {fmt(t.value)}" for t in known)  # type: ignore[arg-type]
    return finding(rule, f"{said}，与表中数字不符：{table_says}", primary,
                   extra={**extra, "matched": None, "compared": {t.name: t.value for t in known}}, **base)


def check_narrative(report: ExtractedReport) -> list[Finding]:
    """narrative.requests and narrative.appeals for every count stated in 一、总体情况."""
    if report.layout is None:
        return []
    text = report.document.text
    values = report.values()
    seen: set[tuple[str, int]] = set()
    out = []
    for statement in find_statements(text, *overview_span(report)):
        if (statement.kind, statement.value) in seen:
            continue  # the same count restated adds nothing
        seen.add((statement.kind, statement.value))
        finding = compare(report.layout, values, statement, _locate(report.document, statement.start, statement.end))
        if finding is not None:
            out.append(finding)
    return out
