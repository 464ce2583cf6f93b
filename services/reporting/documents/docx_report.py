"""The consolidated report as a Vietnamese administrative document (Decree 30/2020/NĐ-CP)."""

import io
from datetime import UTC, datetime, time

from docx import Document
from docx.document import Document as DocxDocument
from docx.shared import Pt

from services.reporting.documents.deterministic import (
    day,
    normalize_zip,
    number,
    percent,
    place_and_date,
    span,
)
from services.reporting.documents.docx_layout import (
    CELL_PADDING_MM,
    CENTER,
    TEXT_MM,
    body,
    columns,
    grid,
    line,
    rule,
    set_up,
    write,
)
from services.reporting.documents.model import ConsolidatedReport, Figures, Narrative
from services.reporting.documents.plain import plain_report

HEADER_MM = (62, TEXT_MM - 62)  # issuing body | national motto
CLOSING_MM = (80, TEXT_MM - 80)  # recipients | signature
OCCASION_HEADER = [
    "Đợt truyền thông, ngày kỷ niệm",
    "Thời gian",
    "Số hoạt động",
    "Số đơn vị tham gia",
    "Người tham dự",
    "Nam",
    "Nữ",
]
OCCASION_MM = (43, 29, 17, 17, 21, 19, 19)
TOTALS_HEADER = ["Nhiệm vụ", "Số hoạt động", "Người tham dự", "Nam", "Nữ", "Tài liệu"]
TOTALS_MM = (65, 20, 20, 20, 20, 20)
UNIT_HEADER = ["Tên đơn vị", "Tình trạng", "Ngày gửi", "Đúng hạn", "Số hoạt động"]
UNIT_MM = (58, 30, 27, 24, 26)
ON_TIME = {True: "Đúng hạn", False: "Trễ hạn", None: ""}
ARCHIVE = "Lưu: VT, VP"


def subject(report: ConsolidatedReport) -> str:
    """The report's summary line (trích yếu)."""
    return (
        "Kết quả thực hiện Kế hoạch truyền thông thực hiện chương trình phòng ngừa và ứng phó "
        f"với bạo lực trên cơ sở giới năm {report.plan_year}"
    )


def figures_sentence(figures: Figures) -> str:
    return (
        f"Tổ chức {number(figures.activities)} hoạt động với {number(figures.participants)} "
        f"lượt người tham dự (nam: {number(figures.men)}, nữ: {number(figures.women)}); "
        f"phát hành {number(figures.materials)} tài liệu, ấn phẩm."
    )


def recipients(report: ConsolidatedReport) -> list[str]:
    """ "- X;" lines, the archive line last and ending with a full stop."""
    names = [r.strip().rstrip(".;").strip() for r in report.recipients if r.strip(" .;")]
    kept = [n for n in names if not n.startswith("Lưu")]
    archive = next((n for n in names if n.startswith("Lưu")), ARCHIVE)
    return [f"- {name};" for name in kept] + [f"- {archive}."]


def _header(document: DocxDocument, report: ConsolidatedReport) -> None:
    table = columns(document, HEADER_MM, rows=2)
    (body_cell, motto_cell), (number_cell, date_cell) = (row.cells for row in table.rows)
    left, right = (width - CELL_PADDING_MM for width in HEADER_MM)
    write(body_cell.paragraphs[0], report.superior.upper(), size=13, align=CENTER)
    line(body_cell, report.issuer.upper(), bold=True, size=13, align=CENTER)
    rule(body_cell, 12, left)  # 1/2 of "SỞ TƯ PHÁP"
    motto = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    write(motto_cell.paragraphs[0], motto, bold=True, size=13, align=CENTER)
    line(motto_cell, "Độc lập - Tự do - Hạnh phúc", bold=True, size=14, align=CENTER)
    rule(motto_cell, 57, right)  # as long as the line above
    write(number_cell.paragraphs[0], report.number_symbol, size=13, align=CENTER)
    place = place_and_date(report.place, report.report_date)
    write(date_cell.paragraphs[0], place, italic=True, size=14, align=CENTER)


def _title(document: DocxDocument, report: ConsolidatedReport) -> None:
    line(document, "BÁO CÁO", bold=True, align=CENTER).paragraph_format.space_before = Pt(18)
    line(document, subject(report), bold=True, align=CENTER).paragraph_format.space_after = 0
    period = f"{report.period_name} (từ ngày {day(report.period_start)} đến ngày "
    line(document, f"{period}{day(report.period_end)})", italic=True, align=CENTER)
    rule(document, 55, TEXT_MM).paragraph_format.space_after = Pt(12)  # 1/3 of the summary line
    body(
        document,
        f"Thực hiện {report.legal_basis}, {report.issuer} đã ban hành {report.plan_title}. "
        f"{report.issuer} báo cáo kết quả thực hiện Kế hoạch trong kỳ báo cáo như sau:",
    )


def _heading(document: DocxDocument, text: str, italic: bool = False) -> None:
    """A bold heading kept on the page of what follows it."""
    fmt = body(document, text, bold=True, italic=italic).paragraph_format
    fmt.keep_with_next, fmt.space_before = True, Pt(6)


