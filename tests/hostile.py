"""Hostile and damaged inputs, made on the spot in a test's folder, and the guarded way to run them.

Two families: ``STRUCTURE`` are small files whose shape broke the readers (encodings, nesting,
file kinds), ``SIZE`` are files made to eat memory or time. Each maker writes into the folder it
is given and returns the path to read (sometimes a path outside it, like ``/dev/zero``).
``run_guarded`` runs the command line on them in a child process held to a memory cap, so a
regression fails the test instead of taking the machine down.
"""

from __future__ import annotations

import io
import os
import resource
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TEXT_REPORT = FIXTURES / "reports" / "f16_2021_text_tab.txt"
GIB = 1 << 30


def report_text() -> str:
    return TEXT_REPORT.read_text(encoding="utf-8")


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# ---------------------------------------------------------------- structure


def bom_then_invalid(tmp: Path) -> Path:
    data = report_text().encode()
    return _write(tmp / "bom_invalid.txt", b"\xef\xbb\xbf" + data[:300] + b"\xff\x80" + data[300:])


def utf16_odd_length(tmp: Path) -> Path:
    return _write(tmp / "utf16_odd.txt", report_text().encode("utf-16")[:-1])


def utf16_lone_surrogate(tmp: Path) -> Path:
    data = report_text().encode("utf-16-le")
    return _write(tmp / "utf16_surrogate.txt", b"\xff\xfe" + data[:200] + b"\x00\xd8" + data[200:])


def utf16_without_bom(tmp: Path) -> Path:
    return _write(tmp / "utf16_nobom.txt", report_text().encode("utf-16-le"))


def utf32(tmp: Path) -> Path:
    return _write(tmp / "utf32.txt", report_text().encode("utf-32"))


def _deep_report(depth: int) -> str:
    """The text report as a page whose every line sits ``depth`` ``<div>``s deep."""
    lines = "".join(f"<p>{line}</p>" for line in report_text().splitlines())
    return "<html><body>" + "<div>" * depth + lines + "</div>" * depth + "</body></html>"


def deep_divs(tmp: Path, depth: int = 3000) -> Path:
    return _write(tmp / "deep_divs.html", _deep_report(depth).encode())


def deep_tables(tmp: Path, depth: int = 600) -> Path:
    html = ("<html><body>" + "<table><tr><td>规章</td><td>" * depth + "1"
            + "</td></tr></table>" * depth + "</body></html>")
    return _write(tmp / "deep_tables.html", html.encode())


def unclosed_spans(tmp: Path, depth: int = 5000) -> Path:
    return _write(tmp / "spans.html", ("<html><body>" + "<span>政府信息公开" * depth + "</body></html>").encode())


def docx_with_html(html: str) -> bytes:
    """A minimal DOCX whose body is one altChunk: the HTML, as web-system exports embed it."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/><Default Extension="htm" ContentType="text/html"/>'
            '<Override PartName="/word/document.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>'),
        "word/document.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{w}" xmlns:r="{r}"><w:body>'
            '<w:altChunk r:id="rId9"/></w:body></w:document>'),
        "word/_rels/document.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk" '
            'Target="chunk.htm"/></Relationships>'),
        "word/chunk.htm": html,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text.encode())
    return buffer.getvalue()


def docx_deep_altchunk(tmp: Path) -> Path:
    return _write(tmp / "altchunk.docx", docx_with_html(_deep_report(3000)))


def not_utf8_name(tmp: Path) -> Path:
    name = os.fsdecode(b"\xb1\xa8\xb8\xe6-gbk-name.txt")  # 报告 in GBK: not UTF-8
    return _write(tmp / name, (report_text() + "\n附：文件名不是 UTF-8\n").encode())


def dev_zero(tmp: Path) -> Path:
    return Path("/dev/zero")


def fifo(tmp: Path) -> Path:
    path = tmp / "pipe.txt"
    os.mkfifo(path)
    return path


def symlink_loop(tmp: Path) -> Path:
    a, b = tmp / "loop_a.txt", tmp / "loop_b.txt"
    a.symlink_to(b)
    b.symlink_to(a)
    return a


STRUCTURE: dict[str, Callable[[Path], Path]] = {f.__name__: f for f in (
    bom_then_invalid, utf16_odd_length, utf16_lone_surrogate, utf16_without_bom, utf32,
    deep_divs, deep_tables, unclosed_spans, docx_deep_altchunk, not_utf8_name,
    dev_zero, fifo, symlink_loop,
)}
READABLE = {"bom_then_invalid", "utf16_odd_length", "utf16_lone_surrogate", "utf16_without_bom", "utf32",
            "not_utf8_name", "deep_divs", "docx_deep_altchunk"}  # a report that must still be read, damaged or not
if sys.platform == "darwin":  # its file systems refuse names that are not UTF-8
    del STRUCTURE["not_utf8_name"]
    READABLE.discard("not_utf8_name")


# ---------------------------------------------------------------- size


def huge_blank_page(tmp: Path) -> Path:
    """A 14,400 pt (5 m) square page with a line and no text: a scan to be, 900 Mpx at 150 dpi."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format=(14400, 14400))
    pdf.add_page()
    pdf.line(10, 10, 500, 500)
    path = tmp / "huge_page.pdf"
    pdf.output(str(path))
    return path


