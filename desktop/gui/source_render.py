"""PDF pages rendered with pdfium off the GUI thread, on demand, and cached per (page, zoom, dpr).

Why a worker: a text page renders in 5–30 ms, but a scanned page at a high zoom on a high-DPI
screen decodes a large image and can take hundreds of milliseconds; the auditor must still be
able to scroll while that happens. Why one thread: pdfium is not thread-safe, not even across
different documents, so every pdfium call in the process goes through :data:`PDFIUM_LOCK` and
rendering runs on a single-thread pool. Workers never touch widgets: they hand a ``QImage`` to the
GUI thread through a signal, where it becomes a ``QPixmap``.

Only the pages the view asks for are rendered (:meth:`PageRenderer.request`); a request that is
no longer wanted when the worker reaches it (the auditor scrolled on, zoomed, or opened another
report) is skipped, so a fast scroll through a hundred pages does not queue a hundred renders.
"""

from __future__ import annotations

import itertools
import sys
import time
from collections import OrderedDict
from dataclasses import dataclass

import pypdfium2 as pdfium

from desktop.core.pdfium_lock import PDFIUM_LOCK
from desktop.gui.qt import QtCore, QtGui, Signal

__all__ = ["PDFIUM_LOCK", "PdfSource", "PageRenderer", "RenderKey", "render_key"]

CACHE_BYTES = 256 * 1024 * 1024  # about 18 A4 pages at 200% on a 2x screen
MAX_PIXELS = 60_000_000  # refuse absurd renders (a 5 m poster at 600%): scale down instead

_tokens = itertools.count(1)


@dataclass(frozen=True, slots=True)
class RenderKey:
    """What a rendered image depends on; zoom and dpr are rounded so float noise does not miss the cache."""

    token: int  # which opened document
    page: int  # 1-based
    zoom: float
    dpr: float


def render_key(token: int, page: int, zoom: float, dpr: float) -> RenderKey:
    return RenderKey(token, page, round(zoom, 4), round(dpr, 3))


class PdfSource:
    """One PDF opened in pdfium for display; owned by one :class:`PageRenderer`.

    The view keeps its own pdfium document (the reader opened and closed its own while it read
    the file). Each page's crop box is widened to its media box, because the reader's boxes are
    measured from the media box's corner: rendering only the crop box would shift every highlight.
    """

    def __init__(self, data: bytes):
        with PDFIUM_LOCK:
            self._pdf = pdfium.PdfDocument(data)
            self.page_count = len(self._pdf)
        self.closed = False

    def page_sizes(self) -> list[tuple[int, float, float]]:
        """(number, width, height) in points for every page, rotation applied, as pdfium shows them."""
        out = []
        with PDFIUM_LOCK:
            for i in range(self.page_count):
                page = self._pdf[i]
                try:
                    x0, y0, x1, y1 = page.get_mediabox()
                    w, h = abs(x1 - x0), abs(y1 - y0)
                    if page.get_rotation() in (90, 270):
                        w, h = h, w
                finally:
                    page.close()
                out.append((i + 1, w, h))
        return out

    def render(self, number: int, scale: float) -> QtGui.QImage | None:
        """Page ``number`` (1-based) at ``scale`` pixels per point, or None once closed.

        Runs on the render thread. The image is copied out of pdfium's buffer before the bitmap
        is freed, so it owns its pixels when it crosses to the GUI thread.
        """
        with PDFIUM_LOCK:
            if self.closed:
                return None
            page = self._pdf[number - 1]
            try:
                box = page.get_mediabox()
                if page.get_cropbox() != box:
                    page.set_cropbox(*box)
                w, h = page.get_size()
                scale = min(scale, (MAX_PIXELS / max(w * h, 1.0)) ** 0.5)
                little = sys.byteorder == "little"
                bitmap = page.render(scale=scale, prefer_bgrx=True, rev_byteorder=not little, draw_annots=True)
                try:
                    fmt = QtGui.QImage.Format.Format_RGB32 if little else QtGui.QImage.Format.Format_RGBX8888
                    image = QtGui.QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, fmt).copy()
                finally:
                    bitmap.close()
            finally:
                page.close()
        return image

    def close(self) -> None:
        """Free pdfium's document explicitly, under the lock (a finalizer could run on any thread)."""
        with PDFIUM_LOCK:
            if not self.closed:
                self.closed = True
                self._pdf.close()


