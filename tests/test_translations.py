"""The English interface: every string the window shows is translatable, and translated.

(a) pyside6-lupdate, run over the GUI sources into a copy of the shipped .ts, must find nothing
    without an English translation: a string added with tr() but not translated fails here.
(b) An ``ast`` scan finds Chinese string literals in ``desktop/gui`` that are not marked for
    translation at all (lupdate cannot see those), apart from a short allow-list with reasons.
(c) With the shipped .qm installed the real window is in English (and Chinese again afterwards).

Core messages (finding messages, layout labels, errors from ``desktop.core``) stay Chinese by design.
"""

from __future__ import annotations

import ast
import importlib.util
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import DAMAGED, ROOT
from desktop.core.findings import Severity
from desktop.gui.settings import Settings
from desktop.core.store import FINDING_STATE_LABELS, STATE_LABELS, Store
from desktop.gui import labels
from desktop.gui.app import install_translator
from desktop.gui.qt import QtCore, QtWidgets
from desktop.gui.tasks import TaskRunner

GUI = ROOT / "desktop" / "gui"
TS = ROOT / "resources" / "translations" / "nianbao_en.ts"
QM = ROOT / "resources" / "translations" / "nianbao_en.qm"
SAMPLE = DAMAGED / "d04_2020_short_rows.txt"

CJK = re.compile(
    "[\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
    "\U00020000-\U0002fa1f]"
)
PLACEHOLDER = re.compile(r"\{\d*\}")

# Calls that mark their text for pyside6-lupdate, and the position of the source text in each.
TRANSLATING_CALLS = {"tr": 0, "translate": 1, "QT_TR_NOOP": 0, "QT_TRANSLATE_NOOP": 1}

# Chinese literals in desktop/gui that are deliberately not translated: (file, text) -> why.
ALLOWED = {
    ("app.py", "年报审校 Nianbao Review"): "argparse --help text: printed before Qt and the translator start",
    ("app.py", "审校数据库文件"): "argparse --help text: printed before Qt and the translator start",
    ("app.py", "用临时数据库打开自带的示例报告"): "argparse --help text: printed before Qt and the translator start",
    ("app.py", "启动后导入的报告文件或文件夹"): "argparse --help text: printed before Qt and the translator start",
    ("source_text.py", "中"): "a CJK glyph measured to size tab stops, never shown",
    ("tables_pane.py", "国"): "a CJK glyph measured to size columns, never shown",
}


def _update_translations():
    spec = importlib.util.spec_from_file_location("update_translations", ROOT / "installer" / "update_translations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


update = _update_translations()


def _messages(ts: Path) -> list[tuple[str, str, str | None, ET.Element | None]]:
    """(context, source, disambiguation, translation element) of every message in a .ts."""
    out = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            out.append((name, message.findtext("source", ""), message.findtext("comment"), message.find("translation")))
    return out


# ---------------------------------------------------------------------------------------------- (a)
@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> Path:
    """The shipped .ts, updated by pyside6-lupdate from the sources as they are now (the shipped one untouched)."""
    lupdate = update.find_tool("pyside6-lupdate")
    if lupdate is None:
        pytest.skip("pyside6-lupdate is not installed (it comes with PySide6); cannot extract the GUI's strings")
    ts = tmp_path_factory.mktemp("translations") / TS.name
    shutil.copyfile(TS, ts)
    update.run_lupdate(ts, lupdate)
    return ts


def test_every_translatable_string_has_an_english_translation(extracted):
    missing = [
        f"[{context}] {source!r}" + (f" ({comment})" if comment else "")
        for context, source, comment, translation in _messages(extracted)
        if translation is None or translation.get("type") in ("unfinished", "obsolete", "vanished")
        or not (translation.text or "").strip()
    ]
    assert not missing, (
        f"{len(missing)} string(s) in desktop/gui have no English translation; run "
        "installer/update_translations.py, translate them in resources/translations/nianbao_en.ts and run it again:\n"
        + "\n".join(missing)
    )


def test_lupdate_extracts_the_table_driven_labels(extracted):
    """QT_TRANSLATE_NOOP tables (actions, states, severities, tabs) reach the .ts, not only tr() calls."""
    found = {(context, source) for context, source, _, _ in _messages(extracted)}
    expected = {("Actions", "打开文件…"), ("Actions", "导入文件夹中的全部报告"), ("Labels", "审核中"),
                ("Labels", "已忽略"), ("Labels", "提示"), ("TablesPane", "依申请公开"), ("MainWindow", "文件(&F)"),
                ("App", "年报审校"), ("Workers", "已导入 {0}/{1}：{2}")}
    assert expected <= found
    assert len(found) > 100


def test_translations_keep_placeholders(extracted):
    """A translation must use the same {0} {1} … as its source, or .format() drops or breaks a value."""
    wrong = [
        f"[{context}] {source!r} → {translation.text!r}"
        for context, source, _, translation in _messages(extracted)
        if translation is not None and translation.text
        and sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(translation.text))
    ]
    assert not wrong, "\n".join(wrong)


