"""Label normalisation: its fast path reads every text as the plain regular-expression reading does."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core import labels


def plain_normalise(text: str) -> str:
    """The reading labels.normalise keeps: NFKC, plain quotes, no blanks, list markers one way."""
    text = unicodedata.normalize("NFKC", text).translate(labels._QUOTES)
    text = re.sub(r"\s+", "", text)
    text = labels._ARABIC_ITEM.sub(r"\1.", text)
    text = labels._CHINESE_ITEM.sub(r"\1、", text)
    return text.rstrip(labels._TRAILING)


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="一二三十12 7a,.，．、:：;；“”‘’「」\u3000\u00a0\t\n（()）规章行政处罸", max_size=16))
def test_normalise_is_the_plain_reading(text):
    assert labels.normalise(text) == plain_normalise(text)


def test_markers_and_blanks():
    assert labels.normalise("（二） 部分公开，") == "(二)部分公开"
    assert labels.normalise("1、规章") == labels.normalise("1．规章") == "1.规章"
    assert labels.normalise("一.总体情况") == "一、总体情况"
