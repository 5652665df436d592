"""installer/icu_trim.py, which shrinks the Linux bundle's ICU data: it must change nothing it keeps."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "installer"))
icu_trim = pytest.importorskip("icu_trim")


def _icu_data() -> Path | None:
    import PySide6

    found = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    return found[0] if found else None


ICU = _icu_data()
needs_icu = pytest.mark.skipif(ICU is None, reason="this PySide6 wheel does not ship its own ICU (not Linux)")


@needs_icu
def test_the_package_splits_and_joins_back_byte_for_byte():
    raw = ICU.read_bytes()
    symbol, offset, size = icu_trim.data_symbol(raw)
    assert symbol.startswith("icudt") and symbol.endswith("_dat")
    package = raw[offset:offset + size]
    header, items = icu_trim.split_package(package)
    assert len(items) > 1000
    assert [name for name, _ in items] == sorted(name for name, _ in items)  # ICU looks items up by bisection
    assert icu_trim.join_package(header, items) == package


def test_what_is_dropped():
    patterns, languages = ["*.cnv", "translit/*"], ["en", "zh"]
    kept = ["icudt73l/coll/zh.res", "icudt73l/zh_Hans_CN.res", "icudt73l/en_US_POSIX.res", "icudt73l/root.res",
            "icudt73l/pool.res", "icudt73l/uprops.icu", "icudt73l/coll/root.res"]
    gone = ["icudt73l/coll/fr.res", "icudt73l/yue_Hant_HK.res", "icudt73l/ibm-943_P15A-2003.cnv",
            "icudt73l/translit/el_Latn.res"]
    assert [n for n in kept if icu_trim.dropped(n, patterns, languages)] == []
    assert [n for n in gone if not icu_trim.dropped(n, patterns, languages)] == []
