"""Recognising the official labels of a layout in damaged text.

Labels arrive with spaces inside (``三、本 年度 办 理 结 果``), half- or full-width brackets, lost
words (``（二）部分公开（区分处理的，`` cut at a line end) and typos (``就法制于政收禁止公开``). A
label is matched on its normalised form; a match that is not exact is reported as label damage with
the raw and the official text, unless the raw text is merely a cut-off start of the official one.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

_TRAILING = "。.:：;；,，"
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "「": '"', "」": '"'})
_QUOTE = re.compile("[“”‘’「」]")  # a search is much quicker than translating a text with none
_ENUM = re.compile(r"^(?:[（(]([一二三四五六七八九十]+)[)）]|([一二三四五六七八九十]+)[、.．]|(\d+)[.．、])")
# Variant, traditional and look-alike characters seen in place of those of the official labels
# (行政处罸, 尚末审结, 處理); folded only to find the label, never in what is shown or stored.
_VARIANTS = str.maketrans({
    "罸": "罚", "罰": "罚", "末": "未", "己": "已", "巳": "已", "處": "处", "処": "处", "決": "决", "許": "许",
    "費": "费", "規": "规", "範": "范", "開": "开", "報": "报", "訴": "诉", "議": "议", "複": "复", "請": "请",
    "數": "数", "與": "与", "結": "结", "審": "审", "維": "维", "糾": "纠", "製": "制", "廢": "废",
    "現": "现", "發": "发", "項": "项", "條": "条", "機": "机", "構": "构", "總": "总", "計": "计", "況": "况",
})
_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


_ARABIC_ITEM = re.compile(r"(?<![\d.])(\d{1,2})[、,，](?!\d)")
_CHINESE_ITEM = re.compile(r"(?<![\u4e00-\u9fff])([一二三四五六七八九十]{1,3})[.,，](?!\d)")


_REMEMBERED = 200  # texts up to this long (cells, labels, headings) have their form remembered


def normalise(text: str) -> str:
    """The comparable form of a label: half-width, no blanks, plain quotes, no closing punctuation.

    List markers are written one way (1、 and 1． as 1., 一. as 一、): how a portal punctuates a
    marker is not damage to the label. A short text's form is remembered: the mapper, the section
    finder and the rules ask for the same cell's several times, and every report for the same
    labels; a whole document's text is not kept.
    """
    return _remembered(text) if len(text) <= _REMEMBERED else _normalise(text)


@lru_cache(maxsize=8192)
def _remembered(text: str) -> str:
    return _normalise(text)


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)  # NFKC makes ，and ． half-width
    if _QUOTE.search(text):
        text = text.translate(_QUOTES)
    text = "".join(text.split())  # every run of blanks, as \s+ would
    if "、" in text or "," in text:  # the patterns below cannot match without these (a fast path:
        text = _ARABIC_ITEM.sub(r"\1.", text)  # this runs for every cell of every report)
    if "." in text or "," in text:
        text = _CHINESE_ITEM.sub(r"\1、", text)
    return text.rstrip(_TRAILING)


def enumerator(text: str) -> tuple[str, int] | None:
    """The list marker a label starts with, as (style, number): ('paren', 3) for （三）, ('cn', 2) for 二、, ('arabic', 4) for 4."""
    m = _ENUM.match(normalise(text))
    if not m:
        return None
    paren, cn, arabic = m.groups()
    if paren:
        return "paren", _cn_number(paren)
    if cn:
        return "cn", _cn_number(cn)
    return "arabic", int(arabic)


def strip_enumerator(text: str) -> str:
    norm = normalise(text)
    m = _ENUM.match(norm)
    return norm[m.end():] if m else norm


def _cn_number(s: str) -> int:
    if len(s) == 1:
        return _CN_DIGITS[s]
    if s.startswith("十"):
        return 10 + _CN_DIGITS.get(s[1:], 0)
    return _CN_DIGITS[s[0]] * 10 + _CN_DIGITS.get(s[2:], 0) if len(s) > 2 else _CN_DIGITS[s[0]] * 10


@dataclass(frozen=True)
class Candidate:
    """One official label (or a known variant of it) that a source text may stand for."""

    kind: str  # section | block | group | row | header
    table: str | None
    key: str
    official: str
    variant: str  # the text actually compared: the official label, an alias or a known typo
    is_typo: bool = False


@dataclass(frozen=True)
class Match:
    candidate: Candidate
    score: float
    damaged: bool  # the source text is not the official wording: report it


class LabelMatcher:
    """Fuzzy lookup of source text among a set of candidate labels."""

    def __init__(self, candidates: list[Candidate], cutoff: float = 80.0):
        self.candidates = candidates
        self.cutoff = cutoff
        self._norms = [normalise(c.variant) for c in candidates]
        self._exact: dict[str, int] = {}
        self._folded: dict[str, int] = {}
        for i, n in enumerate(self._norms):
            self._exact.setdefault(n, i)
            self._folded.setdefault(n.translate(_VARIANTS), i)
        self._sorted = sorted((n, i) for i, n in enumerate(self._norms))  # labels by their start

    def match(self, text: str, *, prefer_table: str | None = None) -> Match | None:
        norm = normalise(text)
        if not norm or len(norm) > 80:
            return None
        exact = self._exact.get(norm)
        if exact is not None:
            cand = self.candidates[exact]
            if prefer_table and cand.table != prefer_table:
                better = [i for i, n in enumerate(self._norms) if n == norm and self.candidates[i].table == prefer_table]
                if better:
                    cand = self.candidates[better[0]]
            return Match(cand, 100.0, cand.is_typo)
        folded = self._folded.get(norm.translate(_VARIANTS))
        if folded is not None:  # 行政处罸: a variant or look-alike character, reported as damage
            return Match(self.candidates[folded], 99.0, True)
        truncated = self._truncated(norm)
        if truncated is not None:
            return truncated
        found = process.extractOne(norm, self._norms, scorer=fuzz.ratio, score_cutoff=self.cutoff)
        if found is None:
            return None
        _, score, index = found
        return Match(self.candidates[index], score, True)

    def _truncated(self, norm: str) -> Match | None:
        """A label cut off at a line end (at least six characters of its start) is not damage."""
        if len(norm) < 6:
            return None
        hits = []
        for n, i in self._sorted[bisect.bisect_left(self._sorted, (norm, -1)):]:
            if not n.startswith(norm):
                break  # sorted: the labels starting with ``norm`` stand together
            if len(n) > len(norm):
                hits.append(i)
        hits.sort()
        if len(hits) == 1 or (hits and len({self.candidates[i].key for i in hits}) == 1):
            return Match(self.candidates[hits[0]], 100.0 * len(norm) / len(self._norms[hits[0]]), False)
        return None
