"""The agency, year and publication date of a report, from wherever real reports print them.

Portals put them in the title in many forms (with or without the year, the agency on its own line
before or after it), in a sentence (现公布XX2020年政府信息公开工作年度报告), in page chrome
(发布机构:, 标题:, 发布时间:), in the national 政府网站 meta tags of saved pages, in the contact
line (请与XX办公室联系) or in the overview's first sentence (2021年,县卫生健康局的…). Each source
is tried in order of how surely it names the agency; a candidate must look like an agency name (a
few characters ending in 局/委/办/中心/政府/镇/乡…), never a sentence, a field label or markup. What
no source names stays ``None``: a guess is never presented as read.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from desktop.core.document import Document, Location
from desktop.core.labels import normalise
from desktop.core.report import Meta

_HEAD_LINES = 20
_SUBJECT = r"(?:政府信息公开|政务公开|信息公开)"
_REPORT = rf"{_SUBJECT}(?:工作)?(?:年度)?(?:工作)?(?:报告|年报)"
_TITLE_WITH_YEAR = re.compile(
    rf"^(?P<a>.*?)(?P<y>(?:19|20)\d{{2}})年(?:度)?(?P<b>.*?){_REPORT}"
    rf"|^(?P<a2>.*?){_SUBJECT}(?:工作)?(?P<y2>(?:19|20)\d{{2}})年(?:度)?(?:工作)?(?:报告|年报)"
)
_CHINESE_YEAR = re.compile(r"[〇○零一二三四五六七八九]{4}(?=年)")
_CHINESE_DIGITS = str.maketrans("〇○零一二三四五六七八九", "00012345678" + "9")
_TITLE_NO_YEAR = re.compile(rf"^(?P<a>.*?){_REPORT}$")
_SENTENCE = re.compile(
    rf"(?:现公布|现予公布|现公开|现将|特向社会公布|现发布|编制)(?P<a>[^，,。；;：:《》]{{0,30}}?)"
    rf"(?P<y>(?:19|20)\d{{2}})年(?:度)?(?:本部门|本单位)?{_REPORT}"
)
_FIELD = re.compile(r"(?:发布机构|发文机关|发布单位|信息来源|来源)\s*[:：]\s*(?P<a>[\u4e00-\u9fff（）()]{2,30})")
_CONTACT = re.compile(
    r"(?:请与|由)(?P<a>[\u4e00-\u9fff（）]{2,30}?)(?:党政办公室|综合办公室|政务公开办公室|办公室)?(?:联系|编制|[(（])"
)
_OVERVIEW_YEAR = re.compile(r"(?:^|[。：:])(?:19|20)\d{2}年(?:度)?(?:以来)?[,，]?(?:在[^,，。]{0,40}下[,，])?(?P<rest>.*)")
_VERBS = re.compile(
    r"的|认真|坚持|积极|按照|围绕|全面|深入|持续|始终|严格|高度|紧紧|进一步|继续|扎实|不断|切实|依法|根据|结合|贯彻|"
    r"主动|共|在|以|将|把|对|通过|紧扣|聚焦|立足|着力|牢固|大力|充分|加强|推进|不折不扣"
)
_SUFFIXES = (
    "人民政府", "办事处", "委员会", "管委会", "分局", "局", "委", "办", "中心", "政府", "街道", "镇", "乡",
    "区", "县", "市", "旗", "院", "所", "站", "队", "厅", "署", "馆", "处", "室", "会", "关", "台", "校", "社",
)
_NOT_AGENCY = re.compile(r"^(?:我|本|该|各|原创|标题|来源|发布|信息|网站|首页|政府信息|县委|区委|市委|机关|单位|社会)")
_WRAPPING = "《》〈〉“”\"'「」『』【】[] "
_FULLER = ("办事处", "人民政府")
_PERIOD = re.compile(r"((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日\s*(?:起)?\s*(?:至|到|—|-|－)\s*\1\s*年\s*12\s*月\s*31\s*日")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月)")
_DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_DATE_FIELD = re.compile(r"(?:发布时间|发布日期|发文时间|发文日期|公开日期|成文日期|日期|时间)\s*[:：]\s*")
_PROSE = re.compile(r"[，,。；;]")


def read_meta(document: Document, first_section_line: int | None, last_section_line: int | None) -> Meta:
    """Agency, year and published date of ``document``; what no source names stays None."""
    meta = Meta()
    head = document.lines[: min(first_section_line if first_section_line is not None else _HEAD_LINES, _HEAD_LINES)]
    texts = [_arabic_years(normalise(" ".join(c.text for c in line.cells if c.text))) for line in document.lines]
    overview = texts[first_section_line + 1: first_section_line + 12] if first_section_line is not None else []
    title = _title(document.properties.get("ArticleTitle", ""), texts, len(head))
    sentence = _sentence(texts, first_section_line)
    meta.year = title.year or sentence.year or _period_year(texts) or _body_year(texts, first_section_line)
    agency = _choose_agency(title, sentence, document, texts, overview)
    if agency is not None:
        meta.agency, meta.agency_location = agency, _locate(document, agency)
    spaced = [" ".join(c.text for c in line.cells if c.text) for line in document.lines]
    meta.published = _published(document, spaced, first_section_line, last_section_line, meta.year)
    return meta


class _Found:
    """What one source says: an agency and a year, either possibly missing."""

    def __init__(self, agency: str | None = None, year: int | None = None):
        agency = _clean_agency(agency) if agency else None
        self.agency = agency if agency and plausible_agency(agency) else None
        self.year = year


def _clean_agency(text: str) -> str:
    """A name as printed inside a title: 《XX…, XX关于… lose the brackets and the 关于."""
    text = text.strip(_WRAPPING).removeprefix("关于").removesuffix("关于")
    return text.strip(_WRAPPING)


def plausible_agency(text: str) -> bool:
    """Whether ``text`` reads as an agency's name: a short name ending as agencies' names end."""
    return (
        2 <= len(text) <= 30
        and not _PROSE.search(text)
        and not _NOT_AGENCY.match(text)
        and re.fullmatch(r"[\u4e00-\u9fff（）()]+", text) is not None
        and text.endswith(_SUFFIXES)
    )


def _title(article_title: str, texts: list[str], head: int) -> _Found:
    """The report's title: ``XX2020年…报告``, ``2022年…报告`` beside an agency line, ``XX…报告``."""
    candidates = [(normalise(article_title), None)] if article_title else []
    candidates += [(_without_field(t), i) for i, t in enumerate(texts[:head])]
    agency, year = None, None
    for text, index in candidates:
        m = _TITLE_WITH_YEAR.search(text)
        joined = index is not None and not m and index + 1 < len(texts) and len(texts[index + 1]) <= 10
        if joined:
            m = _TITLE_WITH_YEAR.search(text + texts[index + 1])  # a title wrapped at the page edge
        if m:
            year = year or int(m.group("y") or m.group("y2"))
            named = _clean_agency(m.group("a") or m.group("b") or m.group("a2") or "")
            found = _Found(named or _beside(texts, index))
        else:
            m = _TITLE_NO_YEAR.match(text)
            found = _Found(_clean_agency(m.group("a")) or _beside(texts, index)) if m else _Found()
        agency = agency or found.agency
        if agency and year:
            break
    return _Found(agency, year)


