"""Reading the number printed in a cell, and the note left when the reading is not literal."""

from __future__ import annotations

import pytest

from desktop.core.values import is_number_like, read_number


@pytest.mark.parametrize(
    ("raw", "kind", "value", "noted"),
    [
        ("12", "count", 12, False),
        ("０１２", "count", 12, True),
        ("1O", "count", 10, True),
        ("l2", "count", 12, True),
        ("S", "count", 5, True),
        ("2,157.936", "amount", 2157.936, False),
        ("1434.1345", "amount", 1434.1345, False),
        ("-3", "signed", -3, False),
        ("+2", "signed", 2, True),
        ("—", "count", 0, True),
        ("／", "count", 0, True),
        ("无", "count", 0, True),
        ("", "count", 0, True),
        ("5件", "count", 5, False),
    ],
)
def test_readings(raw, kind, value, noted):
    reading = read_number(raw, kind)
    assert reading is not None
    assert reading.value == value
    assert type(reading.value) is type(value)
    assert (reading.note is not None) is noted


@pytest.mark.parametrize("raw", ["规章", "信息内容", "结果维持", "OK", "Sample", "2.重复申请"])
def test_labels_are_not_numbers(raw):
    assert read_number(raw) is None
    assert not is_number_like(raw)


def test_placeholder_note_names_the_raw_text():
    assert "“—”" in read_number("—").note
    assert read_number("—").placeholder
