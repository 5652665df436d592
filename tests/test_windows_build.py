"""The Windows build: what the windowed program leaves for support, how its output is compared with
the Linux build's, the installer's Chinese, and (opt-in) the whole build and proof under Wine."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from desktop.cli import main
from desktop.selfcheck import RESULT_NAME

INSTALLER = ROOT / "installer"
sys.path.insert(0, str(INSTALLER / "wine"))
from same_extraction import main as compare  # noqa: E402  (a script beside the build, not a package)

DEMO_TEXT = ROOT / "resources" / "demo" / "示例4 勾稽关系不平衡（文本）.txt"


def test_self_check_writes_its_result_file(capsys, monkeypatch, tmp_path):
    """The windowed nianbao.exe has no console on Windows: the result file and exit code are all it gives."""
    from desktop.core import ocr

    monkeypatch.setenv("NIANBAO_HOME", str(tmp_path))
    monkeypatch.setattr(ocr, "available", lambda: False)
    assert main(["--self-check"]) == 0
    result = (tmp_path / RESULT_NAME).read_text(encoding="utf-8")
    assert "自检通过" in result and "中文排序 北京 < 上海" in result
    assert str(tmp_path / RESULT_NAME) in capsys.readouterr().out


def test_failed_self_check_writes_its_reason_and_exit_code(monkeypatch, tmp_path):
    monkeypatch.setenv("NIANBAO_HOME", str(tmp_path / "data"))
    monkeypatch.setattr("desktop.selfcheck.resource_path", lambda *parts: tmp_path.joinpath(*parts[1:]))
    assert main(["--self-check"]) == 1
    result = (tmp_path / "data" / RESULT_NAME).read_text(encoding="utf-8")
    assert "找不到自带的示例报告" in result and "自检通过" not in result


def test_self_check_without_a_writable_data_folder_still_reports(capsys, monkeypatch, tmp_path):
    (tmp_path / "file").write_text("not a folder")
    monkeypatch.setenv("NIANBAO_HOME", str(tmp_path / "file"))
    monkeypatch.setattr("desktop.selfcheck.resource_path", lambda *parts: tmp_path.joinpath("none"))
    assert main(["--self-check"]) == 1
    assert "结果文件无法写入" in capsys.readouterr().out


def _extracted(capsys, tmp_path: Path, name: str, source: str) -> Path:
    """The real JSON of a demo report, with ``source`` as the other platform would print it."""
    assert main(["extract", str(DEMO_TEXT), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    report["source"] = source
    path = tmp_path / name
    path.write_text("warning printed on the same stream\n" + json.dumps(report, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    return path


def test_same_extraction_matches_reports_by_file_name(capsys, tmp_path):
    linux = _extracted(capsys, tmp_path, "linux.jsonl", str(DEMO_TEXT))
    windows = _extracted(capsys, tmp_path, "windows.jsonl", "C:\\年报 审校\\Nianbao Review\\demo\\" + DEMO_TEXT.name)
    assert compare([str(linux), str(windows)]) == 0
    assert f"相同 / same: {DEMO_TEXT.name}" in capsys.readouterr().out


def test_same_extraction_names_a_differing_cell(capsys, tmp_path):
    linux = _extracted(capsys, tmp_path, "linux.jsonl", str(DEMO_TEXT))
    report = json.loads(linux.read_text(encoding="utf-8").splitlines()[1])
    key = next(k for k, v in report["cells"].items() if v is not None)
    report["cells"][key] += 1
    windows = tmp_path / "windows.jsonl"
    windows.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    assert compare([str(linux), str(windows)]) == 1
    assert f"/cells/{key}: Linux" in capsys.readouterr().out


def test_same_extraction_fails_on_a_missing_report(capsys, tmp_path):
    linux = _extracted(capsys, tmp_path, "linux.jsonl", str(DEMO_TEXT))
    empty = tmp_path / "windows.jsonl"
    empty.write_text("", encoding="utf-8")
    assert compare([str(linux), str(empty)]) == 1


def test_installer_script_and_its_chinese_are_read_as_utf8():
    """ISCC reads a script or messages file without a byte-order mark in the ANSI code page, which
    garbles 年报审校 on an English Windows; Inno Setup ships no Simplified Chinese of its own."""
    script = INSTALLER / "nianbao.iss"
    messages = INSTALLER / "ChineseSimplified.isl"
    assert script.read_bytes().startswith(b"\xef\xbb\xbf") and messages.read_bytes().startswith(b"\xef\xbb\xbf")
    assert '"compiler:Default.isl,ChineseSimplified.isl"' in script.read_text(encoding="utf-8-sig")
    entries = dict(line.split("=", 1) for line in messages.read_text(encoding="utf-8-sig").splitlines()
                   if "=" in line and not line.startswith(";"))
    assert entries["LanguageID"] == "$0804" and entries["ButtonNext"] == "下一步(&N) >"
    assert all("%1" in entries[k] for k in ("UninstallProgram", "LaunchProgram", "ConfirmUninstall"))


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("NIANBAO_WINE_BUILD") != "1",
                    reason="the Windows build under Wine takes minutes: set NIANBAO_WINE_BUILD=1 to run it")
@pytest.mark.skipif(shutil.which("wine") is None and os.geteuid() != 0,
                    reason="needs Wine, or root to install it with apt-get")
def test_windows_installer_built_and_proven_under_wine():
    run = subprocess.run(["bash", str(INSTALLER / "build_windows_wine.sh")], cwd=ROOT, capture_output=True,
                         text=True, encoding="utf-8", errors="replace", timeout=3 * 3600)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-4000:]
    assert "自检通过" in run.stdout and "200/200 个单元格与原件一致" in run.stdout and "字体 Noto Sans CJK" in run.stdout
    assert "不同 / DIFFERENT" not in run.stdout and run.stdout.count("相同 / same:") == 6
    assert "%APPDATA%\\NianbaoReview kept" in run.stdout
    assert "Windows installer proven under Wine" in run.stdout
