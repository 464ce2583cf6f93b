"""Every activity of the period, one row each, with filters; and a summary sheet."""

import io
import zipfile
from datetime import datetime, time

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from services.reporting.documents.deterministic import normalize_zip
from services.reporting.documents.model import ConsolidatedReport, Figures
from services.reporting.documents.plain import cells_as_text, plain_report

ACTIVITY_HEADER = [
    "Ngày",
    "Phòng/đơn vị",
    "Nhiệm vụ",
    "Đợt truyền thông",
    "Tên hoạt động",
    "Hình thức",
    "Đối tượng",
    "Nam",
    "Nữ",
    "Tổng",
    "Tài liệu",
    "Minh chứng",
]
ACTIVITY_WIDTHS = [12, 14, 10, 30, 50, 28, 30, 8, 8, 8, 10, 40]
FIGURE_HEADER = ["Số hoạt động", "Người tham dự", "Nam", "Nữ", "Chưa tách nam/nữ", "Tài liệu"]
UNIT_HEADER = ["Tên đơn vị", "Tình trạng", "Ngày gửi", "Đúng hạn", "Số hoạt động"]
ON_TIME = {True: "Đúng hạn", False: "Trễ hạn", None: ""}
DATE = "dd/mm/yyyy"
COUNT = "#,##0"  # thousands separated, as the reader's locale writes them
BOLD = Font(bold=True)
HEADING = PatternFill("solid", fgColor="DDEBF7")


def _figures(figures: Figures) -> list[int]:
    f = figures
    return [f.activities, f.participants, f.men, f.women, f.unspecified, f.materials]


def _counted(sheet: Worksheet, first: int, last: int) -> None:
    """The last row's number cells from column `first` to `last`: thousands separated."""
    for column in range(first, last + 1):
        sheet.cell(row=sheet.max_row, column=column).number_format = COUNT


def _header(sheet: Worksheet, values: list[str]) -> None:
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        cell.font, cell.fill = BOLD, HEADING
        cell.alignment = Alignment(wrap_text=True, vertical="center")


def _activities(sheet: Worksheet, report: ConsolidatedReport) -> None:
    _header(sheet, ACTIVITY_HEADER)
    for a in report.activities:
        sheet.append(
            [
                a.date,
                a.unit,
                a.task,
                a.occasion,
                a.title,
                a.form,
                a.audience,
                a.men,
                a.women,
                a.total,
                a.materials,
                a.evidence_url,
            ]
        )
        sheet.cell(row=sheet.max_row, column=1).number_format = DATE
        _counted(sheet, 8, 11)
        if a.evidence_url:
            link = sheet.cell(row=sheet.max_row, column=len(ACTIVITY_HEADER))
            link.hyperlink, link.style = a.evidence_url, "Hyperlink"
    for index, width in enumerate(ACTIVITY_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(ACTIVITY_HEADER))}{sheet.max_row}"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation, sheet.page_setup.paperSize = "landscape", 9  # A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _summary(sheet: Worksheet, report: ConsolidatedReport) -> None:
    sheet.append([f"Kết quả thực hiện kế hoạch năm {report.plan_year} — {report.period_name}"])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(["Từ ngày", report.period_start, "đến ngày", report.period_end])
    sheet["B2"].number_format = sheet["D2"].number_format = DATE
    if report.data_until:
        sheet.append(["Số liệu đến ngày", report.data_until])
        sheet["B3"].number_format = DATE
    sheet.append([])
    _header(sheet, ["Nội dung", *FIGURE_HEADER])
    sheet.append(["Tổng cộng", *_figures(report.totals)])
    _counted(sheet, 2, 7)
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
    for task in report.tasks:
        sheet.append([f"Nhiệm vụ {task.task_id}: {task.short_title}", *_figures(task.figures)])
        _counted(sheet, 2, 7)
    sheet.append([])
    _header(sheet, ["Phòng, đơn vị", *FIGURE_HEADER])
    for unit in report.by_unit:
        sheet.append([unit.name, *_figures(unit.figures)])
        _counted(sheet, 2, 7)
    sheet.append([])
    _header(sheet, ["Đợt truyền thông, ngày kỷ niệm", *FIGURE_HEADER, "Số đơn vị", "Từ", "Đến"])
    for o in report.occasions:
        sheet.append([o.name, *_figures(o.figures), o.units, o.starts_on, o.ends_on])
        _counted(sheet, 2, 8)
        for column in (9, 10):
            sheet.cell(row=sheet.max_row, column=column).number_format = DATE
    sheet.append([])
    done = report.completeness
    _header(sheet, ["Báo cáo của các phòng, đơn vị", "Số liệu"])
    for label, value in (
        ("Số báo cáo phải gửi", done.expected),
        ("Số báo cáo đã gửi", done.submitted),
        ("Số báo cáo đúng hạn", done.on_time),
        ("Tỷ lệ đầy đủ", done.completeness_rate),
        ("Tỷ lệ đúng hạn", done.timeliness_rate),
    ):
        sheet.append([label, value])
        percentage = isinstance(value, float)
        sheet.cell(row=sheet.max_row, column=2).number_format = "0.0%" if percentage else COUNT
    sheet.append([])
    _header(sheet, UNIT_HEADER)
    for u in report.units:
        sheet.append([u.name, u.status, u.submitted_on, ON_TIME[u.on_time], u.activities])
        sheet.cell(row=sheet.max_row, column=3).number_format = DATE
        sheet.cell(row=sheet.max_row, column=5).number_format = COUNT
    sheet.column_dimensions["A"].width = 60
    for letter in "BCDEFGHIJ":
        sheet.column_dimensions[letter].width = 15


def build_xlsx(report: ConsolidatedReport) -> bytes:
    report = plain_report(report)
    workbook = Workbook()
    activities = workbook.active
    assert activities is not None
    activities.title = "Hoạt động"
    _activities(activities, report)
    _summary(workbook.create_sheet("Tổng hợp"), report)
    cells_as_text(workbook)
    # the core properties otherwise carry the time of writing: use the report's date (UTC)
    stamp = datetime.combine(report.report_date, time())
    issuer = report.heading.issuer
    workbook.properties.creator = workbook.properties.lastModifiedBy = issuer
    workbook.properties.title = report.period_name
    workbook.properties.created = workbook.properties.modified = stamp
    out = io.BytesIO()
    # ExcelWriter directly: Workbook.save would stamp `modified` with the time of writing
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(workbook, archive).save()
    return normalize_zip(out.getvalue())