def docx_bomb(tmp: Path, inflated: int = GIB) -> Path:
    """A DOCX whose document.xml inflates to ``inflated`` bytes of blanks (a few MB on disk)."""
    path = tmp / "bomb.docx"
    template = zipfile.ZipFile(io.BytesIO(docx_with_html("<p>x</p>")))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for info in template.infolist():
            if info.filename != "word/document.xml":
                z.writestr(info.filename, template.read(info.filename))
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(b'<?xml version="1.0"?>')
            chunk = b" " * (1 << 20)
            for _ in range(inflated // len(chunk)):
                f.write(chunk)
    return path


def docx_many_paragraphs(tmp: Path, megabytes: int = 300) -> Path:
    """A DOCX with ``megabytes`` of real paragraph XML."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    path = tmp / "paragraphs.docx"
    template = zipfile.ZipFile(io.BytesIO(docx_with_html("<p>x</p>")))
    paragraph = b"<w:p><w:r><w:t>\xe8\xa7\x84\xe7\xab\xa0 1 0 3</w:t></w:r></w:p>" * 1000
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for info in template.infolist():
            if info.filename != "word/document.xml":
                z.writestr(info.filename, template.read(info.filename))
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(f'<?xml version="1.0"?><w:document xmlns:w="{w}"><w:body>'.encode())
            for _ in range(megabytes * (1 << 20) // len(paragraph)):
                f.write(paragraph)
            f.write(b"</w:body></w:document>")
    return path


def html_spans(tmp: Path) -> Path:
    rows = "".join('<tr><td rowspan="1000" colspan="1000">规章</td><td>1</td></tr>' for _ in range(300))
    return _write(tmp / "spans.html", f"<html><body><table>{rows}</table></body></html>".encode())


def text_one_line(tmp: Path, megabytes: int = 50) -> Path:
    unit = "规章 1 0 3 ".encode()
    return _write(tmp / "one_line.txt", unit * (megabytes * (1 << 20) // len(unit)))


def text_table_rows(tmp: Path, megabytes: int = 50) -> Path:
    head = report_text().encode()
    row = "规章\t1\t0\t3\n".encode()
    return _write(tmp / "rows.txt", head + row * (megabytes * (1 << 20) // len(row)))


def blank_scan(tmp: Path, pages: int = 300) -> Path:
    """``pages`` A4 pages, each a blank grey image: a scan with nothing on it."""
    from fpdf import FPDF
    from PIL import Image

    image = tmp / "blank.png"
    Image.new("L", (620, 877), 235).save(image)
    pdf = FPDF(unit="pt", format="A4")
    for _ in range(pages):
        pdf.add_page()
        pdf.image(str(image), 0, 0, 595, 842)
    path = tmp / "blank_scan.pdf"
    pdf.output(str(path))
    return path


SIZE: dict[str, Callable[[Path], Path]] = {f.__name__: f for f in (
    huge_blank_page, docx_bomb, docx_many_paragraphs, html_spans, text_one_line,
    text_table_rows, blank_scan,
)}


# ---------------------------------------------------------------- running guarded


@dataclass
class Run:
    code: int | None  # None: killed at the time limit
    stdout: str
    stderr: str
    seconds: float
    peak_mb: int  # the child's peak resident memory


# the command line, then its own peak memory on the last line of stderr
_CHILD = """
import resource, sys
from desktop.cli import main
try:
    code = main(sys.argv[1:])
finally:
    sys.stderr.write(f"\\nPEAK_MB {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}\\n")
sys.exit(code)
"""


def run_guarded(args: list[str], memory: int = GIB, seconds: float = 120, cwd: Path | None = None) -> Run:
    """``nianbao ARGS`` in a child process whose address space is capped at ``memory`` bytes and
    which is killed after ``seconds``; its peak resident memory is measured."""

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    started = time.monotonic()
    child = subprocess.Popen([sys.executable, "-c", _CHILD, *args], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, preexec_fn=cap, cwd=cwd, env=env)
    try:
        out, err = child.communicate(timeout=seconds)
    except subprocess.TimeoutExpired:
        child.kill()
        out, err = child.communicate()
        return Run(None, out.decode(errors="replace"), err.decode(errors="replace"), seconds, 0)
    stderr, _, peak = err.decode(errors="replace").rpartition("PEAK_MB ")
    return Run(child.returncode, out.decode(errors="replace"), stderr.rstrip("\n"),
               time.monotonic() - started, int(peak.strip() or 0))
