"""The ``nianbao`` command: the window with no arguments, batch subcommands otherwise.

Exit codes: 0 read (and, for ``check``, no error), 1 ``check`` found errors, 2 a file could not be
read. A file that cannot be read gets one line on stderr in Chinese and English, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from desktop.core.errors import AuditorError, StoreError, as_unreadable
from desktop.core.files import iter_report_files
from desktop.core.readers import shown_path
from desktop.core.findings import Finding, Severity
from desktop.core.layouts import cell_key, load_layouts
from desktop.core.report import ExtractedReport
from desktop.core.store.store import STATE_LABELS
from desktop.core.store import import_files, set_meta

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2
# review states as ``status`` prints them → as stored; --state takes either
_STATE_NAMES = {label: state for state, label in STATE_LABELS.items()}


def _utf8_streams() -> None:
    """Windows consoles default to the ANSI code page; JSON and Chinese text must not turn into '?'."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")


def _unreadable(path: str, zh: str, en: str) -> None:
    print(f"无法读取 {path}：{zh} | Cannot read {path}: {en}", file=sys.stderr)


def _extract_each(paths: list[str]) -> Iterator[ExtractedReport | None]:
    """Extract each file in turn; an unreadable one yields None after its message on stderr."""
    from desktop.core.pipeline import analyse_file

    for path in iter_report_files(paths):
        try:
            yield analyse_file(path, progress=_ocr_progress)
        except Exception as exc:  # noqa: BLE001 - a batch never dies on one bad file
            reason = as_unreadable(exc)
            _unreadable(shown_path(path), reason.zh, reason.en)
            yield None


def cmd_extract(args: argparse.Namespace) -> int:
    code = EXIT_OK
    for report in _extract_each(args.files):
        if report is None:
            code = EXIT_UNREADABLE
            continue
        if args.json:
            print(json.dumps(report.to_json(), ensure_ascii=False))
        else:
            print(format_report(report))
        unplaced = report.unplaced()
        if unplaced:
            print(f"{report.source}：{len(unplaced)} 个单元格原文有数但无法确定位置，已留空，见相关提示 | "
                  f"{len(unplaced)} cells printed in the source could not be placed and are left empty", file=sys.stderr)
    return code


def cmd_check(args: argparse.Namespace) -> int:
    code = EXIT_OK
    for report in _extract_each(args.files):
        if report is None:
            code = EXIT_UNREADABLE
            continue
        print(format_findings(report, verbose=args.verbose))
        if code == EXIT_OK and any(f.severity is Severity.ERROR for f in report.findings):
            code = EXIT_ERRORS
    return code


def _open_store(db: str | None):
    from desktop.core.store import Store, default_db_path

    return Store(db or default_db_path())


def cmd_import(args: argparse.Namespace) -> int:
    """Import every file, one outcome each; the summary ends the batch even when the database
    stops it (locked by another program past the wait, disk full)."""
    files = list(iter_report_files(args.paths))
    results: dict[str, list] = {"imported": [], "present": [], "unreadable": []}
    stopped: StoreError | None = None
    with _open_store(args.db) as store:
        try:
            for index, result in enumerate(import_files(store, files, _workers(args), _ocr_progress(files)), 1):
                print(f"[{index}/{len(files)}] {shown_path(result.path)}", file=sys.stderr)
                results[result.status].append(result)
                if result.status == "unreadable":
                    _unreadable(result.path, result.reason, result.reason_en)
        except StoreError as exc:
            stopped = exc
        done = sum(len(v) for v in results.values())
        left = files[done:]
    summary = (f"导入 {len(results['imported'])} 份，已存在 {len(results['present'])} 份，"
               f"无法读取 {len(results['unreadable'])} 份")
    if stopped is not None:
        print(f"数据库无法写入，导入在第 {len(files) - len(left) + 1} 个文件处停止：{stopped.zh} | "
              f"The database could not be written; the import stopped: {stopped.en}", file=sys.stderr)
        summary += f"，未导入 {len(left)} 份（请稍后重新运行同一命令，已导入的会被识别为已存在）"
    print(summary)
    return EXIT_UNREADABLE if results["unreadable"] or stopped is not None else EXIT_OK


def _workers(args: argparse.Namespace) -> int | None:
    """``--workers``, else the window's setting (Settings.import_workers), else None: the batch chooses."""
    if args.workers:
        return max(1, args.workers)
    from desktop.core.store import app_data_dir
    from desktop.gui.settings import load_settings

    return load_settings(app_data_dir() / "settings.json").workers()


