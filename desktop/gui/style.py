"""Colours and marks shared by every view, so a finding looks the same in the grid, the list and the legend."""

from __future__ import annotations

from desktop.core.findings import Severity

SEVERITY_BACKGROUND = {Severity.ERROR: "#f6c6c6", Severity.WARNING: "#fbe3a6", Severity.INFO: "#d9e8f7"}
SEVERITY_FOREGROUND = {Severity.ERROR: "#a4161a", Severity.WARNING: "#8a5a00", Severity.INFO: "#1d4e89"}
MISSING_BACKGROUND = "#eeeeee"  # cell not found in the source
MISSING_TEXT = "—"
CORRECTED_FOREGROUND = "#0b6e4f"  # a value the auditor corrected
CORRECTED_BACKGROUND = "#d9f2e6"  # …and its cell, the same green as the workbook's (export.sheet.CORRECTED_FILL)
LABEL_BACKGROUND = "#f5f6f8"
HEADER_BACKGROUND = "#e3e7ee"
HIGHLIGHT = "#ffb000"  # the source of the selected cell
OCR_DOUBT = "#d9480f"  # the corner mark of a cell OCR was unsure of, until someone settles it
