"""Every activity of the period, one row each, with filters; and a summary sheet."""

import io
import zipfile
from datetime import UTC, datetime, time

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from services.reporting.documents.deterministic import normalize_zip
from services.reporting.documents.model import ConsolidatedReport, Figures

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
FIGURE_HEADER = ["Số hoạt động", "Người tham dự", "Nam", "Nữ", "Tài liệu"]
WIDTHS = [12, 18, 10, 30, 50, 28, 25, 8, 8, 8, 10, 40]
BOLD = Font(bold=True)


def _figures(figures: Figures) -> list[int]:
    return [figures.activities, figures.participants, figures.men, figures.women, figures.materials]


def _activities(sheet: Worksheet, report: ConsolidatedReport) -> None:
    sheet.append(ACTIVITY_HEADER)
    for row in report.activities:
        sheet.append(
            [
                row.date,
                row.unit,
                row.task,
                row.occasion,
                row.title,
                row.form,
                row.audience,
                row.men,
                row.women,
                row.total,
                row.materials,
                row.evidence_url,
            ]
        )
    for cell in sheet[1]:
        cell.font = BOLD
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for (cell,) in sheet.iter_rows(min_row=2, max_col=1):
        cell.number_format = "DD/MM/YYYY"
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(ACTIVITY_HEADER))}{sheet.max_row}"


def _summary(sheet: Worksheet, report: ConsolidatedReport) -> None:
    sheet.append([f"Kết quả thực hiện kế hoạch năm {report.plan_year} — {report.period_name}"])
    sheet.append([f"Từ {report.period_start:%d/%m/%Y} đến {report.period_end:%d/%m/%Y}"])
    sheet.append([])
    sheet.append(["Nội dung", *FIGURE_HEADER])
    sheet.append(["Tổng cộng", *_figures(report.totals)])
    for task in report.tasks:
        sheet.append([f"Nhiệm vụ {task.task_id}: {task.short_title}", *_figures(task.figures)])
    sheet.append([])
    sheet.append(["Đợt truyền thông, ngày kỷ niệm", *FIGURE_HEADER, "Số đơn vị"])
    for occasion in report.occasions:
        sheet.append([occasion.name, *_figures(occasion.figures), occasion.units])
    sheet.append([])
    done = report.completeness
    for label, value in (
        ("Số báo cáo phải gửi", done.expected),
        ("Số báo cáo đã gửi", done.submitted),
        ("Số báo cáo đúng hạn", done.on_time),
        ("Tỷ lệ đầy đủ", done.completeness_rate),
        ("Tỷ lệ đúng hạn", done.timeliness_rate),
    ):
        sheet.append([label, value])
        if isinstance(value, float):
            sheet.cell(row=sheet.max_row, column=2).number_format = "0.0%"
    for row in sheet.iter_rows():
        if row[0].value in ("Nội dung", "Đợt truyền thông, ngày kỷ niệm", "Tổng cộng"):
            for cell in row:
                cell.font = BOLD
    sheet["A1"].font = BOLD
    sheet.column_dimensions["A"].width = 60


def build_xlsx(report: ConsolidatedReport) -> bytes:
    workbook = Workbook()
    activities = workbook.active
    assert activities is not None
    activities.title = "Hoạt động"
    _activities(activities, report)
    _summary(workbook.create_sheet("Tổng hợp"), report)
    stamp = datetime.combine(report.report_date, time(), UTC).replace(tzinfo=None)
    workbook.properties.creator = workbook.properties.lastModifiedBy = report.issuer
    workbook.properties.created = workbook.properties.modified = stamp
    out = io.BytesIO()
    # ExcelWriter directly: Workbook.save would stamp `modified` with the time of writing
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(workbook, archive).save()
    return normalize_zip(out.getvalue())