def _ocr_progress(files: list[Path]) -> Callable[[int, int, int], None]:
    """Pages of each scan read by OCR on stderr: a scan takes seconds a page. On a terminal one line
    is rewritten; into a file or pipe each page is a line of its own, with no ``\\r`` in the log."""

    def report(index: int, done: int, total: int) -> None:
        text = f"  文字识别 OCR：{files[index].name} 第 {done}/{total} 页 | OCR page {done}/{total}"
        if sys.stderr.isatty():
            print(f"\r{text}", end="\n" if done == total else "", file=sys.stderr, flush=True)
        else:
            print(text, file=sys.stderr, flush=True)

    return report


def cmd_status(args: argparse.Namespace) -> int:
    from desktop.core.store import default_db_path

    path = Path(args.db) if args.db else default_db_path()
    if not path.is_file():
        if args.db:
            print(f"数据库文件“{args.db}”不存在；请用 --db 指定审校数据库 | No review database at “{args.db}”",
                  file=sys.stderr)
            return EXIT_UNREADABLE
        print(f"数据库：{path}（尚未建立：还没有导入任何报告）")
        return EXIT_OK
    with _open_store(str(path)) as store:
        status = store.status()
        print(f"数据库：{store.path}")
    print("  ".join(f"{STATE_LABELS[state]} {n}" for state, n in status["counts"].items()))
    if status["with_errors"]:
        print(f"有错误的报告 {len(status['with_errors'])} 份：")
        for row in status["with_errors"]:
            print(f"  #{row['id']} {row['agency'] or row['source_name']} {row['year'] or ''}：错误 {row['errors']} 个，警告 {row['warnings']} 个")
    return EXIT_OK


META_OPTIONS = {"agency": "机关名称", "year": "年度", "published": "发布日期"}


