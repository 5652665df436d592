"""Page layout arithmetic of the source view: stacking, boxes to scene, clicks to page points."""

from __future__ import annotations

import pytest

from desktop.core.document import Page
from desktop.core.geometry import (
    DEFAULT_GAP,
    MAX_ZOOM,
    MIN_ZOOM,
    fit_width_zoom,
    layout_pages,
    pad_rect,
)

A4 = (595.0, 842.0)


def a4_pages(n: int) -> list[tuple[int, float, float]]:
    return [(i, *A4) for i in range(1, n + 1)]


def test_pages_stack_top_to_bottom_with_gaps():
    layout = layout_pages(a4_pages(3), zoom=1.0, gap=10)
    ys = [p.y for p in layout.pages]
    assert ys == [10, 10 + 842 + 10, 10 + 2 * (842 + 10)]
    assert all(p.x == 10 and p.width == 595 and p.height == 842 for p in layout.pages)
    assert layout.width == 595 + 20
    assert layout.height == 10 + 3 * (842 + 10)


def test_zoom_scales_pages_but_not_the_gap():
    layout = layout_pages(a4_pages(2), zoom=2.0, gap=10)
    first, second = layout.pages
    assert (first.width, first.height) == (1190, 1684)
    assert second.y == 10 + 1684 + 10


def test_narrow_page_is_centred_under_a_wide_one():
    layout = layout_pages([(1, 842, 595), (2, 595, 842)], zoom=1.0, gap=10)
    wide, narrow = layout.pages
    assert wide.x == 10
    assert narrow.x == 10 + round((842 - 595) / 2)


def test_layout_accepts_document_pages():
    layout = layout_pages([Page(1, *A4), Page(2, *A4)], zoom=1.0)
    assert [p.number for p in layout.pages] == [1, 2]
    assert layout.gap == DEFAULT_GAP


def test_page_positions_are_whole_pixels_so_pixmaps_stay_sharp():
    layout = layout_pages([(1, 595.3, 841.89), (2, 500.1, 841.89), (3, 595.3, 841.89)], zoom=1.337, gap=7.5)
    for p in layout.pages:
        assert p.x == int(p.x) and p.y == int(p.y)


def test_bbox_to_scene_offsets_by_page_and_scales_by_zoom():
    layout = layout_pages(a4_pages(3), zoom=1.5, gap=10)
    page2 = layout.page(2)
    x, y, w, h = layout.bbox_to_scene(2, (100, 200, 150, 220))
    assert (x, y) == (page2.x + 150, page2.y + 300)
    assert (w, h) == pytest.approx((75, 30))


def test_bbox_to_scene_normalises_reversed_boxes_and_rejects_unknown_pages():
    layout = layout_pages(a4_pages(1), zoom=1.0, gap=0)
    assert layout.bbox_to_scene(1, (150, 220, 100, 200)) == (100, 200, 50, 20)
    assert layout.bbox_to_scene(7, (0, 0, 1, 1)) is None


def test_scene_to_page_inverts_bbox_to_scene():
    layout = layout_pages(a4_pages(4), zoom=1.25, gap=12)
    x, y, w, h = layout.bbox_to_scene(3, (218.3, 237.35, 334.1, 256.35))
    page, x_pt, y_pt = layout.scene_to_page(x + w / 2, y + h / 2)
    assert page == 3
    assert (x_pt, y_pt) == pytest.approx(((218.3 + 334.1) / 2, (237.35 + 256.35) / 2))


def test_scene_to_page_is_none_between_and_beside_pages():
    layout = layout_pages([(1, 842, 595), (2, 595, 842)], zoom=1.0, gap=10)
    first, second = layout.pages
    assert layout.scene_to_page(100, first.bottom + 5) is None  # in the gap
    assert layout.scene_to_page(5, 100) is None  # left margin
    assert layout.scene_to_page(second.x - 5, second.y + 10) is None  # beside the narrow page
    assert layout.scene_to_page(100, -3) is None
    assert layout.scene_to_page(100, layout.height + 50) is None
    assert layout.scene_to_page(second.x + 1, second.y + 1)[0] == 2


def test_visible_pages_finds_pages_intersecting_a_range():
    layout = layout_pages(a4_pages(100), zoom=1.0, gap=10)
    p50 = layout.page(50)
    assert layout.visible_pages(p50.y + 1, p50.bottom - 1) == [50]
    assert layout.visible_pages(p50.y - 5, p50.bottom + 5) == [50]  # gaps either side
    assert layout.visible_pages(p50.y - 20, p50.bottom + 20) == [49, 50, 51]
    assert layout.visible_pages(-1000, 0) == []
    assert layout.visible_pages(-1000, 20) == [1]
    assert layout.visible_pages(layout.height - 20, layout.height + 1000) == [100]
    assert layout.visible_pages(500, 400) == []
    assert layout.visible_pages(0, layout.height) == list(range(1, 101))


def test_nearest_page_in_a_gap():
    layout = layout_pages(a4_pages(2), zoom=1.0, gap=10)
    first, second = layout.pages
    assert layout.nearest_page(first.bottom + 2).number == 1
    assert layout.nearest_page(second.y - 2).number == 2
    assert layout.nearest_page(-50).number == 1
    assert layout.nearest_page(1e9).number == 2
    assert layout_pages([], 1.0).nearest_page(0) is None


def test_point_to_scene():
    layout = layout_pages(a4_pages(2), zoom=2.0, gap=10)
    assert layout.point_to_scene(2, 10, 20) == (layout.page(2).x + 20, layout.page(2).y + 40)
    assert layout.point_to_scene(3, 0, 0) is None


def test_fit_width_zoom():
    assert fit_width_zoom(595 + 2 * DEFAULT_GAP, 595) == pytest.approx(1.0)
    assert fit_width_zoom(1190 + 2 * DEFAULT_GAP, 595) == pytest.approx(2.0)
    assert fit_width_zoom(0, 595) == 1.0  # not laid out yet
    assert fit_width_zoom(800, 0) == 1.0
    assert fit_width_zoom(100_000, 595) == MAX_ZOOM
    assert fit_width_zoom(30, 595) == MIN_ZOOM


def test_empty_and_invalid_layouts():
    empty = layout_pages([], 1.0)
    assert empty.pages == () and empty.visible_pages(0, 100) == [] and empty.scene_to_page(5, 5) is None
    with pytest.raises(ValueError):
        layout_pages(a4_pages(1), zoom=0)
    with pytest.raises(ValueError):
        layout_pages([(1, 0, 842)], zoom=1)


def test_pad_rect():
    assert pad_rect((10, 20, 30, 40), 2) == (8, 18, 34, 44)
