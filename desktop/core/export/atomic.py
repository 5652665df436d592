"""Writing an export so that the target name only ever holds a complete workbook.

The workbook is written to a temporary file in the destination folder (same disk, so the final
``os.replace`` is atomic) and only renamed onto the target when it is finished. A failure at any
point deletes the temporary file and leaves whatever was under the target name before untouched.
Operating-system errors become :class:`ExportError` with a message the auditor can act on.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

from desktop.core.errors import AuditorError


class ExportError(AuditorError):
    """The export could not be written; nothing was left half-written under the target name."""


@contextlib.contextmanager
def atomic_output(out: Path) -> Iterator[Path]:
    """Yield a fresh temporary path beside *out*; on normal exit it replaces *out*, otherwise it is deleted."""
    out = Path(out)
    _check_target(out)
    tmp = _create_temp(out)
    try:
        yield tmp
        _replace(tmp, out)
    except OSError as exc:
        _discard(tmp)
        raise os_error(exc, out) from exc
    except BaseException:
        _discard(tmp)
        raise


def _check_target(out: Path) -> None:
    """Refuse a folder as the target before any work is done: replacing it would fail only at the end."""
    if out.is_dir():
        raise ExportError(
            f"“{out}”是一个文件夹，不能作为导出文件；请输入文件名，例如 {out / '审校结果.xlsx'}",
            f"“{out}” is a folder, not a file name; give a file name such as {out / 'review.xlsx'}",
        )


def _create_temp(out: Path) -> Path:
    """A new, empty file in the target's folder, created with the usual permissions (not mkstemp's 0600)."""
    for _ in range(100):
        tmp = out.parent / f".{out.name}.{secrets.token_hex(4)}.partial"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        except OSError as exc:
            raise os_error(exc, out) from exc
        os.close(fd)
        return tmp
    raise ExportError(f"无法在“{out.parent}”中创建临时文件", f"Cannot create a temporary file in “{out.parent}”")


def _replace(tmp: Path, out: Path) -> None:
    try:
        os.replace(tmp, out)
    except PermissionError as exc:
        raise ExportError(
            f"无法替换“{out}”：目标文件正被其他程序（如 Excel、WPS）打开或是只读文件；请关闭该文件后重试，或另选一个文件名",
            f"Cannot replace “{out}”: it is open in another program (such as Excel) or read-only; "
            "close it and try again, or choose another file name",
        ) from exc
    except IsADirectoryError as exc:
        raise ExportError(
            f"“{out}”是一个文件夹，不能作为导出文件；请输入文件名",
            f"“{out}” is a folder, not a file name; give a file name",
        ) from exc


def _discard(tmp: Path) -> None:
    with contextlib.suppress(OSError):
        tmp.unlink()


def os_error(exc: OSError, out: Path) -> ExportError:
    """An operating-system failure as a message saying what to do about it."""
    folder = out.parent
    if isinstance(exc, (FileNotFoundError, NotADirectoryError)):
        return ExportError(
            f"目标文件夹“{folder}”不存在；请先创建该文件夹或另选保存位置",
            f"The folder “{folder}” does not exist; create it or choose another location",
        )
    if isinstance(exc, PermissionError):
        return ExportError(
            f"没有权限在“{folder}”中写入文件（文件夹只读或受保护）；请另选保存位置，例如“文档”或桌面",
            f"No permission to write in “{folder}” (read-only or protected); choose another location",
        )
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return ExportError(
            f"磁盘空间不足，无法保存“{out}”；请清理磁盘空间后重试（原有文件未被改动）",
            f"The disk is full; “{out}” was not saved (any earlier file is untouched). Free some space and retry",
        )
    return ExportError(f"无法保存“{out}”：{exc}", f"Cannot save “{out}”: {exc}")
