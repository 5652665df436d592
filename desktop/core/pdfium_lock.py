"""The one lock every pdfium call in the process holds.

pdfium keeps global state and is not thread-safe, not even across different documents. Two
parts of the app call it: OCR, rendering scanned pages (on an import worker thread), and the
window, rendering pages to show (on its render thread). Both take this lock, so they never call
pdfium at once. It lives in the core so OCR needs nothing from the window to honour it.
"""

from __future__ import annotations

import threading

PDFIUM_LOCK = threading.RLock()
