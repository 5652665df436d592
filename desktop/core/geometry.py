"""Where PDF pages sit when they are stacked one below the other in a scrolling view.

The source view shows a PDF as a column of pages. Every question it asks — where does this cell's
box appear on screen, which page and point did the auditor click, which pages must be rendered
now — is arithmetic on page sizes, a zoom and a gap. Keeping that arithmetic here, free of Qt,
lets it be unit-tested exactly and reused by anything that draws pages (a print preview, an
export of highlighted pages).

Units: PDF points for positions on a page (origin top-left, as in :data:`~desktop.core.document.BBox`),
scene units for the stacked column (one scene unit is one logical screen pixel at the view's
identity transform). ``zoom`` is scene units per point.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from desktop.core.document import BBox

__all__ = [
    "DEFAULT_GAP",
    "MIN_ZOOM",
    "MAX_ZOOM",
    "PageRect",
    "PageLayout",
    "layout_pages",
    "clamp_zoom",
    "fit_width_zoom",
    "pad_rect",
]

DEFAULT_GAP = 12.0  # scene units between pages and around the column: fixed on screen, not zoomed
MIN_ZOOM = 0.2
MAX_ZOOM = 6.0

SceneRect = tuple[float, float, float, float]  # x, y, width, height in scene units


@dataclass(frozen=True, slots=True)
class PageRect:
    """One page's place in the scene: its number (1-based, as in Location.page) and rect."""

    number: int
    x: float
    y: float
    width: float
    height: float

    @property
    def bottom(self) -> float:
        return self.y + self.height

    @property
    def right(self) -> float:
        return self.x + self.width

    def rect(self) -> SceneRect:
        return (self.x, self.y, self.width, self.height)

    def contains(self, x: float, y: float) -> bool:
        return self.x <= x <= self.right and self.y <= y <= self.bottom


@dataclass(frozen=True)
class PageLayout:
    """Pages of a document stacked top to bottom, centred on the widest page, at one zoom.

    Built by :func:`layout_pages`; immutable, so a zoom change builds a new layout and nothing
    computed for the old zoom can leak into the new one.
    """

    pages: tuple[PageRect, ...]
    zoom: float
    gap: float
    width: float  # scene width: widest page plus a gap on either side
    height: float  # scene height: all pages, the gaps between them and a gap above and below
    _tops: tuple[float, ...] = field(default=(), repr=False)
    _index: dict[int, int] = field(default_factory=dict, repr=False)

    def page(self, number: int) -> PageRect | None:
        """The rect of page ``number`` (1-based), or None when the document has no such page."""
        i = self._index.get(number)
        return None if i is None else self.pages[i]

    def bbox_to_scene(self, page: int, bbox: BBox) -> SceneRect | None:
        """A box in points on ``page`` → (x, y, w, h) in scene units; None for an unknown page.

        Boxes are not clipped to the page: a box slightly outside is still drawn where it is,
        so a highlight never silently moves.
        """
        rect = self.page(page)
        if rect is None:
            return None
        x0, top, x1, bottom = bbox
        x0, x1 = min(x0, x1), max(x0, x1)
        top, bottom = min(top, bottom), max(top, bottom)
        z = self.zoom
        return (rect.x + x0 * z, rect.y + top * z, (x1 - x0) * z, (bottom - top) * z)

    def point_to_scene(self, page: int, x_pt: float, y_pt: float) -> tuple[float, float] | None:
        """A point in points on ``page`` → scene coordinates; None for an unknown page."""
        rect = self.page(page)
        if rect is None:
            return None
        return (rect.x + x_pt * self.zoom, rect.y + y_pt * self.zoom)

    def scene_to_page(self, x: float, y: float) -> tuple[int, float, float] | None:
        """A scene point → (page number, x in points, y in points), or None off every page.

        None between pages, in the margins and beside a narrow page: a click there names no
        place in the report, and the caller must not guess one.
        """
        rect = self._page_at_y(y)
        if rect is None or not rect.contains(x, y):
            return None
        return (rect.number, (x - rect.x) / self.zoom, (y - rect.y) / self.zoom)

    def _page_at_y(self, y: float) -> PageRect | None:
        """The last page starting at or above ``y`` (binary search); the caller checks containment."""
        i = bisect.bisect_right(self._tops, y) - 1
        return self.pages[i] if i >= 0 else None

    def nearest_page(self, y: float) -> PageRect | None:
        """The page at scene height ``y``, or the nearest one when ``y`` falls in a gap.

        Used to remember "where the reader is" across a zoom change even when the centre of the
        viewport happens to lie between two pages.
        """
        if not self.pages:
            return None
        i = bisect.bisect_right(self._tops, y) - 1
        if i < 0:
            return self.pages[0]
        rect = self.pages[i]
        if y <= rect.bottom or i + 1 >= len(self.pages):
            return rect
        below = self.pages[i + 1]
        return rect if y - rect.bottom <= below.y - y else below

    def visible_pages(self, top: float, bottom: float) -> list[int]:
        """Numbers of the pages that intersect the scene range [top, bottom], top to bottom.

        A binary search, so a hundred-page report costs the same per scroll step as a short one.
        """
        if bottom < top or not self.pages:
            return []
        first = max(bisect.bisect_right(self._tops, top) - 1, 0)
        out: list[int] = []
        for rect in self.pages[first:]:
            if rect.y > bottom:
                break
            if rect.bottom >= top:
                out.append(rect.number)
        return out


