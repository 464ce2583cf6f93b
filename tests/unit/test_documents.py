"""The consolidated report's documents: every number and text equals the input; Decree 30 layout;
the same bytes for the same input."""

import io
import shutil
import subprocess
import time
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from services.reporting.documents.docx_report import build_docx
from services.reporting.documents.pdf import docx_to_pdf
from services.reporting.documents.xlsx_report import build_xlsx
from tests.unit.document_sample import sample_report

REPORT = sample_report()
TNR = "Times New Roman"


def vn(n: int) -> str:
    """The test's own Vietnamese thousands separator."""
    return f"{n:,}".replace(",", ".")


def sentence(f) -> str:  # type: ignore[no-untyped-def]
    rest = f.participants - f.men - f.women
    unsorted = f", chưa tách nam/nữ: {vn(rest)}" if rest else ""
    return (
        f"Tổ chức {vn(f.activities)} hoạt động với {vn(f.participants)} lượt người tham dự "
        f"(nam: {vn(f.men)}, nữ: {vn(f.women)}{unsorted}); phát hành {vn(f.materials)} tài "
        "liệu, ấn phẩm."
    )


def cut(ends_on: date) -> str:
    return f"\n(số liệu đến {REPORT.period_end:%d/%m/%Y})" if ends_on > REPORT.period_end else ""


def numbers(f) -> list[int]:  # type: ignore[no-untyped-def]
    unsorted = f.participants - f.men - f.women
    return [f.activities, f.participants, f.men, f.women, unsorted, f.materials]


def with_heading(**changes: object):  # type: ignore[no-untyped-def]
    return sample_report(heading=REPORT.heading.model_copy(update=changes))


def span(start: date, end: date) -> str:
    return f"{start:%d/%m/%Y}" + ("" if start == end else f" - {end:%d/%m/%Y}")


def lines(cell) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.text for p in cell.paragraphs if p.text]


def table_with(document, first_header: str):  # type: ignore[no-untyped-def]
    return next(t for t in document.tables if t.rows[0].cells[0].text == first_header)


def cells(table) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [[c.text for c in row.cells] for row in table.rows]


@pytest.fixture(scope="module")
def document():  # type: ignore[no-untyped-def]
    return Document(io.BytesIO(build_docx(REPORT)))


def test_an_a4_page_with_decree_30_margins_in_times_new_roman_13_to_14_pt(document):
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert 20 <= round(section.top_margin.mm) <= 25 and 20 <= round(section.bottom_margin.mm) <= 25
    assert 30 <= round(section.left_margin.mm) <= 35 and 15 <= round(section.right_margin.mm) <= 20
    normal = document.styles["Normal"]
    assert normal.font.name == TNR and normal.font.size.pt == 14
    fonts = [
        normal.element.rPr.rFonts,
        document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
        .find(qn("w:rFonts")),
    ]  # fmt: skip
    for rfonts in fonts:  # Latin, Vietnamese and East-Asian slots, no theme font
        assert {rfonts.get(qn(f"w:{s}")) for s in ("ascii", "hAnsi", "eastAsia", "cs")} == {TNR}
        assert rfonts.get(qn("w:asciiTheme")) is None
    recipients = document.tables[-1].rows[0].cells[0]
    inside = [c for t in document.tables for row in t.rows for c in row.cells]
    inside = [c for c in inside if c._tc is not recipients._tc]
    runs = [
        r for p in document.paragraphs + [p for c in inside for p in c.paragraphs] for r in p.runs
    ]
    assert len(runs) > 100
    assert all(r.font.name in (None, TNR) for r in runs)
    assert all(r.font.size is None or 13 <= r.font.size.pt <= 14 for r in runs)
    assert [r.font.size.pt for p in recipients.paragraphs for r in p.runs] == [12] + [11] * 5


def test_the_header_has_the_issuing_body_and_the_national_motto(document):
    header = document.tables[0]
    (body, motto), (number, place) = (row.cells for row in header.rows)
    assert lines(body) == ["UBND TỈNH", "SỞ TƯ PHÁP"]
    assert [r.bold for p in body.paragraphs for r in p.runs] == [None, True]
    assert lines(motto) == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert all(r.bold for p in motto.paragraphs for r in p.runs)
    assert lines(number) == ["Số:        /BC-STP"]
    assert lines(place) == ["…………, ngày 28 tháng 6 năm 2024"]
    assert place.paragraphs[0].runs[0].italic
    line = f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:top')}"  # under the issuer and the motto
    assert all(cell.paragraphs[-1]._p.find(line) is not None for cell in (body, motto))
    borders = header._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"nil"}
    january = Document(io.BytesIO(build_docx(sample_report(report_date=date(2025, 1, 5)))))
    assert lines(january.tables[0].rows[1].cells[1]) == ["…………, ngày 05 tháng 01 năm 2025"]


