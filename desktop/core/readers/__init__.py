"""Turn any report file into a :class:`~desktop.core.document.Document`.

The kind of file is told from its bytes, never from its name: auditors receive PDFs saved as
``.txt``, web pages saved as ``.doc`` and text files with no extension at all.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

from desktop.core.document import Document, UnreadableError

PageProgress = Callable[[int, int], None]  # (pages done, pages to do): only slow reads (OCR) call it

MAX_BYTES = 200 * 1024 * 1024  # larger than any real report; protects memory


def sniff(data: bytes) -> str:
    """The kind of document in ``data``: pdf, docx, html, ole (old Office or encrypted) or text."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"%PDF") or b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(BytesIO(data)) as z:
                if "word/document.xml" in z.namelist():
                    return "docx"
        except zipfile.BadZipFile:
            return "docx"  # let the DOCX reader say it is damaged
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole"
    lowered = head[:512].lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in lowered or b"<body" in lowered:
        return "html"
    if len(_MARKUP.findall(data[:16384].lower())) >= 3:
        return "html"  # a saved fragment: <p …>…<table>… with no <html> around it
    return "text"


_MARKUP = re.compile(rb"</?(?:p|div|table|tr|td|th|span|br|font|tbody|strong|b|h[1-6]|o:p|section|article)\b[^>]*>")


def read_bytes(data: bytes, source: str) -> Document:
    """Read a report already in memory (e.g. a copy kept in the database).

    A PDF's pages without a text layer come back listed in ``Document.scan``; reading them by OCR
    is the pipeline's step (:func:`desktop.core.pipeline.read_document`), not the reader's.
    """
    if not data.strip():
        raise UnreadableError("文件是空的，没有可读取的内容", "The file is empty")
    kind = sniff(data)
    if kind == "pdf":
        from desktop.core.readers.pdf import read_pdf

        return read_pdf(data, source)
    if kind in ("docx", "ole"):
        from desktop.core.readers.docx import read_docx

        return read_docx(data, source)
    if kind == "html":
        from desktop.core.readers.html import read_html

        return read_html(data, source)
    if kind == "zip":
        raise UnreadableError(
            "这是一个压缩包，不是报告文件；请先解压，再打开其中的报告",
            "This is a zip archive, not a report; unpack it and open the report inside",
        )
    from desktop.core.readers.text import read_text

    return read_text(data, source)


def read_file(path: str | Path) -> Document:
    """Read a report file from disk, with a clear reason when it cannot be read."""
    return read_bytes(read_file_bytes(path), str(path))


def read_file_bytes(path: str | Path) -> bytes:
    """The bytes of a report file, refusing what cannot be a report before reading it whole."""
    p = Path(path)
    if not p.exists():
        raise UnreadableError(f"找不到文件：{p}", f"File not found: {p}")
    if p.is_dir():
        raise UnreadableError(
            f"文件夹中没有报告文件（PDF、DOCX、HTML、TXT）：{p}", f"The folder holds no report files (PDF, DOCX, HTML, TXT): {p}"
        )
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise UnreadableError(
                f"文件过大（{size // (1024 * 1024)} MB），不像是一份年度报告",
                f"The file is too large ({size // (1024 * 1024)} MB) to be an annual report",
            )
        return p.read_bytes()
    except PermissionError as exc:
        raise UnreadableError(f"没有读取该文件的权限：{p}", f"No permission to read the file: {p}") from exc
    except OSError as exc:
        raise UnreadableError(f"无法读取文件：{exc.strerror or exc}", f"Cannot read the file: {exc}") from exc
