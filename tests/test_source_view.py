"""The source view: pages and text shown, highlights placed, clicks mapped back, zoom, find, laziness.

Screenshots of a highlighted PDF page and of a text report are saved to the test's tmp_path for a human look.
"""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest

from desktop.core.document import Location
from desktop.core.pipeline import analyse_file
from desktop.core.readers import read_bytes, read_file
from desktop.gui.qt import QtCore, QtGui, Qt
from desktop.gui.source_pdf import HIGHLIGHT_PAD_PT
from desktop.gui.source_text import OffsetMap, display_text
from desktop.gui.source_view import SourceView

REPORTS = Path(__file__).resolve().parent / "fixtures" / "reports"
PDF = REPORTS / "f10_2020_pdf_table_split.pdf"  # 4 pages, tables on pages 2-3
TEXT = REPORTS / "f15_2020_text_tab.txt"




@pytest.fixture
def view(qtbot) -> SourceView:
    widget = SourceView()
    qtbot.addWidget(widget)
    widget.resize(700, 900)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def wait_rendered(qtbot, view: SourceView) -> None:
    """Until every page the view wants at the current zoom shows its sharp pixmap."""
    pdf = view.pdf_view
    qtbot.waitUntil(lambda: set(pdf.wanted_pages()) <= set(pdf.rendered_pages()), timeout=5000)


def open_pdf(qtbot, view: SourceView, path: Path = PDF):
    report = analyse_file(path)
    view.show_document(report.document, path.read_bytes())
    wait_rendered(qtbot, view)
    return report


def scene_rect(view: SourceView, loc: Location) -> QtCore.QRectF:
    return QtCore.QRectF(*view.pdf_view.layout_.bbox_to_scene(loc.page, loc.bbox))


# ---------------------------------------------------------------------------------------------
# PDF


def test_pdf_shows_pages_in_a_graphics_view(qtbot, view):
    report = open_pdf(qtbot, view)
    assert view.mode == "pdf"
    assert len(view.pdf_view.layout_.pages) == len(report.document.pages) == 4
    assert 1 in view.pdf_view.rendered_pages()


def test_highlight_overlay_sits_on_the_cell_box(qtbot, view):
    report = open_pdf(qtbot, view)
    loc = report.cells["active.licensing.decisions"].locations[0]
    assert loc.page == 2 and loc.bbox is not None
    view.highlight([loc])
    items = view.pdf_view.highlight_items()
    assert len(items) == 1
    pad = HIGHLIGHT_PAD_PT * view.pdf_view.zoom
    drawn = items[0].sceneBoundingRect()
    expected = scene_rect(view, loc)
    inner = items[0].rect().adjusted(pad, pad, -pad, -pad)
    assert inner.x() == pytest.approx(expected.x()) and inner.y() == pytest.approx(expected.y())
    assert inner.width() == pytest.approx(expected.width()) and inner.height() == pytest.approx(expected.height())
    assert drawn.contains(expected)
    # scrolled into view
    visible = view.pdf_view.mapToScene(view.pdf_view.viewport().rect()).boundingRect()
    assert visible.contains(expected)


def test_document_shown_and_highlighted_before_the_widget_is_shown(qtbot):
    widget = SourceView()
    qtbot.addWidget(widget)
    report = analyse_file(PDF)
    loc = report.cells["requests.new.total"].locations[0]
    widget.show_document(report.document, PDF.read_bytes())
    widget.highlight([loc])
    assert widget.pdf_view.rendered_pages() == []  # nothing rendered for a hidden view
    widget.resize(700, 900)
    widget.show()
    wait_rendered(qtbot, widget)
    pdf = widget.pdf_view
    visible = pdf.mapToScene(pdf.viewport().rect()).boundingRect()
    assert visible.contains(scene_rect(widget, loc))
    assert loc.page in pdf.rendered_pages()