def test_the_title_the_period_and_the_opening(document):
    texts = [p.text for p in document.paragraphs]
    start = texts.index("BÁO CÁO")
    assert texts[start + 1 : start + 3] == [
        "Kết quả triển khai Kế hoạch truyền thông thực hiện chương trình phòng ngừa và ứng phó "
        "với bạo lực trên cơ sở giới năm 2024",
        "Báo cáo 6 tháng đầu năm 2024 (từ ngày 15/12/2023 đến ngày 14/06/2024)",
    ]
    assert texts[start + 1].count("thực hiện") == 1
    early = Document(io.BytesIO(build_docx(sample_report(data_until=date(2024, 6, 10)))))
    assert (
        "Báo cáo 6 tháng đầu năm 2024 (từ ngày 15/12/2023 đến ngày 14/06/2024; số liệu đến "
        "ngày 10/06/2024)" in [p.text for p in early.paragraphs]
    )
    assert all(r.bold for p in document.paragraphs[start : start + 2] for r in p.runs)
    assert texts[start + 4].startswith(
        "Thực hiện Kế hoạch số 824/KH-UBND ngày 26/02/2024 của Ủy ban nhân dân tỉnh, Sở Tư pháp "
        "đã ban hành Kế hoạch truyền thông"
    )
    assert texts.index("I. KẾT QUẢ THỰC HIỆN") < texts.index("II. KHÓ KHĂN, VƯỚNG MẮC")
    assert texts.index("II. KHÓ KHĂN, VƯỚNG MẮC") < texts.index("III. ĐỀ XUẤT, KIẾN NGHỊ")


def test_every_task_has_its_figures_forms_and_highlights(document):
    texts = [p.text for p in document.paragraphs]
    assert (
        "Kết quả chung: Tổ chức 14 hoạt động với 5.761 lượt người tham dự (nam: 1.955, nữ: 3.799, "
        "chưa tách nam/nữ: 7); phát hành 3.587 tài liệu, ấn phẩm." in texts
    )
    assert f"Kết quả chung: {sentence(REPORT.totals)}" in texts
    for task in REPORT.tasks:
        at = texts.index(f"1.{task.task_id}. {task.title}")
        assert texts[at + 1] == sentence(task.figures), task.task_id
        for form, count in task.by_form.items():
            assert f"{form} ({vn(count)} hoạt động)" in texts[at + 2], (task.task_id, form)
        for h in task.highlights:
            said = [
                t
                for t in texts[at + 3 : at + 7]
                if t.endswith(f", ngày {h.date:%d/%m/%Y}: {h.title};")
            ]
            assert len(said) == 1, h
    # each unit's short name is spelled out at its first use, and only there
    body = "\n".join(texts)
    for short, name in REPORT.abbreviations.items():
        if short in body:
            assert body.count(f"{name} ({short})") == 1, short
            spelled = body.index(f"{name} ({short})")
            assert body.index(short) == spelled + len(name) + 2, short


def test_the_occasions_table_and_the_totals_table(document):
    occasions = table_with(document, "Đợt truyền thông, ngày kỷ niệm")
    assert cells(occasions) == [
        ["Đợt truyền thông, ngày kỷ niệm", "Thời gian", "Số hoạt động", "Số đơn vị tham gia"]
        + ["Người tham dự", "Nam", "Nữ", "Chưa tách nam/nữ"]
    ] + [
        [o.name, span(o.starts_on, o.ends_on) + cut(o.ends_on), vn(o.figures.activities)]
        + [vn(o.units)] + [vn(v) for v in numbers(o.figures)[1:5]]
        for o in REPORT.occasions
    ]  # fmt: skip
    # the June month runs past the period's end (14/06): the row says where its figures stop
    assert cells(occasions)[3][1:3] == ["01/06/2024 - 30/06/2024\n(số liệu đến 14/06/2024)", "3"]
    totals = table_with(document, "Nhiệm vụ")
    figures = [(f"{t.task_id}. {t.short_title}", t.figures) for t in REPORT.tasks]
    assert cells(totals)[1:] == [
        [name, *map(vn, numbers(f))] for name, f in [*figures, ("Tổng cộng", REPORT.totals)]
    ]
    assert cells(totals)[-1] == ["Tổng cộng", "14", "5.761", "1.955", "3.799", "7", "3.587"]
    units = table_with(document, "Phòng, đơn vị")  # every unit, the Office first: they add up
    assert [row[0] for row in cells(units)[1:]] == [u.name for u in REPORT.by_unit] + ["Tổng cộng"]
    assert cells(units)[1][0] == "Văn phòng Sở" and cells(units)[-1] == cells(totals)[-1]
    summed = [sum(numbers(u.figures)[i] for u in REPORT.by_unit) for i in range(6)]
    assert summed == numbers(REPORT.totals)


