"""One report open for review: the object the window's views observe and edit through.

It holds no Qt: views subscribe with a callback and are told which cells changed, so one edit made
in the grid, the findings list or by undo reaches every view the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from desktop.core.document import Cell, Location
from desktop.core.findings import Severity
from desktop.core.layouts import Layout
from desktop.core.ocr.fallback import unread_scan_notes
from desktop.core.ocr.findings import RULE as LOW_CONFIDENCE_RULE
from desktop.core.provenance import cell_at_offset, cell_at_point
from desktop.core.report import Number
from desktop.core.store import ReportRecord, Store, StoredFinding, set_cell, set_meta
from desktop.core.store.store import META_FIELDS
from desktop.core.values import read_number, value_problem


# Reasons the window writes to the audit trail (stored data, Chinese like the rest of the core).
UNDO_REASON = "撤销"  # an undo: an edit back to the value before
REDO_REASON = "重做"  # a redo: the undone edit made again
SUGGESTION_REASON = "采用问题中的建议值"  # a correction taken from a finding's suggestion
SOURCE_REASON = "取自原文{0}：{1}"  # a value Ctrl+clicked in the source: where, and the text as printed
STEP_REASONS = (UNDO_REASON, REDO_REASON)  # say how a value came back, not why the auditor chose it


@dataclass(frozen=True)
class Change:
    keys: frozenset[str]  # cells whose value changed
    findings: bool = True  # the findings (and so colours and counts) may have changed
    state: bool = False  # the review state changed
    outside: bool = False  # saved by another window or program, taken up here: not this auditor's doing
    meta: bool = False  # the agency, year or published date changed


class InvalidValue(ValueError):
    """Input the auditor typed that is not a valid value for that cell; the message says why."""


class ReviewSession:
    def __init__(self, store: Store, report_id: int):
        self.store = store
        self.record: ReportRecord = store.record(report_id)
        self._listeners: list[Callable[[Change], None]] = []
        self._by_cell: dict[str, list[StoredFinding]] = {}
        self._index()

    def reload(self) -> None:
        """Read the report again from the store (after a background re-extraction replaced it).

        The session object stays the one the window and the undo history know; the caller rebuilds its views.
        """
        self.store.forget(self.report_id)
        self.record = self.store.record(self.report_id)
        self._index()

    # ------------------------------------------------------------------ reading
    @property
    def report_id(self) -> int:
        return self.record.id

    @property
    def layout(self) -> Layout | None:
        return self.record.report.layout

    def value(self, key: str) -> Number | None:
        return self.record.report.cells[key].value

    def extracted(self, key: str) -> Number | None:
        return self.record.extracted.get(key)

    def is_corrected(self, key: str) -> bool:
        return key in self.record.corrected

    def findings(self) -> list[StoredFinding]:
        return self.record.findings

    def findings_for(self, key: str) -> list[StoredFinding]:
        return self._by_cell.get(key, [])

    def worst(self, key: str) -> Severity | None:
        """The most severe open finding naming the cell: what its colour shows."""
        open_ones = [f.finding.severity for f in self.findings_for(key) if f.state == "open"]
        return max(open_ones, key=lambda s: s.rank, default=None)

    def confidence(self, key: str) -> float | None:
        """How sure OCR was of the cell's reading (0..1); None for a cell not read by OCR."""
        return self.record.report.cells[key].confidence

    def doubtful(self, key: str) -> bool:
        """Whether OCR's reading of the cell still waits for a person: an open low-confidence finding.

        Typing a value settles it (the finding goes), and so does acknowledging the finding.
        """
        return any(f.finding.rule == LOW_CONFIDENCE_RULE and f.state == "open" for f in self.findings_for(key))

    def read_by_ocr(self) -> bool:
        """Whether any of the report's text came from OCR (a scan): what the legend's OCR mark needs."""
        return self.record.report.document.read_by_ocr()

    def unread_scan(self) -> list[str]:
        """Why the report's scanned pages were not read (no OCR, or OCR failed); empty for any other."""
        return unread_scan_notes(self.record.report.document)

    def cell_at(self, offset: int | None = None, page: int | None = None,
                point: tuple[float, float] | None = None) -> str | None:
        cells = self.record.report.cells
        if page is not None and point is not None:
            return cell_at_point(cells, page, *point)
        if offset is not None:
            return cell_at_offset(cells, offset)
        return None

    def source_text_at(self, offset: int | None = None, page: int | None = None,
                       point: tuple[float, float] | None = None) -> Cell | None:
        """The piece of source text (a reader's cell) at a clicked place, whether or not a table cell was read from it."""
        for line in self.record.report.document.lines:
            for cell in line.cells:
                loc = cell.loc
                if page is not None and point is not None:
                    if loc.page == page and loc.bbox is not None and _inside(loc.bbox, *point):
                        return cell
                elif offset is not None and loc.start <= offset < max(loc.end, loc.start + 1):
                    return cell
        return None

    def where(self, loc: Location) -> str:
        """第N页 for a PDF, 第N行 for text: how the audit trail names a place in the source."""
        if loc.page is not None:
            return f"第{loc.page}页"
        return f"第{self.record.report.document.line_number(loc.start)}行"

    # ------------------------------------------------------------------ editing
    def parse(self, key: str, text: str) -> Number | None:
        """The value the auditor typed for ``key``; empty clears the cell. Raises InvalidValue with the reason."""
        text = text.strip()
        if not text:
            return None
        column = self.layout.cell(key)[2]
        reading = read_number(text, column.kind)
        if reading is None or reading.placeholder:
            raise InvalidValue(f"“{text}”不是数字；请输入{_kind_hint(column.kind)}")
        value = reading.value
        problem = value_problem(column.kind, value)
        if problem is not None:
            raise InvalidValue(f"“{column.label}”{problem}，不能是 {text}")
        return int(value) if column.kind != "amount" else value

    def set_value(self, key: str, value: Number | None, why: str | None = None) -> None:
        self.set_values({key: value}, why)

    def set_values(self, values: dict[str, Number | None], why: str | None = None) -> None:
        """Several cells at once (a paste): each is its own audited edit; views are told once.

        Cells another program changed meanwhile (the store read the report afresh to save the edit)
        are told too, so the views never show a value the database no longer holds.
        """
        before = self.record
        for key, value in values.items():
            self.record = set_cell(self.store, self.report_id, key, value, why=why)
        self._index()
        self._notify(Change(frozenset(values) | _changed_keys(before, self.record), state=self._start_review()))

    def _start_review(self) -> bool:
        """The first correction starts the review: an unreviewed report moves to 审核中 (audited)."""
        if self.record.state != "unreviewed":
            return False
        self.store.set_review_state(self.report_id, "in_review")
        return True

    def meta(self, name: str) -> str | int | None:
        return getattr(self.record.report.meta, name)

    def set_meta(self, name: str, value: str | int | None, why: str | None = None) -> None:
        """Correct the agency, year or published date (a value from :func:`parse_meta`)."""
        self.record = set_meta(self.store, self.report_id, name, value, why=why)
        self._index()
        self._notify(Change(frozenset(), meta=True, state=self._start_review()))

    def set_finding_state(self, finding_id: int, state: str, comment: str | None = None) -> None:
        self.store.set_finding_state(finding_id, state, comment)
        self.record = self.store.record(self.report_id)
        self._index()
        self._notify(Change(frozenset()))

    def open_errors(self) -> int:
        """Errors nobody has settled: what marking the report 已完成 must ask about first."""
        return sum(1 for f in self.record.findings if f.state == "open" and f.finding.severity is Severity.ERROR)

    def set_review_state(self, state: str, why: str | None = None) -> None:
        self.store.set_review_state(self.report_id, state, why=why)
        self._notify(Change(frozenset(), findings=False, state=True))

    def take_up_outside_changes(self) -> bool:
        """Show what another window or program saved to this report since it was read here.

        The store drops its cached record when another connection has written; the cells whose
        value or correction changed are told to the views like an edit. True when anything changed.
        """
        old, fresh = self.record, self.store.record(self.report_id)
        if fresh is old:
            return False
        keys = _changed_keys(old, fresh)
        findings = [(f.id, f.state, f.comment, f.finding.message) for f in fresh.findings] != [
            (f.id, f.state, f.comment, f.finding.message) for f in old.findings]
        state = fresh.state != old.state
        self.record = fresh
        self._index()
        if not (keys or findings or state):
            return False
        self._notify(Change(keys, findings=findings or bool(keys), state=state, outside=True))
        return True

    # ------------------------------------------------------------------ observers
    def subscribe(self, callback: Callable[[Change], None]) -> None:
        self._listeners.append(callback)

    def unsubscribe(self, callback: Callable[[Change], None]) -> None:
        if callback in self._listeners:
            self._listeners.remove(callback)

    def _notify(self, change: Change) -> None:
        for callback in list(self._listeners):
            callback(change)

    def _index(self) -> None:
        by_cell: dict[str, list[StoredFinding]] = {}
        for stored in self.record.findings:
            for key in stored.finding.cells:
                by_cell.setdefault(key, []).append(stored)
        self._by_cell = by_cell