def _arabic_years(text: str) -> str:
    """二〇二一年 → 2021年: titles often print the year in Chinese numerals."""
    return _CHINESE_YEAR.sub(lambda m: m.group().translate(_CHINESE_DIGITS), text)


def _without_field(text: str) -> str:
    return re.sub(r"^(?:标题|题名|名称)[:：]", "", text)


def _beside(texts: list[str], index: int | None) -> str | None:
    """An agency printed on its own line just before or after a title that names none."""
    if index is None:
        return None
    for neighbour in (index - 1, index + 1):
        if 0 <= neighbour < len(texts) and plausible_agency(texts[neighbour]):
            return texts[neighbour]
    return None


def _sentence(texts: list[str], first_section_line: int | None) -> _Found:
    end = (first_section_line or 0) + 12
    for text in texts[:end]:
        m = _SENTENCE.search(text)
        if m:
            return _Found(m.group("a"), int(m.group("y")))
    return _Found()


def _choose_agency(title: _Found, sentence: _Found, document: Document, texts: list[str],
                   overview: list[str]) -> str | None:
    if title.agency and sentence.agency and sentence.agency.endswith(title.agency):
        return sentence.agency  # 现公开锡山区云林街道… names the 云林街道 of the title in full
    for agency in (title.agency, sentence.agency, _source_property(document)):
        if agency:
            return agency
    for agency in _searched(texts, _FIELD):
        return agency
    for agency in _searched(texts, _CONTACT):
        return agency
    body = _overview_agency(overview)
    return _fuller(body, document.text) if body else None


