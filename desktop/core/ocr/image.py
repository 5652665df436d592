"""Page images: rendering, straightening, and the ruled table cells drawn on them.

A scanned page is never quite straight. Half a degree is enough to tilt a table row across the
next one at the far end of an A4 line, and the ruling lines — the best evidence of where one
table cell ends — are only found by a horizontal/vertical filter when they are level. So the page
is straightened first, by the angle at which its rows of ink line up best (a projection profile),
and everything after works on the straight image, keeping the transform to map boxes back onto
the page as scanned.

Cells are the white regions enclosed by ruling lines, exactly like the cells pdfplumber reads from
a text PDF's drawn lines, merged cells included; that lets the PDF reader's grid code deal OCR
words into cells the same way it deals PDF words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

# OpenCV and numpy come with the OCR extra; they are imported inside the functions so that this
# module imports (and the core starts) without them.

PixelBox = tuple[float, float, float, float]  # x0, top, x1, bottom in image pixels

# Straightening: search ±MAX_SKEW degrees, coarse then fine; below MIN_SKEW the page is left alone.
MAX_SKEW = 3.0
COARSE_STEP = 0.25
FINE_STEP = 0.025
MIN_SKEW = 0.04
# The shortest stretch of ruling line kept when it joins two lines of the other direction
# (pixels at 150 dpi, about 2.5 mm): shorter than the rule of a one-line table row.
SHORT_RUN = 15
# Ink threshold for ruling lines (grey levels darker than the surroundings); text uses 15.
LINE_CONTRAST = 8


@dataclass(frozen=True)
class Straightened:
    """A page image turned level, and the affine map from the scanned image to it."""

    image: np.ndarray
    angle: float  # degrees applied (anticlockwise positive), 0 when left alone
    matrix: np.ndarray  # 2x3, scanned -> straight pixel coordinates

    def to_scanned(self, box: PixelBox) -> PixelBox:
        """A box on the straight image as the axis-aligned box it covers on the scanned page."""
        if self.angle == 0.0:
            return box
        import cv2
        import numpy as np

        inverse = cv2.invertAffineTransform(self.matrix)
        x0, top, x1, bottom = box
        corners = np.array([[x0, top, 1], [x1, top, 1], [x1, bottom, 1], [x0, bottom, 1]], dtype=np.float64)
        pts = corners @ inverse.T
        return (float(pts[:, 0].min()), float(pts[:, 1].min()), float(pts[:, 0].max()), float(pts[:, 1].max()))


def render_page(page, dpi: int) -> np.ndarray:
    """A pypdfium2 page as a grey image at ``dpi`` (OCR needs no colour; a third of the memory)."""
    import cv2
    import numpy as np

    bitmap = page.render(scale=dpi / 72, grayscale=True)
    try:
        array = bitmap.to_numpy()
    finally:
        bitmap.close()
    if array.ndim == 3:
        array = cv2.cvtColor(array, cv2.COLOR_BGR2GRAY) if array.shape[2] >= 3 else array[:, :, 0]
    return np.ascontiguousarray(array)


def ink_mask(gray: np.ndarray, contrast: int = 15) -> np.ndarray:
    """Ink as 255 on 0: a local threshold, so grey paper, shadows and JPEG noise stay background.

    ``contrast`` is how much darker than its surroundings a pixel must be to count as ink.
    """
    import cv2

    return cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, contrast)


def estimate_skew(gray: np.ndarray) -> float:
    """The rotation (degrees, anticlockwise) that makes the page's rows of ink level.

    At the right angle every text line and ruling line falls into few pixel rows, so the row sums
    of the ink change sharply from row to row; the sum of squared changes is highest there.
    The coarse search runs on half-size ink; the fine one on the full page, because on a noisy
    scan half size is off by a tenth of a degree, enough to break a thin rule into steps.
    """
    import cv2

    half = cv2.resize(gray, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    coarse_ink = ink_mask(half) > 0
    if coarse_ink.sum() < 50:
        return 0.0
    coarse = _sharpest(coarse_ink, _steps(0.0, MAX_SKEW, COARSE_STEP))
    fine = _sharpest(ink_mask(gray) > 0, _steps(coarse, COARSE_STEP, FINE_STEP))
    return round(fine, 3)


def _steps(centre: float, reach: float, step: float) -> list[float]:
    count = round(reach / step)
    return [centre + k * step for k in range(-count, count + 1)]


def _sharpest(ink: np.ndarray, angles: list[float]) -> float:
    """The angle among ``angles`` at which the ink's row profile is sharpest."""
    import cv2
    import numpy as np

    image = ink.astype(np.float32)
    h, w = image.shape
    centre = (w / 2.0, h / 2.0)

    def sharpness(angle: float) -> float:
        m = cv2.getRotationMatrix2D(centre, angle, 1.0)
        turned = cv2.warpAffine(image, m, (w, h), flags=cv2.INTER_NEAREST, borderValue=0)
        return float(np.square(np.diff(turned.sum(axis=1))).sum())

    return max(angles, key=sharpness)