def test_an_occasion_running_past_the_figures_end_says_where_they_stop():
    report = sample_report(data_until=date(2024, 6, 10))
    occasions = table_with(
        Document(io.BytesIO(build_docx(report))), "Đợt truyền thông, ngày kỷ niệm"
    )
    assert cells(occasions)[3][1] == "01/06/2024 - 30/06/2024\n(số liệu đến 10/06/2024)"
    assert cells(occasions)[1][1] == "08/03/2024"


def test_the_units_reporting_list_is_an_internal_annex_by_choice(document):
    texts = [p.text for p in document.paragraphs]
    assert (
        "Số phòng, đơn vị phải báo cáo: 8; đã gửi báo cáo: 7 (tỷ lệ đầy đủ 87,5%); gửi đúng hạn: 5 "
        "(tỷ lệ đúng hạn 71,4%)." in texts
    )
    assert "PHỤ LỤC" not in texts
    assert not [t for t in document.tables if t.rows[0].cells[0].text == "Tên đơn vị"]
    annexed = Document(io.BytesIO(build_docx(sample_report(internal_annex=True))))
    texts = [p.text for p in annexed.paragraphs]
    assert texts[texts.index("PHỤ LỤC") :][:4] == [
        "PHỤ LỤC",
        "TÌNH HÌNH GỬI BÁO CÁO CỦA CÁC PHÒNG, ĐƠN VỊ",
        "(Kèm theo Báo cáo 6 tháng đầu năm 2024)",
        "(Tài liệu sử dụng trong nội bộ Sở, không gửi kèm báo cáo)",
    ]
    assert annexed.paragraphs[texts.index("PHỤ LỤC")].paragraph_format.page_break_before
    assert texts.index("PHỤ LỤC") > texts.index("III. ĐỀ XUẤT, KIẾN NGHỊ")
    units = table_with(annexed, "Tên đơn vị")
    assert cells(units)[0] == ["Tên đơn vị", "Tình trạng", "Ngày gửi", "Đúng hạn", "Số hoạt động"]
    on_time = {True: "Đúng hạn", False: "Trễ hạn", None: ""}
    assert cells(units)[1:] == [
        [u.name, u.status, u.submitted_on and f"{u.submitted_on:%d/%m/%Y}" or ""]
        + [on_time[u.on_time], vn(u.activities)]
        for u in REPORT.units
    ]  # fmt: skip
    assert cells(units)[6] == ["Phòng Bổ trợ tư pháp", "Chưa gửi", "", "", "1"]


def test_difficulties_and_proposals_each_with_their_unit(document):
    texts = [p.text for p in document.paragraphs]
    at, end = texts.index("II. KHÓ KHĂN, VƯỚNG MẮC"), texts.index("III. ĐỀ XUẤT, KIẾN NGHỊ")
    assert texts[at + 1 : end] == [f"- {n.units[0]}: {n.text}" for n in REPORT.difficulties]
    assert texts[end + 1] == f"- {REPORT.proposals[0].units[0]}: {REPORT.proposals[0].text}"
    for n in REPORT.results:
        assert f"- {n.units[0]}: {n.text}" in texts
    quiet = Document(io.BytesIO(build_docx(sample_report(difficulties=[], proposals=[]))))
    texts = [p.text for p in quiet.paragraphs]
    at, end = texts.index("II. KHÓ KHĂN, VƯỚNG MẮC"), texts.index("III. ĐỀ XUẤT, KIẾN NGHỊ")
    assert texts[at + 1 : end] == ["Không có."] and texts[end + 1] == "Không có."