def _narratives(document: DocxDocument, items: list[Narrative]) -> None:
    if not items:
        body(document, "Không có.")
    for item in items:
        paragraph = body(document, f"- {item.unit_name}: ", bold=True)
        write(paragraph, item.text)


def _tasks(document: DocxDocument, report: ConsolidatedReport) -> None:
    _heading(document, "1. Kết quả thực hiện các nhiệm vụ của Kế hoạch")
    for task in report.tasks:
        _heading(document, f"1.{task.task_id}. {task.title}", italic=True)
        body(document, figures_sentence(task.figures))
        if task.by_form:
            forms = sorted(task.by_form.items(), key=lambda item: (-item[1], item[0]))
            listed = "; ".join(f"{name} ({number(n)} hoạt động)" for name, n in forms)
            body(document, f"Hình thức: {listed}.")
        if task.highlights:
            body(document, "Một số hoạt động tiêu biểu:")
            for highlight in task.highlights:
                body(document, f"- {highlight};")


def _occasions_and_totals(document: DocxDocument, report: ConsolidatedReport) -> None:
    _heading(document, "2. Kết quả theo đợt truyền thông, sự kiện, ngày kỷ niệm")
    rows = [
        [
            o.name,
            span(o.starts_on, o.ends_on),
            number(o.figures.activities),
            number(o.units),
            number(o.figures.participants),
            number(o.figures.men),
            number(o.figures.women),
        ]
        for o in report.occasions
    ]
    grid(document, OCCASION_HEADER, rows, OCCASION_MM, text_columns=2)
    _heading(document, "3. Tổng hợp kết quả")

    def cells(f: Figures) -> list[str]:
        return [number(v) for v in (f.activities, f.participants, f.men, f.women, f.materials)]

    rows = [[f"{t.task_id}. {t.short_title}", *cells(t.figures)] for t in report.tasks]
    table = grid(document, TOTALS_HEADER, [*rows, ["Tổng cộng", *cells(report.totals)]], TOTALS_MM)
    for cell in table.rows[-1].cells:
        for run in cell.paragraphs[0].runs:
            run.bold = True


def _units(document: DocxDocument, report: ConsolidatedReport) -> None:
    _heading(document, "4. Tình hình báo cáo của các phòng, đơn vị")
    done = report.completeness
    body(
        document,
        f"Số phòng, đơn vị phải báo cáo: {number(done.expected)}; đã gửi báo cáo: "
        f"{number(done.submitted)} (tỷ lệ đầy đủ {percent(done.completeness_rate)}); gửi "
        f"đúng hạn: {number(done.on_time)} (tỷ lệ đúng hạn {percent(done.timeliness_rate)}).",
    )
    rows = [
        [
            u.name,
            u.status,
            day(u.submitted_on) if u.submitted_on else "",
            ON_TIME[u.on_time],
            number(u.activities),
        ]
        for u in report.units
    ]
    grid(document, UNIT_HEADER, rows, UNIT_MM, text_columns=4)
    if report.results:
        _heading(document, "5. Kết quả nổi bật do các phòng, đơn vị báo cáo")
        _narratives(document, report.results)


def _closing(document: DocxDocument, report: ConsolidatedReport) -> None:
    table = columns(document, CLOSING_MM)
    left, right = table.rows[0].cells
    received = write(left.paragraphs[0], "Nơi nhận:", bold=True, italic=True, size=12)
    received.paragraph_format.space_after = 0
    for text in recipients(report):
        line(left, text, size=11).paragraph_format.space_after = 0
    titles = [t.strip().upper() for t in report.signer_title.split("\n") if t.strip()]
    write(right.paragraphs[0], titles[0] if titles else "", bold=True, align=CENTER)
    for title in titles[1:]:
        line(right, title, bold=True, align=CENTER)
    for _ in range(4):  # room for the signature and the seal
        right.add_paragraph()
    line(right, report.signer_name, bold=True, align=CENTER)
    for paragraph in right.paragraphs:
        paragraph.paragraph_format.space_after = 0


def build_docx(report: ConsolidatedReport) -> bytes:
    report = plain_report(report)
    document = Document()
    set_up(document)
    _header(document, report)
    _title(document, report)
    _heading(document, "I. KẾT QUẢ THỰC HIỆN")
    body(document, f"Kết quả chung: {figures_sentence(report.totals)}")
    _tasks(document, report)
    _occasions_and_totals(document, report)
    _units(document, report)
    _heading(document, "II. KHÓ KHĂN, VƯỚNG MẮC")
    _narratives(document, report.difficulties)
    _heading(document, "III. ĐỀ XUẤT, KIẾN NGHỊ")
    _narratives(document, report.proposals)
    body(
        document,
        f"Trên đây là báo cáo kết quả thực hiện {report.plan_title} ({report.period_name}) "
        f"của {report.issuer}./.",
    )
    document.add_paragraph()
    _closing(document, report)
    # the core properties otherwise carry the time of writing: use the report's date
    stamp = datetime.combine(report.report_date, time(), UTC)
    props = document.core_properties
    props.author = props.last_modified_by = report.issuer
    props.title, props.subject = report.period_name, subject(report)
    props.comments = "PlanPulse"
    props.created = props.modified = stamp
    props.revision = 1
    out = io.BytesIO()
    document.save(out)
    return normalize_zip(out.getvalue())
