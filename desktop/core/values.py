"""Reading the number printed in a table cell, and saying how it was read.

Real cells hold full-width digits, OCR confusions (O for 0, l for 1), thousands separators and
placeholders (—, /, 无) that mean zero. Each reading that is not the literal text is returned with a
note, so the extractor can leave an ``info`` finding and the auditor sees exactly what was assumed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

PLACEHOLDERS = frozenset({"", "—", "——", "-", "--", "－", "–", "/", "／", "\\", "无", "空", "/ ", "-/-"})
_OCR = str.maketrans({"O": "0", "o": "0", "〇": "0", "l": "1", "I": "1", "|": "1", "S": "5", "B": "8"})
_OCR_CHARS = frozenset("Oo〇lI|SB")
_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_UNITS = ("万元", "件", "个", "项", "条", "次", "元")


@dataclass(frozen=True, slots=True)
class Reading:
    value: int | float
    note: str | None = None  # why the value is not the literal text; None when it is
    placeholder: bool = False


def _clean(raw: str) -> str:
    text = unicodedata.normalize("NFKC", raw).strip()
    text = text.replace(" ", "").replace("，", ",")
    for unit in _UNITS:
        if text.endswith(unit) and len(text) > len(unit):
            text = text[: -len(unit)]
            break
    return text


def read_number(raw: str, kind: str = "count") -> Reading | None:
    """The value in ``raw``, or None when the cell does not hold a number.

    ``kind`` is the column kind from the layout: count, signed (本年增/减) or amount (万元).
    """
    stripped = raw.strip()
    if stripped in PLACEHOLDERS:
        shown = stripped or "空白"
        return Reading(0, f"“{shown}”按 0 读取", placeholder=True)
    text = _clean(stripped)
    notes = []
    if text != stripped.replace(" ", "") and any(unicodedata.east_asian_width(ch) == "F" for ch in stripped):
        notes.append("全角字符已转为半角")
    if _GROUPED.match(text):
        text = text.replace(",", "")
    if not _NUMBER.match(text):
        fixed = _ocr_fix(text)
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
    if not text or not any(ch in _OCR_CHARS for ch in text):
        return None
    has_digit = any(ch.isdigit() for ch in text)
    if not has_digit and len(text) > 1:
        return None
    fixed = text.translate(_OCR)
    if _GROUPED.match(fixed):
        fixed = fixed.replace(",", "")
    return fixed if _NUMBER.match(fixed) else None


def is_number_like(raw: str) -> bool:
    """Whether a non-empty cell reads as a value (used to tell values from labels in a stream)."""
    stripped = raw.strip()
    if not stripped:
        return False
    if stripped in PLACEHOLDERS:
        return True
    return read_number(stripped) is not None