def test_shipped_qm_is_compiled_from_the_shipped_ts(tmp_path):
    lrelease = update.find_tool("pyside6-lrelease")
    if lrelease is None:
        pytest.skip("pyside6-lrelease is not installed (it comes with PySide6)")
    qm = tmp_path / QM.name
    subprocess.run([lrelease, str(TS), "-qm", str(qm)], check=True, capture_output=True)
    assert qm.read_bytes() == QM.read_bytes(), "nianbao_en.qm is stale: run installer/update_translations.py"


# ---------------------------------------------------------------------------------------------- (b)
def _call_name(node: ast.Call) -> str | None:
    func = node.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None


def _docstrings(tree: ast.Module) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                ids.add(id(first.value))
    return ids


def untranslated_literals(path: Path) -> list[tuple[int, str]]:
    """(line, text) of Chinese string literals not given to tr()/translate()/QT_TRANSLATE_NOOP as their text.

    Docstrings are skipped (comments are not in the syntax tree). An f-string with Chinese in it is
    reported even inside tr(): lupdate cannot extract it, and its text changes with every value.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    marked = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _call_name(node) in TRANSLATING_CALLS:
            index = TRANSLATING_CALLS[_call_name(node)]
            for arg in node.args[index:index + 2]:  # the text and its disambiguation
                if isinstance(arg, ast.Constant):
                    marked.add(id(arg))
    found = []
    in_fstring = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            parts = [v for v in node.values if isinstance(v, ast.Constant)]
            in_fstring.update(id(v) for v in parts)
            text = "".join(v.value for v in parts)
            if CJK.search(text):
                found.append((node.lineno, ast.unparse(node)))
        elif (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in marked
              and id(node) not in in_fstring and CJK.search(node.value)):
            found.append((node.lineno, node.value))
    return [(line, text) for line, text in found if (path.name, text) not in ALLOWED]


def test_no_chinese_literal_escapes_translation():
    offenders = [
        f"desktop/gui/{path.name}:{line}: {text!r}"
        for path in sorted(GUI.glob("*.py")) for line, text in untranslated_literals(path)
    ]
    assert not offenders, (
        "Chinese text in desktop/gui that lupdate cannot extract: wrap it in self.tr(), "
        "QCoreApplication.translate() or QT_TRANSLATE_NOOP(), or allow-list it with a reason:\n" + "\n".join(offenders)
    )


def test_the_scan_catches_unmarked_text(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        '"""模块说明。"""\n'
        "class W:\n"
        '    """类说明。"""\n'
        "    def f(self, n):\n"
        '        self.tr("已标记")  # 注释\n'
        '        self.tr("{0}：{1}").format("a", "b")\n'
        '        QT_TRANSLATE_NOOP("Ctx", "表格")\n'
        '        label("未标记")\n'
        '        self.tr(f"第 {n} 行")\n'
        '        return self.tr("{0}").format("夹带")\n',
        encoding="utf-8",
    )
    assert [text for _, text in untranslated_literals(sample)] == ["未标记", "f'第 {n} 行'", "夹带"]


def test_allow_list_has_no_stale_entries():
    for file, text in ALLOWED:
        assert text in (GUI / file).read_text(encoding="utf-8"), f"{file}: {text!r} is allow-listed but gone"


def test_gui_label_tables_match_the_core():
    """labels.py repeats the core's Chinese labels for lupdate; they must stay the same words."""
    assert labels.REVIEW_STATES == STATE_LABELS
    assert labels.FINDING_STATES == FINDING_STATE_LABELS
    assert {s: labels.SEVERITIES[s] for s in Severity} == {s: s.zh for s in Severity}


