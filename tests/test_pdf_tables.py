"""The fast table steps give pdfplumber's tables: same cells, same order, on every page we have
and on made-up rulings (gaps, jitter within the snapping tolerance, merged cells, stray lines)."""

from __future__ import annotations

import random

import pdfplumber
import pytest
from conftest import FIXTURES, ROOT
from hypothesis import given, settings
from hypothesis import strategies as st
from pdfplumber import table as plumber

from desktop.core.readers import pdf_tables

PDFS = sorted((FIXTURES / "reports").glob("*.pdf")) + sorted((ROOT / "resources" / "demo").glob("*.pdf"))


class EdgesOnly:
    """What pdfplumber's TableFinder asks of a page, with the lines strategy."""

    def __init__(self, edges: list[dict]):
        self.edges = edges


def pdfplumber_tables(edges: list[dict]) -> list[list[tuple]]:
    return [t.cells for t in plumber.TableFinder(EdgesOnly(edges)).tables]


def as_tuples(edges: list[dict]) -> list[tuple]:
    """pdfplumber's edge dicts as pdf_tables takes them: orientation, box, stored length."""
    return [(e["orientation"], e["x0"], e["top"], e["x1"], e["bottom"],
             e["height"] if e["orientation"] == "v" else e["width"]) for e in edges]


def ours(edges: list[dict]) -> list[list[tuple]]:
    return [t.cells for t in pdf_tables.ruled_tables(as_tuples(edges))]


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_every_page_of_the_project_pdfs(path):
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            tables = page.find_tables()
            assert ours(page.edges) == [t.cells for t in tables]
            assert [[r.cells for r in t.rows] for t in pdf_tables.ruled_tables(as_tuples(page.edges))] == \
                [[r.cells for r in t.rows] for t in tables]


def edge(x0: float, top: float, x1: float, bottom: float) -> dict:
    return {"x0": x0, "top": top, "x1": x1, "bottom": bottom, "width": x1 - x0, "height": bottom - top,
            "orientation": "h" if top == bottom else "v", "object_type": "line"}


def ruling(seed: int) -> list[dict]:
    """A grid of rules with some segments missing, others moved a little or too far, and strays."""
    rng = random.Random(seed)
    xs = sorted(rng.sample(range(50, 550, 10), rng.randint(2, 8)))
    ys = sorted(rng.sample(range(50, 800, 10), rng.randint(2, 10)))
    edges = []
    for y in ys:
        for a, b in zip(xs, xs[1:]):
            if rng.random() < 0.85:
                j = rng.choice([0, 0, 0, 0.4, -1.2, 2.9, 3.4])
                edges.append(edge(a + rng.choice([0, 0, 1.5]), y + j, b, y + j))
    for x in xs:
        for a, b in zip(ys, ys[1:]):
            if rng.random() < 0.85:
                j = rng.choice([0, 0, 0, 0.3, -2.5, 3.1])
                edges.append(edge(x + j, a, x + j, b + rng.choice([0, 0, -2, 4])))
    for _ in range(rng.randint(0, 4)):
        x, y = rng.uniform(0, 595), rng.uniform(0, 842)
        edges.append(edge(x, y, x + rng.uniform(0.5, 200), y) if rng.random() < 0.5 else edge(x, y, x, y + rng.uniform(0.5, 200)))
    rng.shuffle(edges)
    return edges


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 10**9))
def test_made_up_rulings(seed):
    edges = ruling(seed)
    assert ours(edges) == pdfplumber_tables(edges)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 10**9))
def test_each_step_alone(seed):
    s = plumber.TableSettings()
    edges = ruling(seed)
    merged = plumber.merge_edges(edges, s.snap_x_tolerance, s.snap_y_tolerance, s.join_x_tolerance,
                                 s.join_y_tolerance)
    mine = pdf_tables.merge_edges(as_tuples(edges), s.snap_x_tolerance, s.snap_y_tolerance, s.join_x_tolerance,
                                  s.join_y_tolerance)
    assert mine == as_tuples(merged)
    theirs = plumber.edges_to_intersections(merged, 3, 3)
    crossings = pdf_tables.edges_to_intersections(mine, 3, 3)
    assert {k: (as_tuples(v["v"]), as_tuples(v["h"])) for k, v in theirs.items()} == \
        {k: (v["v"], v["h"]) for k, v in crossings.items()}
    cells = plumber.intersections_to_cells(theirs)
    assert pdf_tables.intersections_to_cells(crossings) == cells
    assert pdf_tables.cells_to_tables(cells) == plumber.cells_to_tables(cells)
