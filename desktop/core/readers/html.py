"""Web-page reports: the HTML of a published report, saved from a browser or a CMS export.

Government sites publish the report as a web page whose tables carry ``rowspan``/``colspan`` merges
and whose page chrome (您当前的位置, 浏览量, 文件下载) surrounds the text. The reader keeps the page's
reading order: every block of text becomes a line of one cell, every table row a line of its real
cells, so the mapper sees the same shapes as from a text copy of the page. Merge continuations are
not cells and are left out; a real empty ``<td>`` is kept as an empty cell, because an empty cell
inside a present table means 0 and must be reported as such.

The whitespace helpers here are shared with the DOCX reader: both sources wrap Chinese labels over
several lines, and the label must come back as one word.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterator

from bs4 import BeautifulSoup, NavigableString, Tag

from desktop.core.document import Document, DocumentBuilder
from desktop.core.limits import MAX_HTML_TAGS, MAX_TABLE_COLUMNS, MAX_TABLE_SLOTS, too_large

# A table with a cell this long holds prose, not numbers: it is a page layout (or a frame drawn
# around the report), so its cells are read as ordinary blocks. Real report cells hold at most a
# ~40-character row label.
LAYOUT_CELL_CHARS = 500

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
_GB_LABELS = {"gb2312", "gbk", "x-gbk", "gb_2312-80", "gb_2312", "cp936", "ms936", "windows-936", "euc-cn", "csgb2312"}
_NOT_FOR_CHINESE = {"iso-8859-1", "latin1", "latin-1", "windows-1252", "cp1252", "us-ascii", "ascii"}

_DROPPED = {"script", "style", "noscript", "head", "template"}
_BLOCKS = {
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog",
    "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "option", "p",
    "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}
_SPACE = re.compile(r"\s+")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


# ---------------------------------------------------------------- whitespace shared with DOCX


def is_wide(ch: str) -> bool:
    """True for characters that Chinese text sets without spaces around them (汉字, full-width
    punctuation, “”、—). Full-width digits and letters count as narrow so that ``１２ ３４`` stays
    two numbers."""
    if "\uff10" <= ch <= "\uff19" or "\uff21" <= ch <= "\uff3a" or "\uff41" <= ch <= "\uff5a":
        return False
    width = unicodedata.east_asian_width(ch)
    if width in ("W", "F"):
        return True
    return width == "A" and not unicodedata.category(ch).startswith("L")


def squeeze(text: str) -> str:
    """Collapse whitespace as a reader sees it: gone between two Chinese characters (``规　　章``,
    a source line break inside a label), one space elsewhere so that two numbers never merge."""
    text = _INVISIBLE.sub("", text)

    def one(m: re.Match[str]) -> str:
        s, e = m.start(), m.end()
        if 0 < s and e < len(text) and is_wide(text[s - 1]) and is_wide(text[e]):
            return ""
        return " "

    return _SPACE.sub(one, text).strip()


def join_parts(parts: list[str]) -> str:
    """Join the wrapped lines of one cell or paragraph: no separator next to a Chinese character
    (本年新 + 制作数量 → 本年新制作数量), a space between two western words or numbers."""
    out = ""
    for part in parts:
        if not part:
            continue
        if out and not is_wide(out[-1]) and not is_wide(part[0]):
            out += " "
        out += part
    return out


def tab_cells(text: str) -> list[str]:
    """A line whose columns are set with tabs → its cells, exactly as the text reader splits the
    same line copied out as text (empty cells between tabs kept); [] for a blank line."""
    cells = [squeeze(piece) for piece in text.split("\t")]
    return cells if any(cells) else []


# ---------------------------------------------------------------- decoding


def decode_html(data: bytes) -> tuple[str, str, bool]:
    """Decode a page: BOM, then the declared charset, then UTF-8, then GB18030.

    Returns (text, encoding, lossy); lossy means undecodable bytes were replaced. GB2312/GBK labels
    are read as GB18030, their superset, because pages labelled GB2312 routinely hold GBK characters.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data.decode(encoding, errors="replace")
            return text, encoding, "\ufffd" in text
    declared = _declared_charset(data)
    for encoding in dict.fromkeys([e for e in (declared, "utf-8", "gb18030") if e]):
        try:
            return data.decode(encoding), encoding, False
        except UnicodeDecodeError:
            continue
    fallback = declared or "utf-8"
    return data.decode(fallback, errors="replace"), fallback, True


def _declared_charset(data: bytes) -> str | None:
    """The charset named by ``<meta charset>``, ``http-equiv`` or an XML declaration, if Python knows it.

    A western single-byte label on a Chinese page is always wrong (copied site templates), so it is
    ignored in favour of detection; so is UTF-16 declared in an ASCII-compatible file.
    """
    head = data[:16384]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    if not match:
        return None
    label = match.group(1).decode("ascii", "ignore").strip().lower()
    if label in _GB_LABELS:
        return "gb18030"
    if label in _NOT_FOR_CHINESE or label.startswith(("utf-16", "utf-32")):
        return None
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


