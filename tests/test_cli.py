"""The ``nianbao`` command: the JSON contract, readable text, and a clear message for every bad input."""

from __future__ import annotations

import json
import zipfile

import pytest

from conftest import DAMAGED, FIXTURES, load_truth
from desktop.cli import main
from desktop.core.layouts import get_layout
from desktop.core.store import import_file

SHORT_ROWS = DAMAGED / "d04_2020_short_rows.txt"  # 2019 layout, two rows of table 三 printed short
SAMPLE = DAMAGED / "d01_2020_lost_tables.txt"  # 2019 layout, tables 三 and 四 lost: warnings, no error
TRUTH = load_truth(SAMPLE.with_suffix(".truth.json"))
AGENCY = TRUTH["meta"]["agency"]


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_extract_json_contract(capsys):
    code, out, err = _run(capsys, "extract", str(SHORT_ROWS), "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    truth = load_truth(SHORT_ROWS.with_suffix(".truth.json"))
    assert data["source"] == str(SHORT_ROWS)
    assert data["format"] == "2019"
    assert data["meta"] == {**truth["meta"], "format": "2019"}
    assert list(data["cells"]) == get_layout("2019").keys
    assert data["cells"] == truth["cells"]
    finding = next(f for f in data["findings"] if f["rule"] == "structure.short_row")
    assert set(finding) >= {"rule", "severity", "cells", "message", "where"}
    assert finding["where"].startswith("第") and finding["locations"][0]["start"] >= 0
    assert data["provenance"]["requests.new.natural"][0]["end"] > data["provenance"]["requests.new.natural"][0]["start"]


def test_extract_json_lines_for_several_files(capsys):
    files = sorted(str(p) for p in DAMAGED.glob("*.txt"))
    code, out, _ = _run(capsys, "extract", *files, "--json")
    assert code == 0
    lines = out.strip().split("\n")
    assert [json.loads(line)["source"] for line in lines] == files


def test_extract_readable_text(capsys):
    code, out, _ = _run(capsys, "extract", str(SAMPLE))
    assert code == 0
    licensing = [TRUTH["cells"][f"active.licensing.{c}"] for c in ("prev", "change", "decisions")]
    assert AGENCY in out
    assert "行政许可: 上一年项目数量={}  本年增/减={}  处理决定数量={}".format(*licensing) in out
    assert "[警告]" in out


def _encrypted_pdf(path) -> None:
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="secret")
    pdf.set_encryption(owner_password="owner", user_password="user")
    pdf.output(str(path))


BAD_INPUTS = {
    "missing": lambda tmp: tmp / "不存在的报告.pdf",
    "empty": lambda tmp: _write(tmp / "空.txt", b""),
    "blank": lambda tmp: _write(tmp / "空白.txt", b"  \r\n\t\n"),
    "binary_named_txt": lambda tmp: _write(tmp / "报告.txt", bytes(range(256)) * 64),
    "corrupt_pdf": lambda tmp: _write(tmp / "坏的.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ntrailer garbage"),
    "corrupt_docx": lambda tmp: _write(tmp / "坏的.docx", b"PK\x03\x04 this is not a zip archive at all"),
    "not_a_report": lambda tmp: _write(tmp / "购物清单.txt", "苹果 3 个\n牛奶 2 盒\n".encode()),
    "zip": lambda tmp: _zip(tmp / "报告.zip"),
    "folder": lambda tmp: tmp,
}


def _write(path, data: bytes):
    path.write_bytes(data)
    return path


def _zip(path):
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("a.txt", "x")
    return path


@pytest.mark.parametrize("kind", list(BAD_INPUTS))
def test_bad_input_gives_one_clear_line_and_exit_2(capsys, tmp_path, kind):
    path = BAD_INPUTS[kind](tmp_path)
    code, out, err = _run(capsys, "extract", str(path), "--json")
    assert code == 2
    assert out == ""
    lines = err.strip().split("\n")
    assert len(lines) == 1, err
    assert lines[0].startswith("无法读取") and "Cannot read" in lines[0]
    assert "Traceback" not in err
    assert "意外错误" not in err, "every bad input is a known case with its own message"


def test_encrypted_pdf_is_named_as_such(capsys, tmp_path):
    path = tmp_path / "locked.pdf"
    _encrypted_pdf(path)
    code, _, err = _run(capsys, "extract", str(path))
    assert code == 2
    assert "密码" in err or "加密" in err
    assert "意外错误" not in err


def test_one_bad_file_does_not_stop_the_batch(capsys, tmp_path):
    bad = _write(tmp_path / "empty.txt", b"")
    code, out, err = _run(capsys, "extract", str(bad), str(SAMPLE), "--json")
    assert code == 2
    assert json.loads(out)["meta"]["agency"] == AGENCY
    assert "empty.txt" in err


def test_paths_with_chinese_characters(capsys, tmp_path):
    path = tmp_path / "报告 目录" / f"{AGENCY} 2020 年报.txt"
    path.parent.mkdir()
    path.write_bytes(SAMPLE.read_bytes())
    code, out, _ = _run(capsys, "extract", str(path), "--json")
    assert code == 0 and json.loads(out)["cells"]["active.licensing.decisions"] == TRUTH["cells"]["active.licensing.decisions"]


