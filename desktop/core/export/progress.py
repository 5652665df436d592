"""Progress reporting for long exports, throttled so a callback into a window does not slow the export."""

from __future__ import annotations

from collections.abc import Callable

ProgressCallback = Callable[[int, int], None]


class Ticker:
    """Counts work units and calls ``callback(done, total)`` about a hundred times in all.

    The callback may raise (a "cancel" button): the export then stops and leaves no file behind.
    """

    def __init__(self, callback: ProgressCallback | None, total: int):
        self.callback = callback
        self.total = max(total, 1)
        self.done = 0
        self._step = max(self.total // 100, 1)
        self._last = 0

    def advance(self, units: int = 1) -> None:
        self.done = min(self.done + units, self.total)
        if self.callback is not None and (self.done - self._last >= self._step or self.done == self.total):
            self._last = self.done
            self.callback(self.done, self.total)

    def start(self) -> None:
        if self.callback is not None:
            self.callback(0, self.total)