def test_the_recipients_and_the_signature(document):
    left, right = document.tables[-1].rows[0].cells
    sent = ["UBND tỉnh (để b/c)", "Sở LĐ-TBXH", "Lãnh đạo Sở (để b/c)"]
    sent += ["Các phòng, đơn vị trực thuộc Sở"]
    assert lines(left) == ["Nơi nhận:", *(f"- {r};" for r in sent), "- Lưu: VT, VP."]
    heading = left.paragraphs[0].runs[0]
    assert heading.bold and heading.italic and heading.font.size.pt == 12
    assert lines(right) == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Thụy Thanh Yên"]
    assert all(r.bold for p in right.paragraphs for r in p.runs)
    assert sum(1 for p in right.paragraphs if not p.text) >= 3  # room to sign
    other = with_heading(recipients=["Lưu: VT, VP.", "UBND tỉnh;"], signer_title="giám đốc")
    left, right = Document(io.BytesIO(build_docx(other))).tables[-1].rows[0].cells
    assert lines(left)[1:] == ["- UBND tỉnh;", "- Lưu: VT, VP."]
    assert lines(right)[0] == "GIÁM ĐỐC"
    missing = Document(io.BytesIO(build_docx(with_heading(recipients=["UBND tỉnh"]))))
    assert lines(missing.tables[-1].rows[0].cells[0])[-1] == "- Lưu: VT, VP."


def test_the_workbook_has_one_row_per_activity_with_real_dates_and_numbers():
    sheet = load_workbook(io.BytesIO(build_xlsx(REPORT)))["Hoạt động"]
    header, *rows = sheet.iter_rows()
    assert [c.value for c in header][:3] == ["Ngày", "Phòng/đơn vị", "Nhiệm vụ"]
    assert all(c.font.bold for c in header) and len(header) == 12
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:L{len(REPORT.activities) + 1}"
    assert [[c.value for c in row] for row in rows] == [
        [datetime(a.date.year, a.date.month, a.date.day), a.unit, a.task, a.occasion or None]
        + [a.title, a.form, a.audience, a.men, a.women, a.total, a.materials, a.evidence_url]
        for a in REPORT.activities
    ]
    assert all(row[0].number_format == "dd/mm/yyyy" and row[0].is_date for row in rows)
    assert all(isinstance(c.value, int) for row in rows for c in row[7:11])
    assert {c.number_format for row in rows for c in row[7:11]} == {"#,##0"}
    assert rows[5][8].value == 1086
    assert rows[0][11].hyperlink.target == REPORT.activities[0].evidence_url


def test_the_summary_sheet_has_totals_tasks_occasions_and_completeness():
    sheet = load_workbook(io.BytesIO(build_xlsx(REPORT)))["Tổng hợp"]
    by_label = {row[0].value: row for row in sheet.iter_rows() if row[0].value}

    def values(label: str, n: int) -> list[object]:
        return [c.value for c in by_label[label][1 : 1 + n]]

    assert values("Nội dung", 6) == ["Số hoạt động", "Người tham dự", "Nam", "Nữ"] + [
        "Chưa tách nam/nữ",
        "Tài liệu",
    ]
    assert values("Tổng cộng", 6) == numbers(REPORT.totals) == [14, 5761, 1955, 3799, 7, 3587]
    assert {c.number_format for c in by_label["Tổng cộng"][1:7]} == {"#,##0"}
    for t in REPORT.tasks:
        assert values(f"Nhiệm vụ {t.task_id}: {t.short_title}", 6) == numbers(t.figures)
    table = [[c.value for c in row[:7]] for row in sheet.iter_rows()]
    at = table.index(["Phòng, đơn vị", *values("Nội dung", 6)])
    assert table[at + 1 : at + 1 + len(REPORT.by_unit)] == [
        [u.name, *numbers(u.figures)] for u in REPORT.by_unit
    ]  # every unit, the Office first: the rows add up to the total
    for o in REPORT.occasions:
        start, end = (datetime(d.year, d.month, d.day) for d in (o.starts_on, o.ends_on))
        assert values(o.name, 9) == [*numbers(o.figures), o.units, start, end]
    assert [values(label, 1)[0] for label in ("Số báo cáo phải gửi", "Số báo cáo đã gửi")] == [8, 7]
    assert values("Số báo cáo đúng hạn", 1) == [5]
    assert values("Tỷ lệ đầy đủ", 1) == [pytest.approx(0.875)]
    assert values("Tỷ lệ đúng hạn", 1) == [pytest.approx(5 / 7)]
    assert by_label["Tỷ lệ đúng hạn"][1].number_format == "0.0%"
    for u in REPORT.units:
        assert values(u.name, 4)[0::3] == [u.status, u.activities]


