"""The file name 导出本报告表格 suggests is made from the report's agency: safe on Windows and POSIX."""

from __future__ import annotations

import pytest

from desktop.core.export.names import safe_file_stem


@pytest.mark.parametrize("agency, stem", [
    ("../../etc/某局", "etc_某局"),
    ('某局:*?"<>|2021', "某局_2021"),
    ("CON", "_CON"),
    ("  ..  ", "报告"),
    ("某\x00局\t办", "某局办"),
])
def test_report_file_names_are_safe_everywhere(agency, stem):
    assert safe_file_stem(agency) == stem