class _Hub(QtCore.QObject):
    """Lives on the GUI thread; the render thread emits through it and Qt queues the call across."""

    rendered = Signal(object, object, float)  # RenderKey, QImage | None, milliseconds
    skipped = Signal(object)  # RenderKey no longer wanted when its turn came


_hub: _Hub | None = None
_pool: QtCore.QThreadPool | None = None


def _shared() -> tuple[_Hub, QtCore.QThreadPool]:
    """The hub and the single render thread, created on first use and parented to the application."""
    global _hub, _pool
    if _pool is None:
        app = QtCore.QCoreApplication.instance()
        _hub = _Hub(app)
        _pool = QtCore.QThreadPool(app)
        _pool.setMaxThreadCount(1)  # pdfium: one call at a time
        _pool.setExpiryTimeout(5_000)
    assert _hub is not None
    return _hub, _pool


def wait_idle(msecs: int = 5000) -> bool:
    """Wait for the render thread to finish what it was given (closing documents included).

    Called before the app exits: pypdfium2 closes what is left open at interpreter exit, and must
    not do so while the render thread is still closing the same document.
    """
    return _pool is None or _pool.waitForDone(msecs)


class _RenderJob(QtCore.QRunnable):
    def __init__(self, source: PdfSource, key: RenderKey, wanted: _Wanted, hub: _Hub):
        super().__init__()
        self.source, self.key, self.wanted, self.hub = source, key, wanted, hub
        self.setAutoDelete(False)  # Python keeps it (see _LIVE) until the GUI thread hears back

        self.done = False

    def run(self) -> None:
        try:
            if self.key not in self.wanted.keys or self.source.closed:
                self.hub.skipped.emit(self.key)
                return
            started = time.perf_counter()
            try:
                image = self.source.render(self.key.page, self.key.zoom * self.key.dpr)
            except Exception:  # noqa: BLE001 - a damaged page must not kill the render thread
                image = None
            self.hub.rendered.emit(self.key, image, (time.perf_counter() - started) * 1000)
        finally:
            self.done = True


class _CloseJob(QtCore.QRunnable):
    """Closes a document on the render thread, after the renders already queued for it."""

    def __init__(self, source: PdfSource):
        super().__init__()
        self.source = source
        self.setAutoDelete(False)

        self.done = False

    def run(self) -> None:
        try:
            self.source.close()
        finally:
            self.done = True


# Jobs are not auto-deleted (PySide must not free a Python runnable on the render thread); they
# stay here until they have finished and the GUI thread starts the next one.
_live: list[QtCore.QRunnable] = []


def _start(job: QtCore.QRunnable) -> None:
    _live[:] = [j for j in _live if not j.done]
    _live.append(job)
    _shared()[1].start(job)


class _Wanted:
    """The keys the view currently needs; replaced whole, so the render thread reads it without a lock."""

    def __init__(self) -> None:
        self.keys: frozenset[RenderKey] = frozenset()


