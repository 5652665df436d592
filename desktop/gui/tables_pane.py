"""The extracted tables as editable grids that look like the official template, one tab per table.

Editing follows spreadsheet habits because auditors come from Excel: typing replaces the cell,
Enter moves down, Tab moves right, Delete clears, Ctrl+C / Ctrl+V exchange tab-separated blocks
with Excel. Nothing here changes the report: edits and pastes are *requested* through signals and
the main window applies them as undoable commands; the grids repaint when the session says so.
"""

from __future__ import annotations

from desktop.core.findings import Severity
from desktop.core.grid import VALUE, Grid, build_grid
from desktop.core.layouts import Table, split_key, version_choices
from desktop.core.review import InvalidValue, ReviewSession
from desktop.gui import labels, style
from desktop.gui.cell_grid_model import DOUBT_ROLE, CellGridModel
from desktop.gui.frozen import FrozenColumns
from desktop.gui.qt import QtCore, QtGui, QtWidgets, Qt, Signal, Slot

QT_TRANSLATE_NOOP = QtCore.QT_TRANSLATE_NOOP  # marks texts for pyside6-lupdate; translated where shown

# The short names the shipped layouts give their tables (Table.tab), marked so they get translated;
# a new layout's own name shows as written until the translation file learns it.
TAB_NAMES = (
    QT_TRANSLATE_NOOP("TablesPane", "主动公开"),
    QT_TRANSLATE_NOOP("TablesPane", "依申请公开"),
    QT_TRANSLATE_NOOP("TablesPane", "复议诉讼"),
)
# The numbers the official tables carry (Table.number), so a tab can say "Table 2" in English.
TABLE_NUMBERS = (
    QT_TRANSLATE_NOOP("TablesPane", "二"),
    QT_TRANSLATE_NOOP("TablesPane", "三"),
    QT_TRANSLATE_NOOP("TablesPane", "四"),
)
GRID_LINE = "#c3c8d1"
CURRENT_BORDER = "#3b6fb6"
SELECTION_TINT = QtGui.QColor(59, 111, 182, 70)  # translucent, so a finding's colour stays visible
ROW_PADDING = 6  # a little air above and below the text: rows sized to contents are cramped

_Delegate = QtWidgets.QAbstractItemDelegate


def tab_title(table: Table) -> str:
    translate = QtCore.QCoreApplication.translate
    name = translate("TablesPane", table.tab) if table.tab else table.title
    number = translate("TablesPane", table.number) if table.number in TABLE_NUMBERS else table.number
    return translate("TablesPane", "表{0} {1}").format(number, name)


