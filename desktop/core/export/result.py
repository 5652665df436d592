"""What an export wrote, for the window's status line, the CLI and the tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class ExportSummary:
    path: Path
    reports: int = 0
    findings: int = 0
    audit: int = 0
    corrected_cells: int = 0
    sheets: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def describe(self) -> str:
        """One line for the status bar or the terminal."""
        return (f"已导出 {self.reports} 份报告、{self.findings} 个问题、{self.audit} 条修改记录到 {self.path}"
                f"（用时 {self.seconds:.1f} 秒）")