class PageRenderer(QtCore.QObject):
    """Renders the pages a view asks for and keeps the pixmaps, least recently used dropped first.

    ``page_ready(page)`` tells the view that a pixmap it asked for is now in :meth:`pixmap`;
    ``page_failed(page)`` that pdfium could not draw it.
    """

    page_ready = Signal(int)
    page_failed = Signal(int)

    def __init__(self, parent: QtCore.QObject | None = None):
        super().__init__(parent)
        self._hub, self._pool = _shared()
        self._hub.rendered.connect(self._on_rendered)
        self._hub.skipped.connect(self._on_skipped)
        self._source: PdfSource | None = None
        self._token = 0
        self._wanted = _Wanted()
        self._in_flight: set[RenderKey] = set()
        self._failed: set[RenderKey] = set()
        self._cache: OrderedDict[RenderKey, QtGui.QPixmap] = OrderedDict()
        self._cache_bytes = 0
        self.render_ms: list[float] = []  # how long each render took, for measurement

    @property
    def token(self) -> int:
        return self._token

    def open(self, data: bytes) -> list[tuple[int, float, float]]:
        """Open a PDF for rendering and return its page sizes; raises if pdfium cannot read it."""
        self.close()
        source = PdfSource(data)
        try:
            sizes = source.page_sizes()
        except Exception:
            source.close()
            raise
        self._source = source
        self._token = next(_tokens)
        self.render_ms = []
        return sizes

    def close(self) -> None:
        """Forget the open document and its pixmaps; the pdfium document closes on the render thread."""
        if self._source is not None:
            _start(_CloseJob(self._source))
        self._source = None
        self._token = 0
        self._wanted.keys = frozenset()
        self._in_flight.clear()
        self._failed.clear()
        self._cache.clear()
        self._cache_bytes = 0

    def key(self, page: int, zoom: float, dpr: float) -> RenderKey:
        return render_key(self._token, page, zoom, dpr)

    def pixmap(self, page: int, zoom: float, dpr: float) -> QtGui.QPixmap | None:
        """The pixmap rendered for exactly this page, zoom and dpr, if there is one."""
        key = self.key(page, zoom, dpr)
        pm = self._cache.get(key)
        if pm is not None:
            self._cache.move_to_end(key)
        return pm

    def any_pixmap(self, page: int) -> QtGui.QPixmap | None:
        """The most recent pixmap of ``page`` at any zoom: scaled, it stands in until the sharp one arrives."""
        for key in reversed(self._cache):
            if key.page == page:
                return self._cache[key]
        return None

    def failed(self, page: int, zoom: float, dpr: float) -> bool:
        return self.key(page, zoom, dpr) in self._failed

    def request(self, pages: list[int], zoom: float, dpr: float) -> None:
        """Render these pages (in this order) at this zoom; anything asked for before is dropped."""
        if self._source is None:
            return
        keys = [self.key(p, zoom, dpr) for p in pages]
        self._wanted.keys = frozenset(keys)
        for key in keys:
            if key in self._cache or key in self._in_flight or key in self._failed:
                continue
            self._in_flight.add(key)
            _start(_RenderJob(self._source, key, self._wanted, self._hub))

    def _on_rendered(self, key: RenderKey, image: QtGui.QImage | None, ms: float) -> None:
        if key.token != self._token:
            return
        self._in_flight.discard(key)
        if image is None or image.isNull():
            self._failed.add(key)
            self.page_failed.emit(key.page)
            return
        self.render_ms.append(ms)
        pixmap = QtGui.QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(key.dpr)
        self._store(key, pixmap)
        self.page_ready.emit(key.page)

    def _on_skipped(self, key: RenderKey) -> None:
        if key.token == self._token:
            self._in_flight.discard(key)

    def _store(self, key: RenderKey, pixmap: QtGui.QPixmap) -> None:
        """Cache a pixmap, evicting the least recently used ones the view no longer wants."""
        self._cache[key] = pixmap
        self._cache_bytes += _bytes(pixmap)
        for old in list(self._cache):
            if self._cache_bytes <= CACHE_BYTES:
                break
            if old in self._wanted.keys:
                continue
            self._cache_bytes -= _bytes(self._cache.pop(old))


def _bytes(pixmap: QtGui.QPixmap) -> int:
    return pixmap.width() * pixmap.height() * 4
