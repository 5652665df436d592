"""Reading the number printed in a cell, and the note left when the reading is not literal."""

from __future__ import annotations

import pytest

from desktop.core.values import is_number_like, read_number


@pytest.mark.parametrize(
    ("raw", "kind", "value", "noted"),
    [
        ("12", "count", 12, False),
        ("０１２", "count", 12, True),
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


@pytest.mark.parametrize(("raw", "value"), [("1O", 10), ("l2", 12), ("3S", 35), ("B0", 80)])
def test_ocr_confusions_are_undone_only_in_ocr_text_beside_a_real_digit(raw, value):
    reading = read_number(raw, ocr=True)
    assert reading is not None and reading.value == value and "疑似识别错误" in reading.note
    assert read_number(raw) is None  # typed or converted text: a letter is never a digit


@pytest.mark.parametrize("raw", ["S", "O", "l", "I", "SB", "|"])
def test_a_token_without_a_digit_is_never_a_number_even_from_ocr(raw):
    assert read_number(raw, ocr=True) is None
    assert not is_number_like(raw, ocr=True)


@pytest.mark.parametrize("raw", ["|", "｜", "||", " | ", "│"])
def test_separators_are_never_values(raw):
    assert not is_number_like(raw)
    assert not is_number_like(raw, ocr=True)


@pytest.mark.parametrize(("raw", "value"), [("0 |", 0), ("| 6 |", 6), ("18.8710 |", 18.871)])
def test_a_separator_beside_a_number_is_not_part_of_it(raw, value):
    assert read_number(raw, "amount" if "." in raw else "count").value == value


@pytest.mark.parametrize("raw", ["规章", "信息内容", "结果维持", "OK", "Sample", "2.重复申请"])
def test_labels_are_not_numbers(raw):
    assert read_number(raw) is None
    assert not is_number_like(raw)


def test_placeholder_note_names_the_raw_text():
    assert "“—”" in read_number("—").note
    assert read_number("—").placeholder
