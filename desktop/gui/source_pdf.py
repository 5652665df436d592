"""The PDF half of the source view: pages stacked in a QGraphicsView, rendered lazily, with highlights.

The scene is laid out in logical screen pixels by :mod:`desktop.core.geometry` and the view keeps
an identity transform: a zoom change lays the pages out again instead of scaling the view, so a
rendered pixmap is always painted 1:1 (at the screen's device pixel ratio) and text stays sharp.
Until the sharp pixmap for a new zoom arrives, the nearest cached one is drawn scaled.
"""

from __future__ import annotations

from collections.abc import Sequence

from desktop.core.document import BBox
from desktop.core.geometry import (
    DEFAULT_GAP,
    PageLayout,
    PageRect,
    clamp_zoom,
    fit_width_zoom,
    layout_pages,
    pad_rect,
)
from desktop.gui.clicks import ClickTracker
from desktop.gui.qt import QtCore, QtGui, QtWidgets, Qt, Signal, Slot
from desktop.gui.source_render import PageRenderer
from desktop.gui.style import HIGHLIGHT

__all__ = ["PdfView", "PageItem", "HIGHLIGHT_PAD_PT"]

HIGHLIGHT_PAD_PT = 1.5  # points added around a box so the frame does not cover the digits
SHADOW = 3.0  # scene units of drop shadow below and right of a page
BACKDROP = "#8a8f98"  # the desk the pages lie on: dark enough that white pages stand out
RENDER_DELAY_MS = 90  # after a zoom step: wait for the wheel to stop before rendering sharp pages


class PageItem(QtWidgets.QGraphicsItem):
    """One page: shadow, white paper, the rendered pixmap (or a scaled stand-in) and a thin border."""

    def __init__(self, rect: PageRect):
        super().__init__()
        self.number = rect.number
        self._w = rect.width
        self._h = rect.height
        self.setPos(rect.x, rect.y)
        self.pixmap: QtGui.QPixmap | None = None
        self.exact = False  # the pixmap was rendered for the current zoom and dpr
        self.failed = False

    def set_rect(self, rect: PageRect) -> None:
        self.prepareGeometryChange()
        self._w, self._h = rect.width, rect.height
        self.setPos(rect.x, rect.y)

    def set_pixmap(self, pixmap: QtGui.QPixmap | None, exact: bool) -> None:
        if pixmap is self.pixmap and exact == self.exact:
            return
        self.pixmap, self.exact = pixmap, exact and pixmap is not None
        self.update()

    def set_failed(self, failed: bool) -> None:
        if failed != self.failed:
            self.failed = failed
            self.update()

    def boundingRect(self) -> QtCore.QRectF:  # noqa: N802 - Qt API
        return QtCore.QRectF(-1, -1, self._w + SHADOW + 2, self._h + SHADOW + 2)

    def paint(self, painter: QtGui.QPainter, option, widget=None) -> None:  # noqa: ARG002 - Qt API
        page = QtCore.QRectF(0, 0, self._w, self._h)
        painter.fillRect(page.translated(SHADOW, SHADOW), QtGui.QColor(0, 0, 0, 60))
        painter.fillRect(page, Qt.GlobalColor.white)
        pm = self.pixmap
        if pm is not None:
            if self.exact:
                # 1:1 at the device pixel ratio: no resampling, so glyph edges stay crisp.
                painter.drawPixmap(QtCore.QPointF(0, 0), pm)
            else:
                painter.save()
                painter.setRenderHint(QtGui.QPainter.RenderHint.SmoothPixmapTransform, True)
                painter.drawPixmap(page, pm, QtCore.QRectF(pm.rect()))
                painter.restore()
        elif self.failed:
            painter.setPen(QtGui.QColor("#a4161a"))
            painter.drawText(page, Qt.AlignmentFlag.AlignCenter,
                             QtCore.QCoreApplication.translate("PageItem", "此页无法显示"))
        pen = QtGui.QPen(QtGui.QColor(0, 0, 0, 70), 0)  # cosmetic hairline
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(page)