def parse_clipboard(text: str) -> list[list[str]]:
    """A tab/newline block as Excel puts it on the clipboard (CRLF, a trailing newline) → rows of texts."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    if not text.strip():
        return []
    return [[cell.strip().strip('"') for cell in line.split("\t")] for line in text.split("\n")]


def paint_doubt_mark(painter: QtGui.QPainter, rect: QtCore.QRect) -> None:
    """The mark of a cell OCR was unsure of: a dashed outline and a filled corner, like a
    spreadsheet's error triangle, so it reads through any finding colour and in grey print."""
    painter.save()
    colour = QtGui.QColor(style.OCR_DOUBT)
    pen = QtGui.QPen(colour, 1.5, Qt.DashLine)
    painter.setPen(pen)
    painter.drawRect(QtCore.QRectF(rect).adjusted(2, 2, -2, -2))
    side = max(8, min(rect.height(), rect.width()) // 3)
    corner = QtGui.QPolygon([rect.topLeft(), rect.topLeft() + QtCore.QPoint(side, 0),
                             rect.topLeft() + QtCore.QPoint(0, side)])
    painter.setPen(Qt.NoPen)
    painter.setBrush(colour)
    painter.drawPolygon(corner)
    painter.restore()


class _GridDelegate(QtWidgets.QStyledItemDelegate):
    """Sizes merged cells by their whole width, and paints the selection as a tint, not a fill.

    Qt sizes a row from each cell as if it were one column wide; a label merged over three
    columns would then wrap into a needlessly tall row. The tint keeps a selected error cell red.
    """

    def __init__(self, view: GridView):
        super().__init__(view)
        self.view = view

    def sizeHint(self, option: QtWidgets.QStyleOptionViewItem, index: QtCore.QModelIndex) -> QtCore.QSize:
        cell = self.view.grid_model().cell(index)
        if cell is None or not cell.merged:
            return super().sizeHint(option, index) + QtCore.QSize(0, ROW_PADDING)
        wide = QtWidgets.QStyleOptionViewItem(option)
        width = sum(self.view.columnWidth(c) for c in range(cell.col, cell.col + cell.colspan))
        wide.rect = QtCore.QRect(option.rect.x(), option.rect.y(), width - 1, option.rect.height())
        hint = super().sizeHint(wide, index)
        return QtCore.QSize(hint.width(), -(-(hint.height() + ROW_PADDING) // cell.rowspan))  # shared by its rows

    def paint(self, painter: QtGui.QPainter, option: QtWidgets.QStyleOptionViewItem, index: QtCore.QModelIndex) -> None:
        selected = bool(option.state & QtWidgets.QStyle.State_Selected)
        plain = QtWidgets.QStyleOptionViewItem(option)
        plain.state &= ~QtWidgets.QStyle.State_Selected
        plain.state &= ~QtWidgets.QStyle.State_HasFocus
        painter.fillRect(option.rect, QtGui.QColor("white"))  # the view painted a selected row's panel blue
        super().paint(painter, plain, index)
        if index.data(DOUBT_ROLE):
            paint_doubt_mark(painter, option.rect)
        current = index == self.view.currentIndex()
        if selected:
            painter.fillRect(option.rect, SELECTION_TINT)
        if selected or current:  # an outline, so a selected cell never reads as the pale-blue 提示
            painter.save()
            painter.setPen(QtGui.QPen(QtGui.QColor(CURRENT_BORDER), 2 if current else 1))
            painter.drawRect(option.rect.adjusted(1, 1, -1, -1) if current else option.rect.adjusted(0, 0, -1, -1))
            painter.restore()

    def createEditor(self, parent: QtWidgets.QWidget, option, index: QtCore.QModelIndex) -> QtWidgets.QWidget:
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QtWidgets.QLineEdit):
            editor.setAlignment(Qt.AlignRight | Qt.AlignVCenter)  # numbers are typed where they show
        return editor


class GridView(QtWidgets.QTableView):
    """One official table: merged cells, spreadsheet keys, edits and pastes as requests."""

    cell_selected = Signal(str)
    edit_requested = Signal(str, object, object)
    paste_requested = Signal(dict)
    invalid = Signal(str)

    def __init__(self, model: CellGridModel, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self._model = model
        model.setParent(self)
        self._rejected = False  # the last committed edit was refused: stay on the cell
        self.frozen: FrozenColumns | None = None  # the row labels kept in place (set once the grid is sized)
        self.setModel(model)
        self.setItemDelegate(_GridDelegate(self))
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setEditTriggers(QtWidgets.QAbstractItemView.AnyKeyPressed
                             | QtWidgets.QAbstractItemView.DoubleClicked
                             | QtWidgets.QAbstractItemView.EditKeyPressed)
        self.setSelectionMode(QtWidgets.QAbstractItemView.ExtendedSelection)
        self.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectItems)
        self.setTabKeyNavigation(True)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.ElideNone)
        self.setShowGrid(True)
        self.setGridStyle(Qt.SolidLine)
        self.setStyleSheet(f"QTableView {{ gridline-color: {GRID_LINE}; background: white; }}")
        self.setHorizontalScrollMode(QtWidgets.QAbstractItemView.ScrollPerPixel)
        self.setVerticalScrollMode(QtWidgets.QAbstractItemView.ScrollPerPixel)
        for cell in model.grid.merged_cells():
            self.setSpan(cell.row, cell.col, cell.rowspan, cell.colspan)
        self._size_columns()
        self.resizeRowsToContents()
        labels_width = model.grid.value_area()[1]  # the row-label columns left of the first number
        # Its own delegate: a delegate shared by two views sends the grid's editor signals to both.
        self.frozen = FrozenColumns(self, labels_width, _GridDelegate(self)) if labels_width > 0 else None
        first = model.grid.keys()
        if first:
            self._go(model.index_of(first[0]))
        self.selectionModel().currentChanged.connect(self._current_changed)
        model.edit_requested.connect(self.edit_requested)
        model.invalid.connect(self._refused)

    # ------------------------------------------------------------------ access
    def grid_model(self) -> CellGridModel:
        return self._model

    @property
    def grid(self) -> Grid:
        return self._model.grid

    def current_key(self) -> str | None:
        return self._model.key_at(self.currentIndex())

    def select_key(self, key: str) -> bool:
        index = self._model.index_of(key)
        if not index.isValid():
            return False
        self._go(index)
        return True

    # ------------------------------------------------------------------ layout
    def _size_columns(self) -> None:
        """Label columns wide enough for the official wording; value columns narrow, like the template."""
        em = self.fontMetrics().horizontalAdvance("国")
        for col, width in enumerate(column_widths(self.grid, em)):
            self.setColumnWidth(col, width)

    # ------------------------------------------------------------------ keys
    def event(self, event: QtCore.QEvent) -> bool:
        """Claim Ctrl+C / Ctrl+V while the grid has focus, before a window shortcut takes them."""
        if event.type() == QtCore.QEvent.ShortcutOverride and (
                event.matches(QtGui.QKeySequence.StandardKey.Copy)
                or event.matches(QtGui.QKeySequence.StandardKey.Paste)):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QtGui.QKeyEvent) -> None:
        if event.matches(QtGui.QKeySequence.StandardKey.Copy):
            self.copy_selection()
            event.accept()
            return
        if event.matches(QtGui.QKeySequence.StandardKey.Paste):
            self.paste()
            event.accept()
            return
        key = event.key()
        if self.state() == QtWidgets.QAbstractItemView.EditingState:
            if key in (Qt.Key_Return, Qt.Key_Enter):  # bounced back by the editor; the delegate commits it
                event.accept()
                return
            super().keyPressEvent(event)
            return
        if key in (Qt.Key_Return, Qt.Key_Enter):
            self._move(self._below())
        elif key == Qt.Key_Tab:
            self._move(self._step(forward=True))
        elif key == Qt.Key_Backtab:
            self._move(self._step(forward=False))
        elif key == Qt.Key_Delete:
            self.clear_selection()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def closeEditor(self, editor: QtWidgets.QWidget, hint: _Delegate.EndEditHint) -> None:
        """After Enter / Tab / Shift+Tab in the editor, move like a spreadsheet (or stay if refused)."""
        moves = {
            _Delegate.SubmitModelCache: self._below,  # Enter
            _Delegate.EditNextItem: lambda: self._step(True),  # Tab
            _Delegate.EditPreviousItem: lambda: self._step(False),  # Shift+Tab
        }
        rejected, self._rejected = self._rejected, False
        if hint not in moves:
            super().closeEditor(editor, hint)
            return
        super().closeEditor(editor, _Delegate.NoHint)
        if not rejected:
            self._move(moves[hint]())

    @Slot(str)
    def _refused(self, reason: str) -> None:
        self._rejected = True
        self.invalid.emit(reason)

    def _below(self) -> tuple[int, int] | None:
        index = self.currentIndex()
        return self.grid.value_below(index.row(), index.column()) if index.isValid() else None

    def _step(self, forward: bool) -> tuple[int, int] | None:
        index = self.currentIndex()
        if not index.isValid():
            keys = self.grid.keys()
            return self.grid.position(keys[0]) if keys else None
        return self.grid.next_value(index.row(), index.column(), forward)

    def _move(self, target: tuple[int, int] | None) -> None:
        if target is None:
            return
        self._go(self._model.index(*target))

    def scrollTo(self, index: QtCore.QModelIndex, hint=QtWidgets.QAbstractItemView.EnsureVisible) -> None:  # noqa: N802
        """Scroll as Qt does, then clear of the frozen labels: a value cell is never hidden under them."""
        super().scrollTo(index, hint)
        if self.frozen is None or index.column() < self.frozen.count:
            return
        hidden = self.frozen.width() - self.visualRect(index).left()
        if hidden > 0:
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() - hidden)

    def _go(self, index: QtCore.QModelIndex) -> None:
        """Make one cell current and the only one selected, whatever modifier keys happen to be held."""
        self.selectionModel().setCurrentIndex(index, QtCore.QItemSelectionModel.ClearAndSelect)
        self.scrollTo(index)

    # ------------------------------------------------------------------ clipboard and clearing
    def _selected_rect(self) -> tuple[int, int, int, int] | None:
        indexes = self.selectedIndexes() or ([self.currentIndex()] if self.currentIndex().isValid() else [])
        if not indexes:
            return None
        rows = [i.row() for i in indexes]
        cols = [i.column() for i in indexes]
        bottom = max(i.row() + self.rowSpan(i.row(), i.column()) - 1 for i in indexes)
        right = max(i.column() + self.columnSpan(i.row(), i.column()) - 1 for i in indexes)
        return min(rows), min(cols), bottom, right

    def copy_selection(self) -> str:
        """Put the selected rectangle on the clipboard as Excel reads it; returns the text."""
        rect = self._selected_rect()
        if rect is None:
            return ""
        text = self._model.text_block(*rect)
        QtGui.QGuiApplication.clipboard().setText(text)
        return text

    def paste(self) -> None:
        """Paste a tab/newline block at the current cell: all cells valid, or nothing and a reason."""
        index = self.currentIndex()
        block = parse_clipboard(QtGui.QGuiApplication.clipboard().text())
        if not block:
            self.invalid.emit(self.tr("剪贴板中没有可粘贴的文字"))
            return
        if not index.isValid():
            self.invalid.emit(self.tr("请先选中要粘贴到的单元格"))
            return
        try:
            values = self._model.parse_block(index.row(), index.column(), block)
        except InvalidValue as exc:
            self.invalid.emit(str(exc))
            return
        self.paste_requested.emit(values)
        self._select_block(index.row(), index.column(), block)

    def _select_block(self, top: int, left: int, block: list[list[str]]) -> None:
        """Select what was pasted, as spreadsheets do, so the auditor sees where it went."""
        bottom = top + len(block) - 1
        right = left + max(len(row) for row in block) - 1
        selection = QtCore.QItemSelection(self._model.index(top, left), self._model.index(bottom, right))
        self.selectionModel().select(selection, QtCore.QItemSelectionModel.ClearAndSelect)

    def clear_selection(self) -> None:
        """Delete: empty the selected value cells (one request, so one undo step for many cells)."""
        values = {}
        for index in self.selectedIndexes() or [self.currentIndex()]:
            key = self._model.key_at(index)
            if key is not None and self._model.session.value(key) is not None:
                values[key] = None
        if len(values) == 1:
            (key, _), = values.items()
            self.edit_requested.emit(key, self._model.session.value(key), None)
        elif values:
            self.paste_requested.emit(values)

    # ------------------------------------------------------------------ selection
    def _current_changed(self, current: QtCore.QModelIndex, _previous: QtCore.QModelIndex) -> None:
        key = self._model.key_at(current)
        if key is not None:
            self.cell_selected.emit(key)


