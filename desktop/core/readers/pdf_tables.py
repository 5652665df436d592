"""Ruled tables from a page's edges: pdfplumber's table finder, written out for speed.

pdfplumber finds a table's cells from its ruling lines in four steps (``pdfplumber.table``):
merge the edges (snap those within 3 pt to their average, join those that meet), find where
they cross, find the smallest cell at each crossing, group the cells into tables. It keeps every
edge in a dict and copies it at each move, and the last two steps compare every crossing with
every other: on a page of report table 三, or a Word table drawn as hundreds of thin rectangles,
that takes longer than pdfium's parse of the whole page. Here are the same steps over tuples and
indexes (crossings by column and by row, corners in a set), with pdfplumber's arithmetic kept to
the letter, so they give its cells and tables in its order; ``tests/test_pdf_tables.py`` holds
them to pdfplumber's own functions. The rows of a table are pdfplumber's.

An edge is ``(orientation, x0, top, x1, bottom, length)``: ``"v"``, ``"h"`` or ``None`` (a slanted
curve segment), its box, and its length as pdfplumber stores it (a moved edge keeps the length it
had; a joined one is measured again).
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from itertools import groupby

from pdfplumber.table import Table, TableSettings

from desktop.core.readers.pdf_chars import clusters

Edge = tuple[str | None, float, float, float, float, float]
BBox = tuple[float, float, float, float]
Point = tuple[float, float]
_SETTINGS = TableSettings()  # pdfplumber's defaults, which page.find_tables() uses


def ruled_tables(edges: list[Edge]) -> list[Table]:
    """The tables ``page.find_tables()`` finds on a page with these edges (lines strategy)."""
    s = _SETTINGS
    kept = [e for e in edges if e[0] == "v" and e[5] >= s.edge_min_length_prefilter]
    kept += [e for e in edges if e[0] == "h" and e[5] >= s.edge_min_length_prefilter]
    merged = merge_edges(kept, s.snap_x_tolerance, s.snap_y_tolerance, s.join_x_tolerance, s.join_y_tolerance)
    merged = [e for e in merged if e[5] >= s.edge_min_length]
    crossings = edges_to_intersections(merged, s.intersection_x_tolerance, s.intersection_y_tolerance)
    return [Table(None, cells) for cells in cells_to_tables(intersections_to_cells(crossings))]  # type: ignore[arg-type]


def merge_edges(edges: list[Edge], snap_x: float, snap_y: float, join_x: float, join_y: float) -> list[Edge]:
    """pdfplumber's ``merge_edges``: snap, then join each line's edges that meet or overlap."""
    if snap_x > 0 or snap_y > 0:
        edges = _snap([e for e in edges if e[0] == "v"], 1, snap_x) + _snap([e for e in edges if e[0] == "h"], 2, snap_y)
    out: list[Edge] = []
    for (orientation, _), group in groupby(sorted(edges, key=_line_of), key=_line_of):
        out += _join(list(group), orientation, join_x if orientation == "h" else join_y)
    return out


def _line_of(edge: Edge) -> tuple[str, float]:
    return ("h", edge[2]) if edge[0] == "h" else ("v", edge[1])


def _snap(edges: list[Edge], at: int, tolerance: float) -> list[Edge]:
    """pdfplumber's ``snap_objects``: edges whose coordinate ``at`` (x0 or top) chain within
    ``tolerance`` move to their average, cluster by cluster."""
    out: list[Edge] = []
    for group in clusters(edges, lambda e: e[at], tolerance):
        average = sum(e[at] for e in group) / len(group)
        for o, x0, top, x1, bottom, length in group:
            if at == 1:  # a vertical edge moves across: x0 and x1
                shift = average - x0
                out.append((o, x0 + shift, top, x1 + shift, bottom, length))
            else:  # a horizontal edge moves down: top and bottom
                shift = average - top
                out.append((o, x0, top + shift, x1, bottom + shift, length))
    return out


def _join(edges: list[Edge], orientation: str, tolerance: float) -> list[Edge]:
    """pdfplumber's ``join_edge_group``: along one line, an edge that starts within ``tolerance``
    of where the last one ends extends it."""
    start, end = (1, 3) if orientation == "h" else (2, 4)
    ordered = sorted(edges, key=lambda e: e[start])
    joined = [ordered[0]]
    for e in ordered[1:]:
        last = joined[-1]
        if e[start] <= last[end] + tolerance:
            if e[end] > last[end]:
                # the length grows by the difference, as pdfplumber's resize_object does (to the last bit)
                o, x0, top, x1, bottom, length = last
                joined[-1] = (o, x0, top, e[3], bottom, e[3] - x0) if orientation == "h" else \
                    (o, x0, top, x1, e[4], length + (e[4] - bottom))
        else:
            joined.append(e)
    return joined


def edges_to_intersections(edges: list[Edge], x_tolerance: float, y_tolerance: float) -> dict[Point, dict]:
    """pdfplumber's ``edges_to_intersections``: each vertical edge against the horizontal edges
    whose height it spans (found by bisection instead of trying them all)."""
    verticals = sorted((e for e in edges if e[0] == "v"), key=lambda e: (e[1], e[2]))
    horizontals = sorted((e for e in edges if e[0] == "h"), key=lambda e: (e[2], e[1]))
    tops = [h[2] for h in horizontals]
    out: dict[Point, dict] = {}
    for v in verticals:
        _, x, top, _, bottom, _ = v
        # a little wider than the test below, which is pdfplumber's to the letter (float rounding)
        first = bisect.bisect_left(tops, top - y_tolerance - 1e-6)
        last = bisect.bisect_right(tops, bottom + y_tolerance + 1e-6)
        for h in horizontals[first:last]:
            if top <= h[2] + y_tolerance and bottom >= h[2] - y_tolerance and x >= h[1] - x_tolerance \
                    and x <= h[3] + x_tolerance:
                vertex = (x, h[2])
                if vertex not in out:
                    out[vertex] = {"v": [], "h": []}
                out[vertex]["v"].append(v)
                out[vertex]["h"].append(h)
    return out


def intersections_to_cells(intersections: dict[Point, dict]) -> list[BBox]:
    """pdfplumber's ``intersections_to_cells``: from each crossing, the nearest crossing below and
    to the right joined to it by an edge, and the corner joined to both, in the same order."""
    ruled_v = {p: {e[1:5] for e in found["v"]} for p, found in intersections.items()}
    ruled_h = {p: {e[1:5] for e in found["h"]} for p, found in intersections.items()}
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
