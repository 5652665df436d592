"""Find in the source as a bar under it, like a browser's: the term stays, the count shows, F3 goes on.

A modal dialog hid the source it was searching and forgot the term; the bar keeps both in view.
"""

from __future__ import annotations

from desktop.gui.qt import QtGui, QtWidgets, Qt, Signal


class FindBar(QtWidgets.QWidget):
    """Emits ``find(text, backwards)``; the window answers with :meth:`show_result`."""

    find = Signal(str, bool)

    def __init__(self, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.edit = QtWidgets.QLineEdit(placeholderText=self.tr("在原文中查找"))
        self.edit.setClearButtonEnabled(True)
        self.count = QtWidgets.QLabel()
        self.count.setMinimumWidth(90)
        previous = QtWidgets.QToolButton(text=self.tr("上一个"))
        previous.setToolTip(self.tr("上一个（Shift+F3）"))
        following = QtWidgets.QToolButton(text=self.tr("下一个"))
        following.setToolTip(self.tr("下一个（F3 或 Enter）"))
        close = QtWidgets.QToolButton(text="×")
        close.setToolTip(self.tr("关闭查找（Esc）"))
        row = QtWidgets.QHBoxLayout(self)
        row.setContentsMargins(2, 2, 2, 2)
        row.addWidget(self.edit, 1)
        row.addWidget(self.count)
        row.addWidget(previous)
        row.addWidget(following)
        row.addWidget(close)
        self.edit.returnPressed.connect(lambda: self.go(backwards=False))
        previous.clicked.connect(lambda: self.go(backwards=True))
        following.clicked.connect(lambda: self.go(backwards=False))
        close.clicked.connect(self.hide)
        self.edit.textChanged.connect(lambda _: self.count.clear())
        QtGui.QShortcut(QtGui.QKeySequence("Shift+Return"), self.edit, lambda: self.go(backwards=True),
                        context=Qt.WidgetShortcut)
        self.hide()

    def open(self) -> None:
        """Ctrl+F: show the bar with the last term selected, so typing replaces it and Enter repeats it."""
        self.show()
        self.edit.setFocus(Qt.ShortcutFocusReason)
        self.edit.selectAll()

    def go(self, backwards: bool) -> None:
        """F3 / Shift+F3 and Enter: search the term again; with no term yet, open the bar to type one."""
        if not self.edit.text():
            self.open()
            return
        self.find.emit(self.edit.text(), backwards)

    def show_result(self, matches: int) -> None:
        self.count.setText(self.tr("共 {0} 处").format(matches) if matches else self.tr("未找到"))
        self.count.setStyleSheet("" if matches else "color: #a4161a;")

    def keyPressEvent(self, event: QtGui.QKeyEvent) -> None:  # noqa: N802 - Qt API
        if event.key() == Qt.Key_Escape:
            self.hide()
            event.accept()
            return
        super().keyPressEvent(event)