def column_widths(grid: Grid, em: int) -> list[int]:
    """Pixel widths per grid column, in CJK characters (plus cell padding) so any font size fits.

    In table 三 the outermost label column is narrow, so 三、本年度办理结果 stacks one character per
    line as in the printed template; the innermost fits most labels on one line; value columns
    fit a six-character header (社会公益组织) so headers do not break mid-word.
    """
    pad = 10
    value_cols = sorted({c.col for c in grid.cells if c.kind == VALUE})
    first_value = value_cols[0] if value_cols else grid.cols
    if first_value == 0:  # table 四: fifteen narrow value columns under a two-level header
        return [4 * em + pad] * grid.cols
    if first_value == 1:  # table 二: one label column, few value columns with long headers
        return [11 * em + pad] + [9 * em + pad] * (grid.cols - 1)
    labels = [2 * em + 6] + [7 * em + pad] * (first_value - 2) + [13 * em + pad]
    return labels + [6 * em + pad] * (grid.cols - first_value)


class _Legend(QtWidgets.QWidget):
    """What the colours mean, under the tabs, so nobody has to guess."""

    def __init__(self, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        row = QtWidgets.QHBoxLayout(self)
        row.setContentsMargins(4, 2, 4, 2)
        row.setSpacing(6)
        row.addWidget(QtWidgets.QLabel(self.tr("图例：")))
        for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO):
            self._add(row, labels.severity(severity), f"background: {style.SEVERITY_BACKGROUND[severity]};")
        self._add(row, self.tr("已更正"),
                  f"background: {style.CORRECTED_BACKGROUND}; color: {style.CORRECTED_FOREGROUND}; font-weight: bold;", "9")
        self._add(row, self.tr("原文未找到"), f"background: {style.MISSING_BACKGROUND}; color: #666;",
                  style.MISSING_TEXT)
        self.doubt = self._add(row, self.tr("识别存疑"), "background: white;")
        self.doubt[0].setPixmap(_doubt_sample(self.doubt[0].contentsRect().size(), self.devicePixelRatioF()))
        row.addStretch(1)
        self.show_ocr(False)

    def show_ocr(self, shown: bool) -> None:
        """The OCR mark is explained only for a scan: other reports never carry it."""
        for widget in self.doubt:
            widget.setVisible(shown)

    @staticmethod
    def _add(row: QtWidgets.QHBoxLayout, text: str, css: str, sample: str = "") -> tuple[QtWidgets.QLabel, ...]:
        """A swatch and its meaning; both returned, for an entry shown only with some reports."""
        swatch = QtWidgets.QLabel(sample)
        swatch.setObjectName("swatch")
        swatch.setAlignment(Qt.AlignCenter)
        swatch.setFixedSize(22, 16)
        swatch.setStyleSheet(f"QLabel#swatch {{ {css} border: 1px solid {GRID_LINE}; }}")
        row.addWidget(swatch)
        label = QtWidgets.QLabel(text)
        label.setContentsMargins(0, 0, 10, 0)
        row.addWidget(label)
        return swatch, label