class PdfView(QtWidgets.QGraphicsView):
    """Pages of one PDF, top to bottom; emits ``page_clicked(page, x_pt, y_pt)`` for a click on a page."""

    page_clicked = Signal(int, float, float)
    page_taken = Signal(int, float, float)  # a Ctrl+click: the number there is wanted in the selected cell
    zoom_changed = Signal(float)

    def __init__(self, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.setScene(QtWidgets.QGraphicsScene(self))
        self.setBackgroundBrush(QtGui.QColor(BACKDROP))
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setDragMode(QtWidgets.QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QtWidgets.QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QtWidgets.QGraphicsView.ViewportAnchor.NoAnchor)
        # Always on: a scrollbar appearing would narrow the viewport, change the fit-width zoom
        # and could make the scrollbar disappear again, forever.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setViewportUpdateMode(QtWidgets.QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)

        self.renderer = PageRenderer(self)
        self.renderer.page_ready.connect(self._on_page_ready)
        self.renderer.page_failed.connect(self._on_page_failed)

        self._sizes: list[tuple[int, float, float]] = []
        self.layout_: PageLayout = layout_pages([], 1.0)
        self._items: dict[int, PageItem] = {}
        self._highlights: list[QtWidgets.QGraphicsRectItem] = []
        self._boxes: list[tuple[int, BBox]] = []
        self._fit = True
        self._reveal_pending = False  # a highlight asked for before the view had its real size
        self._clicks = ClickTracker()
        self._wheel_rest = 0

        self._render_timer = QtCore.QTimer(self, singleShot=True)
        self._render_timer.timeout.connect(self.update_visible)
        self.verticalScrollBar().valueChanged.connect(self._schedule_now)
        self.horizontalScrollBar().valueChanged.connect(self._schedule_now)

    # -- document ---------------------------------------------------------------------------

    def open(self, data: bytes) -> None:
        """Show the PDF in ``data``: lay out blank pages at once and render the visible ones.

        Raises whatever pdfium raises for a file it cannot open; the caller falls back to text.
        """
        self.close_document()
        self._sizes = self.renderer.open(data)
        self._fit = True
        zoom = self._fit_zoom()
        self._build(zoom)
        self.verticalScrollBar().setValue(0)
        self.update_visible()

    def close_document(self) -> None:
        self._reveal_pending = False
        self.renderer.close()
        self.clear_highlight()
        self.scene().clear()
        self._items.clear()
        self._sizes = []
        self.layout_ = layout_pages([], self.layout_.zoom)
        self.scene().setSceneRect(0, 0, 0, 0)

    def _build(self, zoom: float) -> None:
        self.layout_ = layout_pages(self._sizes, zoom)
        for rect in self.layout_.pages:
            item = PageItem(rect)
            self._items[rect.number] = item
            self.scene().addItem(item)
        self.scene().setSceneRect(0, 0, self.layout_.width, self.layout_.height)

    # -- zoom -------------------------------------------------------------------------------

    @property
    def zoom(self) -> float:
        return self.layout_.zoom

    def set_zoom(self, zoom: float, anchor: QtCore.QPoint | None = None, fit: bool = False) -> None:
        """Lay the pages out at ``zoom``, keeping the point under ``anchor`` (default: the centre) still."""
        self._fit = fit
        zoom = clamp_zoom(zoom)
        if not self._sizes or abs(zoom - self.layout_.zoom) < 1e-6:
            return
        vp = self.viewport().rect()
        anchor = anchor if anchor is not None else vp.center()
        pinned = self._pin(anchor)
        self.layout_ = layout_pages(self._sizes, zoom)
        for rect in self.layout_.pages:
            self._items[rect.number].set_rect(rect)
        self.scene().setSceneRect(0, 0, self.layout_.width, self.layout_.height)
        self._redraw_highlights()
        if pinned is not None:
            self._unpin(pinned, anchor)
        self._refresh_items()
        # With stand-ins on screen, wait for the wheel to settle; with blank pages, render now.
        standing_in = any(item.pixmap is not None for item in self._items.values())
        self._render_timer.start(RENDER_DELAY_MS if standing_in else 0)
        self.zoom_changed.emit(zoom)

    def fit_width(self) -> None:
        self.set_zoom(self._fit_zoom(), fit=True)
        self._fit = True

    def _fit_zoom(self) -> float:
        widest = max((w for _, w, _ in self._sizes), default=0.0)
        width = self.viewport().width()
        return fit_width_zoom(width, widest, DEFAULT_GAP)

    def _pin(self, anchor: QtCore.QPoint) -> tuple[int, float, float] | None:
        """The page point under a viewport position, also in the gaps (relative to the nearest page)."""
        scene = self.mapToScene(anchor)
        rect = self.layout_.nearest_page(scene.y())
        if rect is None:
            return None
        z = self.layout_.zoom
        return (rect.number, (scene.x() - rect.x) / z, (scene.y() - rect.y) / z)

    def _unpin(self, pinned: tuple[int, float, float], anchor: QtCore.QPoint) -> None:
        """Scroll so the pinned page point is back under ``anchor``."""
        point = self.layout_.point_to_scene(*pinned)
        if point is None:
            return
        h, v = self.horizontalScrollBar(), self.verticalScrollBar()
        # scrollbar value = scene coordinate at the viewport's left/top edge (scene starts at 0)
        h.setValue(round(point[0] - anchor.x()))
        v.setValue(round(point[1] - anchor.y()))

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        if self._fit and self._sizes:
            old_top = QtCore.QPoint(self.viewport().width() // 2, 0)
            self.set_zoom(self._fit_zoom(), anchor=old_top, fit=True)
        if self._reveal_pending and self._highlights and self.isVisible():
            self._reveal_pending = False
            self.reveal(self._highlights[0].sceneBoundingRect())
        self._schedule_now()

    def showEvent(self, event: QtGui.QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self._schedule_now()

    def wheelEvent(self, event: QtGui.QWheelEvent) -> None:  # noqa: N802 - Qt API
        """Ctrl+wheel zooms about the mouse pointer, 10% per notch (touchpads send smaller steps)."""
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y()
            if delta:
                self.set_zoom(self.zoom * 1.1 ** (delta / 120), anchor=event.position().toPoint())
            event.accept()
            return
        super().wheelEvent(event)

    def event(self, e: QtCore.QEvent) -> bool:
        if e.type() == QtCore.QEvent.Type.DevicePixelRatioChange:  # moved to a screen of another density
            self._schedule_now()
        return super().event(e)

    # -- lazy rendering ---------------------------------------------------------------------

    def device_ratio(self) -> float:
        return self.viewport().devicePixelRatioF()

    def visible_range(self) -> tuple[float, float]:
        """Scene rows on screen, plus half a screen either side so a short scroll finds pages ready."""
        rect = self.mapToScene(self.viewport().rect()).boundingRect()
        margin = rect.height() / 2
        return rect.top() - margin, rect.bottom() + margin

    def wanted_pages(self) -> list[int]:
        """Pages to have rendered now: on screen first (top to bottom), then the nearby ones."""
        rect = self.mapToScene(self.viewport().rect()).boundingRect()
        on_screen = self.layout_.visible_pages(rect.top(), rect.bottom())
        near = self.layout_.visible_pages(*self.visible_range())
        return on_screen + [p for p in near if p not in on_screen]

    @Slot()
    def _schedule_now(self) -> None:
        if not self._render_timer.isActive():
            self._render_timer.start(0)

    @Slot()
    def update_visible(self) -> None:
        """Ask for the wanted pages and let every other page drop its pixmap (the cache keeps it).

        Nothing is rendered while the view is hidden: its size, and so the zoom, are not final.
        """
        if not self._sizes or not self.isVisible():
            return
        self.renderer.request(self.wanted_pages(), self.zoom, self.device_ratio())
        self._refresh_items()

    def _refresh_items(self) -> None:
        near = set(self.layout_.visible_pages(*self.visible_range()))
        dpr = self.device_ratio()
        for number, item in self._items.items():
            if number not in near:
                item.set_pixmap(None, False)
                continue
            exact = self.renderer.pixmap(number, self.zoom, dpr)
            if exact is not None:
                item.set_pixmap(exact, True)
            else:
                item.set_pixmap(item.pixmap or self.renderer.any_pixmap(number), False)
            item.set_failed(self.renderer.failed(number, self.zoom, dpr))

    @Slot(int)
    def _on_page_ready(self, number: int) -> None:
        item = self._items.get(number)
        pm = self.renderer.pixmap(number, self.zoom, self.device_ratio())
        if item is not None and pm is not None:
            item.set_pixmap(pm, True)

    @Slot(int)
    def _on_page_failed(self, number: int) -> None:
        item = self._items.get(number)
        if item is not None:
            item.set_failed(True)

    def rendered_pages(self) -> list[int]:
        """Pages showing a pixmap rendered for the current zoom (what the tests and benchmarks watch)."""
        return [n for n, item in self._items.items() if item.exact]

    def page_item(self, number: int) -> PageItem | None:
        return self._items.get(number)

    # -- highlight --------------------------------------------------------------------------

    def highlight(self, boxes: Sequence[tuple[int, BBox]], scroll: bool = True) -> None:
        """Frame each (page, bbox) in the highlight colour, replacing the previous highlight."""
        self._boxes = [(p, b) for p, b in boxes if self.layout_.page(p) is not None]
        self._redraw_highlights()
        if scroll and self._highlights:
            self.reveal(self._highlights[0].sceneBoundingRect())
            self._reveal_pending = not self.isVisible()

    def clear_highlight(self) -> None:
        self._boxes = []
        self._redraw_highlights()

    def highlight_items(self) -> list[QtWidgets.QGraphicsRectItem]:
        return list(self._highlights)

    def _redraw_highlights(self) -> None:
        for item in self._highlights:
            self.scene().removeItem(item)
        self._highlights = []
        colour = QtGui.QColor(HIGHLIGHT)
        fill = QtGui.QColor(colour)
        fill.setAlpha(70)
        pen = QtGui.QPen(colour, 2)
        pen.setCosmetic(True)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        pad = HIGHLIGHT_PAD_PT * self.zoom
        for page, bbox in self._boxes:
            rect = self.layout_.bbox_to_scene(page, bbox)
            if rect is None:
                continue
            item = QtWidgets.QGraphicsRectItem(QtCore.QRectF(*pad_rect(rect, pad)))
            item.setPen(pen)
            item.setBrush(fill)
            item.setZValue(10)
            item.setData(0, (page, bbox))
            item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
            self.scene().addItem(item)
            self._highlights.append(item)

    def reveal(self, rect: QtCore.QRectF) -> None:
        """Centre ``rect`` unless it is already comfortably on screen (no jump when stepping nearby cells)."""
        visible = self.mapToScene(self.viewport().rect()).boundingRect()
        margin = min(visible.height() / 6, 80.0)
        if not visible.adjusted(0, margin, 0, -margin).contains(rect):
            self.centerOn(rect.center())

    # -- clicks -----------------------------------------------------------------------------

    def mousePressEvent(self, event: QtGui.QMouseEvent) -> None:  # noqa: N802 - Qt API
        self._clicks.pressed(event)
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QtGui.QMouseEvent) -> None:  # noqa: N802 - Qt API
        """A click (not a drag to pan) on a page reports the page and the point in PDF points."""
        super().mouseReleaseEvent(event)
        pos = self._clicks.clicked_at(event)
        if pos is None:
            return
        scene = self.mapToScene(pos)
        hit = self.layout_.scene_to_page(scene.x(), scene.y())
        if hit is not None:
            taken = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            (self.page_taken if taken else self.page_clicked).emit(*hit)

    def scene_pos_to_viewport(self, x: float, y: float) -> QtCore.QPoint:
        """Where a scene point is in viewport pixels (for tests and tooltips)."""
        return self.mapFromScene(QtCore.QPointF(x, y))
