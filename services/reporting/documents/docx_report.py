"""The consolidated report as a Vietnamese administrative document (Decree 30/2020/NĐ-CP)."""

import io
from datetime import UTC, datetime, time

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_PARAGRAPH_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from services.reporting.documents.deterministic import normalize_zip, number, percent
from services.reporting.documents.model import ConsolidatedReport, Figures, Narrative

FONT = "Times New Roman"
CENTER, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY


def _setup(document: DocxDocument) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(14)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(3)


def _write(
    paragraph: Paragraph,
    text: str,
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
    align: WD_PARAGRAPH_ALIGNMENT | None = None,
) -> Paragraph:
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    run.font.name = FONT
    if size:
        run.font.size = Pt(size)
    if align is not None:
        paragraph.alignment = align
    return paragraph


def _line(parent, text: str, **style) -> Paragraph:  # type: ignore[no-untyped-def]
    return _write(parent.add_paragraph(), text, **style)


def _two_columns(document, left: int, right: int) -> Table:  # type: ignore[no-untyped-def]
    """A borderless two-column block with fixed widths (header, recipients and signature)."""
    table = document.add_table(rows=1, cols=2)
    table.autofit = False
    for column, width in zip(table.columns, (left, right), strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width
    return table


def _header(document, report: ConsolidatedReport) -> None:  # type: ignore[no-untyped-def]
    table = _two_columns(document, Mm(58), Mm(107))
    left, right = table.rows[0].cells
    _write(left.paragraphs[0], report.superior.upper(), size=13, align=CENTER)
    _line(left, report.issuer.upper(), bold=True, size=13, align=CENTER)
    _line(left, report.number_symbol, size=13, align=CENTER)
    _write(
        right.paragraphs[0], "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=12, align=CENTER
    )
    _line(right, "Độc lập - Tự do - Hạnh phúc", bold=True, size=14, align=CENTER)
    day = report.report_date
    _line(
        right,
        f"{report.place}, ngày {day:%d} tháng {day:%m} năm {day:%Y}",
        italic=True,
        size=14,
        align=CENTER,
    )


def _figures_sentence(figures: Figures) -> str:
    return (
        f"Tổ chức {number(figures.activities)} hoạt động với {number(figures.participants)} "
        f"lượt người tham dự (nam: {number(figures.men)}, nữ: {number(figures.women)}); "
        f"phát hành {number(figures.materials)} tài liệu, ấn phẩm."
    )


def _table(document, header: list[str], rows: list[list[str]]) -> Table:  # type: ignore[no-untyped-def]
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        _write(cell.paragraphs[0], text, bold=True, size=12, align=CENTER)
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            _write(cell.paragraphs[0], text, size=12)
    return table


def _narratives(document, items: list[Narrative]) -> None:  # type: ignore[no-untyped-def]
    if not items:
        _line(document, "Không có.", align=JUSTIFY)
    for item in items:
        paragraph = document.add_paragraph()
        paragraph.alignment = JUSTIFY
        _write(paragraph, f"- {item.unit_name}: ", bold=True)
        _write(paragraph, item.text)


def _results(document, report: ConsolidatedReport) -> None:  # type: ignore[no-untyped-def]
    _line(document, "I. KẾT QUẢ THỰC HIỆN", bold=True)
    _line(document, f"Kết quả chung: {_figures_sentence(report.totals)}", align=JUSTIFY)
    for task in report.tasks:
        _line(document, f"{task.task_id}. {task.title}", bold=True, align=JUSTIFY)
        _line(document, _figures_sentence(task.figures), align=JUSTIFY)
        if task.by_form:
            forms = "; ".join(f"{name}: {number(n)}" for name, n in sorted(task.by_form.items()))
            _line(document, f"Hình thức: {forms}.", align=JUSTIFY)
        for highlight in task.highlights:
            _line(document, f"- {highlight}", align=JUSTIFY)
    _line(document, "Kết quả theo đợt truyền thông, ngày kỷ niệm:", italic=True)
    _table(
        document,
        [
            "Đợt truyền thông, ngày kỷ niệm",
            "Thời gian",
            "Số hoạt động",
            "Số đơn vị",
            "Người tham dự",
            "Nam",
            "Nữ",
        ],
        [
            [
                o.name,
                _span(o.starts_on, o.ends_on),
                number(o.figures.activities),
                number(o.units),
                number(o.figures.participants),
                number(o.figures.men),
                number(o.figures.women),
            ]
            for o in report.occasions
        ],
    )
    _line(document, "Kết quả báo cáo của các phòng, đơn vị:", italic=True)
    done = report.completeness
    _line(
        document,
        (
            f"Số báo cáo phải gửi: {number(done.expected)}; đã gửi: "
            f"{number(done.submitted)} (tỷ lệ đầy đủ {percent(done.completeness_rate)}); "
            f"đúng hạn: {number(done.on_time)} (tỷ lệ đúng hạn "
            f"{percent(done.timeliness_rate)})."
        ),
        align=JUSTIFY,
    )
    _table(
        document,
        ["Phòng, đơn vị", "Tình trạng", "Ngày gửi", "Đúng hạn", "Số hoạt động"],
        [
            [
                u.name,
                u.status,
                u.submitted_on.strftime("%d/%m/%Y") if u.submitted_on else "",
                {True: "Có", False: "Không", None: ""}[u.on_time],
                number(u.activities),
            ]
            for u in report.units
        ],
    )
    if report.results:
        _line(document, "Kết quả nổi bật do các phòng, đơn vị báo cáo:", italic=True)
        _narratives(document, report.results)


def _span(start, end) -> str:  # type: ignore[no-untyped-def]
    return f"{start:%d/%m/%Y}" if start == end else f"{start:%d/%m/%Y} - {end:%d/%m/%Y}"


def _closing(document, report: ConsolidatedReport) -> None:  # type: ignore[no-untyped-def]
    table = _two_columns(document, Mm(80), Mm(85))
    left, right = table.rows[0].cells
    _write(left.paragraphs[0], "Nơi nhận:", bold=True, italic=True, size=12)
    for n, recipient in enumerate(report.recipients):
        ending = "." if n == len(report.recipients) - 1 else ";"
        _line(left, f"- {recipient.rstrip('.;')}{ending}", size=11)
    titles = report.signer_title.upper().split("\n")
    _write(right.paragraphs[0], titles[0], bold=True, align=CENTER)
    for title in titles[1:]:
        _line(right, title, bold=True, align=CENTER)
    for _ in range(3):
        right.add_paragraph()
    _line(right, report.signer_name, bold=True, align=CENTER)


def build_docx(report: ConsolidatedReport) -> bytes:
    document = Document()
    _setup(document)
    _header(document, report)
    document.add_paragraph()
    _line(document, "BÁO CÁO", bold=True, align=CENTER)
    _line(
        document,
        (
            f"Kết quả thực hiện Kế hoạch truyền thông thực hiện chương trình phòng "
            f"ngừa và ứng phó với bạo lực trên cơ sở giới năm {report.plan_year}"
        ),
        bold=True,
        align=CENTER,
    )
    _line(
        document,
        (
            f"{report.period_name} (từ ngày {report.period_start:%d/%m/%Y} đến ngày "
            f"{report.period_end:%d/%m/%Y})"
        ),
        italic=True,
        align=CENTER,
    )
    _line(
        document,
        (
            f"Thực hiện {report.legal_basis}, {report.issuer} đã ban hành "
            f"{report.plan_title}. {report.issuer} báo cáo kết quả thực hiện như sau:"
        ),
        align=JUSTIFY,
    )
    _results(document, report)
    _line(document, "II. KHÓ KHĂN, VƯỚNG MẮC", bold=True)
    _narratives(document, report.difficulties)
    _line(document, "III. ĐỀ XUẤT, KIẾN NGHỊ", bold=True)
    _narratives(document, report.proposals)
    document.add_paragraph()
    _closing(document, report)
    stamp = datetime.combine(report.report_date, time(), UTC)
    props = document.core_properties
    props.author = props.last_modified_by = report.issuer
    props.title = f"Báo cáo {report.period_name}"
    props.created = props.modified = props.last_printed = stamp
    props.revision = 1
    out = io.BytesIO()
    document.save(out)
    return normalize_zip(out.getvalue())