def straighten(gray: np.ndarray) -> Straightened:
    """Turn the page level (white fills the corners); a page already level is returned as is."""
    import cv2

    angle = estimate_skew(gray)
    h, w = gray.shape
    matrix = cv2.getRotationMatrix2D((w / 2.0, h / 2.0), angle, 1.0)
    if abs(angle) < MIN_SKEW:
        return Straightened(gray, 0.0, matrix)
    turned = cv2.warpAffine(gray, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)
    return Straightened(turned, angle, matrix)


# --------------------------------------------------------------------------------------------
# Ruled tables


@dataclass(frozen=True)
class TableCells:
    """The cells of one ruled table in pixels, each row the cells whose top edge it shares."""

    bbox: PixelBox
    cells: list[PixelBox]
    rows: list[list[int]]  # indexes into cells, left to right


def line_masks(gray: np.ndarray, text: Sequence[PixelBox] = ()) -> tuple[np.ndarray, np.ndarray]:
    """Horizontal and vertical ruling lines: runs of ink longer than any character stroke.

    The run length is a thirtieth of the page width (about 7 mm): longer than the widest stroke
    of a 16 pt heading character. Shorter stretches of line exist too — the rules of a one-line
    row standing alone, as at the top of a table continued from the page before — and they are
    kept when they join two lines of the other direction and do not stand inside a line of text
    (``text``: the OCR boxes), so a character's stroke in a tight row is not taken for a rule.
    """

    import cv2

    # A faint, thin rule in a noisy scan is only a little darker than the paper around it; a lower
    # contrast keeps it whole, and the specks that come with it are far too short to be runs.
    ink = ink_mask(gray, LINE_CONTRAST)
    run = max(20, ink.shape[1] // 30)
    sure_h = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (run, 1)))
    sure_v = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, run)))
    horizontal = _grown_runs(ink, sure_h, sure_v, (run, 1))
    vertical = _grown_runs(ink, sure_v, sure_h, (1, run))
    inside_text = _text_mask(ink.shape, text)
    vertical |= _bridging_runs(ink, (1, SHORT_RUN), horizontal, vertical, inside_text)
    horizontal |= _bridging_runs(ink, (SHORT_RUN, 1), vertical, horizontal, inside_text)
    return horizontal, vertical


def _text_mask(shape: tuple[int, ...], boxes: Sequence[PixelBox]) -> np.ndarray:
    """True inside the text boxes, pulled in from their ends a little (detector boxes are padded)."""
    import numpy as np

    mask = np.zeros(shape[:2], dtype=bool)
    for x0, top, x1, bottom in boxes:
        pad = 0.25 * (bottom - top)
        a, b = int(x0 + pad), int(x1 - pad)
        if b > a:
            mask[max(0, int(top)) : max(0, int(bottom)), max(0, a) : max(0, b)] = True
    return mask


def _grown_runs(ink: np.ndarray, sure: np.ndarray, anchors: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """Sure runs of a line grown across the short breaks a noisy scan leaves in it.

    Long unbroken runs (``sure``) are certainly lines. A thin line in a noisy scan also has
    stretches shorter than that between breaks of a pixel or two, between two sure runs or
    between a sure run and the line it ends on (``anchors``, the other direction). Such gaps
    are bridged, but a bridged pixel is kept only where there is ink and only if it joins a sure
    run, so a merged cell (where the line really stops) stays open and a digit standing between
    two close rules does not become a line.
    """
    import cv2
    import numpy as np

    along = (5, 1) if size[0] > 1 else (1, 5)
    bridged = cv2.morphologyEx(sure | anchors, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, size))
    inked = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, along))
    candidate = ((bridged & inked) & ~anchors) | sure
    # Grow the sure runs along their own direction only, through candidate pixels: a stroke
    # that merely touches a rule of the other direction is not reached.
    step = cv2.getStructuringElement(cv2.MORPH_RECT, (3, 1) if size[0] > 1 else (1, 3))
    grown = sure.copy()
    for _ in range(2 * max(size)):
        wider = cv2.dilate(grown, step) & candidate
        if np.array_equal(wider, grown):
            break
        grown = wider
    return cv2.morphologyEx(grown, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, along))


