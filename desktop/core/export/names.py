"""File names made from report data (an agency, a year) that every system can save.

An agency name is whatever extraction read, so it can hold ``/`` or ``..`` (a path elsewhere),
``:*?"<>|`` (refused by Windows), control characters, or be a name Windows reserves (``CON``).
"""

from __future__ import annotations

import re
import unicodedata

MAX_STEM = 100  # characters; leaves room for the folder within Windows' 260-character paths
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]+')
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$", re.I)


def safe_file_stem(text: str, fallback: str = "报告") -> str:
    """``text`` as a file name without extension: forbidden characters become ``_``, no leading or
    trailing dots and blanks, no reserved device name, at most :data:`MAX_STEM` characters."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf", "Cs"))
    stem = _FORBIDDEN.sub("_", text).strip(" ._")[:MAX_STEM].rstrip(" .")
    if not stem:
        return fallback
    return f"_{stem}" if _RESERVED.match(stem) else stem
