"""No input breaks a batch or the machine: every file gets its own outcome, within memory and time.

The batch tests run ``nianbao`` in a child process capped at 1 GB of address space (see
``hostile.run_guarded``), so a regression fails here instead of eating the machine. The size
cases are marked slow; each is also covered by a fast test of the limit it meets.
"""

from __future__ import annotations

import io
import os
import sys
import zipfile
from pathlib import Path

import pytest

import hostile
from desktop.core.document import UnreadableError
from desktop.core.errors import as_unreadable
from desktop.core.files import iter_report_files
from desktop.core.limits import MAX_TABLE_COLUMNS, MAX_XML_PART_BYTES
from desktop.core.readers import read_bytes, read_file, read_file_bytes
from desktop.core.readers.html import html_lines, table_grid
from desktop.core.readers.text import LOSSY_NOTE, decode
from desktop.core.store import import_file

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs, /dev/zero and RLIMIT_AS are POSIX")

REPORT_LINES = [line for line in hostile.report_text().splitlines() if line.strip()]


# ---------------------------------------------------------------- text that still reads


@pytest.mark.parametrize("name", ["bom_then_invalid", "utf16_odd_length", "utf16_lone_surrogate"])
def test_damaged_text_is_read_with_a_note(tmp_path, name):
    document = read_file(hostile.STRUCTURE[name](tmp_path))
    assert LOSSY_NOTE in document.notes
    assert document.text.count("\ufffd") <= 3
    assert "政府信息公开" in document.text


@pytest.mark.parametrize("name", ["utf16_without_bom", "utf32"])
def test_unmarked_utf16_and_utf32_read_exactly(tmp_path, name):
    document = read_file(hostile.STRUCTURE[name](tmp_path))
    assert document.text.lstrip("\ufeff").rstrip("\n") == hostile.report_text().rstrip("\n")
    assert document.notes == []


def test_binary_is_still_not_text():
    with pytest.raises(UnreadableError, match="二进制"):
        decode(bytes(range(256)) * 20)


def test_gbk_is_not_mistaken_for_damaged_utf8():
    text, encoding = decode(hostile.report_text().encode("gbk"))
    assert encoding == "gb18030" and "\ufffd" not in text


# ---------------------------------------------------------------- nesting


def test_deep_pages_read_like_flat_ones(tmp_path):
    flat = html_lines(hostile.deep_divs(tmp_path, 1).read_text(encoding="utf-8"))
    deep = html_lines(hostile.deep_divs(tmp_path, 3000).read_text(encoding="utf-8"))
    assert deep == flat and len(deep) == len(REPORT_LINES)


def test_tables_nested_600_deep_give_a_row_each(tmp_path):
    lines = html_lines(hostile.deep_tables(tmp_path, 600).read_text(encoding="utf-8"))
    assert len(lines) == 600 and lines[0][0] == "规章"


def test_html_altchunk_nested_deep_in_a_docx(tmp_path):
    document = read_file(hostile.docx_deep_altchunk(tmp_path))
    page = html_lines(hostile.deep_divs(tmp_path, 1).read_text(encoding="utf-8"))
    assert [line.text.split("\t") for line in document.lines] == page


# ---------------------------------------------------------------- what is a file


def test_only_regular_files_are_read(tmp_path):
    for maker, words in ((hostile.dev_zero, "不是普通文件"), (hostile.fifo, "不是普通文件"), (hostile.symlink_loop, "循环")):
        with pytest.raises(UnreadableError, match=words):
            read_file_bytes(maker(tmp_path))
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    with pytest.raises(UnreadableError, match="（链接）指向的文件不存在"):
        read_file_bytes(tmp_path / "gone.txt")


