"""The grid that draws each official table: shape, spans and key placement (no Qt needed)."""

from __future__ import annotations

from collections import Counter

import pytest

from desktop.core.grid import BLANK, HEADER, KINDS, LABEL, TITLE, VALUE, Grid, build_grid
from desktop.core.layouts import get_layout

VERSIONS = ("2019", "2021")
TABLES = [(v, t.key) for v in VERSIONS for t in get_layout(v).tables]


def grid_of(version: str, table: str) -> Grid:
    return build_grid(get_layout(version).table(table))


def anchored(grid: Grid, text: str) -> list:
    return [c for c in grid.cells if c.text == text]


@pytest.mark.parametrize(("version", "table"), TABLES)
def test_every_key_is_exactly_one_value_cell(version, table):
    layout_table = get_layout(version).table(table)
    grid = build_grid(layout_table)
    counts = Counter(c.key for c in grid.cells if c.kind == VALUE)
    assert set(counts) == set(layout_table.cell_keys())
    assert all(n == 1 for n in counts.values())
    assert all(c.key is None for c in grid.cells if c.kind != VALUE)
    assert all(c.rowspan == 1 and c.colspan == 1 for c in grid.cells if c.kind == VALUE)


@pytest.mark.parametrize(("version", "table"), TABLES)
def test_cells_tile_the_rectangle(version, table):
    grid = grid_of(version, table)
    covered = Counter(pos for c in grid.cells for pos in c.positions())
    assert all(n == 1 for n in covered.values()), "cells overlap"
    assert set(covered) == {(r, c) for r in range(grid.rows) for c in range(grid.cols)}
    assert all(c.kind in KINDS for c in grid.cells)


@pytest.mark.parametrize(("version", "table"), TABLES)
def test_lookups_agree(version, table):
    grid = grid_of(version, table)
    for key in grid.keys():
        row, col = grid.position(key)
        assert grid.value_at(row, col) == key
    for cell in grid.cells:
        for pos in cell.positions():
            assert grid.cell_at(*pos) is cell
    assert grid.value_at(grid.rows, 0) is None
    with pytest.raises(KeyError):
        grid.position("requests.nope.total")


@pytest.mark.parametrize("version", VERSIONS)
def test_requests_header_like_the_template(version):
    table = get_layout(version).table("requests")
    grid = build_grid(table)
    assert grid.cols == 3 + 7  # three label levels, seven value columns
    note = grid.cell_at(0, 0)
    assert "勾稽关系" in note.text and (note.rowspan, note.colspan) == (3, 3)
    caption = anchored(grid, "申请人情况")[0]
    assert (caption.row, caption.col, caption.colspan) == (0, 3, 7)
    natural = anchored(grid, "自然人")[0]
    assert (natural.row, natural.col, natural.rowspan) == (1, 3, 2)
    org = anchored(grid, "法人或其他组织")[0]
    assert (org.row, org.col, org.colspan) == (1, 4, 5)
    total = anchored(grid, "总计")[0]
    assert (total.row, total.col, total.rowspan) == (1, 9, 2)
    assert [grid.cell_at(2, c).text for c in range(4, 9)] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    assert all(grid.cell_at(r, c).kind == HEADER for r in range(3) for c in range(grid.cols))


@pytest.mark.parametrize("version", VERSIONS)
def test_requests_labels_merge_like_the_template(version):
    table = get_layout(version).table("requests")
    grid = build_grid(table)
    results_rows = [r for r in table.rows if r.group is not None]
    results = anchored(grid, "三、本年度办理结果")[0]
    assert results.kind == LABEL
    assert (results.col, results.rowspan, results.colspan) == (0, len(results_rows), 1)
    assert results.row == grid.position("requests.disclosed.natural")[0]
    withheld = anchored(grid, "（三）不予公开")[0]
    assert (withheld.col, withheld.rowspan) == (1, 8)
    assert withheld.row == grid.position("requests.withheld_secret.natural")[0]
    new = anchored(grid, "一、本年新收政府信息公开申请数量")[0]
    assert (new.col, new.colspan, new.rowspan) == (0, 3, 1)
    disclosed = anchored(grid, "（一）予以公开")[0]
    assert (disclosed.col, disclosed.colspan) == (1, 2)
    assert grid.position("requests.new.natural") == (3, 3)
    assert grid.position("requests.carried_over.total") == (grid.rows - 1, grid.cols - 1)