def _source_property(document: Document) -> str | None:
    found = _Found(normalise(document.properties.get("ContentSource", "")))
    return found.agency


def _searched(texts: list[str], pattern: re.Pattern[str]) -> Iterator[str]:
    for text in texts[: _HEAD_LINES * 2]:
        for m in pattern.finditer(text):
            if plausible_agency(m.group("a")):
                yield m.group("a")


def _overview_agency(overview: list[str]) -> str | None:
    """The agency the overview's first sentence names: 2021年,县卫生健康局的政府信息公开工作…"""
    for text in overview:
        m = _OVERVIEW_YEAR.search(text)
        if not m:
            continue
        clause = re.split(r"[^\u4e00-\u9fff（）()]", m.group("rest"), maxsplit=1)[0]
        verb = _VERBS.search(clause, 2)
        clause = clause[: verb.start()] if verb else clause
        for end in range(len(clause), 1, -1):
            if plausible_agency(clause[:end]):
                return clause[:end]
        return None
    return None


def _fuller(agency: str, text: str) -> str:
    """The fuller name the report also uses: 中仓街道 → 中仓街道办事处."""
    for tail in _FULLER:
        if agency + tail in text:
            return agency + tail
    return agency


def _locate(document: Document, agency: str) -> Location | None:
    for line in document.lines:
        for cell in line.cells:
            if agency in normalise(cell.text):
                return cell.loc
    return None


def _period_year(texts: list[str]) -> int | None:
    """The year of the statistics period: 统计期限自2022年1月1日起至2022年12月31日止."""
    for text in texts:
        m = _PERIOD.search(text)
        if m:
            return int(m.group(1))
    return None


def _body_year(texts: list[str], first_section_line: int | None) -> int | None:
    """The year the preamble and the overview speak of most, dates (2021年3月) left aside."""
    end = (first_section_line or 0) + 12
    years = [int(y) for text in texts[:end] for y in _YEAR.findall(re.sub(r"《[^》]*》", "", text))]
    years = [y for y in years[:8] if 2007 <= y <= 2100]
    if not years:
        return None
    counts = Counter(years)
    best = max(counts.values())
    return next(y for y in years if counts[y] == best)


def _published(document: Document, texts: list[str], first: int | None, last: int | None,
               year: int | None) -> str | None:
    """The date printed after the last section, in a 发布时间 field or in the page header."""
    prop = _DATE.search(document.properties.get("PubDate", ""))
    if prop and _plausible(prop, year):
        return _iso(prop)
    lines = texts
    tail_start = (last + 1) if last is not None else max(0, len(lines) - 5)
    for text in reversed(lines[tail_start:]):
        m = _DATE.fullmatch(text.strip()) or (_DATE.search(text) if len(text) <= 30 else None)
        if m and _plausible(m, year):
            return _iso(m)
    head = lines[: first if first is not None else 10]
    for text in head:
        field = _DATE_FIELD.search(text)
        m = _DATE.match(text, field.end()) if field else None
        if m and _plausible(m, year):
            return _iso(m)
    for text in head:
        if len(text) > 100 or _PROSE.search(text):
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