def layout_pages(
    sizes: Iterable[tuple[int, float, float]] | Iterable[object],
    zoom: float,
    gap: float = DEFAULT_GAP,
) -> PageLayout:
    """Stack pages top to bottom at ``zoom`` with ``gap`` scene units between and around them.

    ``sizes`` holds (number, width_pt, height_pt) tuples or objects with ``number``, ``width``
    and ``height`` (such as :class:`~desktop.core.document.Page`). Pages narrower than the widest
    are centred, the way every PDF reader shows mixed portrait and landscape pages. Page corners
    are rounded to whole scene units so a page's pixmap lands on whole screen pixels and its text
    is not resampled (blurred) by a fractional offset.
    """
    if zoom <= 0:
        raise ValueError(f"zoom must be positive, not {zoom}")
    triples = [_as_triple(s) for s in sizes]
    widest = max((w for _, w, _ in triples), default=0.0) * zoom
    rects: list[PageRect] = []
    y = gap
    for number, w_pt, h_pt in triples:
        w, h = w_pt * zoom, h_pt * zoom
        rects.append(PageRect(number, round(gap + (widest - w) / 2), round(y), w, h))
        y += h + gap
    return PageLayout(
        pages=tuple(rects),
        zoom=zoom,
        gap=gap,
        width=widest + 2 * gap,
        height=y if rects else 2 * gap,
        _tops=tuple(r.y for r in rects),
        _index={r.number: i for i, r in enumerate(rects)},
    )


def _as_triple(size: tuple[int, float, float] | object) -> tuple[int, float, float]:
    if isinstance(size, tuple):
        number, width, height = size
    else:
        number, width, height = size.number, size.width, size.height  # type: ignore[attr-defined]
    if width <= 0 or height <= 0:
        raise ValueError(f"page {number} has no area: {width} x {height}")
    return int(number), float(width), float(height)


def clamp_zoom(zoom: float, lo: float = MIN_ZOOM, hi: float = MAX_ZOOM) -> float:
    """Keep a zoom within what is readable and what memory allows for a rendered page."""
    return max(lo, min(hi, zoom))


def fit_width_zoom(viewport_width: float, widest_page: float, gap: float = DEFAULT_GAP) -> float:
    """The zoom at which the widest page (in points) fills the viewport, gaps included.

    Falls back to 1.0 for a viewport or page without width (a widget not yet laid out) so the
    caller never divides by zero or produces a zero-size scene.
    """
    usable = viewport_width - 2 * gap
    if usable <= 0 or widest_page <= 0:
        return 1.0
    return clamp_zoom(usable / widest_page)


def pad_rect(rect: Sequence[float], pad: float) -> SceneRect:
    """Grow an (x, y, w, h) rect by ``pad`` on every side: a highlight that frames, not covers, its box."""
    x, y, w, h = rect
    return (x - pad, y - pad, w + 2 * pad, h + 2 * pad)
