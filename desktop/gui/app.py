"""Starting the window: Qt application set-up, translations, database and demo reports."""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
from pathlib import Path

from desktop.core.errors import AuditorError
from desktop.core.resources import resource_path
from desktop.core.store import Store, app_data_dir, default_db_path
from desktop.gui.qt import QtCore, QtGui, QtWidgets, Qt
from desktop.gui.settings import DEMO_FOLDER_PREFIX, load_settings

APP_NAME = QtCore.QT_TRANSLATE_NOOP("App", "年报审校")  # the application name stays Chinese; dialogs translate it


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="nianbao", description="年报审校 Nianbao Review")
    parser.add_argument("--db", help="审校数据库文件")
    parser.add_argument("--demo", action="store_true", help="用临时数据库打开自带的示例报告")
    parser.add_argument("files", nargs="*", help="启动后导入的报告文件或文件夹")
    return parser.parse_args(argv)


def create_application(language: str) -> QtWidgets.QApplication:
    QtGui.QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("NianbaoReview")
    app.setApplicationVersion(_version())
    app.setWindowIcon(QtGui.QIcon(str(resource_path("icons", "nianbao.png"))))
    app.setProperty("language", language)  # what the rule catalogue's names are shown in
    install_translator(app, language)
    install_qt_translator(app, language)
    return app


def install_translator(app: QtCore.QCoreApplication, language: str) -> QtCore.QTranslator | None:
    """Chinese is the source language; English comes from resources/translations/nianbao_en.qm."""
    if language != "en":
        return None
    translator = QtCore.QTranslator(app)
    if translator.load(str(resource_path("translations", "nianbao_en.qm"))):
        app.installTranslator(translator)
        app._nianbao_translator = translator  # keep it alive as long as the app
        return translator
    return None


def install_qt_translator(app: QtCore.QCoreApplication, language: str) -> QtCore.QTranslator | None:
    """Qt's own words (OK/Cancel, Yes/No, the file dialogs) in Chinese when the interface is Chinese.

    Qt speaks English by itself; its Chinese comes from the qtbase_zh_CN.qm that PySide6 ships (and
    the installer keeps), so a dialog's buttons speak the same language as the dialog.
    """
    if language == "en":
        return None
    translator = QtCore.QTranslator(app)
    folder = QtCore.QLibraryInfo.path(QtCore.QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load("qtbase_zh_CN", folder):
        app.installTranslator(translator)
        app._nianbao_qt_translator = translator  # keep it alive as long as the app
        return translator
    return None


def run(argv: list[str]) -> int:
    args = parse_args(argv)
    settings_path = app_data_dir() / "settings.json"
    settings = load_settings(settings_path)
    app = create_application(settings.language)
    from desktop.gui.main_window import MainWindow

    db_path = Path(args.db) if args.db else default_db_path()
    files = list(args.files)
    with contextlib.ExitStack() as cleanup:
        if args.demo:  # a throwaway database, deleted when the window closes
            folder = cleanup.enter_context(tempfile.TemporaryDirectory(prefix=DEMO_FOLDER_PREFIX, ignore_cleanup_errors=True))
            db_path = Path(folder) / "demo.sqlite"
            files = [str(resource_path("demo"))] + files
        try:
            store = Store(db_path)
        except AuditorError as exc:
            title = QtCore.QCoreApplication.translate("App", APP_NAME)
            QtWidgets.QMessageBox.critical(None, title, f"{exc.zh}\n\n{exc.en}")
            return 2
        window = MainWindow(store, settings, settings_path)
        cleanup.callback(lambda: window.store.close())  # before the folder goes: Windows keeps open files
        window.show()
        if files:
            window.import_paths(files)
        elif settings.last_report is not None and settings.last_report in store.report_ids():
            window.open_report(settings.last_report)
        return app.exec()


def _version() -> str:
    from desktop import __version__

    return __version__