def cmd_meta(args: argparse.Namespace) -> int:
    """Correct a stored report's agency, year or published date, audited like an edit in the window."""
    from desktop.core.review import InvalidValue, parse_meta

    typed = {name: getattr(args, name) for name in META_OPTIONS if getattr(args, name) is not None}
    if not typed:
        print("请至少给出 --agency、--year、--published 之一 | Give at least one of --agency, --year, --published",
              file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        values = {name: parse_meta(name, text) for name, text in typed.items()}
    except InvalidValue as exc:
        print(f"{exc}；未作任何修改 | Invalid value; nothing was changed", file=sys.stderr)
        return EXIT_UNREADABLE
    with _open_store(args.db) as store:
        for name, value in values.items():
            old = getattr(store.record(args.report).report.meta, name)
            set_meta(store, args.report, name, value, why=args.why)
            print(f"#{args.report} {META_OPTIONS[name]}：{old if old is not None else '—'} → "
                  f"{value if value is not None else '—'}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from desktop.core.export import ExportFilter, export_database
    from desktop.core.store import default_db_path

    states = [_STATE_NAMES.get(state, state) for state in args.state] if args.state else None
    filters = ExportFilter(states=states, years=args.year, agency=args.agency, layouts=args.layout)
    summary = export_database(Path(args.db) if args.db else default_db_path(), Path(args.xlsx), filters,
                              progress=_export_progress)
    print(summary.describe())
    return EXIT_OK


def _export_progress(done: int, total: int) -> None:
    if sys.stderr.isatty():
        print(f"\r导出 {done}/{total}", end="\n" if done == total else "", file=sys.stderr, flush=True)
    elif done == total:
        print(f"导出 {done}/{total}", file=sys.stderr)


def format_report(report: ExtractedReport) -> str:
    """A readable account of one extraction: metadata, every table, then the findings."""
    meta = report.meta
    out = [
        f"== {report.source}",
        f"机关 agency: {meta.agency or '—'}   年度 year: {meta.year or '—'}   "
        f"格式 format: {report.format or '—'}   发布日期 published: {meta.published or '—'}",
        f"未能放入表格的单元格 unplaced cells: {len(report.unplaced())}",
    ]
    if report.layout is not None:
        for table in report.layout.tables:
            out.append(f"\n表{table.number} {table.title}")
            for row in table.rows:
                values = []
                for column in row.columns:
                    value = report.cells[cell_key(table.key, row.key, column.key)].value
                    values.append(f"{column.label}={'—' if value is None else value}")
                out.append(f"  {table.row_title(row)}: " + "  ".join(values))
    out.append("")
    out.append(format_findings(report, verbose=True, header=False))
    return "\n".join(out)


def format_findings(report: ExtractedReport, verbose: bool = False, header: bool = True) -> str:
    """Findings grouped by severity, errors first; info findings only when verbose."""
    out = [f"== {report.source}"] if header else []
    shown = [s for s in (Severity.ERROR, Severity.WARNING, Severity.INFO) if verbose or s is not Severity.INFO]
    counts = {s: sum(f.severity is s for f in report.findings) for s in Severity}
    out.append(
        f"错误 {counts[Severity.ERROR]} 个，警告 {counts[Severity.WARNING]} 个，提示 {counts[Severity.INFO]} 个"
    )
    for severity in shown:
        group = [f for f in report.findings if f.severity is severity]
        if not group:
            continue
        out.append(f"[{severity.zh}]")
        out.extend(_finding_line(report, f) for f in group)
    return "\n".join(out)


def _finding_line(report: ExtractedReport, finding: Finding) -> str:
    where = report.where(finding)
    suffix = f"（{where}）" if where else ""
    return f"  - {finding.message}{suffix}  [{finding.rule}]"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nianbao",
        description="年报审校：政府信息公开工作年度报告的提取与审校 / Nianbao Review. "
        "不带子命令时打开审校窗口：nianbao [--demo] [--db 数据库] [报告…]；安装自检：nianbao --self-check",
    )
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="command")

    extract = sub.add_parser("extract", help="提取报告中的表格数据 / extract the tables of reports")
    extract.add_argument("files", nargs="+", help="报告文件（PDF、DOCX、HTML、TXT）或文件夹")
    extract.add_argument("--json", action="store_true", help="输出 JSON（多个文件时每行一个）")
    extract.set_defaults(func=cmd_extract)

    check = sub.add_parser("check", help="校验报告并列出问题 / check reports and list findings")
    check.add_argument("files", nargs="+", help="报告文件或文件夹")
    check.add_argument("-v", "--verbose", action="store_true", help="同时列出提示信息")
    check.set_defaults(func=cmd_check)

    db_help = "数据库文件路径（默认在用户的应用数据文件夹中）"
    imp = sub.add_parser("import", help="把报告导入审校数据库 / import reports into the review database")
    imp.add_argument("paths", nargs="+", help="文件或文件夹（递归查找）")
    imp.add_argument("--db", help=db_help)
    imp.add_argument("--workers", type=int, metavar="N",
                     help="同时读取报告的进程数（默认取设置中的值；未设置时，较大的批次每个处理器核心一个，小批次在本进程中读取）")
    imp.set_defaults(func=cmd_import)

    export = sub.add_parser("export", help="导出 Excel 工作簿 / export an Excel workbook")
    export.add_argument("--xlsx", required=True, help="输出的 .xlsx 文件")
    export.add_argument("--db", help=db_help)
    export.add_argument("--state", action="append", choices=[*_STATE_NAMES.values(), *_STATE_NAMES],
                        help="只导出该审核状态的报告（可重复）：未审核、审核中、已完成、有疑问")
    export.add_argument("--year", action="append", type=int, help="只导出该年度（可重复）")
    export.add_argument("--agency", help="机关名称包含的文字")
    export.add_argument("--layout", action="append", choices=sorted(load_layouts()), help="只导出该版式（可重复）")
    export.set_defaults(func=cmd_export)

    meta = sub.add_parser("meta", help="更正报告的机关、年度或发布日期 / correct a report's agency, year or date")
    meta.add_argument("report", type=int, help="报告编号（nianbao status 列出的 #编号）")
    meta.add_argument("--agency", help="机关名称（空字符串表示清除）")
    meta.add_argument("--year", help="年度，四位数字")
    meta.add_argument("--published", help="发布日期，如 2022-01-31")
    meta.add_argument("--why", help="修改说明，记入修改记录")
    meta.add_argument("--db", help=db_help)
    meta.set_defaults(func=cmd_meta)

    status = sub.add_parser("status", help="数据库中的审校进度 / review progress in the database")
    status.add_argument("--db", help=db_help)
    status.set_defaults(func=cmd_status)
    return parser


def _version() -> str:
    from desktop import __version__

    return f"nianbao {__version__}"


SUBCOMMANDS = ("extract", "check", "import", "status", "export", "meta")


def main(argv: list[str] | None = None, open_window: Callable[[list[str]], int] | None = None) -> int:
    """``nianbao`` alone, with window options (--demo, --db) or with files opens the window."""
    _utf8_streams()
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    if argv[:1] == ["--self-check"]:
        from desktop.selfcheck import run_self_check

        return run_self_check()
    if not argv or (argv[0] not in SUBCOMMANDS and argv[0] not in ("-h", "--help", "--version")):
        return (open_window or _open_window)(argv)
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_OK
    try:
        return args.func(args)
    except AuditorError as exc:  # the database or an output file, not one report
        print(f"{exc.zh} | {exc.en}", file=sys.stderr)
        return EXIT_UNREADABLE
    except BrokenPipeError:  # output piped into head or a closed pager: stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK


def _open_window(argv: list[str]) -> int:
    from desktop.gui.app import run

    return run(argv)


if __name__ == "__main__":
    sys.exit(main())

