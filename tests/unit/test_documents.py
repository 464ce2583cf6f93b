"""The consolidated report's documents: layout, content and the same bytes for the same input."""

import io
import shutil
import subprocess
import time
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from services.reporting.documents.docx_report import build_docx
from services.reporting.documents.model import (
    ActivityRow,
    Completeness,
    ConsolidatedReport,
    Figures,
    Narrative,
    OccasionResult,
    TaskResult,
    UnitStatus,
)
from services.reporting.documents.xlsx_report import build_xlsx


def figures(n: int) -> Figures:
    return Figures(activities=n, men=10 * n, women=15 * n, participants=25 * n, materials=1000 * n)


def sample() -> ConsolidatedReport:
    return ConsolidatedReport(
        issuer="Sở Tư pháp",
        superior="UBND tỉnh",
        number_symbol="Số:        /BC-STP",
        place="…………",
        report_date=date(2024, 6, 28),
        plan_title="Kế hoạch truyền thông năm 2024",
        plan_year=2024,
        legal_basis="Kế hoạch số 824/KH-UBND ngày 26/02/2024 của Ủy ban nhân dân tỉnh",
        period_name="Báo cáo 6 tháng đầu năm 2024",
        period_start=date(2023, 12, 15),
        period_end=date(2024, 6, 14),
        totals=figures(21),
        tasks=[
            TaskResult(
                task_id=str(n),
                short_title=f"Nhiệm vụ {n}",
                title=f"Nội dung {n}",
                figures=figures(n),
                by_form={"Hội nghị, hội thảo, tọa đàm": n},
                highlights=[f"Hoạt động nổi bật {n}"],
            )
            for n in range(1, 7)
        ],
        occasions=[
            OccasionResult(
                occasion_id="2024-quoc-te-phu-nu",
                name="Ngày Quốc tế Phụ nữ",
                starts_on=date(2024, 3, 8),
                ends_on=date(2024, 3, 8),
                figures=figures(3),
                units=2,
            )
        ],
        completeness=Completeness(
            expected=11, submitted=4, on_time=3, completeness_rate=4 / 11, timeliness_rate=0.75
        ),
        units=[
            UnitStatus(
                unit_id="tgpl",
                name="Trung tâm Trợ giúp pháp lý nhà nước",
                status="Đã tiếp nhận",
                submitted_on=date(2024, 6, 18),
                on_time=True,
                activities=2,
            )
        ],
        results=[Narrative(unit_name="Phòng PBGDPL", text="Đã tổ chức 3 hội nghị.")],
        difficulties=[],
        proposals=[Narrative(unit_name="TTTGPL", text="Bổ sung kinh phí.")],
        recipients=["UBND tỉnh", "Sở LĐ-TBXH", "Lãnh đạo Sở", "Lưu: VT, VP"],
        signer_title="KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
        signer_name="Nguyễn Thụy Thanh Yên",
        activities=[
            ActivityRow(
                date=date(2024, 3, 8),
                unit="PBGDPL",
                task="5",
                occasion="Ngày Quốc tế Phụ nữ",
                title="Hội nghị 8-3",
                form="Hội nghị, hội thảo, tọa đàm",
                audience="Công chức",
                men=1234,
                women=2345,
                total=3579,
                materials=50,
                evidence_url="https://stp.example.gov.vn/a",
            )
        ],
    )


def test_the_report_is_an_a4_administrative_document_in_times_new_roman():
    document = Document(io.BytesIO(build_docx(sample())))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert (round(section.left_margin.mm), round(section.right_margin.mm)) == (30, 15)
    assert document.styles["Normal"].font.name == "Times New Roman"
    header = document.tables[0].rows[0].cells
    assert header[0].text.split("\n") == ["UBND TỈNH", "SỞ TƯ PHÁP", "Số:        /BC-STP"]
    assert header[1].text.split("\n") == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "…………, ngày 28 tháng 06 năm 2024",
    ]
    texts = [p.text for p in document.paragraphs]
    assert "BÁO CÁO" in texts and "II. KHÓ KHĂN, VƯỚNG MẮC" in texts
    assert "Không có." in texts  # no difficulties reported
    assert any("tỷ lệ đầy đủ 36,4%" in t and "tỷ lệ đúng hạn 75,0%" in t for t in texts)
    closing = document.tables[-1].rows[0].cells
    assert closing[0].text.split("\n")[-1] == "- Lưu: VT, VP."
    assert closing[1].text.split("\n")[:2] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
    assert closing[1].text.split("\n")[-1] == "Nguyễn Thụy Thanh Yên"


def test_the_workbook_has_one_row_per_activity_with_real_dates_and_numbers():
    book = load_workbook(io.BytesIO(build_xlsx(sample())))
    sheet = book["Hoạt động"]
    row = next(sheet.iter_rows(min_row=2, values_only=True))
    assert row[0].date() == date(2024, 3, 8) and row[7:10] == (1234, 2345, 3579)
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:L2"
    assert sheet["A2"].number_format == "DD/MM/YYYY"


def test_the_same_report_gives_the_same_bytes_at_another_time():
    first = (build_docx(sample()), build_xlsx(sample()))
    time.sleep(1.1)  # zip entries and document properties otherwise carry the time of writing
    assert (build_docx(sample()), build_xlsx(sample())) == first


@pytest.mark.skipif(
    shutil.which("libreoffice") is None,
    reason="LibreOffice is not installed (apt-get install libreoffice-writer-nogui)",
)
def test_libreoffice_converts_the_report_to_pdf(tmp_path: Path):
    source = tmp_path / "bao-cao.docx"
    source.write_bytes(build_docx(sample()))
    done = subprocess.run(
        [
            "libreoffice",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "bao-cao.pdf").read_bytes().startswith(b"%PDF")
