"""The extraction pipeline: file → document → canonical cells with provenance → findings."""

from __future__ import annotations


from desktop.core.document import Document, UnreadableError
from desktop.core.catalogue import finding
from desktop.core.findings import Finding
from desktop.core.layouts import Layout, load_layouts, version_choices
from desktop.core.mapping import TableMapper
from desktop.core.ocr.fallback import unread_scan_report
from desktop.core.report import ExtractedReport
from desktop.core.metadata import read_meta
from desktop.core.structure import SectionHit, detect_layout, find_sections


def extract_document(document: Document, version: str | None = None) -> ExtractedReport:
    """Read the canonical cells of ``document``; ``version`` forces a layout (e.g. chosen by the auditor)."""
    unread = unread_scan_report(document, version)
    if unread is not None:
        return unread  # a scan and no OCR: empty tables for the auditor to fill, not "not a report"
    layouts = load_layouts()
    any_layout = next(iter(layouts.values()))
    hits = find_sections(document, any_layout.sections)
    meta = read_meta(document, hits[0].line if hits else None, hits[-1].line if hits else None)
    if version is not None:
        layout, how = layouts[version], "chosen"
    else:
        layout, how = detect_layout(document, layouts, meta.year)
    findings: list[Finding] = [_note(n) for n in document.notes]
    if layout is None:
        if not hits and meta.year is None:
            raise UnreadableError(
                "没有找到年度报告的标题、章节或表格，这不像是一份政府信息公开工作年度报告",
                "No title, sections or tables of an annual report were found; this does not look like a report",
            )
        findings.append(finding(
            "layout.unknown",
            f"无法判断报告采用哪一版表格格式（{version_choices()} 版），未能读取表格；可在“审核 → 表格格式”中手动指定格式",
        ))
        return ExtractedReport(document.source, document, None, meta, {}, findings, {h.key: h.location for h in hits})
    if how == "year":
        findings.append(finding(
            "layout.inferred",
            f"表格中没有能区分版本的表头，按报告年度 {meta.year} 推定为 {layout.version} 版格式",
        ))
    mapper = TableMapper(layout, document, {h.line: h.key for h in hits})
    cells, mapped = mapper.run()
    findings.extend(mapped)
    findings.extend(_section_findings(layout, hits))
    return ExtractedReport(document.source, document, layout, meta, cells, findings, {h.key: h.location for h in hits})


def _note(note: str) -> Finding:
    return finding("document.note", note)


def _section_findings(layout: Layout, hits: list[SectionHit]) -> list[Finding]:
    found = {h.key for h in hits}
    out = []
    missing = [s for s in layout.sections if s.key not in found]
    if missing:
        names = "、".join(s.heading for s in missing)
        out.append(finding(
            "structure.missing_section",
            f"未找到 {len(missing)} 个章节标题：{names}",
            extra={"sections": [s.key for s in missing]},
        ))
    order = [s.key for s in layout.sections]
    seen = [h.key for h in hits]
    if seen != sorted(seen, key=order.index):
        out.append(finding(
            "structure.section_order",
            "章节顺序与规定格式不一致：" + " → ".join(next(s.heading for s in layout.sections if s.key == k) for k in seen),
            locations=tuple(h.location for h in hits),
        ))
    return out