def _doubt_sample(size: QtCore.QSize, ratio: float) -> QtGui.QPixmap:
    """The legend's sample of the OCR mark, drawn by the grid's own painter (sharp on high-DPI)."""
    pixmap = QtGui.QPixmap(size * ratio)
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(QtGui.QColor("white"))
    painter = QtGui.QPainter(pixmap)
    painter.setRenderHint(QtGui.QPainter.Antialiasing)
    paint_doubt_mark(painter, QtCore.QRect(QtCore.QPoint(0, 0), size))
    painter.end()
    return pixmap


class TablesPane(QtWidgets.QWidget):
    """The tabs of editable tables for the open report, with a colour legend underneath."""

    cell_selected = Signal(str)  # the current cell became this value cell
    edit_requested = Signal(str, object, object)  # key, old, new
    paste_requested = Signal(dict)  # {key: value}, all checked
    invalid = Signal(str)  # why an edit or a paste was refused

    def __init__(self, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.session: ReviewSession | None = None
        self._views: dict[str, GridView] = {}
        self._building = False  # set while tabs change under program control: no cell_selected then
        self.tabs = QtWidgets.QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.placeholder = QtWidgets.QLabel(self.tr("在左侧选择一份报告，这里显示它的表二、表三、表四。"))
        self.placeholder.setAlignment(Qt.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setStyleSheet("color: #777;")
        self.stack = QtWidgets.QStackedWidget()
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self.tabs)
        self.legend = _Legend()
        self.scan_notice = QtWidgets.QLabel()
        self.scan_notice.setWordWrap(True)
        self.scan_notice.setStyleSheet(
            f"background: {style.SEVERITY_BACKGROUND[Severity.WARNING]}; color: {style.SEVERITY_FOREGROUND[Severity.WARNING]};"
            " padding: 6px; border-radius: 3px;")
        self.scan_notice.hide()
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.scan_notice)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.legend)

    # ------------------------------------------------------------------ session
    @Slot(object)
    def set_session(self, session: ReviewSession | None) -> None:
        """Show a report's tables (or none); the previous report's models stop listening first."""
        keep_tab = self.tabs.currentIndex()
        self._clear()
        self.session = session
        self.legend.show_ocr(session is not None and session.read_by_ocr())
        self._show_scan_notice(session.unread_scan() if session is not None else [])
        if session is None or session.layout is None:
            self.placeholder.setText(
                self.tr("在左侧选择一份报告，这里显示它的表二、表三、表四。") if session is None
                else self.tr("未能识别这份报告的表格格式（{0} 版），无法显示表格。\n"
                             "请在“审核 → 表格格式”中指定报告采用的格式。").format(version_choices()))
            self.stack.setCurrentWidget(self.placeholder)
            return
        self._building = True
        try:
            for table in session.layout.tables:
                view = GridView(CellGridModel(build_grid(table), session))
                self._connect(view)
                self._views[table.key] = view
                self.tabs.addTab(view, tab_title(table))
            if 0 <= keep_tab < self.tabs.count():
                self.tabs.setCurrentIndex(keep_tab)
        finally:
            self._building = False
        self.stack.setCurrentWidget(self.tabs)

    def _show_scan_notice(self, notes: list[str]) -> None:
        """Above the tables of a scan nothing could be read from: why, and what the auditor can do."""
        self.scan_notice.setVisible(bool(notes))
        if notes:
            self.scan_notice.setText(self.tr("{0}。表格格式可在“审核 → 表格格式”中指定。").format(
                self.tr("；", "between notes").join(notes)))

    def _clear(self) -> None:
        self._building = True
        try:
            for view in self._views.values():
                view.grid_model().detach()
            self.tabs.clear()
            for view in self._views.values():
                view.deleteLater()
            self._views.clear()
        finally:
            self._building = False

    def _connect(self, view: GridView) -> None:
        view.cell_selected.connect(self.cell_selected)
        view.edit_requested.connect(self.edit_requested)
        view.paste_requested.connect(self.paste_requested)
        view.invalid.connect(self.invalid)

    # ------------------------------------------------------------------ access
    def view(self, table_key: str) -> GridView | None:
        return self._views.get(table_key)

    def current_view(self) -> GridView | None:
        widget = self.tabs.currentWidget()
        return widget if isinstance(widget, GridView) else None

    def current_key(self) -> str | None:
        view = self.current_view()
        return view.current_key() if view else None

    @Slot(str)
    def select_key(self, key: str) -> bool:
        """Show a cell: its table's tab, selected and scrolled into view; cell_selected follows exactly once."""
        view = self._views.get(split_key(key)[0])
        if view is None or not view.grid_model().index_of(key).isValid():
            return False
        self._building = True  # the tab switch must not announce the tab's old current cell
        try:
            self.tabs.setCurrentWidget(view)
        finally:
            self._building = False
        if view.current_key() == key:  # no currentChanged will come: announce it here, once
            view.scrollTo(view.grid_model().index_of(key))
            self.cell_selected.emit(key)
            return True
        return view.select_key(key)

    def commit_editing(self) -> None:
        """Save what is being typed in a cell now, before the window moves to another report (Ctrl+Enter
        pressed in the editor): the value belongs to this report and must not be dropped."""
        view = self.current_view()
        editor = QtWidgets.QApplication.focusWidget()
        if view is None or view.state() != QtWidgets.QAbstractItemView.EditingState or editor is None \
                or not view.isAncestorOf(editor):
            return
        view.commitData(editor)
        view.closeEditor(editor, _Delegate.NoHint)

    @Slot()
    def copy_selection(self) -> str:
        """Copy the shown table's selection (the window's 复制 action); returns the text copied."""
        view = self.current_view()
        return view.copy_selection() if view else ""

    @Slot()
    def paste_clipboard(self) -> None:
        """Paste the clipboard at the shown table's current cell (the window's 粘贴 action)."""
        view = self.current_view()
        if view is not None:
            view.paste()

    def _tab_changed(self, _index: int) -> None:
        """A tab shown by hand: the source view follows its current cell."""
        if self._building:
            return
        view = self.current_view()
        key = view.current_key() if view else None
        if key is not None:
            self.cell_selected.emit(key)
