"""Shrink Qt's ICU data library on Linux to what a Chinese and English desktop app can ask of it.

PySide6's Linux wheels link QtCore against ICU and ship ``libicudata.so.NN``: some 31 MB that hold
one symbol, ``icudtNN_dat``, an ICU "common data" package of about 3,900 items (locale data for
every language, legacy code-page converters, dictionaries for Thai or Khmer line breaking…). Qt
uses ICU for collation (``QCollator``, the file dialog's sorting) and locale-aware case mapping;
ICU falls back to the root locale for anything a bundle lacks. This module rebuilds the library
with the items the spec drops left out; everything else is copied byte for byte.

The package format (ICU's ucmndata.h): a data header, then a table of contents ``count`` and
``count`` pairs (name offset, data offset), both counted from the start of the table, names sorted
(ICU looks them up by binary search), and each item 16-byte aligned.
"""

from __future__ import annotations

import fnmatch
import re
import shutil
import struct
import subprocess
from collections.abc import Iterable
from pathlib import Path

LOCALE_ID = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]+)*$")  # af, yue_Hant_HK, en_US_POSIX; not root or pool


def data_symbol(lib: bytes) -> tuple[str, int, int]:
    """(name, file offset, size) of the ``icudt*_dat`` symbol of an ELF64 little-endian library."""
    shoff, = struct.unpack_from("<Q", lib, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", lib, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", lib, shoff + i * shentsize) for i in range(shnum)]
    for _, kind, _, _, offset, size, link, _, _, entsize in sections:
        if kind != 11:  # SHT_DYNSYM
            continue
        strtab = sections[link][4]
        for pos in range(offset, offset + size, entsize):
            name_at, _, _, shndx, value, sym_size = struct.unpack_from("<IBBHQQ", lib, pos)
            name = lib[strtab + name_at:lib.index(b"\0", strtab + name_at)].decode()
            if name.startswith("icudt") and name.endswith("_dat"):
                addr, file_at = sections[shndx][3], sections[shndx][4]
                return name, value - addr + file_at, sym_size
    raise ValueError("no icudt*_dat symbol: not an ICU data library")


def split_package(package: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """The package's data header and its (name, bytes) items, in table-of-contents order."""
    header_size, = struct.unpack_from("<H", package, 0)
    if package[2:4] != b"\xda\x27" or package[12:16] != b"CmnD":
        raise ValueError("not an ICU common data package")
    count, = struct.unpack_from("<I", package, header_size)
    entries = [struct.unpack_from("<II", package, header_size + 4 + 8 * i) for i in range(count)]
    ends = [data for _, data in entries[1:]] + [len(package) - header_size]
    items = []
    for (name_at, data), end in zip(entries, ends):
        start = header_size + name_at
        name = package[start:package.index(b"\0", start)].decode("ascii")
        items.append((name, package[header_size + data:header_size + end]))
    return package[:header_size], items


def join_package(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """A package with the given items, laid out as ICU's own tools lay it out."""
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in items)
    table_size = 4 + 8 * len(items)
    data_at = _align(table_size + len(names))
    entries, blobs, name_at = [], [], table_size
    for name, blob in items:
        entries.append(struct.pack("<II", name_at, data_at))
        name_at += len(name) + 1
        padded = blob + b"\0" * (_align(len(blob)) - len(blob))
        blobs.append(padded)
        data_at += len(padded)
    table = struct.pack("<I", len(items)) + b"".join(entries) + names
    return header + table + b"\xaa" * (_align(len(table)) - len(table)) + b"".join(blobs)


def _align(n: int) -> int:
    return (n + 15) & ~15


def dropped(name: str, patterns: Iterable[str], languages: Iterable[str]) -> bool:
    """Whether an item (``icudt73l/coll/fr.res``) matches a pattern or is a locale of another language."""
    path = name.split("/", 1)[1]
    if any(fnmatch.fnmatchcase(path, pattern) for pattern in patterns):
        return True
    stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return path.endswith(".res") and bool(LOCALE_ID.match(stem)) and stem.split("_")[0] not in set(languages)


def trim_icu_data(lib: Path, out_dir: Path, patterns: Iterable[str], languages: Iterable[str]) -> Path:
    """Write a copy of ``lib`` without the dropped items into ``out_dir`` (linked with the C compiler)."""
    raw = lib.read_bytes()
    symbol, offset, size = data_symbol(raw)
    header, items = split_package(raw[offset:offset + size])
    patterns, languages = list(patterns), list(languages)
    kept = [(name, blob) for name, blob in items if not dropped(name, patterns, languages)]
    out_dir.mkdir(parents=True, exist_ok=True)
    package = out_dir / f"{symbol}.bin"
    package.write_bytes(join_package(header, kept))
    source = out_dir / f"{symbol}.s"
    source.write_text(
        f'.section .rodata\n.globl {symbol}\n.type {symbol}, @object\n.balign 16\n'
        f'{symbol}:\n.incbin "{package.name}"\n.size {symbol}, .-{symbol}\n'
        '.section .note.GNU-stack,"",@progbits\n'
    )
    out = out_dir / lib.name
    if shutil.which("cc") is None:
        raise SystemExit("installer/icu_trim.py needs a C compiler (cc) to link the smaller ICU library: apt-get install gcc")
    subprocess.run(["cc", "-shared", "-nostdlib", f"-Wl,-soname,{lib.name}", "-o", str(out), source.name],
                   cwd=out_dir, check=True)
    return out