def test_a_folder_that_cannot_be_opened_is_named_not_skipped(tmp_path, monkeypatch):
    (tmp_path / "ok").mkdir()
    good = tmp_path / "ok" / "a.txt"
    good.write_text("x", encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    real_scandir = os.scandir

    def scandir(path="."):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert list(iter_report_files([tmp_path])) == [good, locked]
    with pytest.raises(UnreadableError, match="没有打开该文件夹的权限"):
        read_file_bytes(locked)


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS file systems refuse names that are not UTF-8")
def test_a_file_name_that_is_not_utf8_is_stored_and_printed(tmp_path):
    from desktop.core.store import Store

    path = hostile.not_utf8_name(tmp_path)
    with Store(tmp_path / "db.sqlite") as store:
        result = import_file(store, path)
        assert result.status == "imported"
        assert store.summary(result.report_id)["source_name"] == "\ufffd\ufffd\ufffd\ufffd-gbk-name.txt"


# ---------------------------------------------------------------- limits, each met fast


def test_a_docx_bomb_is_refused_before_it_is_inflated(tmp_path):
    path = hostile.docx_bomb(tmp_path, MAX_XML_PART_BYTES + (1 << 20))
    with pytest.raises(UnreadableError, match="解压后"):
        read_file(path)


def test_spans_cannot_blow_up_a_table():
    from bs4 import BeautifulSoup

    rows = '<tr><td rowspan="1000">a</td><td>1</td></tr>' + "<tr><td>2</td></tr>" * 2
    table = BeautifulSoup(f"<table>{rows}</table>", "lxml").table
    assert [[col for col, _ in row] for row in table_grid(table)] == [[0, 1], [1], [1]]  # rowspan ends with the table
    wide = BeautifulSoup(f'<table><tr><td colspan="{MAX_TABLE_COLUMNS + 1}">a</td></tr></table>', "lxml").table
    with pytest.raises(UnreadableError, match="列"):
        table_grid(wide)


@pytest.mark.parametrize("name, words", [("text_one_line", "一行超过"), ("text_table_rows", "超过")])
def test_text_past_a_limit_is_refused(tmp_path, name, words):
    path = hostile.SIZE[name](tmp_path) if name == "text_table_rows" else hostile.text_one_line(tmp_path, 1)
    with pytest.raises(UnreadableError, match=words):
        read_file(path)


def test_a_page_too_large_to_render_is_refused_unrendered(tmp_path, monkeypatch):
    from desktop.core.ocr import scan

    monkeypatch.setattr(scan, "render", lambda *a: pytest.fail("a 5-metre page was rendered"))
    data = hostile.huge_blank_page(tmp_path).read_bytes()
    with pytest.raises(UnreadableError, match="页面过大"):
        scan.ocr_pdf(data, "huge.pdf")


def test_a_scan_of_blank_pages_stops_after_the_first_few(tmp_path, monkeypatch):
    from desktop.core.limits import OCR_PROBE_PAGES
    from desktop.core.ocr import scan

    read: list[int] = []
    monkeypatch.setattr(scan, "render", lambda pdf, number: None)
    monkeypatch.setattr(scan, "read_image", lambda gray, size: read.append(1) or [])
    data = hostile.blank_scan(tmp_path, 300).read_bytes()
    with pytest.raises(UnreadableError, match="不像是一份年度报告"):
        scan.ocr_pdf(data, "blank.pdf")
    assert len(read) == OCR_PROBE_PAGES


def test_a_damaged_page_tree_costs_the_page_not_the_file(tmp_path, monkeypatch):
    import pypdfium2 as pdfium

    from desktop.core.ocr import scan

    def broken(self, index):
        raise pdfium.PdfiumError("Failed to get page size.")

    monkeypatch.setattr(pdfium.PdfDocument, "get_page_size", broken)
    monkeypatch.setattr(scan, "render", lambda pdf, number: None)
    monkeypatch.setattr(scan, "read_image", lambda gray, size: [])
    document = scan.ocr_pdf(hostile.blank_scan(tmp_path, 2).read_bytes(), "scan.pdf")
    assert [(p.width, p.height) for p in document.pages] == [(0.0, 0.0), (0.0, 0.0)]
    with pytest.raises(UnreadableError, match="扫描件 PDF 已损坏"):
        scan.ocr_pdf(b"%PDF-1.4 not really", "scan.pdf")


def test_unexpected_failures_are_worded_for_the_auditor():
    deep = as_unreadable(RecursionError("maximum recursion depth exceeded"))
    assert "嵌套过深" in deep.zh and "Recursion" not in deep.zh
    other = as_unreadable(KeyError("x"))
    assert "已损坏" in other.zh and "KeyError" in other.en


def test_an_import_never_raises_for_a_file(tmp_path, monkeypatch):
    from desktop.core import pipeline
    from desktop.core.store import Store

    def explode(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(pipeline, "extract_bytes", explode)
    path = tmp_path / "a.txt"
    path.write_text("x", encoding="utf-8")
    with Store(tmp_path / "db.sqlite") as store:
        result = import_file(store, path)
    assert result.status == "unreadable" and "嵌套过深" in result.reason and result.reason_en


# ---------------------------------------------------------------- the batch, guarded


def _batch(tmp_path: Path) -> tuple[Path, list[Path]]:
    """A folder with every structural case and one good report, and the paths named outside it."""
    folder = tmp_path / "batch"
    folder.mkdir()
    made = [maker(folder) for maker in hostile.STRUCTURE.values()]
    good = folder / "good.txt"
    good.write_text(hostile.report_text(), encoding="utf-8")
    return folder, [p for p in made if not p.is_relative_to(folder)]


def test_an_import_batch_of_hostile_files_ends_with_its_summary(tmp_path):
    folder, outside = _batch(tmp_path)
    run = hostile.run_guarded(["import", str(folder), *map(str, outside), "--db", str(tmp_path / "db.sqlite")])
    assert run.code == 2, run.stderr
    assert "Traceback" not in run.stderr + run.stdout
    readable = len(hostile.READABLE) + 1
    unreadable = len(list(iter_report_files([folder, *outside]))) - readable  # the loop's second link too
    assert f"导入 {readable} 份" in run.stdout and f"无法读取 {unreadable} 份" in run.stdout, run.stdout
    refusals = [line for line in run.stderr.splitlines() if line.startswith("无法读取")]
    assert len(refusals) == unreadable and all("Cannot read" in line for line in refusals)
    assert run.peak_mb < 1024


def test_extract_on_hostile_files_never_says_unexpected(tmp_path):
    folder, outside = _batch(tmp_path)
    run = hostile.run_guarded(["extract", str(folder), *map(str, outside)])
    assert run.code == 2
    assert "Traceback" not in run.stderr and "意外错误" not in run.stderr
    assert all(line.startswith("无法读取") for line in run.stderr.splitlines()), "one line per refusal, nothing else"


@pytest.mark.slow
@pytest.mark.parametrize("name", list(hostile.SIZE))
def test_size_cases_stay_under_1_gb_and_end_in_a_reason(tmp_path, name):
    path = hostile.SIZE[name](tmp_path)
    # OCR's libraries reserve more address space than they use: its cap is on what it touches
    memory = int(1.5 * hostile.GIB) if name == "blank_scan" else hostile.GIB
    run = hostile.run_guarded(["import", str(path), "--db", str(tmp_path / "db.sqlite")], memory=memory, seconds=300)
    assert run.code == 2, run.stderr[-500:]
    assert "Traceback" not in run.stderr
    assert "无法读取 0 份" not in run.stdout and "无法读取 1 份" in run.stdout
    assert run.peak_mb < 1024


def test_zip_of_docx_members_is_checked_from_its_directory():
    """The inflated sizes come from the zip directory; a lying directory cannot get past it either,
    because Python's zip reader stops at the size the directory gives."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b" " * 4096)
    data = bytearray(buffer.getvalue())
    central = data.rfind(b"PK\x01\x02")
    data[central + 24:central + 28] = (16).to_bytes(4, "little")  # claim 16 bytes inflated
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        with pytest.raises(zipfile.BadZipFile):
            z.read("word/document.xml")
    with pytest.raises(UnreadableError):
        read_bytes(bytes(data), "lying.docx")


def test_reading_stops_at_the_time_limit_between_pages():
    from desktop.core.limits import time_limit
    from desktop.core.readers.pdf import read_pdf

    data = (hostile.FIXTURES / "reports" / "f03_2020_html_ruled.pdf").read_bytes()
    with time_limit(-1), pytest.raises(UnreadableError, match="时限"):
        read_pdf(data, "slow.pdf")
    assert read_pdf(data, "slow.pdf").lines, "outside a time limit the same file reads"
