"""Exports for the auditor to hand on: the review workbook and one report's printable tables.

``export_store`` writes 汇总 (per layout version), 问题 and 修改记录; ``export_report_tables``
writes one report's three official tables. Both raise :class:`ExportError` (an ``AuditorError``)
with a Chinese and English message when the file cannot be written, and never leave a half-written
file under the target name.
"""

from desktop.core.export.atomic import ExportError
from desktop.core.export.query import ExportFilter
from desktop.core.export.result import ExportSummary
from desktop.core.export.tables import export_report_tables
from desktop.core.export.xlsx import export_database, export_store

__all__ = [
    "ExportError", "ExportFilter", "ExportSummary", "export_database", "export_report_tables", "export_store",
]
