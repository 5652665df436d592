"""The Excel export: every value in its place, every correction visible, nothing a formula, nothing half-written."""

from __future__ import annotations

import csv
import errno
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from xlsxwriter.exceptions import FileCreateError
from xlsxwriter.workbook import Workbook

from conftest import DAMAGED, FIXTURES, assert_sheet_is_grid, load_truth
from desktop.core.errors import AuditorError
from desktop.core.export import ExportError, ExportFilter, export_report_tables, export_store
from desktop.core.export.sheet import CORRECTED_FILL
from desktop.core.grid import build_grid, column_header
from desktop.core.layouts import get_layout, load_layouts
from desktop.core.store import Store, import_file, set_cell

SAMPLE_004 = "d04_2020_short_rows.txt"  # 2019 layout, two rows of table 三 printed short
TRUTH_004 = load_truth(DAMAGED / "d04_2020_short_rows.truth.json")
AGENCY_004 = TRUTH_004["meta"]["agency"]
NATURAL_004 = TRUTH_004["cells"]["requests.new.natural"]  # corrected to one more below
REPORT_2021 = "f16_2021_text_tab.txt"
FILL = "FF" + CORRECTED_FILL.lstrip("#").upper()
FORMULA_LIKE = ["=SUM(A1)", "@cmd", "+1", "-1"]


def _report_files() -> list[Path]:
    files = [p for p in sorted((FIXTURES / "reports").iterdir()) if not p.name.endswith(".json")]
    return files + sorted(DAMAGED.glob("*.txt"))


@pytest.fixture(scope="module")
def review(tmp_path_factory):
    """A review database of both layouts with a little review work done: corrections, states, decisions."""
    store = Store(tmp_path_factory.mktemp("export") / "db.sqlite")
    ids = {}
    for path in _report_files():
        result = import_file(store, path, who="导入员")
        assert result.status == "imported", (path, result.reason)
        ids[path.name] = result.report_id
    s004, r21 = ids[SAMPLE_004], ids[REPORT_2021]
    set_cell(store, s004, "requests.new.natural", NATURAL_004 + 1, who="张审计", why="原文第45行为13，提取有误")
    set_cell(store, s004, "active.licensing.decisions", 39, who="张审计", why="-1")
    set_cell(store, r21, "requests.new.business", 80, who="李审计", why="@cmd")
    store.set_review_state(s004, "done", who="张审计")
    store.set_review_state(r21, "query", who="李审计", why="+1")
    findings = [fid for (fid,) in store.db.execute("SELECT id FROM findings WHERE report_id = ? ORDER BY id", [s004])]
    store.set_finding_state(findings[0], "acknowledged", comment="=SUM(A1)", who="张审计")
    store.set_finding_state(findings[1], "dismissed", comment="-1", who="张审计")
    # Agency names come from the documents; a hostile or odd one must stay text.
    store.db.conn.execute("UPDATE reports SET agency = ? WHERE id = ?", ["=SUM(A1)", ids["f01_2020_html_table.html"]])
    store.db.conn.execute("UPDATE reports SET agency = ? WHERE id = ?", ["@cmd", ids["f02_2022_html_table.html"]])
    store.ids = ids
    yield store
    store.close()


