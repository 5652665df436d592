"""Documents and findings as compact JSON, so a stored report reopens without re-reading (or re-OCRing) its file."""

from __future__ import annotations

import json
import zlib
from dataclasses import asdict

from desktop.core.document import Cell, Document, Line, Location, Page, Scan
from desktop.core.findings import Finding, Severity


# How the notes of earlier releases said a page was not read; only databases they wrote need these.
_LEGACY_MARKS = ("未安装文字识别（OCR）组件", "文字识别失败")


def _legacy_scan(notes: list[str], pages: list[int]) -> Scan | None:
    """The scan state of a document stored by a release that kept it only in its notes."""
    unread = [note for note in notes if any(mark in note for mark in _LEGACY_MARKS)]
    return Scan(pages, pending=False, unread=pages, unread_notes=unread) if unread else None


def _loc(loc: Location) -> list:
    return [loc.start, loc.end, loc.page, list(loc.bbox) if loc.bbox else None]


def _unloc(data: list) -> Location:
    start, end, page, bbox = data
    return Location(start, end, page, tuple(bbox) if bbox else None)


def document_to_blob(doc: Document) -> bytes:
    data = {
        "source": doc.source,
        "kind": doc.kind,
        "text": doc.text,
        "encoding": doc.encoding,
        "notes": doc.notes,
        "scan": asdict(doc.scan) if doc.scan is not None else None,
        "properties": doc.properties,
        "pages": [[p.number, p.width, p.height] for p in doc.pages],
        "lines": [[[c.text, *_loc(c.loc), c.confidence] for c in line.cells] for line in doc.lines],
    }
    return zlib.compress(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 6)


def document_from_blob(blob: bytes) -> Document:
    data = json.loads(zlib.decompress(blob).decode("utf-8"))
    lines = [
        Line([Cell(text, _unloc([s, e, page, bbox]), conf) for text, s, e, page, bbox, conf in cells])
        for cells in data["lines"]
    ]
    pages = [Page(n, w, h) for n, w, h in data["pages"]]
    scan = Scan(**data["scan"]) if data.get("scan") else None
    if "scan" not in data:  # written before the scan state had a field of its own
        scan = _legacy_scan(data["notes"], [p.number for p in pages])
    return Document(data["source"], data["kind"], data["text"], lines, pages, data["encoding"], data["notes"], scan,
                    data.get("properties", {}))


def locations_to_json(locations: tuple[Location, ...]) -> str:
    return json.dumps([_loc(loc) for loc in locations])


def locations_from_json(text: str | None) -> tuple[Location, ...]:
    return tuple(_unloc(item) for item in json.loads(text)) if text else ()


def finding_row(finding: Finding) -> dict:
    return {
        "rule": finding.rule,
        "severity": finding.severity.value,
        "cells": json.dumps(list(finding.cells)),
        "message": finding.message,
        "locations": locations_to_json(finding.locations),
        "raw": finding.raw,
        "official": finding.official,
        "suggestion": json.dumps(finding.suggestion, ensure_ascii=False) if finding.suggestion is not None else None,
    }


def finding_from_row(row: dict) -> Finding:
    return Finding(
        rule=row["rule"],
        severity=Severity(row["severity"]),
        message=row["message"],
        cells=tuple(json.loads(row["cells"])),
        locations=locations_from_json(row["locations"]),
        raw=row["raw"],
        official=row["official"],
        suggestion=json.loads(row["suggestion"]) if row["suggestion"] else None,
    )


def fingerprint(finding: Finding) -> str:
    """What makes a finding 'the same one' across recomputations, so its review state survives edits."""
    return "|".join([finding.rule, ",".join(finding.cells), finding.raw or ""])
