"""Ruled tables from a page's edges: pdfplumber's table finder, with its two slow steps made fast.

pdfplumber finds a table's cells from its ruling lines in four steps (``pdfplumber.table``):
merge the edges (snap and join), find where they cross, find the smallest cell at each crossing,
group the cells into tables. The last two compare every crossing with every other: on a page of
report table 三 that is ten milliseconds, longer than pdfium takes to parse the page. Here they
are the same algorithms over indexes (crossings by column and by row, edges as sets, corners in a
set), so they give pdfplumber's cells and tables in pdfplumber's order, in a fraction of the time;
``tests/test_pdf_tables.py`` holds them to pdfplumber's own functions. The edge merging and the
rows of a table are pdfplumber's functions, called as its ``TableFinder`` calls them.
"""

from __future__ import annotations

import bisect
from collections import defaultdict

from pdfplumber.table import Table, TableSettings, merge_edges
from pdfplumber.utils import filter_edges

BBox = tuple[float, float, float, float]
Point = tuple[float, float]
_SETTINGS = TableSettings()  # pdfplumber's defaults, which page.find_tables() uses


def ruled_tables(edges: list[dict]) -> list[Table]:
    """The tables ``page.find_tables()`` finds on a page with these edges (lines strategy)."""
    s = _SETTINGS
    kept = filter_edges(edges, "v", min_length=s.edge_min_length_prefilter) + filter_edges(
        edges, "h", min_length=s.edge_min_length_prefilter
    )
    merged = merge_edges(kept, s.snap_x_tolerance, s.snap_y_tolerance, s.join_x_tolerance, s.join_y_tolerance)
    merged = filter_edges(merged, min_length=s.edge_min_length)
    crossings = edges_to_intersections(merged, s.intersection_x_tolerance, s.intersection_y_tolerance)
    return [Table(None, cells) for cells in cells_to_tables(intersections_to_cells(crossings))]  # type: ignore[arg-type]


def edges_to_intersections(edges: list[dict], x_tolerance: float, y_tolerance: float) -> dict[Point, dict]:
    """pdfplumber's ``edges_to_intersections``: each vertical edge against the horizontal edges
    whose height it spans (found by bisection instead of trying them all)."""
    verticals = sorted((e for e in edges if e["orientation"] == "v"), key=lambda e: (e["x0"], e["top"]))
    horizontals = sorted((e for e in edges if e["orientation"] == "h"), key=lambda e: (e["top"], e["x0"]))
    tops = [h["top"] for h in horizontals]
    out: dict[Point, dict] = {}
    for v in verticals:
        # a little wider than the test below, which is pdfplumber's to the letter (float rounding)
        first = bisect.bisect_left(tops, v["top"] - y_tolerance - 1e-6)
        last = bisect.bisect_right(tops, v["bottom"] + y_tolerance + 1e-6)
        for h in horizontals[first:last]:
            if (
                v["top"] <= h["top"] + y_tolerance
                and v["bottom"] >= h["top"] - y_tolerance
                and v["x0"] >= h["x0"] - x_tolerance
                and v["x0"] <= h["x1"] + x_tolerance
            ):
                vertex = (v["x0"], h["top"])
                if vertex not in out:
                    out[vertex] = {"v": [], "h": []}
                out[vertex]["v"].append(v)
                out[vertex]["h"].append(h)
    return out


def intersections_to_cells(intersections: dict[Point, dict]) -> list[BBox]:
    """pdfplumber's ``intersections_to_cells``: from each crossing, the nearest crossing below and
    to the right joined to it by an edge, and the corner joined to both, in the same order."""
    ruled_v = {p: {_bbox(e) for e in found["v"]} for p, found in intersections.items()}
    ruled_h = {p: {_bbox(e) for e in found["h"]} for p, found in intersections.items()}
    columns: dict[float, list[float]] = defaultdict(list)
    rows: dict[float, list[float]] = defaultdict(list)
    points = sorted(intersections)
    for x, y in points:
        columns[x].append(y)  # sorted: points are in (x, y) order
    for x, y in sorted(points, key=lambda p: (p[1], p[0])):
        rows[y].append(x)
    cells: list[BBox] = []
    for point in points:
        x, y = point
        column, row = columns[x], rows[y]
        below = column[bisect.bisect_right(column, y):]
        right = row[bisect.bisect_right(row, x):]
        cell = _smallest_cell(point, below, right, ruled_v, ruled_h)
        if cell is not None:
            cells.append(cell)
    return cells


def _smallest_cell(point: Point, below: list[float], right: list[float], ruled_v: dict[Point, set[BBox]],
                   ruled_h: dict[Point, set[BBox]]) -> BBox | None:
    x, y = point
    for below_y in below:
        if ruled_v[point].isdisjoint(ruled_v[(x, below_y)]):
            continue
        for right_x in right:
            if ruled_h[point].isdisjoint(ruled_h[(right_x, y)]):
                continue
            corner = (right_x, below_y)
            if (
                corner in ruled_v
                and not ruled_v[corner].isdisjoint(ruled_v[(right_x, y)])
                and not ruled_h[corner].isdisjoint(ruled_h[(x, below_y)])
            ):
                return (x, y, right_x, below_y)
    return None


def cells_to_tables(cells: list[BBox]) -> list[list[BBox]]:
    """pdfplumber's ``cells_to_tables``: cells grouped by shared corners, swept in the same order
    (a sweep takes every remaining cell touching the group so far), tables top to bottom."""
    remaining = list(cells)
    tables: list[list[BBox]] = []
    while remaining:
        group = [remaining[0]]
        corners = set(_corners(remaining[0]))
        remaining = remaining[1:]
        while True:
            left = []
            for cell in remaining:
                mine = _corners(cell)
                if corners.isdisjoint(mine):
                    left.append(cell)
                else:
                    group.append(cell)
                    corners.update(mine)
            if len(left) == len(remaining):
                break
            remaining = left
        tables.append(group)
    tables.sort(key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in tables if len(t) > 1]


def _corners(cell: BBox) -> tuple[Point, Point, Point, Point]:
    x0, top, x1, bottom = cell
    return ((x0, top), (x0, bottom), (x1, top), (x1, bottom))


def _bbox(edge: dict) -> BBox:
    return (edge["x0"], edge["top"], edge["x1"], edge["bottom"])