def test_check_exit_codes_and_grouping(capsys, tmp_path):
    contradiction = FIXTURES / "contradictions" / "c05_2020_appeals_total.txt"
    code, out, _ = _run(capsys, "check", str(SAMPLE))
    assert code == 0 and "错误 0 个" in out
    code, out, _ = _run(capsys, "check", str(contradiction))
    assert code == 1
    assert out.index("[错误]") < out.index("appeals.total")
    assert "表四 行政复议 · 总计 或应为 1" in out
    empty = _write(tmp_path / "empty.txt", b"")
    code, _, err = _run(capsys, "check", str(empty), str(contradiction))
    assert code == 2 and "empty.txt" in err


def test_extract_json_carries_rule_findings_with_suggestion(capsys):
    path = FIXTURES / "contradictions" / "c05_2020_appeals_total.txt"
    _, out, _ = _run(capsys, "extract", str(path), "--json")
    errors = [f for f in json.loads(out)["findings"] if f["severity"] == "error"]
    assert [f["rule"] for f in errors] == ["appeals.total"]
    assert errors[0]["suggestion"] == {"cell": "appeals.review.total", "value": 1}


def test_where_collapses_line_runs(capsys):
    path = FIXTURES / "contradictions" / "c01_2020_row_total.txt"
    _, out, _ = _run(capsys, "extract", str(path), "--json")
    results = next(f for f in json.loads(out)["findings"] if f["rule"] == "requests.results_total")
    assert "–" in results["where"] and results["where"].count("；") <= 3


def test_import_status_and_export_through_the_cli(capsys, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    db = tmp_path / "cli.sqlite"
    count = len(list(DAMAGED.glob("*.txt")))
    code, out, err = _run(capsys, "import", str(DAMAGED), "--db", str(db))
    assert code == 0 and f"导入 {count} 份" in out and f"[{count}/{count}]" in err
    code, out, _ = _run(capsys, "import", str(SAMPLE), "--db", str(db))
    assert "已存在 1 份" in out
    code, out, _ = _run(capsys, "status", "--db", str(db))
    assert code == 0 and f"未审核 {count}" in out
    workbook = tmp_path / "导出.xlsx"
    code, out, _ = _run(capsys, "export", "--db", str(db), "--xlsx", str(workbook), "--year", "2020")
    assert code == 0 and workbook.exists()
    sheet = openpyxl.load_workbook(workbook)["汇总（2019版）"]
    agencies = {row[2] for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert agencies == {AGENCY} and sheet.max_row == 2 + count


def test_export_to_a_missing_database_is_refused(capsys, tmp_path):
    code, _, err = _run(capsys, "export", "--db", str(tmp_path / "none.sqlite"), "--xlsx", str(tmp_path / "x.xlsx"))
    assert code == 2 and err.strip()
    assert not (tmp_path / "x.xlsx").exists()


def test_self_check(capsys):
    from desktop.core import ocr

    code, out, _ = _run(capsys, "--self-check")
    assert code == 0
    assert "自检通过" in out and "完整性检查 ok" in out
    assert "报告已打开并绘制" in out and "中文排序 北京 < 上海" in out
    if ocr.available():
        assert "200/200 个单元格与原件一致" in out
    else:
        assert "文字识别 / OCR: 未安装" in out


def test_self_check_without_ocr_still_passes(capsys, monkeypatch):
    from desktop.core import ocr

    monkeypatch.setattr(ocr, "available", lambda: False)
    code, out, _ = _run(capsys, "--self-check")
    assert code == 0 and "文字识别 / OCR: 未安装" in out and "自检通过" in out


def test_self_check_fails_when_chinese_sorts_by_code_point(capsys, monkeypatch):
    """Qt's ICU data trimmed too far (the Linux build rebuilds it) sorts 上海 before 北京: a failure."""
    from desktop.gui.qt import QtCore

    class CodePointOrder:
        def __init__(self, locale):
            pass

        def sortKey(self, text):
            return text

    monkeypatch.setattr(QtCore, "QCollator", CodePointOrder)
    code, out, _ = _run(capsys, "--self-check")
    assert code == 1 and "中文排序 上海 < 北京" in out and "FAILED" in out


def test_meta_corrects_agency_year_and_date_audited(capsys, tmp_path):
    from desktop.core.store import Store

    db = tmp_path / "审校.sqlite"
    with Store(db) as store:
        report_id = import_file(store, FIXTURES / "contradictions" / "c05_2020_appeals_total.txt").report_id
    code, out, _ = _run(capsys, "meta", str(report_id), "--year", "2021", "--published", "2022年1月30日",
                        "--why", "封面年份印错", "--db", str(db))
    assert code == 0 and f"#{report_id} 年度：2020 → 2021" in out and "发布日期" in out
    with Store(db) as store:
        assert store.record(report_id).report.meta.year == 2021
        assert store.summary(report_id)["published"] == "2022-01-30"
        edits = [(a["key"], a["new"], a["why"]) for a in store.audit_trail(report_id) if a["action"] == "edit"]
    assert edits == [("meta.year", "2021", "封面年份印错"), ("meta.published", "2022-01-30", "封面年份印错")]
    code, _, err = _run(capsys, "meta", str(report_id), "--year", "21", "--db", str(db))
    assert code == 2 and "四位数字的年份" in err
    code, _, err = _run(capsys, "meta", "999", "--year", "2021", "--db", str(db))
    assert code == 2 and "999" in err