def _bridging_runs(
    ink: np.ndarray, size: tuple[int, int], across: np.ndarray, found: np.ndarray, inside_text: np.ndarray
) -> np.ndarray:
    """Short runs (at least ``size``) that join two lines of the other direction.

    In a tight one-line row a character's stroke can nearly touch the rules above and below
    it; such a run is kept only if it stands outside the text, or in line with a long line of
    its own direction elsewhere (a column boundary continuing down the table).
    """
    import cv2
    import numpy as np

    runs = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, size))
    runs[found > 0] = 0
    count, labels, stats, _ = cv2.connectedComponentsWithStats(runs, connectivity=8)
    if count <= 1:
        return runs
    near = cv2.dilate(across, cv2.getStructuringElement(cv2.MORPH_RECT, (5, 5))) > 0
    vertical = size[0] == 1
    # Positions (columns for vertical runs, rows for horizontal ones) where a long line stands.
    lined = np.convolve((found > 0).any(axis=0 if vertical else 1), np.ones(7), mode="same") > 0
    x, y, w, h = stats[1:, 0], stats[1:, 1], stats[1:, 2], stats[1:, 3]
    if vertical:  # top and bottom ends, at the middle column
        mid = x + w // 2
        keep = near[y, mid] & near[y + h - 1, mid] & (lined[mid] | ~inside_text[y + h // 2, mid])
    else:  # left and right ends, at the middle row
        mid = y + h // 2
        keep = near[mid, x] & near[mid, x + w - 1] & (lined[mid] | ~inside_text[mid, x + w // 2])
    lookup = np.concatenate(([0], np.where(keep, 255, 0))).astype(np.uint8)
    return lookup[labels]


def find_tables(horizontal: np.ndarray, vertical: np.ndarray) -> list[TableCells]:
    """Ruled tables on a straight page image, from its ruling lines (:func:`line_masks`): their
    cells (merged cells as one) and rows.

    A table is a connected network of ruling lines with both horizontal and vertical lines; its
    cells are the white regions the lines enclose. Edges of neighbouring cells are snapped to the
    line between them, so cells of one row share their top exactly, as the grid code expects.
    """
    import cv2

    grid = cv2.dilate(horizontal | vertical, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)), iterations=2)
    w = grid.shape[1]
    count, labels, stats, _ = cv2.connectedComponentsWithStats(grid, connectivity=8)
    tables: list[TableCells] = []
    for i in range(1, count):
        x, y, bw, bh, _area = stats[i]
        if bw < w // 8 or bh < 20:
            continue
        component = labels[y : y + bh, x : x + bw] == i
        if (
            not vertical[y : y + bh, x : x + bw][component].any()
            or not horizontal[y : y + bh, x : x + bw][component].any()
        ):
            continue
        table = _cells_of(component, (x, y))
        if table is not None:
            tables.append(table)
    return tables


def _cells_of(lines: np.ndarray, origin: tuple[int, int]) -> TableCells | None:
    """The enclosed white regions of one table's line network (a boolean mask of its bbox)."""
    import cv2
    import numpy as np

    ox, oy = origin
    h, w = lines.shape
    free = np.where(lines, 0, 255).astype(np.uint8)
    count, _, stats, _ = cv2.connectedComponentsWithStats(free, connectivity=4)
    boxes: list[PixelBox] = []
    for i in range(1, count):
        x, y, bw, bh, area = stats[i]
        if x == 0 or y == 0 or x + bw >= w or y + bh >= h:
            continue  # open to the outside: the page around the table, not a cell
        if bw < 6 or bh < 6 or area < 0.6 * bw * bh:
            continue  # a speck between lines, or a ragged leftover that no printed cell makes
        boxes.append((float(x), float(y), float(x + bw), float(y + bh)))
    if len(boxes) < 2:
        return None
    boxes = [b for b in _snap(boxes) if b[2] > b[0] and b[3] > b[1]]
    xs = {b[0] for b in boxes} | {b[2] for b in boxes}
    if len(xs) <= 2:
        return None  # one column: a frame round text, not a table
    cells = [(b[0] + ox, b[1] + oy, b[2] + ox, b[3] + oy) for b in boxes]
    rows: dict[float, list[int]] = {}
    for index, cell in enumerate(cells):
        rows.setdefault(cell[1], []).append(index)
    ordered = [sorted(rows[top], key=lambda i: cells[i][0]) for top in sorted(rows)]
    bbox = (min(c[0] for c in cells), min(c[1] for c in cells), max(c[2] for c in cells), max(c[3] for c in cells))
    return TableCells(bbox, cells, ordered)


def _snap(boxes: list[PixelBox], tolerance: float = 9.0) -> list[PixelBox]:
    """Move cell edges that are one ruling line apart onto that line's middle.

    The right edge of a cell and the left edge of its neighbour differ by the line's width;
    after snapping they are the same number, so cells of one row share their top and
    neighbouring cells touch, as they do in a text PDF's table.
    """
    xs = _clusters([v for b in boxes for v in (b[0], b[2])], tolerance)
    ys = _clusters([v for b in boxes for v in (b[1], b[3])], tolerance)
    return [(xs[b[0]], ys[b[1]], xs[b[2]], ys[b[3]]) for b in boxes]


def _clusters(values: list[float], tolerance: float) -> dict[float, float]:
    """Each value mapped to the middle of its run of values closer than ``tolerance`` to the next."""
    ordered = sorted(set(values))
    out: dict[float, float] = {}
    run: list[float] = []
    for v in ordered + [float("inf")]:
        if run and v - run[-1] > tolerance:
            middle = (run[0] + run[-1]) / 2
            out.update({r: middle for r in run})
            run = []
        run.append(v)
    return out
