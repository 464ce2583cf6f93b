"""The consolidated report as a Vietnamese administrative document (Decree 30/2020/NĐ-CP)."""

import io
from datetime import UTC, datetime, time

from docx import Document
from docx.document import Document as DocxDocument
from docx.shared import Pt
from docx.table import Table

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
    keep_row_together,
    line,
    rule,
    set_up,
    write,
)
from services.reporting.documents.model import (
    ConsolidatedReport,
    Figures,
    Narrative,
    OccasionResult,
)
from services.reporting.documents.plain import plain_report

HEADER_MM = (62, TEXT_MM - 62)  # issuing body | national motto
CLOSING_MM = (80, TEXT_MM - 80)  # recipients | signature
UNSPECIFIED = "Chưa tách nam/nữ"
OCCASION_HEADER = [
    "Đợt truyền thông, ngày kỷ niệm",
    "Thời gian",
    "Số hoạt động",
    "Số đơn vị tham gia",
    "Người tham dự",
    "Nam",
    "Nữ",
    UNSPECIFIED,
]
OCCASION_MM = (40, 27, 15, 15, 18, 15, 14, 21)
FIGURES_HEADER = ["Số hoạt động", "Người tham dự", "Nam", "Nữ", UNSPECIFIED, "Tài liệu"]
FIGURES_MM = (18, 19, 16, 16, 21, 17)
TOTALS_HEADER = ["Nhiệm vụ", *FIGURES_HEADER]
UNITS_HEADER = ["Phòng, đơn vị", *FIGURES_HEADER]
ROWS_MM = (TEXT_MM - sum(FIGURES_MM), *FIGURES_MM)
STATUS_HEADER = ["Tên đơn vị", "Tình trạng", "Ngày gửi", "Đúng hạn", "Số hoạt động"]
STATUS_MM = (58, 30, 27, 24, 26)
ON_TIME = {True: "Đúng hạn", False: "Trễ hạn", None: ""}
ARCHIVE = "Lưu: VT, VP"
INTERNAL = "(Tài liệu sử dụng trong nội bộ Sở, không gửi kèm báo cáo)"


class Names:
    """Units' short names, spelled out at their first use: "Phòng … (PBGDPL)", then "PBGDPL"."""

    def __init__(self, names: dict[str, str]) -> None:
        self.names, self.used = names, set[str]()

    def __call__(self, short: str) -> str:
        name = self.names.get(short, short)
        if short in self.used or name == short:
            return short
        self.used.add(short)
        return f"{name} ({short})"

    def listed(self, shorts: list[str]) -> str:
        said = [self(short) for short in shorts]
        return said[0] if len(said) == 1 else f"{', '.join(said[:-1])} và {said[-1]}"


def subject(report: ConsolidatedReport) -> str:
    """The report's summary line (trích yếu): the plan's title already says "thực hiện"."""
    return f"Kết quả triển khai {report.heading.plan_title}"


def figures_sentence(figures: Figures) -> str:
    unspecified = f", chưa tách nam/nữ: {number(figures.unspecified)}"
    return (
        f"Tổ chức {number(figures.activities)} hoạt động với {number(figures.participants)} "
        f"lượt người tham dự (nam: {number(figures.men)}, nữ: {number(figures.women)}"
        f"{unspecified if figures.unspecified else ''}); "
        f"phát hành {number(figures.materials)} tài liệu, ấn phẩm."
    )


def recipients(report: ConsolidatedReport) -> list[str]:
    """ "- X;" lines, the archive line last and ending with a full stop."""
    names = [r.strip().rstrip(".;").strip() for r in report.heading.recipients if r.strip(" .;")]
    kept = [n for n in names if not n.startswith("Lưu")]
    archive = next((n for n in names if n.startswith("Lưu")), ARCHIVE)
    return [f"- {name};" for name in kept] + [f"- {archive}."]


def period_line(report: ConsolidatedReport) -> str:
    """Under the title: the period's window, and where its figures stop if it has not ended."""
    until = f"; số liệu đến ngày {day(report.data_until)}" if report.data_until else ""
    return (
        f"{report.period_name} (từ ngày {day(report.period_start)} đến ngày "
        f"{day(report.period_end)}{until})"
    )


