"""Cells that OCR was unsure of, as findings the auditor can work through.

A misread digit is a plausible number, so nothing downstream would notice it unless the table's
arithmetic happens to break. The recogniser's own doubt is the other signal: every cell read with
a confidence below the threshold gets a warning naming the cell, the reading and the confidence,
and pointing at the place on the page.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Collection

from desktop.core.document import Document
from desktop.core.catalogue import finding
from desktop.core.findings import Finding
from desktop.core.report import CellValue, ExtractedReport

LOW_CONFIDENCE = 0.90
RULE = "ocr.low_confidence"


def low_confidence_findings(
    report: ExtractedReport, threshold: float = LOW_CONFIDENCE, skip: Collection[str] = ()
) -> list[Finding]:
    """One ``ocr.low_confidence`` warning per cell whose OCR confidence is below ``threshold``.

    Cells not read by OCR are never flagged, nor the cells in ``skip`` (values a person typed).
    A value whose own confidence the mapper left empty takes the least confidence of the
    document cells it was read from.
    """
    if report.layout is None:
        return []
    # A text report has no confidences: it is spared indexing every cell on each check.
    source = _SourceConfidence(report.document) if report.document.read_by_ocr() else None
    out: list[Finding] = []
    for key, cell in report.cells.items():
        if key in skip:
            continue
        confidence = cell.confidence
        if confidence is None and source is not None:
            confidence = source.of(cell)
        if confidence is None or confidence >= threshold:
            continue
        shown = math.floor(confidence * 100) / 100  # 0.899 shows as 0.89, never as the threshold
        reading = cell.raw if cell.raw else ("空白" if cell.value is None else str(cell.value))
        out.append(
            finding(
                RULE,
                f"OCR 置信度低（{shown:.2f}）：{report.layout.label(key)} 读作 {reading}，请核对原件",
                (key,),
                tuple(cell.locations),
                raw=cell.raw,
            )
        )
    return out


class _SourceConfidence:
    """The confidence of the document cells a value was read from, by character span.

    The mapper copies a cell's confidence onto the value it reads, but not every way of reading
    a value does (a row summed from local sub-rows, for one); looking the source cells up again
    means no OCR reading escapes the check.
    """

    def __init__(self, document: Document):
        cells = sorted((c for line in document.lines for c in line.cells), key=lambda c: c.loc.start)
        self._starts = [c.loc.start for c in cells]
        self._cells = cells

    def of(self, value: CellValue) -> float | None:
        if not value.raw:
            return None  # a value filled in, not read: nothing OCR could have misread
        found: list[float] = []
        for loc in value.locations:
            i = bisect.bisect_right(self._starts, loc.start) - 1
            if i < 0:
                return None
            cell = self._cells[i]
            if not cell.loc.start <= loc.start < max(cell.loc.end, cell.loc.start + 1) or cell.confidence is None:
                return None
            found.append(cell.confidence)
        return min(found) if found else None
