"""Word reports (.docx): the form most reports are written in before they become PDFs.

The body is read straight from its XML in document order, because the tables sit between the
sections and a table's place is what tells the mapper which table it is. A paragraph becomes a line
of one cell; a table row becomes a line of its real cells. Vertically merged continuation cells are
padding Word adds under a merged label, so they are left out; a real empty cell stays as an empty
cell, because an empty cell in a present table means 0 and must be reported as such.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from io import BytesIO

from docx.opc.part import Part, XmlPart
from docx.oxml import parse_xml
from docx.package import Package
from lxml import etree

from desktop.core.document import Document, DocumentBuilder, UnreadableError
from desktop.core.limits import MAX_UNZIPPED_BYTES, MAX_XML_PART_BYTES, MAX_ZIP_PARTS, too_large
from desktop.core.readers.html import LAYOUT_CELL_CHARS, decode_html, html_lines, join_parts, squeeze, tab_cells

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"

# Markup that only wraps blocks, rows or cells (content controls, custom XML).
_WRAPPERS = {W + "sdt", W + "sdtContent", W + "customXml"}
# Subtrees whose text is not printed: deleted or moved-away revisions, the VML copy of a text box
# kept for old Word versions, ruby (phonetic) text, and run/paragraph properties (w:tabs holds tab
# stops, not tab characters).
_NOT_PRINTED = {W + "del", W + "moveFrom", MC + "Fallback", W + "rt", W + "rPr", W + "pPr"}
_BREAKS = {W + "br", W + "cr"}


def read_docx(data: bytes, source: str) -> Document:
    """Read a Word report into a :class:`Document` (kind ``docx``); page and box stay unknown."""
    reader = _BodyReader(*_open_main_part(data))
    reader.walk(reader.body, reader.lines)
    builder = DocumentBuilder()
    for cells in reader.lines:
        builder.add_line([(cell, None, None) for cell in cells])
    return builder.build(source, "docx", notes=reader.notes)


def _open_main_part(data: bytes) -> tuple[etree._Element, Part]:
    """The root element of the main document part and the part itself (for its embedded parts),
    or the reason the file cannot be opened, worded for the auditor."""
    if data.startswith(OLE_MAGIC):
        raise _ole_error(data)
    _check_inflated(data)
    try:
        part = Package.open(BytesIO(data)).main_document_part
        # .docm and .dotx main parts are not parsed by python-docx, but their XML is the same
        root = part.element if isinstance(part, XmlPart) else parse_xml(part.blob)
    except Exception as exc:  # any failure inside the package means the file is damaged
        raise _damaged() from exc
    if root.find(W + "body") is None:
        raise _damaged()
    return root, part


def _check_inflated(data: bytes) -> None:
    """Refuse, before anything is inflated, a package whose parts would fill memory (a zip bomb,
    or megabytes of generated XML): the sizes come from the zip directory, and inflating stops
    at the size the directory gives."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise _damaged() from exc
    biggest_xml = max((i.file_size for i in infos if i.filename.lower().endswith((".xml", ".rels"))), default=0)
    if biggest_xml > MAX_XML_PART_BYTES:
        raise too_large(f"DOCX 中的文字内容解压后有 {biggest_xml // 2**20} MB",
                        f"A part of the DOCX inflates to {biggest_xml // 2**20} MB of XML")
    total = sum(i.file_size for i in infos)
    if total > MAX_UNZIPPED_BYTES or len(infos) > MAX_ZIP_PARTS:
        raise too_large(f"DOCX 解压后有 {total // 2**20} MB、{len(infos)} 个部分",
                        f"The DOCX inflates to {total // 2**20} MB in {len(infos)} parts")


def _damaged() -> UnreadableError:
    return UnreadableError("DOCX 文件已损坏，无法打开", "The DOCX file is damaged and cannot be opened")


def _ole_error(data: bytes) -> UnreadableError:
    """An OLE compound file is either a password-protected Office file or an old binary .doc."""
    if "EncryptedPackage".encode("utf-16-le") in data:
        return UnreadableError(
            "该 Word 文件设置了打开密码（已加密），无法读取；请去掉密码后另存为 .docx 或 PDF 再打开",
            "The Word file is password-protected (encrypted); remove the password, "
            "save it as .docx or PDF and try again",
        )
    return UnreadableError(
        "这是加密的 Office 文件或旧版 Word（.doc）文件，无法直接读取；请用 Word 另存为 .docx 或 PDF 再打开",
        "This is an encrypted Office file or an old Word (.doc) file; save it as .docx or PDF and try again",
    )


