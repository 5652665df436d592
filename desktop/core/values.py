"""Reading the number printed in a table cell, and saying how it was read.

Real cells hold full-width digits, thousands separators and placeholders (—, /, 无) that mean zero;
cells read by OCR also hold letter-for-digit confusions (O for 0, l for 1), which are undone only
there and only inside a token that has a real digit: a separator or a word is never a number. Each reading that is not the literal text is returned with a
note, so the extractor can leave an ``info`` finding and the auditor sees exactly what was assumed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

PLACEHOLDERS = frozenset({"", "—", "——", "―", "-", "--", "－", "–", "/", "／", "\\", "无", "空", "/ ", "-/-", "&nbsp;"})
_OCR = str.maketrans({"O": "0", "o": "0", "〇": "0", "l": "1", "I": "1", "S": "5", "B": "8"})
_OCR_CHARS = frozenset("Oo〇lISB")
_SEPARATORS = "|｜│ \t"
_OCR_DASHES = frozenset({"一", "ー", "_", "~", "～", "=", "一一"})  # how OCR reads a printed — in a number cell
_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_UNITS = ("万元", "件", "个", "项", "条", "次", "元")


@dataclass(frozen=True, slots=True)
class Reading:
    value: int | float
    note: str | None = None  # why the value is not the literal text; None when it is
    placeholder: bool = False


def _clean(raw: str) -> str:
    text = unicodedata.normalize("NFKC", raw).strip(_SEPARATORS)
    text = text.replace(" ", "").replace("，", ",")
    for unit in _UNITS:
        if text.endswith(unit) and len(text) > len(unit):
            text = text[: -len(unit)]
            break
    return text


def read_number(raw: str, kind: str = "count", ocr: bool = False) -> Reading | None:
    """The value in ``raw``, or None when the cell does not hold a number.

    ``kind`` is the column kind from the layout: count, signed (本年增/减) or amount (万元).
    ``ocr`` says the text was read by OCR, the only source of letter-for-digit confusions.
    """
    stripped = raw.strip(_SEPARATORS)
    if stripped.isascii() and stripped.isdigit():
        return Reading(int(stripped))  # most cells: plain digits, read as they are
    if raw.strip() and not stripped:
        return None  # separators only: a bar is never a value
    if stripped in PLACEHOLDERS or (ocr and stripped in _OCR_DASHES):
        shown = stripped or "空白"
        return Reading(0, f"“{shown}”按 0 读取", placeholder=True)
    text = _clean(stripped)
    notes = []
    if text != stripped.replace(" ", "") and any(unicodedata.east_asian_width(ch) == "F" for ch in stripped):
        notes.append("全角字符已转为半角")
    if _GROUPED.match(text):
        text = text.replace(",", "")
    if not _NUMBER.match(text):
        fixed = _ocr_fix(text) if ocr else None
        if fixed is None:
            return None
        notes.append(f"疑似识别错误“{stripped}”按 {fixed} 读取")
        text = fixed
    value: int | float = float(text) if "." in text else int(text)
    if kind != "amount" and isinstance(value, float) and value.is_integer():
        value = int(value)
    if kind == "signed" and text.startswith("+"):
        notes.append("正号已去掉")
    return Reading(value, "；".join(notes) or None)


def _ocr_fix(text: str) -> str | None:
    """Undo OCR letter-for-digit confusions, only where the cell is otherwise numeric."""
    if not any(ch in _OCR_CHARS for ch in text) or not any(ch.isdigit() for ch in text):
        return None
    fixed = text.translate(_OCR)
    if _GROUPED.match(fixed):
        fixed = fixed.replace(",", "")
    return fixed if _NUMBER.match(fixed) else None


def is_number_like(raw: str, ocr: bool = False) -> bool:
    """Whether a non-empty cell reads as a value (used to tell values from labels in a stream)."""
    stripped = raw.strip(_SEPARATORS)
    if not stripped:
        return False  # blank, or separators only: never a value
    if stripped in PLACEHOLDERS:
        return True
    return read_number(stripped, ocr=ocr) is not None


def fmt(value: int | float) -> str:
    """A number as printed in a report: 13, 2157.936 — never 13.0."""
    if isinstance(value, float):
        if value == int(value):
            return str(int(value))
        return f"{value:.4f}".rstrip("0").rstrip(".")
    return str(value)


def value_problem(kind: str, value: int | float) -> str | None:
    """Why ``value`` cannot stand in a cell of ``kind``, in Chinese, or None when it can.

    The one judgement of a value: the non-negative rule and the window's input check both ask it.
    """
    whole = value == int(value)
    if kind == "amount":
        return "金额不能为负数" if value < 0 else None
    if kind == "signed":
        return None if whole else "应为整数"
    if value < 0:
        return "数量不能为负数"
    return None if whole else "数量应为整数"