# ---------------------------------------------------------------- tables


def table_grid(table: Tag) -> list[list[tuple[int, Tag]]]:
    """The real cells of each row of ``table`` with the grid column each one starts in.

    Positions covered by a ``rowspan``/``colspan`` of an earlier cell are skipped, so a cell lands in
    the column a browser draws it in; continuation positions are not returned at all. A rowspan
    ends with the table, as in a browser, and a table wider than :data:`MAX_TABLE_COLUMNS` or
    covering more than :data:`MAX_TABLE_SLOTS` positions is refused: no report has one.
    """
    rows = _rows(table)
    covered_until: dict[int, int] = {}  # grid column -> first row no longer covered from above
    grid: list[list[tuple[int, Tag]]] = []
    slots = 0
    for r, tr in enumerate(rows):
        placed: list[tuple[int, Tag]] = []
        col = 0
        for td in _row_cells(tr):
            while covered_until.get(col, 0) > r:
                col += 1
            rowspan = min(_span(td, "rowspan"), len(rows) - r)
            colspan = _span(td, "colspan")
            slots += rowspan * colspan
            if col + colspan > MAX_TABLE_COLUMNS or slots > MAX_TABLE_SLOTS:
                raise too_large(
                    f"网页中有一个表格超过 {MAX_TABLE_COLUMNS} 列或 {MAX_TABLE_SLOTS:,} 个格子",
                    f"A table of the page is wider than {MAX_TABLE_COLUMNS} columns or covers more than {MAX_TABLE_SLOTS:,} cells",
                )
            for dc in range(colspan):
                covered_until[col + dc] = max(covered_until.get(col + dc, 0), r + rowspan)
            placed.append((col, td))
            col += colspan
        grid.append(placed)
    return grid


def _span(td: Tag, attr: str) -> int:
    """A span attribute as browsers read it: junk or < 1 means 1; absurd values are capped."""
    match = re.match(r"\s*(\d{1,9})", str(td.get(attr) or ""))
    value = int(match.group(1)) if match else 1
    return min(max(value, 1), 1000)


def _rows(table: Tag) -> list[Tag]:
    """Rows of this table only (not of tables nested in its cells), through thead/tbody/tfoot."""
    rows: list[Tag] = []
    for child in table.find_all(recursive=False):
        if child.name == "tr":
            rows.append(child)
        elif child.name in ("thead", "tbody", "tfoot"):
            rows.extend(child.find_all("tr", recursive=False))
    return rows


def _row_cells(tr: Tag) -> list[Tag]:
    return tr.find_all(["td", "th"], recursive=False)


def _is_layout(table: Tag) -> bool:
    """A table used to lay out the page (or a one-column frame) rather than to hold figures."""
    rows = [_row_cells(tr) for tr in _rows(table)]
    if all(len(cells) <= 1 for cells in rows):
        return True
    return any(len(_SPACE.sub("", td.get_text())) > LAYOUT_CELL_CHARS for cells in rows for td in cells)


# ---------------------------------------------------------------- walking the page


Steps = Iterator["Steps"]  # a walk step: a generator that yields the sub-walks to run before it goes on


def run_steps(steps: Steps) -> None:
    """Run a walk and every sub-walk it yields, depth first, on a list instead of the call stack.

    Pages nest thousands of levels deep (unclosed ``<span>``s, tables in tables); Python's own
    recursion would stop at about a thousand.
    """
    stack = [steps]
    while stack:
        try:
            stack.append(next(stack[-1]))
        except StopIteration:
            stack.pop()


