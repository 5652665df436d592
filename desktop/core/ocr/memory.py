"""Keeping a worker reading scans within its memory: the C library's heaps, trimmed and shared.

Only glibc (Linux) needs either; elsewhere both are no-ops.
"""

from __future__ import annotations

import ctypes
import sys
from functools import cache

# mallopt's parameter for the most heaps threads may spread over (glibc's malloc.h: M_ARENA_MAX).
_M_ARENA_MAX = -8
# Heaps for a process reading pages on threads: what a heap frees the next page can reuse.
SHARED_HEAPS = 2


def give_back_memory() -> None:
    """Return the memory a page freed to the system.

    The detector and the recogniser free hundreds of megabytes of buffers after a page, but
    glibc keeps freed memory for reuse, scattered, so each page started higher than the last and
    a four-page scan peaked 130 MB above its first page; trimmed, every page starts from the same
    floor. Trimmed between detection and recognition too, the two do not stack.
    """
    libc = _glibc()
    if libc is not None:
        libc.malloc_trim(0)


@cache
def share_heaps() -> None:
    """Let the threads that read pages share :data:`SHARED_HEAPS` heaps, once per process.

    glibc gives each new thread a heap of its own, up to eight per core, and memory freed in one
    cannot be reused by another: with two pages read at once the detector's 300–450 MB were held
    twice over: a three-page scan peaked at 605–707 MB, with shared heaps at 497–524 MB.
    """
    libc = _glibc()
    if libc is not None:
        libc.mallopt(_M_ARENA_MAX, SHARED_HEAPS)


@cache
def _glibc() -> ctypes.CDLL | None:
    if sys.platform != "linux":
        return None
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return None
    return libc if hasattr(libc, "malloc_trim") and hasattr(libc, "mallopt") else None  # musl has neither