def test_requests_other_rows_differ_by_version():
    old = grid_of("2019", "requests")
    assert anchored(old, "（六）其他处理")[0].colspan == 2
    new = grid_of("2021", "requests")
    other = anchored(new, "（六）其他处理")[0]
    assert (other.colspan, other.rowspan) == (1, 3)
    assert new.position("requests.other_misc.natural")[0] == other.row + 2


@pytest.mark.parametrize("version", VERSIONS)
def test_active_blocks(version):
    table = get_layout(version).table("active")
    grid = build_grid(table)
    width = max(len(b.columns) for b in table.blocks)
    assert grid.cols == 1 + width
    titles = [c for c in grid.cells if c.kind == TITLE]
    assert [c.text for c in titles] == [b.label for b in table.blocks]
    assert all(c.col == 0 and c.colspan == grid.cols for c in titles)
    for title, block in zip(titles, table.blocks):
        header = [grid.cell_at(title.row + 1, c) for c in range(grid.cols)]
        assert header[0].text == "信息内容"
        assert [h.text for h in header[1: 1 + len(block.columns)]] == [
            c.label if not c.unit or c.unit in c.label else f"{c.label}（{c.unit}）" for c in block.columns]
        for pos in range(1 + len(block.columns), grid.cols):
            assert header[pos].kind == BLANK
        first_row = block.rows[0]
        assert grid.cell_at(title.row + 2, 0).text == table.row_title(first_row)
        assert grid.position(f"active.{first_row.key}.{block.columns[0].key}") == (title.row + 2, 1)


def test_active_2021_narrow_block_gets_one_blank():
    grid = grid_of("2021", "active")
    row, col = grid.position("active.licensing.decisions")
    blank = grid.cell_at(row, col + 1)
    assert blank.kind == BLANK and blank.colspan == 2 and blank.rowspan == 2
    assert grid.cell_at(row - 1, 3) is blank  # shares the header row


@pytest.mark.parametrize("version", VERSIONS)
def test_appeals_inline(version):
    grid = grid_of(version, "appeals")
    assert (grid.rows, grid.cols) == (4, 15)
    review = anchored(grid, "行政复议")[0]
    assert (review.row, review.col, review.rowspan, review.colspan) == (0, 0, 2, 5)
    suit = anchored(grid, "行政诉讼")[0]
    assert (suit.row, suit.col, suit.rowspan, suit.colspan) == (0, 5, 1, 10)
    assert [(c.col, c.colspan) for c in anchored(grid, "未经复议直接起诉")] == [(5, 5)]
    assert [(c.col, c.colspan) for c in anchored(grid, "复议后起诉")] == [(10, 5)]
    assert [grid.cell_at(2, c).text for c in range(5)] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    assert [grid.value_at(3, c) for c in (0, 4, 5, 14)] == [
        "appeals.review.upheld", "appeals.review.total",
        "appeals.suit_direct.upheld", "appeals.suit_after_review.total"]


def test_navigation():
    grid = grid_of("2021", "active")
    rules = grid.position("active.rules.issued")
    assert grid.value_below(*rules) == grid.position("active.normative.issued")
    # below the last 第（一）项 row the 第（五）项 label and header rows are skipped
    assert grid.value_below(*grid.position("active.normative.issued")) == grid.position("active.licensing.decisions")
    assert grid.next_value(*rules) == grid.position("active.rules.repealed")
    assert grid.next_value(*grid.position("active.rules.in_force")) == grid.position("active.normative.issued")
    back = grid.next_value(*grid.position("active.normative.issued"), forward=False)
    assert back == grid.position("active.rules.in_force")
    assert grid.next_value(*grid.position("active.fees.amount")) is None
    assert grid.next_value(0, 0) == rules  # from a title, the first value cell
    appeals = grid_of("2021", "appeals")
    assert appeals.value_below(3, 0) == (3, 1)  # one data row: Enter continues to the right
    assert grid.keys()[0] == "active.rules.issued" and len(grid.keys()) == len(set(grid.keys()))