def _header(document: DocxDocument, report: ConsolidatedReport) -> None:
    heading = report.heading
    table = columns(document, HEADER_MM, rows=2)
    (body_cell, motto_cell), (number_cell, date_cell) = (row.cells for row in table.rows)
    left, right = (width - CELL_PADDING_MM for width in HEADER_MM)
    write(body_cell.paragraphs[0], heading.superior.upper(), size=13, align=CENTER)
    line(body_cell, heading.issuer.upper(), bold=True, size=13, align=CENTER)
    rule(body_cell, 12, left)  # 1/2 of "SỞ TƯ PHÁP"
    motto = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    write(motto_cell.paragraphs[0], motto, bold=True, size=13, align=CENTER)
    line(motto_cell, "Độc lập - Tự do - Hạnh phúc", bold=True, size=14, align=CENTER)
    rule(motto_cell, 57, right)  # as long as the line above
    write(number_cell.paragraphs[0], heading.number_symbol, size=13, align=CENTER)
    place = place_and_date(heading.place, report.report_date)
    write(date_cell.paragraphs[0], place, italic=True, size=14, align=CENTER)


def _title(document: DocxDocument, report: ConsolidatedReport) -> None:
    heading = report.heading
    line(document, "BÁO CÁO", bold=True, align=CENTER).paragraph_format.space_before = Pt(18)
    line(document, subject(report), bold=True, align=CENTER).paragraph_format.space_after = 0
    line(document, period_line(report), italic=True, align=CENTER)
    rule(document, 55, TEXT_MM).paragraph_format.space_after = Pt(12)  # 1/3 of the summary line
    body(
        document,
        f"Thực hiện {heading.legal_basis}, {heading.issuer} đã ban hành "
        f"{heading.plan_reference}. {heading.issuer} báo cáo kết quả triển khai Kế hoạch trong "
        "kỳ báo cáo như sau:",
    )


def _heading(document: DocxDocument, text: str, italic: bool = False) -> None:
    """A bold heading kept on the page of what follows it."""
    fmt = body(document, text, bold=True, italic=italic).paragraph_format
    fmt.keep_with_next, fmt.space_before = True, Pt(6)


def _narratives(document: DocxDocument, items: list[Narrative], names: Names) -> None:
    if not items:
        body(document, "Không có.")
    for item in items:
        paragraph = body(document, f"- {names.listed(item.units)}: ", bold=True)
        write(paragraph, item.text)


def _tasks(document: DocxDocument, report: ConsolidatedReport, names: Names) -> None:
    _heading(document, "1. Kết quả thực hiện các nhiệm vụ của Kế hoạch")
    for task in report.tasks:
        _heading(document, f"1.{task.task_id}. {task.title}", italic=True)
        body(document, figures_sentence(task.figures))
        for target in task.targets:
            body(document, target)
        if task.by_form:
            forms = sorted(task.by_form.items(), key=lambda item: (-item[1], item[0]))
            listed = "; ".join(f"{name} ({number(n)} hoạt động)" for name, n in forms)
            body(document, f"Hình thức: {listed}.")
        if task.highlights:
            body(document, "Một số hoạt động tiêu biểu:")
            for h in task.highlights:
                body(document, f"- {names(h.unit)}, ngày {day(h.date)}: {h.title};")


def _figure_cells(f: Figures) -> list[str]:
    values = (f.activities, f.participants, f.men, f.women, f.unspecified, f.materials)
    return [number(v) for v in values]


def _bold_last_row(table: Table) -> None:
    for cell in table.rows[-1].cells:
        for run in cell.paragraphs[0].runs:
            run.bold = True


def _occasions(document: DocxDocument, report: ConsolidatedReport) -> None:
    _heading(document, "2. Kết quả theo đợt truyền thông, sự kiện, ngày kỷ niệm")
    if not report.occasions:
        body(document, "Trong kỳ báo cáo không có đợt truyền thông, ngày kỷ niệm nào.")
        return
    until = report.counted_until

    def when(o: OccasionResult) -> str:
        cut = f"\n(số liệu đến {day(until)})" if o.ends_on > until else ""
        return span(o.starts_on, o.ends_on) + cut

    rows = [
        [
            o.name,
            when(o),
            number(o.figures.activities),
            number(o.units),
            number(o.figures.participants),
            number(o.figures.men),
            number(o.figures.women),
            number(o.figures.unspecified),
        ]
        for o in report.occasions
    ]
    grid(document, OCCASION_HEADER, rows, OCCASION_MM, text_columns=2)


def _totals(document: DocxDocument, report: ConsolidatedReport) -> None:
    _heading(document, "3. Tổng hợp kết quả theo nhiệm vụ")
    rows = [[f"{t.task_id}. {t.short_title}", *_figure_cells(t.figures)] for t in report.tasks]
    total = ["Tổng cộng", *_figure_cells(report.totals)]
    _bold_last_row(grid(document, TOTALS_HEADER, [*rows, total], ROWS_MM))
    _heading(document, "4. Kết quả theo phòng, đơn vị")
    rows = [[u.name, *_figure_cells(u.figures)] for u in report.by_unit]
    _bold_last_row(grid(document, UNITS_HEADER, [*rows, total], ROWS_MM))


