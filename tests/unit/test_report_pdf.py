"""The consolidated report as the Office would send it: read models fed with a year of events,
assembled, written as .docx, converted by LibreOffice, and the PDF read page by page.

Expected figures are counted here from the test's own activities, not by the service.
PLANPULSE_REPORT_PAGES_DIR=docs writes the first and last page of each as PNG there.
"""

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from services.campaigns.plan import read_plan_file
from services.reporting.checkpoint import apply_batch, prepare
from services.reporting.db import make_engine
from services.reporting.documents.assemble import assemble
from services.reporting.documents.docx_report import build_docx
from services.reporting.documents.pdf import docx_to_pdf
from shared.events import ActivityLogged, ReportAccepted, ReportSubmitted
from tests.unit.test_projections import raw

pytestmark = pytest.mark.skipif(
    shutil.which("libreoffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice or pdftotext is not installed "
    "(apt-get install libreoffice-writer-nogui poppler-utils)",
)
SIGNER = ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Thụy Thanh Yên")
# occasion name -> (first day, last day), written out from the 2024 plan
OCCASIONS = {
    "Ngày Quốc tế Phụ nữ": (date(2024, 3, 8), date(2024, 3, 8)),
    "Ngày Quốc tế Hạnh phúc": (date(2024, 3, 20), date(2024, 3, 20)),
    "Tháng hành động quốc gia về phòng, chống bạo lực gia đình": (
        date(2024, 6, 1),
        date(2024, 6, 30),
    ),
    "Ngày Gia đình Việt Nam": (date(2024, 6, 28), date(2024, 6, 28)),
    "Ngày Toàn dân phòng, chống mua bán người": (date(2024, 7, 30), date(2024, 7, 30)),
    "Ngày Quốc tế Phụ nữ nông thôn": (date(2024, 10, 15), date(2024, 10, 15)),
    "Ngày Phụ nữ Việt Nam": (date(2024, 10, 20), date(2024, 10, 20)),
    "Tháng hành động vì bình đẳng giới và phòng, chống bạo lực trên cơ sở giới": (
        date(2024, 11, 15),
        date(2024, 12, 15),
    ),
    "Ngày Quốc tế Nam giới": (date(2024, 11, 19), date(2024, 11, 19)),
    "Ngày Quốc tế xóa bỏ bạo lực đối với Phụ nữ": (date(2024, 11, 25), date(2024, 11, 25)),
}
MONTHS = {  # the action months' occasion ids and days
    "2024-thang-phong-chong-bao-luc-gia-dinh": (date(2024, 6, 1), date(2024, 6, 30)),
    "2024-thang-binh-dang-gioi": (date(2024, 11, 15), date(2024, 12, 15)),
}
UNITS = ["van-phong", "thanh-tra", "pbgdpl", "xdkt", "hctp", "btp", "tgpl", "cc1"]
SHARED = "Các hoạt động được triển khai đúng tiến độ, bám sát Kế hoạch."


def activities() -> list[ActivityLogged]:
    """48 activities over the plan year: every fourth one with participants not counted by
    sex, and the Office's own among them."""
    found = []
    day = date(2024, 1, 4)
    for n in range(48):
        unit = UNITS[n % len(UNITS)]
        men, women = 5 + 7 * (n % 5), 9 + 11 * (n % 4)
        total = men + women + (6 if n % 4 == 0 else 0)
        month = next((o for o, (a, b) in MONTHS.items() if a <= day <= b), None)
        found.append(
            ActivityLogged(
                activity_id=f"a{n:02d}",
                plan_id="kh-2024",
                unit_id=unit,
                task_id="4" if month else str(1 + n % 6),
                occasion_id=month,
                date=day,
                title=f"Buổi tuyên truyền số {n + 1} về bình đẳng giới",
                form="conference",
                audience="Công chức, viên chức",
                materials=10 * (n % 3),
                evidence_url=None,
                note="",
                participants={"men": men, "women": women, "total": total},
            )
        )
        day += timedelta(days=7)
    return found


def reports() -> list[object]:
    """Two accepted six-month reports that share a sentence; one sent but not yet accepted."""
    base = {
        "plan_id": "kh-2024",
        "period_id": "2024-6-thang",
        "submitted_on": date(2024, 6, 18),
        "due_on": date(2024, 6, 20),
        "late": False,
        "revision": 1,
        "proposals": "",
    }
    said = {
        "pbgdpl": f"{SHARED} Cuộc thi tìm hiểu pháp luật thu hút nhiều người tham gia.",
        "tgpl": f"{SHARED} Trợ giúp pháp lý lưu động tại ba xã vùng sâu.",
        "hctp": "Nội dung chưa được Văn phòng Sở tiếp nhận.",
    }
    found: list[object] = [
        ReportSubmitted(
            report_id=f"2024-6-thang_{unit}",
            unit_id=unit,
            results=text,
            difficulties=SHARED if unit != "hctp" else "",
            **base,
        )
        for unit, text in said.items()
    ]
    found += [ReportAccepted(report_id=f"2024-6-thang_{u}") for u in ("pbgdpl", "tgpl")]
    return found


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    url = f"sqlite:///{tmp_path_factory.mktemp('read-models') / 'reporting.db'}"
    engine = make_engine(url)
    prepare(engine)
    apply_batch(engine, raw([*read_plan_file(), *activities(), *reports()]))
    yield engine
    engine.dispose()


def vn(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def counted(start: date, end: date) -> dict[str, int]:
    chosen = [a for a in activities() if start <= a.date <= end]
    return {
        "activities": len(chosen),
        "participants": sum(a.participants.total for a in chosen),
        "men": sum(a.participants.men for a in chosen),
        "women": sum(a.participants.women for a in chosen),
        "materials": sum(a.materials for a in chosen),
    }


def rendered(engine: object, period: str, today: date, name: str) -> tuple[list[str], str]:
    """The PDF's pages as text, whitespace collapsed; and the whole as laid out (table rows
    on one line each)."""
    report, _, _ = assemble(engine, period, today, "Tây Ninh", "UBND tỉnh", 0)  # type: ignore[arg-type]
    pdf = docx_to_pdf(build_docx(report))
    assert pdf is not None and pdf.startswith(b"%PDF")
    folder = Path(os.environ.get("PLANPULSE_REPORT_PAGES_DIR", "") or _scratch())
    target = folder / f"{name}.pdf"
    target.write_bytes(pdf)
    text, layout = (
        subprocess.run(
            ["pdftotext", *mode, str(target), "-"], capture_output=True, text=True, check=True
        ).stdout
        for mode in ([], ["-layout"])
    )
    pages = [" ".join(page.split()) for page in text.split("\f") if page.strip()]
    if os.environ.get("PLANPULSE_REPORT_PAGES_DIR"):
        for which, number in (("first", 1), ("last", len(pages))):
            stem = str(folder / f"{name}-{which}-page")
            command = ["pdftoppm", "-png", "-r", "80", "-f", str(number), "-l", str(number)]
            subprocess.run([*command, "-singlefile", str(target), stem], check=True)
        target.unlink()
    return pages, layout


def _scratch() -> Path:
    import tempfile

    return Path(tempfile.mkdtemp(prefix="planpulse-report-pdf-"))


def totals_rows(layout: str) -> list[list[int]]:
    """Every "Tổng cộng" row of a table: six numbers."""
    found = re.findall(r"^\s*Tổng cộng((?:\s+[\d.]+){6})\s*$", layout, re.MULTILINE)
    return [[int(n.replace(".", "")) for n in row.split()] for row in found]


def occasions_table(whole: str) -> str:
    start = whole.index("2. Kết quả theo đợt truyền thông")
    return whole[start : whole.index("3. Tổng hợp kết quả theo nhiệm vụ")]


def check_common(pages: list[str], layout: str, expected: dict[str, int]) -> None:
    whole = " ".join(pages)
    # the signer's title and name on one page, with the recipients
    [signed] = [p for p in pages if SIGNER[2] in p]
    assert all(part in signed for part in SIGNER) and "Nơi nhận:" in signed
    assert "UBND tỉnh (để b/c)" in signed and "Lãnh đạo Sở (để b/c)" in signed
    # totals that add up: the opening sentence, and each table's total row, equal the count
    unsorted = expected["participants"] - expected["men"] - expected["women"]
    assert (
        f"Tổ chức {vn(expected['activities'])} hoạt động với {vn(expected['participants'])} "
        f"lượt người tham dự (nam: {vn(expected['men'])}, nữ: {vn(expected['women'])}, chưa "
        f"tách nam/nữ: {vn(unsorted)}); phát hành {vn(expected['materials'])} tài liệu"
    ) in whole
    row = [expected[k] for k in ("activities", "participants", "men", "women")]
    row += [unsorted, expected["materials"]]
    assert totals_rows(layout) == [row, row]  # by task, by unit (the Office's row included)
    assert row[2] + row[3] + row[4] == row[1]
    assert "Văn phòng Sở" in whole
    assert "Kế hoạch số 824/KH-UBND ngày 26/02/2024" in pages[0]
    assert "thực hiện Kế hoạch truyền thông thực hiện" not in whole
    assert "PBGDPL" not in whole or "Phòng Phổ biến, giáo dục pháp luật (PBGDPL)" in whole


def test_the_six_month_report_as_a_pdf_page_by_page(engine: object) -> None:
    pages, layout = rendered(
        engine, "2024-6-thang", date(2024, 6, 28), "consolidated-report-6-thang"
    )
    whole = " ".join(pages)
    check_common(pages, layout, counted(date(2023, 12, 15), date(2024, 6, 14)))
    assert "số liệu đến ngày" not in pages[0]  # compiled after the period ended
    inside = {n for n, (start, _) in OCCASIONS.items() if start <= date(2024, 6, 14)}
    assert inside == {
        "Ngày Quốc tế Phụ nữ",
        "Ngày Quốc tế Hạnh phúc",
        "Tháng hành động quốc gia về phòng, chống bạo lực gia đình",
    }
    table = occasions_table(whole)
    for name in OCCASIONS:
        assert (re.search(rf"{re.escape(name)}(?! nông thôn)", table) is not None) == (
            name in inside
        ), name
    # (pdftotext takes a dash ending a line for a hyphenation and drops it)
    assert re.search(r"01/06/2024 -? ?30/06/2024 \(số liệu đến 14/06/2024\)", whole)
    # accepted narratives only, each sentence once, attributed
    assert whole.count(SHARED) == 2  # once in the results, once in the difficulties
    assert "Nội dung chưa được Văn phòng Sở tiếp nhận" not in whole
    assert f"PBGDPL và Trung tâm Trợ giúp pháp lý nhà nước (TTTGPL): {SHARED}" in whole or (
        f"PBGDPL và TTTGPL: {SHARED}" in whole
    )


def test_the_annual_report_compiled_before_the_period_ends_says_so(engine: object) -> None:
    pages, layout = rendered(engine, "2024-nam", date(2024, 12, 10), "consolidated-report-nam")
    whole = " ".join(pages)
    check_common(pages, layout, counted(date(2023, 12, 15), date(2024, 12, 10)))
    assert "(từ ngày 15/12/2023 đến ngày 14/12/2024; số liệu đến ngày 10/12/2024)" in pages[0]
    table = occasions_table(whole)
    for name in OCCASIONS:  # all ten began by 10/12/2024
        assert name in table, name
    assert re.search(r"15/11/2024 -? ?15/12/2024 \(số liệu đến 10/12/2024\)", whole)
