"""Layout pieces of a Decree 30/2020/NĐ-CP document (python-docx): page, fonts, rules, tables."""

from collections.abc import Sequence

from docx.document import Document
from docx.enum.table import WD_ALIGN_VERTICAL, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_PARAGRAPH_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Mm, Pt
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

FONT = "Times New Roman"
BODY_PT = 14  # Decree 30: body text 13-14 pt
TABLE_PT = 13
PAGE_MM = (210, 297)  # A4
MARGINS_MM = {
    "top": 20,
    "bottom": 20,
    "left": 30,
    "right": 15,
}  # Decree 30: 20-25/20-25/30-35/15-20
TEXT_MM = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]
CELL_PADDING_MM = 3.8  # left + right cell margins of Word's default table style (2 x 0.19 cm)
CENTER, JUSTIFY, RIGHT = (
    WD_ALIGN_PARAGRAPH.CENTER,
    WD_ALIGN_PARAGRAPH.JUSTIFY,
    WD_ALIGN_PARAGRAPH.RIGHT,
)
# what may follow w:pBdr inside w:pPr (ECMA-376 sequence), to insert the border in its place
_AFTER_PBDR = [
    *("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct"),
    *("w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd"),
    *("w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents"),
    *("w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap"),
    *("w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange"),
]


def _times_new_roman(fonts: BaseOxmlElement) -> None:
    """Every script slot: Latin (with Vietnamese), East-Asian and complex; no theme fonts."""
    for attribute in list(fonts.attrib):
        del fonts.attrib[attribute]
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{slot}"), FONT)


def set_up(document: Document) -> None:
    """A4 portrait, Decree 30 margins, Times New Roman everywhere, pages numbered from page 2."""
    section = document.sections[0]
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.header_distance = Mm(10)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert defaults is not None
    run_defaults = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    assert run_defaults is not None
    _times_new_roman(run_defaults.find(qn("w:rFonts")))
    language = run_defaults.find(qn("w:lang"))
    if language is not None:
        language.set(qn("w:val"), "vi-VN")
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(BODY_PT)
    _times_new_roman(normal.element.get_or_add_rPr().get_or_add_rFonts())
    paragraph = normal.paragraph_format
    paragraph.space_before, paragraph.space_after, paragraph.line_spacing = Pt(0), Pt(6), 1.0
    # Decree 30: the page number, centred in the top margin, not shown on the first page
    section.different_first_page_header_footer = True
    number = section.header.paragraphs[0]
    number.alignment = CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run, text = OxmlElement("w:r"), OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    number._p.append(field)


def write(
    paragraph: Paragraph,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
    align: WD_PARAGRAPH_ALIGNMENT | None = None,
) -> Paragraph:
    """Append a run; size None keeps the Normal 14 pt."""
    run = paragraph.add_run(text)
    run.bold, run.italic = bold or None, italic or None
    run.font.name = FONT
    if size:
        run.font.size = Pt(size)
    if align is not None:
        paragraph.alignment = align
    return paragraph


def line(parent: Document | _Cell, text: str, **style: object) -> Paragraph:
    return write(parent.add_paragraph(), text, **style)  # type: ignore[arg-type]


def body(document: Document, text: str = "", **style: object) -> Paragraph:
    """A justified body paragraph with the usual 1.27 cm first-line indent."""
    paragraph = line(document, text, align=JUSTIFY, **style)
    paragraph.paragraph_format.first_line_indent = Cm(1.27)
    return paragraph


def rule(parent: Document | _Cell, length_mm: float, inner_mm: float) -> Paragraph:
    """A centred solid line `length_mm` long, under the previous paragraph (Decree 30)."""
    paragraph = parent.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = Mm((inner_mm - length_mm) / 2)
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(4), Pt(2)
    borders, top = OxmlElement("w:pBdr"), OxmlElement("w:top")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "auto")):
        top.set(qn(f"w:{key}"), value)
    borders.append(top)
    paragraph._p.get_or_add_pPr().insert_element_before(borders, *_AFTER_PBDR)
    return paragraph


def _widths(table: Table, widths_mm: Sequence[float]) -> None:
    table.autofit = False
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)


def columns(document: Document, widths_mm: Sequence[float], rows: int = 1) -> Table:
    """A borderless block of side-by-side cells (header, recipients and signature)."""
    table: Table = document.add_table(rows=rows, cols=len(widths_mm))
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)
    _widths(table, widths_mm)
    return table


def grid(
    document: Document,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths_mm: Sequence[float],
    text_columns: int = 1,
) -> Table:
    """A ruled table, header row bold and repeated on each page; numbers right-aligned."""
    table: Table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, widths_mm)
    heading = table.rows[0]
    heading._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for cell, text in zip(heading.cells, header, strict=True):
        _cell(cell, text, bold=True, align=CENTER)
    for values in rows:
        row = table.add_row()  # type: ignore[no-untyped-call]
        keep_row_together(row)
        for index, (cell, text) in enumerate(zip(row.cells, values, strict=True)):
            _cell(cell, text, align=None if index < text_columns else RIGHT)
    return table


def keep_row_together(row: _Row) -> None:
    """A row that cannot break across pages (it moves to the next page whole)."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _cell(cell: _Cell, text: str, **style: object) -> None:
    cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
    paragraph = write(cell.paragraphs[0], text, size=TABLE_PT, **style)  # type: ignore[arg-type]
    fmt = paragraph.paragraph_format
    fmt.space_before, fmt.space_after = Pt(2), Pt(2)
