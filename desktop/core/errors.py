"""Errors the auditor sees: every one carries a reason in Chinese and in English."""

from __future__ import annotations


class AuditorError(Exception):
    """A failure with a message the auditor can act on, shown as is in the window and the CLI."""

    def __init__(self, zh: str, en: str):
        super().__init__(f"{zh} / {en}")
        self.zh = zh
        self.en = en


class UnreadableError(AuditorError):
    """The file cannot be read as a report."""


class StoreError(AuditorError):
    """The review database cannot be opened or written; nothing already saved is lost."""


class Cancelled(Exception):
    """The auditor pressed Cancel while a report was read: it is dropped whole, never kept half-read."""


def as_unreadable(exc: BaseException) -> AuditorError:
    """Any failure while reading one file, as the reason the auditor is given for that file.

    A reader's own refusal is passed on; anything else (a bug met by an odd file, a library's
    error on damaged bytes) still says what it means for the auditor: the file could not be read,
    what to try, and the technical name for whoever fixes it.
    """
    if isinstance(exc, AuditorError):
        return exc
    name = type(exc).__name__
    if isinstance(exc, MemoryError):
        return UnreadableError(
            "文件过大或结构过于复杂，读取时内存不足，未读取；请确认文件是否正确，或另存为 PDF 后再打开",
            "The file is too large or too complex to read in the memory available; check it or save it as PDF",
        )
    if isinstance(exc, RecursionError):
        return UnreadableError(
            "文件的结构嵌套过深（可能已损坏或由特殊软件生成），无法读取；请用原软件另存为 PDF 或 DOCX 后再打开",
            "The file's structure is nested too deeply (damaged or made by unusual software); save it as PDF or DOCX",
        )
    return UnreadableError(
        f"文件内容不符合其格式（可能已损坏或由特殊软件生成），无法读取；请用原软件另存为 PDF 或 DOCX 后再打开（技术原因：{name}）",
        f"The file does not follow its format (damaged or made by unusual software); save it as PDF or DOCX "
        f"and try again (technical reason: {name}: {exc})"[:400],
    )
