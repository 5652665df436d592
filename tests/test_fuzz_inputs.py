"""Seeded mutation of real fixture reports: every damaged copy is read or refused with a reason.

The mutations (flipped, cut, repeated and inserted bytes, deep markup, stray BOMs, and the same
inside a DOCX's XML) run in a child process capped at 1 GB of address space and a time limit, so a
hang or a memory blow-up fails the test. A failure prints the seed and mutation that caused it.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys

import pytest
from conftest import FIXTURES

import hostile

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_AS is POSIX")

SOURCES = [
    FIXTURES / "reports" / "f16_2021_text_tab.txt",
    FIXTURES / "reports" / "f17_2022_text_tab_gb18030.txt",
    FIXTURES / "reports" / "f01_2020_html_table.html",
    FIXTURES / "reports" / "f05_2021_docx_merged.docx",
    FIXTURES / "reports" / "f03_2020_html_ruled.pdf",
]

FUZZ = r'''
import io, json, random, sys, time, traceback, zipfile
from desktop.core.errors import UnreadableError
from desktop.core.extract import extract_document
from desktop.core.readers import read_bytes

JUNK = [b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"\xfe\xff\x00", b"<div>" * 800, b"<table><tr><td>" * 300,
        b'<td rowspan="999" colspan="999">', b"\xd8\x00", b"%PDF-1.7", b"PK\x03\x04", b"\t" * 500, b"\n" * 200]


def mutate(data, rng):
    how = rng.randrange(6)
    at = rng.randrange(len(data) + 1)
    if how == 0:  # flip bytes
        out = bytearray(data)
        for _ in range(rng.randint(1, 20)):
            out[rng.randrange(len(out))] = rng.randrange(256)
        return bytes(out), "flip"
    if how == 1:
        return data[:at], f"cut at {at}"
    if how == 2:
        end = min(len(data), at + rng.randint(1, 4096))
        return data[:end] + data[at:end] * rng.randint(2, 50) + data[end:], f"repeat {at}:{end}"
    if how == 3:
        junk = rng.choice(JUNK)
        return data[:at] + junk * rng.randint(1, 3) + data[at:], f"insert {junk[:12]!r} at {at}"
    if how == 4:
        end = min(len(data), at + rng.randint(1, 2048))
        return data[:at] + bytes(end - at) + data[end:], f"zero {at}:{end}"
    return rng.choice(JUNK) + data, "prefix"


def mutate_docx(data, rng):
    """The same damage inside the XML parts, the zip kept valid: what a broken editor writes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    target = io.BytesIO()
    note = ""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for info in source.infolist():
            part = source.read(info.filename)
            if info.filename == "word/document.xml":
                part, note = mutate(part, rng)
            z.writestr(info.filename, part)
    return target.getvalue(), "xml " + note


failures = []
count = 0
started = time.monotonic()
budget, seed = float(sys.argv[1]), int(sys.argv[2])
sources = [(path, open(path, "rb").read()) for path in sys.argv[3:]]
rng = random.Random(seed)
while time.monotonic() - started < budget:
    path, data = sources[count % len(sources)]
    case_seed = rng.randrange(1 << 30)
    case = random.Random(case_seed)
    damaged, how = (mutate_docx if path.endswith(".docx") and case.random() < 0.6 else mutate)(data, case)
    try:
        extract_document(read_bytes(damaged, path))
    except UnreadableError:
        pass
    except Exception as exc:
        failures.append({"source": path, "seed": case_seed, "how": how,
                         "error": "".join(traceback.format_exception_only(type(exc), exc)).strip()})
    count += 1
print(json.dumps({"count": count, "failures": failures}))
'''


def test_mutated_reports_are_read_or_refused(tmp_path):
    seconds = 25

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (hostile.GIB, hostile.GIB))

    child = subprocess.run([sys.executable, "-c", FUZZ, str(seconds), "20261202", *map(str, SOURCES)],
                           capture_output=True, text=True, timeout=seconds + 120, preexec_fn=cap)
    assert child.returncode == 0, child.stderr[-2000:]
    result = json.loads(child.stdout)
    assert result["count"] >= 50, "the budget ran out before enough cases: a case hangs"
    assert result["failures"] == [], json.dumps(result["failures"][:5], ensure_ascii=False, indent=1)
    assert child.stderr == "", "nothing on stderr: no traceback, and pdfminer's log lines stay off it"