class _Walker:
    """Walks the page in reading order, collecting lines (lists of cell texts).

    Inside a table cell (``in_cell``) text blocks are kept apart in ``blocks`` to be joined into the
    cell's text, while rows of tables nested in the cell still become lines of their own. The
    methods that descend are generators run by :func:`run_steps`.
    """

    def __init__(self, in_cell: bool = False) -> None:
        self.in_cell = in_cell
        self.blocks: list[str] = []
        self.lines: list[list[str]] = []
        self._inline: list[str] = []

    def walk(self, node: Tag) -> Steps:
        for child in node.children:
            if isinstance(child, Tag):
                yield self._element(child)
            elif type(child) is NavigableString:  # comments, doctypes and CDATA are not text
                self._inline.append(str(child))

    def flush(self) -> None:
        self._text(squeeze("".join(self._inline)))
        self._inline = []

    def _text(self, text: str) -> None:
        if not text:
            return
        if self.in_cell:
            self.blocks.append(text)
        else:
            self.lines.append([text])

    def _element(self, el: Tag) -> Steps:
        name = el.name
        if name in _DROPPED:
            return
        if name == "br":
            self.flush()
        elif name == "table" and not _is_layout(el):
            self.flush()
            yield self._table(el)
        elif name == "pre":
            self.flush()
            self._pre(el)
        else:
            block = name in _BLOCKS
            if block:
                self.flush()
            yield self.walk(el)
            if block:
                self.flush()

    def _pre(self, pre: Tag) -> None:
        """Preformatted text keeps its line breaks; outside a table its tabs separate cells."""
        for raw in pre.get_text().split("\n"):
            if self.in_cell:
                self._text(squeeze(raw))
            elif cells := tab_cells(raw):
                self.lines.append(cells)

    def _table(self, table: Tag) -> Steps:
        """One line per row, in order; a caption or stray markup between rows (CMS output puts
        ``<div>``s and text there) is read as ordinary blocks where it stands."""
        grid = dict(zip(map(id, _rows(table)), table_grid(table)))
        for item in _table_items(table):
            if isinstance(item, Tag) and item.name == "tr":
                yield self._row(grid[id(item)])
            elif isinstance(item, Tag):
                if item.name not in ("colgroup", "col"):
                    self.flush()
                    yield self.walk(item)
                    self.flush()
            elif type(item) is NavigableString:
                self._inline.append(str(item))
        self.flush()

    def _row(self, placed: list[tuple[int, Tag]]) -> Steps:
        cells: list[str] = []
        nested: list[list[str]] = []
        for _, td in placed:
            inner = _Walker(in_cell=True)
            yield inner.walk(td)
            inner.flush()
            cells.append(join_parts(inner.blocks))
            nested.extend(inner.lines)
        if cells:
            self.lines.append(cells)
        self.lines.extend(nested)


def _table_items(table: Tag) -> Iterator[Tag | NavigableString]:
    """The children of a table in order, looking through thead/tbody/tfoot."""
    for child in table.children:
        if isinstance(child, Tag) and child.name in ("thead", "tbody", "tfoot"):
            yield from child.children
        else:
            yield child


def html_lines(text: str) -> list[list[str]]:
    """The lines of a decoded page in reading order; each line is its cell texts.

    Scripts, styles and the ``<head>`` are dropped, and so are navigation menus; page chrome in the
    body (您当前的位置, 浏览量) is kept as ordinary lines, since the mapper knows to pass over it.
    A page of more than :data:`MAX_HTML_TAGS` tags is refused before it is parsed.
    """
    if text.count("<") > MAX_HTML_TAGS:
        raise too_large(f"网页的标记超过 {MAX_HTML_TAGS:,} 个", f"The page has more than {MAX_HTML_TAGS:,} tags")
    soup = BeautifulSoup(text, "lxml")
    for el in soup.find_all(list(_DROPPED)):
        el.decompose()
    for el in soup.find_all(_is_navigation):
        el.decompose()
    walker = _Walker()
    run_steps(walker.walk(soup.body or soup))
    walker.flush()
    return walker.lines


def _is_navigation(el: Tag) -> bool:
    """Site menus: ``<nav>``, role=navigation, and a site-level header/footer with no heading or
    table in it (an article's own ``<header>`` holds the report title and is kept)."""
    if el.name == "nav" or el.get("role") == "navigation":
        return True
    if el.name not in ("header", "footer"):
        return False
    if el.find_parent(["article", "main", "section"]) is not None:
        return False
    return el.find(["h1", "h2", "h3", "table"]) is None


def read_html(data: bytes, source: str) -> Document:
    """Read a web-page report into a :class:`Document` (kind ``html``).

    A page with no text gives a document with no lines; saying that it is not a report is the
    caller's job, as for every other kind of file.
    """
    text, encoding, lossy = decode_html(data)
    builder = DocumentBuilder()
    for cells in html_lines(text):
        builder.add_line([(cell, None, None) for cell in cells])
    notes = ["网页中有部分字符无法按其编码识别，已用“�”代替；相关数字请核对原文"] if lossy else []
    document = builder.build(source, "html", notes=notes)
    document.encoding = encoding
    document.properties = page_properties(text)
    return document


_META_TAG = re.compile(r"<meta\b[^>]*>", re.I)
_META_ATTR = re.compile(r"""(name|content)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
PAGE_PROPERTIES = ("ArticleTitle", "PubDate", "ContentSource", "SiteName")


def page_properties(text: str) -> dict[str, str]:
    """The national 政府网站 meta tags of a saved page (ArticleTitle, PubDate, ContentSource…).

    Portals built on the national site template declare the report's title, date and publishing
    agency there even when the body omits them.
    """
    found: dict[str, str] = {}
    for tag in _META_TAG.findall(text[:200_000]):
        attrs = {m.group(1).lower(): next(g for g in m.groups()[1:] if g is not None) for m in _META_ATTR.finditer(tag)}
        name = next((p for p in PAGE_PROPERTIES if p.lower() == attrs.get("name", "").lower()), None)
        if name and attrs.get("content", "").strip() and name not in found:
            found[name] = attrs["content"].strip()
    return found