def _units(document: DocxDocument, report: ConsolidatedReport, names: Names) -> None:
    _heading(document, "5. Tình hình báo cáo của các phòng, đơn vị")
    done = report.completeness
    annex = " (chi tiết tại Phụ lục, dùng trong nội bộ)" if report.internal_annex else ""
    body(
        document,
        f"Số phòng, đơn vị phải báo cáo: {number(done.expected)}; đã gửi báo cáo: "
        f"{number(done.submitted)} (tỷ lệ đầy đủ {percent(done.completeness_rate)}); gửi "
        f"đúng hạn: {number(done.on_time)} (tỷ lệ đúng hạn {percent(done.timeliness_rate)})"
        f"{annex}.",
    )
    if report.results:
        _heading(document, "6. Kết quả nổi bật do các phòng, đơn vị báo cáo")
        _narratives(document, report.results, names)


def _closing(document: DocxDocument, report: ConsolidatedReport) -> None:
    """Recipients and signature side by side, in one row that cannot break across pages."""
    heading = report.heading
    table = columns(document, CLOSING_MM)
    keep_row_together(table.rows[0])
    left, right = table.rows[0].cells
    received = write(left.paragraphs[0], "Nơi nhận:", bold=True, italic=True, size=12)
    received.paragraph_format.space_after = 0
    for text in recipients(report):
        line(left, text, size=11).paragraph_format.space_after = 0
    titles = [t.strip().upper() for t in heading.signer_title.split("\n") if t.strip()]
    write(right.paragraphs[0], titles[0] if titles else "", bold=True, align=CENTER)
    for title in titles[1:]:
        line(right, title, bold=True, align=CENTER)
    for _ in range(4):  # room for the signature and the seal
        right.add_paragraph()
    line(right, heading.signer_name, bold=True, align=CENTER)
    for paragraph in [*left.paragraphs, *right.paragraphs]:
        paragraph.paragraph_format.space_after = 0
        paragraph.paragraph_format.keep_with_next = True


def _annex(document: DocxDocument, report: ConsolidatedReport) -> None:
    """Who reported, when: for the Office and the leadership, never sent out."""
    first = line(document, "PHỤ LỤC", bold=True, align=CENTER)
    first.paragraph_format.page_break_before = True
    line(document, "TÌNH HÌNH GỬI BÁO CÁO CỦA CÁC PHÒNG, ĐƠN VỊ", bold=True, align=CENTER)
    line(document, f"(Kèm theo {report.period_name})", italic=True, align=CENTER)
    line(document, INTERNAL, italic=True, align=CENTER)
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
    grid(document, STATUS_HEADER, rows, STATUS_MM, text_columns=4)


def build_docx(report: ConsolidatedReport) -> bytes:
    report = plain_report(report)
    document = Document()
    set_up(document)
    names = Names(report.abbreviations)
    _header(document, report)
    _title(document, report)
    _heading(document, "I. KẾT QUẢ THỰC HIỆN")
    body(document, f"Kết quả chung: {figures_sentence(report.totals)}")
    _tasks(document, report, names)
    _occasions(document, report)
    _totals(document, report)
    _units(document, report, names)
    _heading(document, "II. KHÓ KHĂN, VƯỚNG MẮC")
    _narratives(document, report.difficulties, names)
    _heading(document, "III. ĐỀ XUẤT, KIẾN NGHỊ")
    _narratives(document, report.proposals, names)
    ending = body(
        document,
        f"Trên đây là báo cáo kết quả triển khai {report.heading.plan_title} "
        f"({report.period_name}) của {report.heading.issuer}./.",
    )
    ending.paragraph_format.keep_with_next = True
    document.add_paragraph().paragraph_format.keep_with_next = True
    _closing(document, report)
    if report.internal_annex:
        _annex(document, report)
    # the core properties otherwise carry the time of writing: use the report's date
    stamp = datetime.combine(report.report_date, time(), UTC)
    props = document.core_properties
    props.author = props.last_modified_by = report.heading.issuer
    props.title, props.subject = report.period_name, subject(report)
    props.comments = "PlanPulse"
    props.created = props.modified = stamp
    props.revision = 1
    out = io.BytesIO()
    document.save(out)
    return normalize_zip(out.getvalue())