class _BodyReader:
    """Walks the body of one document part, collecting lines (lists of cell texts) and notes."""

    def __init__(self, root: etree._Element, part: Part) -> None:
        self.part = part
        self.body = root.find(W + "body")
        self.lines: list[list[str]] = []
        self.notes: list[str] = []
        if next(self.body.iter(W + "del", W + "ins", W + "moveFrom"), None) is not None:
            self.notes.append("文档中有未接受的修订痕迹，已按修订后的文字读取；请与正式发布的版本核对")

    def walk(self, container: etree._Element, out: list[list[str]], cell: list[str] | None = None) -> None:
        """Read the blocks of ``container`` in order into ``out``; inside a table cell, paragraph
        texts go to ``cell`` (to be joined into the cell's text) and nested rows still go to ``out``."""
        for child in container:
            tag = child.tag
            if tag == W + "p":
                self._paragraph(child, out, cell)
            elif tag == W + "tbl":
                self._table(child, out, cell)
            elif tag in _WRAPPERS:
                self.walk(child, out, cell)
            elif tag == W + "altChunk":
                self._alt_chunk(child, out)

    def _paragraph(self, p: etree._Element, out: list[list[str]], cell: list[str] | None) -> None:
        text, boxes = _paragraph_text(p)
        if cell is None:
            cells = tab_cells(text.replace("\n", " ")) if "\t" in text else [join_parts(_squeezed_lines(text))]
            if any(cells):
                out.append(cells)
        elif part := join_parts(_squeezed_lines(text.replace("\t", " "))):
            cell.append(part)
        for box in boxes:  # a text box is a block of its own, printed next to the paragraph
            self.walk(box, out)

    def _table(self, tbl: etree._Element, out: list[list[str]], cell: list[str] | None) -> None:
        if _is_layout(tbl):  # a frame or page layout: its cells are ordinary text blocks
            for tc in _real_cells(tbl):
                self.walk(tc, out, cell)
            return
        for tr in _children(tbl, W + "tr"):
            if tr.find(f"{W}trPr/{W}del") is not None:  # a deleted row (tracked change)
                continue
            cells: list[str] = []
            nested: list[list[str]] = []
            for tc in _children(tr, W + "tc"):
                if _is_continuation(tc):
                    continue
                parts: list[str] = []
                self.walk(tc, nested, parts)
                cells.append(join_parts(parts))
            if cells:
                out.append(cells)
            out.extend(nested)

    def _alt_chunk(self, chunk: etree._Element, out: list[list[str]]) -> None:
        """Web-system exports embed the report as an HTML chunk that Word renders in place."""
        part = self.part.related_parts.get(chunk.get(R_ID))
        content_type = getattr(part, "content_type", "")
        if part is not None and "html" in content_type:
            out.extend(html_lines(decode_html(part.blob)[0]))
        elif part is not None and content_type.startswith("text/plain"):
            out.extend(cells for cells in map(tab_cells, decode_html(part.blob)[0].splitlines()) if cells)
        else:
            self.notes.append("文档中嵌入了无法读取的内容块，其中的文字未读取；请与原文核对")


def _paragraph_text(p: etree._Element) -> tuple[str, list[etree._Element]]:
    """The printed text of a paragraph (tabs as ``\\t``, line breaks as ``\\n``) and the contents
    of the text boxes anchored in it, which are read as blocks of their own."""
    pieces: list[str] = []
    boxes: list[etree._Element] = []

    def visit(el: etree._Element) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _NOT_PRINTED:
                continue
            if tag == W + "txbxContent":
                boxes.append(child)
            elif tag == W + "r" and _hidden(child):
                continue
            elif tag == W + "t":
                pieces.append(child.text or "")
            elif tag == W + "tab":
                pieces.append("\t")
            elif tag in _BREAKS:
                pieces.append("\n")
            elif tag == W + "noBreakHyphen":
                pieces.append("-")
            else:
                visit(child)

    visit(p)
    return "".join(pieces), boxes


def _hidden(run: etree._Element) -> bool:
    """A run formatted as hidden text is not printed in the published report."""
    vanish = run.find(f"{W}rPr/{W}vanish")
    return vanish is not None and vanish.get(W + "val", "true") not in ("0", "false", "off")


def _squeezed_lines(text: str) -> list[str]:
    """The soft-wrapped lines of a paragraph, each with its whitespace collapsed."""
    return [squeeze(line) for line in text.split("\n")]


def _children(el: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Children with ``tag``, looking through content controls and custom XML around them."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tag)


def _is_continuation(tc: etree._Element) -> bool:
    """A cell that only continues a merge from above (vMerge) or from the left (legacy hMerge)."""
    for name in ("vMerge", "hMerge"):
        merge = tc.find(f"{W}tcPr/{W}{name}")
        if merge is not None and merge.get(W + "val", "continue") == "continue":
            return True
    return False


def _real_cells(tbl: etree._Element) -> Iterator[etree._Element]:
    for tr in _children(tbl, W + "tr"):
        yield from (tc for tc in _children(tr, W + "tc") if not _is_continuation(tc))


def _is_layout(tbl: etree._Element) -> bool:
    """A one-column frame drawn around text, or a table with a cell of prose: not a figures table."""
    rows = [[tc for tc in _children(tr, W + "tc") if not _is_continuation(tc)] for tr in _children(tbl, W + "tr")]
    if all(len(cells) <= 1 for cells in rows):
        return True
    return any(_text_length(tc) > LAYOUT_CELL_CHARS for cells in rows for tc in cells)


def _text_length(tc: etree._Element) -> int:
    return sum(len("".join((t.text or "").split())) for t in tc.iter(W + "t"))