def _changed_keys(old: ReportRecord, fresh: ReportRecord) -> frozenset[str]:
    """Cells whose value or corrected mark differs between two readings of one report."""
    if fresh is old:
        return frozenset()
    return frozenset(
        key for key, cell in fresh.report.cells.items()
        if key not in old.report.cells or _differs(old.report.cells[key].value, cell.value)
        or (key in old.corrected) != (key in fresh.corrected)
    )


def _differs(a: Number | None, b: Number | None) -> bool:
    return a != b or type(a) is not type(b)


def parse_meta(name: str, text: str) -> str | int | None:
    """What the auditor typed for the agency, year (四位年份) or published date (YYYY-MM-DD); empty clears it.

    Raises InvalidValue with the reason, so the window and the command line refuse the same things.
    """
    text = text.strip()
    if name not in META_FIELDS:
        raise InvalidValue(f"没有“{name}”这一项；可修改的是 {'、'.join(META_FIELDS)}")
    if not text:
        return None
    if name == "year":
        if not re.fullmatch(r"(19|20)\d\d", text):
            raise InvalidValue(f"年度应为四位数字的年份，如 2021，不能是“{text}”")
        return int(text)
    if name == "published":
        match = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?", text)
        try:
            return date(*map(int, match.groups())).isoformat()
        except (AttributeError, ValueError):
            raise InvalidValue(f"发布日期应写成 2021-01-31 这样的日期，不能是“{text}”") from None
    return text


def join_reasons(*parts: str | None) -> str | None:
    """One audit reason from the auditor's words and where a value came from; None when there is neither."""
    return "；".join(part.strip() for part in parts if part and part.strip()) or None


def _inside(bbox: tuple[float, float, float, float], x: float, y: float, slack: float = 2.0) -> bool:
    x0, top, x1, bottom = bbox
    return x0 - slack <= x <= x1 + slack and top - slack <= y <= bottom + slack


def _kind_hint(kind: str) -> str:
    return {"count": "非负整数", "signed": "整数（减少时为负数）", "amount": "金额（万元，可有小数）"}[kind]