@pytest.fixture(scope="module")
def workbook(review, tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "审校结果.xlsx"
    calls = []
    summary = export_store(review, out, progress=lambda done, total: calls.append((done, total)))
    review.export_summary, review.progress_calls = summary, calls
    return out


def _load(path: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(path)


def _headers(ws) -> list[tuple[str | None, str | None]]:
    """(header row 1 as merged, header row 2) for every column."""
    top = {c: ws.cell(1, c).value for c in range(1, ws.max_column + 1)}
    for rng in ws.merged_cells.ranges:
        if rng.min_row == 1:
            for c in range(rng.min_col, rng.max_col + 1):
                top[c] = ws.cell(1, rng.min_col).value
    return [(top[c], ws.cell(2, c).value) for c in range(1, ws.max_column + 1)]


def _rows_by_id(ws, first: int = 3) -> dict[int, int]:
    return {ws.cell(r, 1).value: r for r in range(first, ws.max_row + 1) if ws.cell(r, 1).value is not None}


def _db_values(store: Store, report_id: int) -> dict:
    return dict(store.db.execute("SELECT key, value FROM cells WHERE report_id = ?", [report_id]).fetchall())


# ---------------------------------------------------------------- 汇总
def test_one_summary_sheet_per_layout_then_findings_and_audit(workbook, review):
    wb = _load(workbook)
    assert wb.sheetnames == ["汇总（2019版）", "汇总（2021版）", "问题", "修改记录"]
    assert review.export_summary.sheets == wb.sheetnames
    assert review.export_summary.reports == len(review.ids)


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_every_value_is_a_number_under_its_two_headers(workbook, review, version):
    layout = get_layout(version)
    ws = _load(workbook)[f"汇总（{version}版）"]
    headers = _headers(ws)
    assert [h[1] for h in headers[:10]] == ["编号", "文件", "机关", "年度", "格式", "发布日期", "审核状态", "审核人",
                                           "错误数", "警告数"]
    expected = []
    for key in layout.keys:
        table, row, column = layout.cell(key)
        expected.append((f"表{table.number} {table.row_title(row)}", column.label))
    assert headers[10:] == expected
    assert ("表三 （一）予以公开", "自然人") in expected
    rows = _rows_by_id(ws)
    in_db = {rid for (rid,) in review.db.execute("SELECT id FROM reports WHERE layout = ?", [version])}
    assert set(rows) == in_db
    checked = 0
    for report_id, r in rows.items():
        values = _db_values(review, report_id)
        for offset, key in enumerate(layout.keys):
            cell = ws.cell(r, 11 + offset)
            assert cell.value == values[key], (report_id, key)
            if values[key] is not None:
                assert cell.data_type == "n" and isinstance(cell.value, (int, float))
                checked += 1
    assert checked > 1000


def test_meta_columns_state_reviewer_and_open_counts(workbook, review):
    ws = _load(workbook)["汇总（2019版）"]
    row = _rows_by_id(ws)[review.ids[SAMPLE_004]]
    summary = review.summary(review.ids[SAMPLE_004])
    meta = [ws.cell(row, c).value for c in range(1, 11)]
    assert meta[:5] == [summary["id"], SAMPLE_004, AGENCY_004, 2020, "2019版"]
    assert meta[6:] == ["已完成", "张审计", summary["errors"], summary["warnings"]]
    ws21 = _load(workbook)["汇总（2021版）"]
    assert ws21.cell(_rows_by_id(ws21)[review.ids[REPORT_2021]], 7).value == "有疑问"


def test_corrected_cells_are_highlighted_with_the_extracted_value_in_a_comment(workbook, review):
    wb = _load(workbook)
    ws = wb["汇总（2019版）"]
    layout = get_layout("2019")
    row = _rows_by_id(ws)[review.ids[SAMPLE_004]]
    col = 11 + layout.keys.index("requests.new.natural")
    cell = ws.cell(row, col)
    assert cell.value == NATURAL_004 + 1
    assert cell.fill.fill_type == "solid" and cell.fill.fgColor.rgb == FILL
    assert cell.comment.text.startswith(f"提取值：{NATURAL_004}；已更正为 {NATURAL_004 + 1}")
    assert "张审计" in cell.comment.text and "原文第45行为13" in cell.comment.text
    plain = ws.cell(row, 11 + layout.keys.index("requests.new.total"))
    assert plain.comment is None and plain.fill.fill_type is None
    highlighted = sum(1 for sheet in wb.worksheets[:2] for line in sheet.iter_rows(min_row=3) for c in line
                      if c.fill.fill_type == "solid")
    assert highlighted == review.export_summary.corrected_cells == 3


def test_headers_frozen_filtered_and_sized(workbook):
    wb = _load(workbook)
    for name in ("汇总（2019版）", "汇总（2021版）"):
        ws = wb[name]
        assert ws.freeze_panes == "E3"
        assert ws.auto_filter.ref.startswith("A2:")
        assert any(r.min_row == 1 and r.max_col > r.min_col for r in ws.merged_cells.ranges)
        assert ws.column_dimensions["C"].width > 15  # 机关 fits the agency names
    for name in ("问题", "修改记录"):
        ws = wb[name]
        assert ws.freeze_panes == "D2" and ws.auto_filter.ref.startswith("A1:")
        assert all(ws.column_dimensions[c].width >= 7 for c in "ABCDEFG")


# ---------------------------------------------------------------- 问题 and 修改记录
def test_every_finding_is_listed_in_chinese(workbook, review):
    ws = _load(workbook)["问题"]
    assert [c.value for c in ws[1]][:11] == ["编号", "机关", "年度", "规则", "严重程度", "单元格", "说明", "原文",
                                            "规范文本", "状态", "备注"]
    rows = [[c.value for c in line] for line in ws.iter_rows(min_row=2)]
    db = review.db.execute("SELECT id, report_id, rule, severity, message, state FROM findings").fetchall()
    assert len(rows) == len(db) == review.export_summary.findings
    assert sorted((r[0], r[3], r[6]) for r in rows) == sorted((f[1], f[2], f[4]) for f in db)
    assert {r[4] for r in rows} <= {"错误", "警告", "提示"}
    assert {r[9] for r in rows} <= {"待处理", "已确认", "已忽略"}
    decided = [r for r in rows if r[9] == "已确认"]
    assert len(decided) == 1 and decided[0][10] == "'=SUM(A1)" and decided[0][11] == "张审计"
    short_row = next(r for r in rows if r[3] == "structure.short_row")
    assert short_row[5].startswith("表三 （一）予以公开 · 自然人；表三 （一）予以公开 · 商业企业")


def test_every_audit_row_is_listed(workbook, review):
    ws = _load(workbook)["修改记录"]
    assert [c.value for c in ws[1]] == ["编号", "机关", "年度", "操作", "单元格或规则", "原值", "新值", "操作人", "时间",
                                         "理由"]
    rows = [[c.value for c in line] for line in ws.iter_rows(min_row=2)]
    assert len(rows) == review.db.execute("SELECT COUNT(*) FROM audit").fetchone()[0] == review.export_summary.audit
    assert {r[3] for r in rows} == {"导入", "修改", "审核状态", "问题处理"}
    edit = next(r for r in rows if r[3] == "修改" and r[5] == NATURAL_004)
    assert edit[4] == "表三 一、本年新收政府信息公开申请数量 · 自然人"
    assert edit[6] == NATURAL_004 + 1 and edit[7] == "张审计" and edit[9] == "原文第45行为13，提取有误"
    state = next(r for r in rows if r[3] == "审核状态" and r[7] == "张审计")
    assert state[5:7] == ["未审核", "已完成"]
    decision = next(r for r in rows if r[3] == "问题处理" and r[6] == "已确认")
    assert decision[5] == "待处理" and decision[9] == "'=SUM(A1)"


def test_formula_looking_text_is_stored_as_text(workbook):
    """Text, and prefixed with an apostrophe (OWASP), so editing the cell or saving as CSV keeps it text."""
    wb = _load(workbook)
    found = {}
    for ws in wb.worksheets:
        for line in ws.iter_rows():
            for cell in line:
                assert not (isinstance(cell.value, str) and cell.value in FORMULA_LIKE), (ws.title, cell.coordinate)
                if isinstance(cell.value, str) and cell.value[1:] in FORMULA_LIKE and cell.value[0] == "'":
                    assert cell.data_type == "s", (ws.title, cell.coordinate, cell.value)
                    found.setdefault(cell.value[1:], []).append(ws.title)
    assert set(found) == set(FORMULA_LIKE)
    assert "汇总（2019版）" in found["=SUM(A1)"] and "问题" in found["=SUM(A1)"]
    with zipfile.ZipFile(workbook) as z:  # no formula anywhere in the file
        assert not any("<f>" in z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/worksheets/"))


def test_progress_is_reported_up_to_the_end(review, workbook):
    calls = review.progress_calls
    assert calls[0][0] == 0 and calls[-1][0] == calls[-1][1]
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


# ---------------------------------------------------------------- filters
def _ids(store: Store, sql: str, params=()) -> set[int]:
    return {rid for (rid,) in store.db.execute(sql, params)}


@pytest.mark.parametrize(
    "filters, sql",
    [
        (ExportFilter(states=["done", "query"]), "SELECT id FROM reports WHERE state IN ('done', 'query')"),
        (ExportFilter(years=[2021, 2022]), "SELECT id FROM reports WHERE year IN (2021, 2022)"),
        (ExportFilter(layouts=["2021"]), "SELECT id FROM reports WHERE layout = '2021'"),
        (ExportFilter(agency="融媒体中心"), "SELECT id FROM reports WHERE agency LIKE '%融媒体中心%'"),
        (ExportFilter(agency="融媒体中心", years=[2020], states=["unreviewed"]),
         "SELECT id FROM reports WHERE agency LIKE '%融媒体中心%' AND year = 2020 AND state = 'unreviewed'"),
        (ExportFilter(report_ids=[1, 3, 31]), "SELECT id FROM reports WHERE id IN (1, 3, 31)"),
        (ExportFilter(report_ids=[]), "SELECT id FROM reports WHERE 0"),
    ],
)
def test_filters_choose_the_reports_and_their_findings_and_audit(review, tmp_path, filters, sql):
    expected = _ids(review, sql)
    out = tmp_path / "filtered.xlsx"
    summary = export_store(review, out, filters)
    wb = _load(out)
    exported = set()
    for ws in wb.worksheets:
        if ws.title.startswith("汇总"):
            exported |= set(_rows_by_id(ws))
    assert exported == expected and summary.reports == len(expected)
    assert {ws.cell(r, 1).value for r in range(2, wb["问题"].max_row + 1)} - {None} <= expected
    assert {ws.cell(r, 1).value for r in range(2, wb["修改记录"].max_row + 1)} - {None} <= expected
    findings = review.db.execute(
        f"SELECT COUNT(*) FROM findings WHERE report_id IN ({','.join(map(str, expected)) or 'NULL'})").fetchone()[0]
    assert summary.findings == findings
    layouts = {v for (v,) in review.db.execute(
        f"SELECT DISTINCT layout FROM reports WHERE id IN ({','.join(map(str, expected)) or 'NULL'})")}
    assert [s for s in summary.sheets if s.startswith("汇总")] == (
        [f"汇总（{v}版）" for v in sorted(layouts)] or ["汇总（2021版）"])


def test_unknown_review_state_is_refused_clearly(review, tmp_path):
    with pytest.raises(ExportError) as info:
        export_store(review, tmp_path / "x.xlsx", ExportFilter(states=["finished"]))
    assert "finished" in info.value.zh and "unreviewed" in info.value.en
    assert not (tmp_path / "x.xlsx").exists()


def test_report_without_a_layout_gets_its_own_summary_sheet(tmp_path):
    store = Store(tmp_path / "db.sqlite")
    rid = import_file(store, DAMAGED / SAMPLE_004).report_id
    store.db.conn.execute("UPDATE reports SET layout = NULL WHERE id = ?", [rid])
    summary = export_store(store, tmp_path / "out.xlsx")
    ws = _load(tmp_path / "out.xlsx")["汇总（未识别版式）"]
    assert summary.sheets[0] == "汇总（未识别版式）"
    assert ws.cell(3, 1).value == rid and ws.cell(3, 5).value == "未识别" and ws.max_column == 10
    with pytest.raises(ExportError, match="版式"):
        export_report_tables(store, rid, tmp_path / "tables.xlsx")
    store.close()


# ---------------------------------------------------------------- one report's tables
def _find(ws, text: str):
    return next(c for line in ws.iter_rows() for c in line if c.value == text)


def test_report_tables_reproduce_the_official_form(review, tmp_path):
    out = tmp_path / "表格.xlsx"
    summary = export_report_tables(review, review.ids[SAMPLE_004], out)
    wb = _load(out)
    assert wb.sheetnames == ["表二", "表三", "表四"] == summary.sheets
    layout = get_layout("2019")
    texts = {ws.title: {c.value for line in ws.iter_rows() for c in line if isinstance(c.value, str)}
             for ws in wb.worksheets}
    for table in layout.tables:
        ws_texts = texts[f"表{table.number}"]
        assert f"{table.number}、{table.title}" in ws_texts
        assert f"{AGENCY_004}2020年政府信息公开工作年度报告" in ws_texts
        for row in table.rows:
            assert set(table.label_path(row)) <= ws_texts or set(row.label.split()) <= ws_texts, row.label
            assert {column_header(c) for c in row.columns} <= ws_texts
    for block in layout.table("active").blocks:
        assert block.label in texts["表二"]
    requests = wb["表三"]
    assert {"申请人情况", "法人或其他组织"} <= texts["表三"]
    merged = [str(r) for r in requests.merged_cells.ranges]
    assert len(merged) >= 15  # header groups, row groups, labels spanning the label columns
    group = _find(requests, "（三）不予公开")
    assert any(r.min_row == group.row and r.max_row == group.row + 7 for r in requests.merged_cells.ranges)
    new = _find(requests, "一、本年新收政府信息公开申请数量")
    natural = _find(requests, "自然人")
    value = requests.cell(new.row, natural.column)
    assert value.value == NATURAL_004 + 1 and value.data_type == "n"
    assert value.fill.fgColor.rgb == FILL
    assert value.comment.text.startswith(f"提取值：{NATURAL_004}；已更正为 {NATURAL_004 + 1}")
    total = _db_values(review, review.ids[SAMPLE_004])["requests.new.total"]
    assert requests.cell(new.row, natural.column + 6).value == total
    appeals = wb["表四"]
    assert {"行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉"} <= texts["表四"]
    assert any(r.max_col - r.min_col == 9 for r in appeals.merged_cells.ranges)  # 行政诉讼 over ten columns
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.page_setup.fitToWidth in (None, 1)  # 1 is the default, which XlsxWriter leaves implicit
        assert ws.page_setup.fitToHeight == 0
        assert ws.print_title_rows
    assert summary.corrected_cells == 2


def test_report_tables_of_a_2021_report(review, tmp_path):
    out = tmp_path / "t.xlsx"
    export_report_tables(review, review.ids[REPORT_2021], out)
    ws = _load(out)["表三"]
    assert "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）" in {
        c.value for line in ws.iter_rows() for c in line}
    assert _find(ws, "（六）其他处理").row < _find(ws, "3.其他").row
    active = _load(out)["表二"]
    fees = _find(active, "行政事业性收费")
    # one value column in a three-column table: one blank block beside it, header row and data row, as on screen
    assert any((r.min_row, r.max_row, r.min_col, r.max_col) == (fees.row - 1, fees.row, 3, 4)
               for r in active.merged_cells.ranges)


@pytest.mark.parametrize("version", sorted(load_layouts()))
def test_printed_tables_are_the_screen_grid(tmp_path, version):
    """Every table of every layout prints the texts and merges the review window shows, cell for cell."""
    store = Store(tmp_path / "db.sqlite")
    source = next(p for p in sorted((FIXTURES / "reports").glob("*.txt"))
                  if load_truth(p.with_suffix(".truth.json"))["layout"] == version)
    report_id = import_file(store, source).report_id
    out = tmp_path / "t.xlsx"
    export_report_tables(store, report_id, out)
    workbook = _load(out)
    values = store.record(report_id).report.values()
    store.close()
    for table in get_layout(version).tables:
        assert_sheet_is_grid(workbook[f"表{table.number}"], build_grid(table), values)



def test_report_tables_of_a_missing_report(review, tmp_path):
    with pytest.raises(ExportError, match="9999"):
        export_report_tables(review, 9999, tmp_path / "t.xlsx")


# ---------------------------------------------------------------- LibreOffice
def test_libreoffice_opens_the_workbook(workbook, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not on PATH; install it to check the workbook opens outside Excel")
    profile = (tmp_path / "lo-profile").as_uri()
    done = subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to",
         "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(tmp_path), str(workbook)],
        capture_output=True, text=True, timeout=180,
    )
    produced = tmp_path / (workbook.stem + ".csv")
    assert produced.exists(), done.stdout + done.stderr
    rows = list(csv.reader(produced.read_text(encoding="utf-8").splitlines()))
    assert rows[1][:3] == ["编号", "文件", "机关"]
    line = next(r for r in rows if SAMPLE_004 in r)
    amount = TRUTH_004["cells"]["active.procurement.amount"]
    assert AGENCY_004 in line and str(NATURAL_004 + 1) in line and str(amount) in line
    assert any("'=SUM(A1)" in r for r in rows)  # still the text, and kept text in the CSV by its apostrophe


# ---------------------------------------------------------------- safety
def _leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".partial")]


def test_target_that_is_a_folder_is_refused(review, tmp_path):
    target = tmp_path / "结果.xlsx"
    target.mkdir()
    with pytest.raises(ExportError) as info:
        export_store(review, target)
    assert "文件夹" in info.value.zh and isinstance(info.value, AuditorError)
    assert target.is_dir() and _leftovers(tmp_path) == []


def test_missing_folder_is_reported(review, tmp_path):
    with pytest.raises(ExportError) as info:
        export_store(review, tmp_path / "没有这个文件夹" / "结果.xlsx")
    assert "不存在" in info.value.zh and "does not exist" in info.value.en


def test_read_only_folder_is_reported(review, tmp_path, monkeypatch):
    import desktop.core.export.atomic as atomic

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(atomic.os, "open", refuse)
    with pytest.raises(ExportError) as info:
        export_store(review, tmp_path / "结果.xlsx")
    assert "没有权限" in info.value.zh and "another location" in info.value.en
    assert not (tmp_path / "结果.xlsx").exists()


def test_file_open_in_excel_is_reported_and_left_alone(review, tmp_path, monkeypatch):
    import desktop.core.export.atomic as atomic

    target = tmp_path / "结果.xlsx"
    target.write_bytes(b"the workbook open in Excel")

    def locked(src, dst):
        raise PermissionError(errno.EACCES, "The process cannot access the file")

    monkeypatch.setattr(atomic.os, "replace", locked)
    with pytest.raises(ExportError) as info:
        export_store(review, target)
    assert "正被其他程序" in info.value.zh and "关闭" in info.value.zh and "Excel" in info.value.en
    assert target.read_bytes() == b"the workbook open in Excel"
    assert _leftovers(tmp_path) == []


def test_failure_midway_leaves_no_half_written_file(review, tmp_path, monkeypatch):
    import desktop.core.export.summary as summary_module

    calls = {"n": 0}
    real = summary_module.report_cells

    def fail_after_five(conn, report_id):
        calls["n"] += 1
        if calls["n"] > 5:
            raise RuntimeError("simulated crash in the middle of the export")
        return real(conn, report_id)

    monkeypatch.setattr(summary_module, "report_cells", fail_after_five)
    target = tmp_path / "结果.xlsx"
    with pytest.raises(RuntimeError):
        export_store(review, target)
    assert not target.exists() and _leftovers(tmp_path) == []
    target.write_bytes(b"yesterday's export")
    calls["n"] = 0
    with pytest.raises(RuntimeError):
        export_store(review, target)
    assert target.read_bytes() == b"yesterday's export" and _leftovers(tmp_path) == []


def test_disk_full_while_saving(review, tmp_path, monkeypatch):
    def full(self):
        raise FileCreateError(OSError(errno.ENOSPC, "No space left on device"))

    monkeypatch.setattr(Workbook, "close", full)
    with pytest.raises(ExportError, match="磁盘空间不足"):
        export_store(review, tmp_path / "结果.xlsx")
    assert os.listdir(tmp_path) == []


def test_cancelling_from_the_progress_callback(review, tmp_path):
    class Cancelled(Exception):
        pass

    def cancel(done, total):
        if done > total // 2:
            raise Cancelled

    with pytest.raises(Cancelled):
        export_store(review, tmp_path / "结果.xlsx", progress=cancel)
    assert os.listdir(tmp_path) == []


def test_export_replaces_an_earlier_export(review, tmp_path):
    target = tmp_path / "结果.xlsx"
    target.write_bytes(b"old")
    export_store(review, target, ExportFilter(report_ids=[review.ids[SAMPLE_004]]))
    assert _load(target)["汇总（2019版）"].cell(3, 1).value == review.ids[SAMPLE_004]
    assert sorted(os.listdir(tmp_path)) == ["结果.xlsx"]


def test_command_line_entry_point(review, tmp_path):
    from desktop.core.export import export_database

    summary = export_database(review.path, tmp_path / "cli.xlsx", ExportFilter(layouts=["2021"]))
    assert summary.sheets[0] == "汇总（2021版）" and (tmp_path / "cli.xlsx").is_file()
    with pytest.raises(ExportError, match="--db"):
        export_database(tmp_path / "none.sqlite", tmp_path / "x.xlsx")
    assert not (tmp_path / "none.sqlite").exists()