# ---------------------------------------------------------------------------------------------- (c)
def _menu_texts(menu: QtWidgets.QMenu) -> list[str]:
    texts = []
    for action in menu.actions():
        if action.isSeparator():
            continue
        texts.append(action.text())
        if action.menu() is not None:
            texts.extend(_menu_texts(action.menu()))
    return texts


@pytest.fixture
def english(qapp):
    """The shipped English .qm installed the way the app installs it; removed afterwards so other tests see Chinese."""
    translator = install_translator(qapp, "en")
    assert translator is not None, f"install_translator could not load {QM}"
    try:
        yield translator
    finally:
        qapp.removeTranslator(translator)
        if getattr(qapp, "_nianbao_translator", None) is translator:
            del qapp._nianbao_translator
    assert QtCore.QCoreApplication.translate("MainWindow", "文件(&F)") == "文件(&F)"


def test_main_window_in_english(english, qtbot, tmp_path, monkeypatch):
    from desktop.gui.main_window import MainWindow

    monkeypatch.setenv("NIANBAO_HOME", str(tmp_path / "home"))
    window = MainWindow(Store(tmp_path / "review.sqlite"), Settings(), tmp_path / "home" / "settings.json",
                        TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    window.show()

    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["&File", "&Edit", "&Review", "&View", "&Help"]
    a = window.actions
    assert a["open_files"].text() == "Open files…"
    assert a["open_files"].statusTip() == "Import report files (PDF, Word, web page, text)"
    assert a["next_finding"].text() == "Next finding"
    assert a["mark_done"].text() == "Mark as done"
    assert a["about"].text() == "About Nianbao Review"
    assert window.undo_action.text() == "Undo"
    # Every menu entry is English; the two bilingual ones help a reader of either language back.
    bilingual = {"Language / 语言", "中文 (Chinese)"}
    chinese = [t for m in window.menuBar().findChildren(QtWidgets.QMenu) for t in _menu_texts(m)
               if CJK.search(t) and t not in bilingual]
    assert not chinese
    assert window.windowTitle() == "Nianbao Review"
    assert (window.list_dock.windowTitle(), window.findings_dock.windowTitle()) == ("Reports", "Findings")
    assert window.tables.placeholder.text().startswith("The database has no reports yet")  # an empty database
    assert window.findings.ack_button.text() == "Acknowledge"
    assert window.report_list.state_box.itemText(2) == "In review 0"  # with its count

    window.import_paths([str(SAMPLE)])
    assert window.session is not None
    tabs = window.tables.tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == [
        "Table 2: Proactive disclosure", "Table 3: Disclosure on request", "Table 4: Appeals and litigation"]
    report_model = window.report_list.model
    headers = [report_model.headerData(c, QtCore.Qt.Horizontal) for c in range(report_model.columnCount())]
    assert headers[:4] == ["State", "Agency", "Year", "Layout"]
    assert report_model.index(0, 0).data() in {"Not reviewed", "In review", "Done", "Query"}
    findings = window.findings.model
    assert findings.headerData(0, QtCore.Qt.Horizontal) == "Severity"
    if findings.rowCount():
        assert findings.index(0, 0).data() in {"Error", "Warning", "Note"}
        assert findings.index(0, 3).data() in {"Open", "Acknowledged", "Dismissed"}
    assert window.findings.counts_label.text().startswith("Errors ")
    legend = [label.text() for label in window.tables.legend.findChildren(QtWidgets.QLabel) if label.text()]
    assert {"Legend:", "Error", "Warning", "Note", "Corrected", "Not in source"} <= set(legend)

    window.tables.select_key("requests.new.natural")
    QtWidgets.QApplication.processEvents()
    assert window.grab().save(str(tmp_path / "window_en.png"))
