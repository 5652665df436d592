"""Characters into words as pdfplumber's extract_words does: on every page we have, read by
pdfplumber and by pdfium, and on made-up characters (overprints, gaps at the tolerance, lines
chained within it, turned text between upright runs, blanks, ligatures)."""

from __future__ import annotations

import random

import pdfplumber
import pytest
from conftest import FIXTURES, ROOT
from hypothesis import given, settings
from hypothesis import strategies as st
from pdfplumber.utils import extract_words as plumber_words

from desktop.core.readers.pdf_chars import extract_words
from desktop.core.readers.pdf_fonts import read_descents
from desktop.core.readers.pdfium_page import PdfiumPages

PDFS = sorted((FIXTURES / "reports").glob("*.pdf")) + sorted((ROOT / "resources" / "demo").glob("*.pdf"))
KEYS = ("text", "x0", "top", "x1", "bottom", "upright")


def same_words(chars: list[dict]) -> None:
    theirs = plumber_words(chars, return_chars=True)
    mine = extract_words(chars)
    assert [tuple(w[k] for k in KEYS) for w in mine] == [tuple(w[k] for k in KEYS) for w in theirs]
    assert [[id(c) for c in w["chars"]] for w in mine] == [[id(c) for c in w["chars"]] for w in theirs]


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_every_page_of_the_project_pdfs(path):
    data = path.read_bytes()
    pages = PdfiumPages(data, read_descents(data))
    try:
        with pdfplumber.open(path) as pdf:
            for index, page in enumerate(pdf.pages):
                same_words(page.chars)
                # pdfplumber's extractor needs a doctop, which the reader itself never reads
                same_words([{**c, "doctop": c["top"]} for c in pages.read(index).chars])
    finally:
        pages.close()


def made_up(seed: int) -> list[dict]:
    rng = random.Random(seed)
    chars = []
    x, y = 50.0, 100.0
    for _ in range(rng.randint(0, 120)):
        upright = rng.random() < 0.85
        text = rng.choice("一二三规章0123456789 ﬁ,.")
        size = rng.choice([9.0, 10.5, 12.0])
        step = rng.choice([0, size, size, size + 1, size + 3, size + 3.0001, size + 8, -size])
        if rng.random() < 0.1:
            y += rng.choice([1.5, 3.0, 3.5, 14.0, -14.0])
            x = rng.uniform(40, 300)
        x += step
        if upright:
            chars.append({"text": text, "x0": x, "x1": x + size, "top": y, "bottom": y + size, "upright": True})
        else:
            chars.append({"text": text, "x0": y, "x1": y + size, "top": x, "bottom": x + size, "upright": False})
    return [{**c, "doctop": c["top"]} for c in chars]


@settings(max_examples=400, deadline=None)
@given(st.integers(0, 10**9))
def test_made_up_characters(seed):
    same_words(made_up(seed))
