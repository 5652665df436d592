"""Turn any report file into a :class:`~desktop.core.document.Document`.

The kind of file is told from its bytes, never from its name: auditors receive PDFs saved as
``.txt``, web pages saved as ``.doc`` and text files with no extension at all.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import zipfile
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

from desktop.core.document import Document, UnreadableError
from desktop.core.limits import MAX_FILE_BYTES as MAX_BYTES
from desktop.core.limits import check_size, time_limit

PageProgress = Callable[[int, int], None]  # (pages done, pages to do): only slow reads (OCR) call it


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
    is the pipeline's step (:func:`desktop.core.pipeline.read_document`), not the reader's. Reading is held to
    the limits of :mod:`desktop.core.limits` (time, lines, cells), so any file ends in a document
    or a reason.
    """
    if not data.strip():
        raise UnreadableError("文件是空的，没有可读取的内容", "The file is empty")
    with time_limit():
        document = _read(data, source)
    check_size(len(document.text), len(document.lines), sum(len(line.cells) for line in document.lines))
    return document


def _read(data: bytes, source: str) -> Document:
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
    return read_bytes(read_file_bytes(path), shown_path(path))


def read_file_bytes(path: str | Path) -> bytes:
    """The bytes of a report file, refusing what cannot be a report before reading it whole.

    Only a regular file is read: a device (``/dev/zero``), a pipe named ``.txt`` (which would
    wait for a writer for ever) or a socket is refused by name, like a folder, a link that leads
    nowhere or a link loop.
    """
    p = Path(path)
    name = shown_path(p)
    try:
        info = p.stat()
    except FileNotFoundError:
        if p.is_symlink():
            raise UnreadableError("快捷方式（链接）指向的文件不存在", "The link points to a missing file") from None
        raise UnreadableError(f"找不到文件：{name}", f"File not found: {name}") from None
    except OSError as exc:
        raise _os_refusal(name, exc) from exc
    if stat.S_ISDIR(info.st_mode):
        raise _folder_refusal(p, name)
    if not stat.S_ISREG(info.st_mode):
        raise UnreadableError(
            "这不是普通文件（而是设备、管道或套接字），不能作为报告读取",
            "This is not a regular file (a device, pipe or socket) and cannot be read as a report",
        )
    if info.st_size > MAX_BYTES:
        raise _too_big(info.st_size)
    try:
        with open(p, "rb") as f:
            data = f.read(MAX_BYTES + 1)
    except OSError as exc:
        raise _os_refusal(name, exc) from exc
    if len(data) > MAX_BYTES:  # the file grew while it was read
        raise _too_big(len(data))
    return data


def shown_path(path: str | Path) -> str:
    """A path as text that can be printed and stored: bytes of a file name that are not valid
    UTF-8 (a name copied from an old GBK system) become “�” instead of failing later."""
    text = str(path)
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace").decode("utf-8")


def _too_big(size: int) -> UnreadableError:
    return UnreadableError(
        f"文件过大（{size // (1024 * 1024)} MB），不像是一份年度报告",
        f"The file is too large ({size // (1024 * 1024)} MB) to be an annual report",
    )


def _folder_refusal(path: Path, name: str) -> UnreadableError:
    try:
        with os.scandir(path):
            pass
    except PermissionError:
        return UnreadableError(f"没有打开该文件夹的权限，其中的文件未读取：{name}", f"No permission to open the folder: {name}")
    except OSError as exc:
        return _os_refusal(name, exc)
    return UnreadableError(
        f"文件夹中没有报告文件（PDF、DOCX、HTML、TXT）：{name}", f"The folder holds no report files (PDF, DOCX, HTML, TXT): {name}"
    )


def _os_refusal(name: str, exc: OSError) -> UnreadableError:
    if isinstance(exc, PermissionError):
        return UnreadableError(f"没有读取该文件的权限：{name}", f"No permission to read the file: {name}")
    if exc.errno == errno.ELOOP:
        return UnreadableError("快捷方式（链接）互相指向，形成循环，找不到真正的文件",
                               "The links point at each other in a loop; there is no file behind them")
    return UnreadableError(f"无法读取文件：{exc.strerror or exc}：{name}", f"Cannot read the file: {exc}")