def test_new_highlight_replaces_the_old_and_empty_clears(qtbot, view):
    report = open_pdf(qtbot, view)
    first = report.cells["active.licensing.decisions"].locations[0]
    second = report.cells["requests.new.total"].locations[0]
    view.highlight([first])
    view.highlight([second, first])
    assert view.highlighted() == [second, first]
    assert [i.data(0)[0] for i in view.pdf_view.highlight_items()] == [second.page, first.page]
    assert len(view.pdf_view.scene().items()) == len(view.pdf_view.layout_.pages) + 2
    view.highlight([])
    assert view.pdf_view.highlight_items() == []


def test_locations_without_box_highlight_nothing_on_pages(qtbot, view):
    open_pdf(qtbot, view)
    view.highlight([Location(10, 12), Location(3, 4, page=99, bbox=(1, 1, 2, 2)), Location(3, 4, page=1)])
    assert view.pdf_view.highlight_items() == []


def test_click_on_a_page_emits_page_and_point(qtbot, view):
    report = open_pdf(qtbot, view)
    loc = report.cells["active.licensing.decisions"].locations[0]
    view.highlight([loc])
    centre = scene_rect(view, loc).center()
    pos = view.pdf_view.mapFromScene(centre)
    with qtbot.waitSignal(view.clicked, timeout=2000) as blocker:
        qtbot.mouseClick(view.pdf_view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    offset, page, point = blocker.args
    assert offset is None and page == loc.page
    x0, top, x1, bottom = loc.bbox
    assert x0 <= point[0] <= x1 and top <= point[1] <= bottom


def test_click_between_pages_emits_nothing(qtbot, view):
    open_pdf(qtbot, view)
    layout = view.pdf_view.layout_
    gap_y = (layout.page(1).bottom + layout.page(2).y) / 2
    view.pdf_view.centerOn(layout.width / 2, gap_y)
    pos = view.pdf_view.mapFromScene(QtCore.QPointF(layout.width / 2, gap_y))
    with qtbot.assertNotEmitted(view.clicked, wait=100):
        qtbot.mouseClick(view.pdf_view.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def test_zoom_renders_a_larger_pixmap(qtbot, view):
    open_pdf(qtbot, view)
    before = view.pdf_view.page_item(1).pixmap.size()
    z = view.zoom()
    view.zoom_in()
    assert view.zoom() > z
    wait_rendered(qtbot, view)
    after = view.pdf_view.page_item(1).pixmap.size() if 1 in view.pdf_view.rendered_pages() else None
    if after is None:  # zoomed far enough that page 1 scrolled out: check the page on screen
        page = view.pdf_view.rendered_pages()[0]
        after = view.pdf_view.page_item(page).pixmap.size()
    assert after.width() > before.width() and after.height() > before.height()
    dpr = view.pdf_view.device_ratio()
    rect = view.pdf_view.layout_.page(1)
    assert after.width() == pytest.approx(rect.width * dpr, abs=1.5)


def test_zoom_keeps_the_centre_in_place(qtbot, view):
    report = open_pdf(qtbot, view)
    loc = report.cells["active.licensing.decisions"].locations[0]
    view.highlight([loc])
    pdf = view.pdf_view
    view.set_zoom(1.0)
    view.highlight([loc])  # centred now (or visible)
    centre = pdf.viewport().rect().center()
    before = pdf.layout_.scene_to_page(*_xy(pdf.mapToScene(centre)))
    view.set_zoom(2.0)
    after = pdf.layout_.scene_to_page(*_xy(pdf.mapToScene(centre)))
    assert before[0] == after[0]
    assert after[1] == pytest.approx(before[1], abs=2) and after[2] == pytest.approx(before[2], abs=2)


def _xy(p: QtCore.QPointF) -> tuple[float, float]:
    return p.x(), p.y()


def test_ctrl_wheel_zooms_and_fit_width_restores(qtbot, view):
    open_pdf(qtbot, view)
    pdf = view.pdf_view
    fit = view.zoom()
    pos = QtCore.QPointF(200, 200)
    event = QtGui.QWheelEvent(
        pos, pdf.viewport().mapToGlobal(pos), QtCore.QPoint(0, 0), QtCore.QPoint(0, 120),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase, False,
    )
    QtCore.QCoreApplication.sendEvent(pdf.viewport(), event)
    assert view.zoom() == pytest.approx(fit * 1.1)
    view.zoom_out()
    assert view.zoom() < fit * 1.1
    view.fit_width()
    assert view.zoom() == pytest.approx(fit)


def test_fit_width_follows_the_widget_width(qtbot, view):
    open_pdf(qtbot, view)
    z = view.zoom()
    view.resize(500, 900)
    qtbot.waitUntil(lambda: view.zoom() < z)
    view.set_zoom(1.5)
    view.resize(650, 900)
    qtbot.wait(20)
    assert view.zoom() == 1.5  # a chosen zoom is kept


def test_only_pages_near_the_viewport_are_rendered(qtbot, view):
    report = open_pdf(qtbot, view)
    pdf = view.pdf_view
    rendered = set(pdf.rendered_pages())
    assert rendered == set(pdf.wanted_pages())
    assert 1 in rendered and 4 not in rendered and len(rendered) < len(report.document.pages)
    assert all(pdf.page_item(n).pixmap is None for n in range(1, 5) if n not in rendered)
    # scrolling to the end renders the last page and lets the first go
    pdf.verticalScrollBar().setValue(pdf.verticalScrollBar().maximum())
    wait_rendered(qtbot, view)
    assert 4 in pdf.rendered_pages() and pdf.page_item(1).pixmap is None


def test_pages_render_at_the_device_pixel_ratio(qtbot, view):
    open_pdf(qtbot, view)
    item = view.pdf_view.page_item(1)
    assert item.pixmap.devicePixelRatio() == pytest.approx(view.pdf_view.device_ratio())


def test_find_on_pages_hits_cells_in_order_and_misses(qtbot, view):
    report = open_pdf(qtbot, view)
    assert view.find("5376")
    (item,) = view.pdf_view.highlight_items()
    assert item.data(0) == (2, report.cells["active.licensing.decisions"].locations[0].bbox)
    assert not view.find("没有这段文字xyz")
    # two hits for 第二十条: the search walks forward, then back
    assert view.find("第二十条")
    first = view.pdf_view.highlight_items()[0].data(0)
    assert view.find("第二十条")
    second = view.pdf_view.highlight_items()[0].data(0)
    assert second != first
    assert view.find("第二十条", backwards=True)
    assert view.pdf_view.highlight_items()[0].data(0) == first


def test_find_is_case_insensitive_on_pages(qtbot, view):
    from desktop.core.document import DocumentBuilder, Page

    builder = DocumentBuilder()
    builder.add_line([("Total ABC", 1, (72, 72, 200, 90))])
    doc = builder.build("x.pdf", "pdf", [Page(1, 595, 842)])
    view.show_document(doc, PDF.read_bytes())
    assert view.find("total abc")


def test_scanned_page_without_text_layer_still_renders(qtbot, view):
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    img = Image.new("L", (300, 400), 255)
    ImageDraw.Draw(img).rectangle((100, 150, 200, 250), fill=0)
    pdf = FPDF(unit="pt", format=(595, 842))
    pdf.add_page()
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    pdf.image(buf, x=0, y=0, w=595, h=842)
    data = bytes(pdf.output())
    doc = read_bytes(data, "scan.pdf")
    assert doc.lines == [] and doc.scan.pending  # the reader leaves the scan to OCR
    view.show_document(doc, data)
    assert view.mode == "pdf"
    wait_rendered(qtbot, view)
    image = view.pdf_view.page_item(1).pixmap.toImage()
    centre = image.pixelColor(image.width() // 2, image.height() // 2)
    corner = image.pixelColor(10, 10)
    assert centre.lightness() < 60 and corner.lightness() > 200


def test_pdf_without_bytes_shows_its_text(qtbot, view):
    report = analyse_file(PDF)
    view.show_document(report.document, None)
    assert view.mode == "text"
    assert view.text_view.toPlainText() == display_text(report.document.text)


def test_broken_pdf_bytes_fall_back_to_text(qtbot, view):
    report = analyse_file(PDF)
    view.show_document(report.document, b"%PDF-1.4 nonsense")
    assert view.mode == "text"


def test_clear_shows_nothing(qtbot, view):
    open_pdf(qtbot, view)
    view.clear()
    assert view.mode == "empty" and view.document is None
    assert view.pdf_view.scene().items() == []
    assert not view.find("5376")
    view.highlight([Location(0, 1)])  # no crash


def test_open_time_of_a_six_page_report(qtbot, view, tmp_path):
    """Benchmark-ish: prints the time until the first page shows; asserts only that it shows."""
    import pypdfium2 as pdfium

    from desktop.gui.source_render import PDFIUM_LOCK

    with PDFIUM_LOCK:  # build a 6+ page report from two fixtures
        merged = pdfium.PdfDocument.new()
        for path in (PDF, REPORTS / "f03_2020_html_ruled.pdf"):
            src = pdfium.PdfDocument(path.read_bytes())
            merged.import_pages(src)
            src.close()
        out = io.BytesIO()
        merged.save(out)
        merged.close()
    data = out.getvalue()
    path = tmp_path / "six.pdf"
    path.write_bytes(data)
    doc = read_file(path)
    assert len(doc.pages) >= 6
    started = time.perf_counter()
    view.show_document(doc, data)
    shown = time.perf_counter()
    qtbot.waitUntil(lambda: 1 in view.pdf_view.rendered_pages(), timeout=5000)
    first = time.perf_counter()
    wait_rendered(qtbot, view)
    ms = view.pdf_view.renderer.render_ms
    print(
        f"\n{len(doc.pages)}-page PDF: show_document {1000 * (shown - started):.1f} ms, "
        f"first page on screen {1000 * (first - started):.1f} ms, "
        f"page renders {', '.join(f'{m:.1f}' for m in ms)} ms at zoom {view.zoom():.2f}, "
        f"dpr {view.pdf_view.device_ratio():g}; rendered pages {view.pdf_view.rendered_pages()}"
    )
    assert set(view.pdf_view.rendered_pages()) < set(range(1, len(doc.pages) + 1))


# ---------------------------------------------------------------------------------------------
# Text


def open_text(view: SourceView, path: Path = TEXT):
    report = analyse_file(path)
    view.show_document(report.document, path.read_bytes())
    return report


def test_text_report_shows_its_text(qtbot, view):
    report = open_text(view)
    assert view.mode == "text"
    assert view.text_view.toPlainText() == report.document.text
    assert view.text_view.isReadOnly()


@pytest.mark.parametrize("name", ["f05_2021_docx_merged.docx", "f01_2020_html_table.html"])
def test_docx_and_html_show_their_text(qtbot, view, name):
    report = open_text(view, REPORTS / name)
    assert view.mode == "text"
    assert "政府信息公开" in view.text_view.toPlainText()
    loc = next(c.locations[0] for c in report.cells.values() if c.locations)
    view.highlight([loc])
    assert view.text_view.highlighted_spans() == [(loc.start, loc.end)]


def test_text_highlight_sets_extra_selections_over_the_span(qtbot, view):
    report = open_text(view)
    loc = report.cells["active.normative.made"].locations[0]
    other = report.cells["active.normative.total"].locations[0]
    view.highlight([loc, other])
    sels = view.text_view.extraSelections()
    assert len(sels) == 2
    assert (sels[0].cursor.selectionStart(), sels[0].cursor.selectionEnd()) == (loc.start, loc.end)
    assert view.text_view.highlighted_spans() == [(loc.start, loc.end), (other.start, other.end)]
    assert sels[0].format.background().color().name() == "#ffb000"
    # scrolled into view
    rect = view.text_view.position_of(loc.start)
    assert view.text_view.viewport().rect().contains(rect.center())
    assert view.highlighted() == [loc, other]
    view.highlight([])
    assert view.text_view.extraSelections() == [] and view.highlighted() == []


def test_click_on_text_emits_the_character_offset(qtbot, view):
    report = open_text(view)
    loc = report.cells["active.licensing.decisions"].locations[0]
    view.highlight([loc])
    target = loc.start + 1 if loc.end - loc.start > 1 else loc.start
    rect = view.text_view.position_of(target)
    with qtbot.waitSignal(view.clicked, timeout=2000) as blocker:
        qtbot.mouseClick(view.text_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    offset, page, point = blocker.args
    assert page is None and point is None
    assert abs(offset - target) <= 1
    assert view.text_view.offset_at(rect.center()) == target


def test_text_zoom_scales_the_font(qtbot, view):
    open_text(view)
    size = view.text_view.font().pointSizeF()
    view.zoom_in()
    assert view.text_view.font().pointSizeF() > size
    view.fit_width()
    assert view.text_view.font().pointSizeF() == pytest.approx(size)


def test_find_in_text_wraps_and_misses(qtbot, view):
    open_text(view)
    text = view.text_view.toPlainText()
    assert view.find("规章")
    first = view.text_view.textCursor().selectionStart()
    assert text[first:first + 2] == "规章"
    hits = text.count("规章")
    for _ in range(hits):  # all the way round
        assert view.find("规章")
    assert view.text_view.textCursor().selectionStart() == first
    assert view.find("规章", backwards=True)
    assert not view.find("没有这段文字xyz")


def test_offset_map_counts_characters_outside_the_bmp():
    text = "a𠀀b\r\nc"
    m = OffsetMap(display_text(text))
    assert len(display_text(text)) == len(text)
    assert [m.to_qt(i) for i in range(len(text) + 1)] == [0, 1, 3, 4, 5, 6, 7]
    assert [m.to_python(p) for p in range(8)] == [0, 1, 1, 2, 3, 4, 5, 6]


def test_astral_characters_keep_highlights_aligned(qtbot, view):
    from desktop.core.document import DocumentBuilder

    builder = DocumentBuilder()
    builder.add_line([("𠀀𠀁名称", None, None), ("42", None, None)])
    doc = builder.build("x.txt", "text")
    view.show_document(doc)
    loc = doc.lines[0].cells[1].loc
    view.highlight([loc])
    (sel,) = view.text_view.extraSelections()
    assert sel.cursor.selectedText() == "42"


# ---------------------------------------------------------------------------------------------
# Screenshots (for a human look; they assert only that they were written)


def test_screenshots(qtbot, view, tmp_path):
    report = open_pdf(qtbot, view)
    view.highlight(report.cells["active.licensing.decisions"].locations)
    wait_rendered(qtbot, view)
    qtbot.wait(50)
    assert view.grab().save(str(tmp_path / "source_pdf.png"))
    view.set_zoom(2.0)
    wait_rendered(qtbot, view)
    view.highlight(report.cells["active.licensing.decisions"].locations)
    wait_rendered(qtbot, view)
    assert view.grab().save(str(tmp_path / "source_pdf_zoom200.png"))
    text_report = open_text(view, REPORTS / "f17_2022_text_tab_gb18030.txt")
    key = next(k for k, c in text_report.cells.items() if c.locations and c.value)
    view.highlight(text_report.cells[key].locations)
    qtbot.wait(50)
    assert view.grab().save(str(tmp_path / "source_text.png"))