def test_the_same_report_gives_the_same_bytes_at_another_time():
    first = (build_docx(REPORT), build_xlsx(REPORT))
    time.sleep(2.1)  # zip entry times have a 2-second resolution; core properties, 1 second
    assert (build_docx(sample_report()), build_xlsx(sample_report())) == first
    for data in first:
        entries = zipfile.ZipFile(io.BytesIO(data)).infolist()
        assert entries[0].filename == "[Content_Types].xml"
        assert {e.date_time for e in entries} == {(1980, 1, 1, 0, 0, 0)}
    assert Document(io.BytesIO(first[0])).core_properties.created.date() == REPORT.report_date
    assert load_workbook(io.BytesIO(first[1])).properties.modified.date() == REPORT.report_date
    changed = with_heading(signer_name="Trần Văn B")
    assert build_docx(changed) != first[0]


@pytest.mark.skipif(
    shutil.which("libreoffice") is None,
    reason="LibreOffice is not installed (apt-get install libreoffice-writer-nogui)",
)
def test_libreoffice_converts_the_report_to_pdf(tmp_path: Path):
    pdf = docx_to_pdf(build_docx(REPORT))  # about 1-5 s here
    assert pdf is not None and pdf.startswith(b"%PDF")
    if shutil.which("pdftotext"):  # the Vietnamese text survives the conversion
        (tmp_path / "bao-cao.pdf").write_bytes(pdf)
        command = ["pdftotext", str(tmp_path / "bao-cao.pdf"), "-"]
        text = subprocess.run(command, capture_output=True, text=True).stdout
        for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Nguyễn Thụy Thanh Yên", "87,5%"):
            assert expected in text


def test_a_sentence_several_units_wrote_is_said_once_under_all_their_names():
    from services.reporting.documents.model import Narrative
    from services.reporting.documents.narratives import merge

    shared = "Các hoạt động được triển khai đúng tiến độ."
    said = merge(
        [
            ("PBGDPL", f"{shared}\nCuộc thi thu hút 3.623 lượt người."),
            ("TTTGPL", f"- {shared.upper()[:-1].capitalize()}. Trợ giúp 14 vụ việc"),
            ("HCTP", "các hoạt động được  triển khai đúng tiến độ"),
            ("BTTP", ""),
        ]
    )
    assert said == [
        Narrative(units=["PBGDPL"], text="Cuộc thi thu hút 3.623 lượt người."),
        Narrative(units=["TTTGPL"], text="Trợ giúp 14 vụ việc."),
        Narrative(units=["PBGDPL", "TTTGPL", "HCTP"], text=shared),
    ]


def test_without_libreoffice_there_is_no_pdf_and_the_reason_is_in_vietnamese(monkeypatch):
    from services.reporting.documents.pdf import UNAVAILABLE

    monkeypatch.setenv("PATH", "/nonexistent")
    assert docx_to_pdf(build_docx(REPORT)) is None
    assert UNAVAILABLE.startswith("Máy chủ chưa cài LibreOffice")


def test_the_heading_takes_the_plans_own_number_province_place_and_drafter_when_it_has_them():
    from services.campaigns.plan import read_plan_file
    from services.reporting.documents.model import plan_heading
    from shared.events import PlanPublished

    [plan] = [e for e in read_plan_file() if isinstance(e, PlanPublished)]
    today = plan_heading(plan.model_dump(mode="json"), "…………", "UBND tỉnh")
    assert (today.superior, today.place, today.plan_reference) == (
        "UBND tỉnh",
        "…………",
        plan.title,
    )
    assert today.recipients == [
        "UBND tỉnh (để b/c)",
        "Sở LĐ-TBXH",
        "Lãnh đạo Sở (để b/c)",
        "Các phòng, đơn vị trực thuộc Sở",
        "Lưu: VT, VP, TN",  # the seed's drafter, as its "Lưu: VT, VP. TN" says
    ]
    assert today.legal_basis == "Kế hoạch số 824/KH-UBND ngày 26/02/2024 của Ủy ban nhân dân tỉnh"
    own = {"number": "45/KH-STP", "issued_on": "2024-03-05", "province": "Tây Ninh"}
    own |= {"place": "Tây Ninh", "drafter": "NTT"}
    later = plan_heading({**plan.model_dump(mode="json"), **own}, "…………", "UBND tỉnh")
    assert later.superior == "UBND tỉnh Tây Ninh" and later.place == "Tây Ninh"
    assert later.plan_reference == (
        "Kế hoạch số 45/KH-STP ngày 05/03/2024 về truyền thông thực hiện chương trình phòng "
        "ngừa và ứng phó với bạo lực trên cơ sở giới năm 2024"
    )
    assert (
        later.recipients[0] == "UBND tỉnh (để b/c)" and later.recipients[-1] == "Lưu: VT, VP, NTT"
    )
