"""A realistic consolidated report for the document tests: the 2024 plan's 6-month report.

Every figure is derived from the activity rows, so totals, tasks, occasions and units agree.
"""
# ruff: noqa: E501  (the data below reads best as a table, one row per line)

from collections import Counter
from datetime import date

from services.reporting.documents.model import (
    ActivityRow,
    Completeness,
    ConsolidatedReport,
    Figures,
    Heading,
    Highlight,
    Narrative,
    OccasionResult,
    TaskResult,
    UnitResult,
    UnitStatus,
)

TASKS = {  # id: (short title, title), from services/campaigns/plans/kh-2024.yaml
    "1": (
        "Phổ biến chủ trương, chính sách, pháp luật về bình đẳng giới",
        "Thường xuyên thông tin, tuyên truyền và phổ biến sâu rộng về các chủ trương, đường lối "
        "của Đảng và chính sách, pháp luật của Nhà nước về bình đẳng giới; Chiến lược quốc gia "
        "về bình đẳng giới giai đoạn 2021-2030 và các chương trình, kế hoạch hành động về bình "
        "đẳng giới và phòng, chống bạo lực trên cơ sở giới trong giai đoạn 2021-2030.",
    ),
    "2": (
        "Hoạt động truyền thông, tin bài trên Trang thông tin điện tử",
        "Tổ chức các hoạt động truyền thông về bình đẳng giới và vì sự tiến bộ của phụ nữ với các "
        "hình thức phong phú, đa dạng, phù hợp với nhóm đối tượng; tập trung nâng cao chất lượng "
        "tin, bài tuyên truyền trên Trang thông tin điện tử của cơ quan.",
    ),
    "3": (
        "Hướng dẫn trợ giúp pháp lý cho nạn nhân",
        "Hướng dẫn về trợ giúp pháp lý cho nạn nhân bị bạo lực trên cơ sở giới.",
    ),
    "4": (
        "Truyền thông trong các tháng hành động",
        "Đẩy mạnh tổ chức các hoạt động truyền thông về bình đẳng giới nhân Tháng hành động vì "
        "bình đẳng giới và phòng, chống bạo lực trên cơ sở giới từ ngày 15/11-15/12 và Tháng "
        "hành động quốc gia về phòng, chống bạo lực gia đình (tháng 6).",
    ),
    "5": (
        "Truyền thông nhân các sự kiện, ngày kỷ niệm",
        "Tổ chức thông tin, tuyên truyền và các hoạt động về bình đẳng giới nói chung, về vai "
        "trò, năng lực, phẩm chất phụ nữ Việt Nam nói riêng nhân các sự kiện, ngày lễ lớn của "
        "đất nước, ngày kỷ niệm.",
    ),
    "6": (
        "Lồng ghép bình đẳng giới vào đào tạo, bồi dưỡng",
        "Đưa nội dung về giới, bình đẳng giới và vì sự tiến bộ của phụ nữ vào chương trình đào "
        "tạo, bồi dưỡng lý luận chính trị, quản lý nhà nước, bồi dưỡng chuyên môn, nghiệp vụ.",
    ),
}
OCCASIONS = [  # id, name, starts, ends
    ("2024-quoc-te-phu-nu", "Ngày Quốc tế Phụ nữ", date(2024, 3, 8), date(2024, 3, 8)),
    ("2024-quoc-te-hanh-phuc", "Ngày Quốc tế Hạnh phúc", date(2024, 3, 20), date(2024, 3, 20)),
    (
        "2024-thang-hanh-dong-bao-luc-gia-dinh",
        "Tháng hành động quốc gia về phòng, chống bạo lực gia đình",
        date(2024, 6, 1),
        date(2024, 6, 30),
    ),
]
UNITS = [  # id, name, short name, status, submitted on, on time
    ("van-phong", "Văn phòng Sở", "VP", "Đã tiếp nhận", date(2024, 6, 18), True),
    ("thanh-tra", "Thanh tra Sở", "TTr", "Đã gửi", date(2024, 6, 19), True),
    ("pbgdpl", "Phòng Phổ biến, giáo dục pháp luật", "PBGDPL", "Đã tiếp nhận", date(2024, 6, 17), True),
    ("xdkt", "Phòng Xây dựng và kiểm tra văn bản quy phạm pháp luật", "XD&KTVB", "Đã gửi", date(2024, 6, 24), False),
    ("hctp", "Phòng Hành chính tư pháp", "HCTP", "Bị trả lại", date(2024, 6, 20), True),
    ("btp", "Phòng Bổ trợ tư pháp", "BTTP", "Chưa gửi", None, None),
    ("qlxlvp", "Phòng Quản lý xử lý vi phạm hành chính và theo dõi thi hành pháp luật", "QLXLVPHC", "Đã gửi", date(2024, 6, 21), False),
    ("tgpl", "Trung tâm Trợ giúp pháp lý nhà nước", "TTTGPL", "Đã tiếp nhận", date(2024, 6, 14), True),
]  # fmt: skip
OCC = {o[0]: o[1] for o in OCCASIONS}
W8, W20, M6 = OCC["2024-quoc-te-phu-nu"], OCC["2024-quoc-te-hanh-phuc"], OCCASIONS[2][1]
NEWS, CONF, TRAIN = "Tin, bài trên Trang thông tin điện tử", "Hội nghị, hội thảo, tọa đàm", "Tập huấn, bồi dưỡng"  # fmt: skip
AID, PRINT = "Hướng dẫn trợ giúp pháp lý", "Tờ rơi, áp phích, pa-nô"
ACTIVITIES = [  # date, unit, task, occasion, title, form, audience, men, women, materials
    (date(2024, 1, 10), "PBGDPL", "1", "", "Giới thiệu Chiến lược quốc gia về bình đẳng giới giai đoạn 2021-2030", NEWS, "Công chức, viên chức và Nhân dân", 0, 0, 0),
    (date(2024, 1, 25), "VP", "6", "", "Lồng ghép nội dung bình đẳng giới vào lớp bồi dưỡng nghiệp vụ hộ tịch", TRAIN, "Công chức tư pháp - hộ tịch cấp xã", 48, 73, 121),
    (date(2024, 2, 20), "TTTGPL", "3", "", "Hướng dẫn trợ giúp pháp lý cho nạn nhân bạo lực gia đình tại xã Tân Phú", AID, "Người dân, nạn nhân bạo lực trên cơ sở giới", 12, 31, 200),
    (date(2024, 2, 27), "XD&KTVB", "1", "", "Lồng ghép vấn đề bình đẳng giới trong dự thảo văn bản quy phạm pháp luật", "Hình thức khác", "Công chức của phòng", 7, 5, 0),
    (date(2024, 3, 6), "PBGDPL", "5", W8, "Hội nghị tuyên truyền pháp luật về bình đẳng giới nhân Ngày Quốc tế Phụ nữ 8-3", CONF, "Công chức, viên chức, người lao động của Sở", 35, 62, 150),
    (date(2024, 3, 8), "TTTGPL", "5", W8, "Phát tờ gấp pháp luật về phòng, chống bạo lực gia đình", PRINT, "Hội viên phụ nữ các xã", 420, 1086, 2500),
    (date(2024, 3, 8), "VP", "2", W8, "Tin bài “Phụ nữ ngành Tư pháp với phong trào thi đua”", NEWS, "Công chức, viên chức và Nhân dân", 0, 0, 0),
    (date(2024, 3, 20), "HCTP", "5", W20, "Tọa đàm “Gia đình hạnh phúc, bình đẳng, không bạo lực”", CONF, "Công chức, viên chức", 18, 27, 45),
    (date(2024, 4, 12), "BTTP", "2", "", "Tuyên truyền bình đẳng giới trong hoạt động công chứng, luật sư trên mạng xã hội", "Mạng xã hội", "Tổ chức hành nghề công chứng, luật sư", 0, 0, 0),
    (date(2024, 5, 16), "TTr", "1", "", "Quán triệt Luật Bình đẳng giới tại cuộc họp cơ quan", CONF, "Công chức Thanh tra Sở", 14, 9, 0),
    (date(2024, 6, 3), "PBGDPL", "4", M6, "Cuộc thi tìm hiểu pháp luật về phòng, chống bạo lực gia đình", "Cuộc thi", "Công chức, viên chức và Nhân dân trong tỉnh", 1275, 2348, 0),
    (date(2024, 6, 5), "TTTGPL", "4", M6, "Trợ giúp pháp lý lưu động về phòng, chống bạo lực gia đình", AID, "Người dân xã vùng sâu, vùng xa", 86, 133, 500),
    (date(2024, 6, 10), "QLXLVPHC", "6", "", "Lồng ghép giới trong tập huấn nghiệp vụ xử lý vi phạm hành chính", TRAIN, "Công chức làm công tác xử lý vi phạm hành chính", 40, 25, 65),
    (date(2024, 6, 12), "VP", "4", M6, "Treo băng rôn, pa-nô hưởng ứng Tháng hành động quốc gia", PRINT, "Công chức, viên chức và Nhân dân", 0, 0, 6),
]  # fmt: skip


UNSPECIFIED = {10: 7}  # activity number -> participants not counted by sex


def rows() -> list[ActivityRow]:
    return [
        ActivityRow(
            date=d, unit=unit, task=task, occasion=occasion, title=title, form=form,
            audience=audience, men=men, women=women, total=men + women + UNSPECIFIED.get(n, 0),
            materials=materials,
            evidence_url=f"https://stp.example.gov.vn/hoat-dong/{n}",
        )
        for n, (d, unit, task, occasion, title, form, audience, men, women, materials)
        in enumerate(ACTIVITIES, start=1)
    ]  # fmt: skip


def figures(selected: list[ActivityRow]) -> Figures:
    return Figures(
        activities=len(selected),
        men=sum(a.men for a in selected),
        women=sum(a.women for a in selected),
        participants=sum(a.total for a in selected),
        materials=sum(a.materials for a in selected),
    )


def sample_report(**changes: object) -> ConsolidatedReport:
    activities = rows()
    tasks = []
    for task_id, (short_title, title) in TASKS.items():
        mine = [a for a in activities if a.task == task_id]
        top = sorted(mine, key=lambda a: (-a.total, a.date))[:3]
        tasks.append(
            TaskResult(
                task_id=task_id, short_title=short_title, title=title, figures=figures(mine),
                by_form=dict(Counter(a.form for a in mine)),
                highlights=[Highlight(title=a.title, unit=a.unit, date=a.date) for a in top],
            )
        )  # fmt: skip
    occasions = [
        OccasionResult(
            occasion_id=occasion_id, name=name, starts_on=starts, ends_on=ends,
            figures=figures([a for a in activities if a.occasion == name]),
            units=len({a.unit for a in activities if a.occasion == name}),
        )
        for occasion_id, name, starts, ends in OCCASIONS
    ]  # fmt: skip
    units = [
        UnitStatus(
            unit_id=unit_id, name=name, status=status, submitted_on=submitted, on_time=on_time,
            activities=sum(1 for a in activities if a.unit == short),
        )
        for unit_id, name, short, status, submitted, on_time in UNITS
    ]  # fmt: skip
    plan_title = (
        "Kế hoạch truyền thông thực hiện chương trình phòng ngừa và ứng phó với bạo lực "
        "trên cơ sở giới năm 2024"
    )
    report = ConsolidatedReport(
        heading=Heading(
            superior="UBND tỉnh",
            issuer="Sở Tư pháp",
            number_symbol="Số:        /BC-STP",
            place="…………",
            plan_title=plan_title,
            plan_reference=plan_title,
            legal_basis="Kế hoạch số 824/KH-UBND ngày 26/02/2024 của Ủy ban nhân dân tỉnh",
            recipients=[
                "UBND tỉnh (để b/c)",
                "Sở LĐ-TBXH",
                "Lãnh đạo Sở (để b/c)",
                "Các phòng, đơn vị trực thuộc Sở",
                "Lưu: VT, VP",
            ],
            signer_title="KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
            signer_name="Nguyễn Thụy Thanh Yên",
        ),
        report_date=date(2024, 6, 28),
        plan_year=2024,
        period_name="Báo cáo 6 tháng đầu năm 2024",
        period_start=date(2023, 12, 15),
        period_end=date(2024, 6, 14),
        data_until=None,
        totals=figures(activities),
        tasks=tasks,
        occasions=occasions,
        completeness=Completeness(
            expected=8, submitted=7, on_time=5, completeness_rate=7 / 8, timeliness_rate=5 / 7
        ),
        by_unit=[
            UnitResult(name=name, figures=figures([a for a in activities if a.unit == short]))
            for _, name, short, *_ in UNITS
        ],
        abbreviations={short: name for _, name, short, *_ in UNITS},
        units=units,
        internal_annex=False,
        results=[
            Narrative(
                units=["PBGDPL"],
                text="Cuộc thi tìm hiểu pháp luật về phòng, chống bạo lực gia đình thu hút "
                "3.623 lượt người tham gia, trong đó 2.348 lượt là nữ.",
            ),
            Narrative(
                units=["TTTGPL"],
                text="Thực hiện 14 vụ việc trợ giúp pháp lý cho phụ nữ là nạn nhân bạo lực gia "
                "đình; phát hành 2.700 tờ gấp pháp luật.",
            ),
        ],
        difficulties=[
            Narrative(
                units=["TTTGPL"],
                text="Kinh phí cho hoạt động trợ giúp pháp lý lưu động ở vùng sâu, vùng xa "
                "còn hạn chế.",
            ),
            Narrative(
                units=["HCTP"],
                text="Công chức tư pháp - hộ tịch cấp xã kiêm nhiệm nhiều việc, ít thời gian "
                "cho công tác bình đẳng giới.",
            ),
        ],
        proposals=[
            Narrative(
                units=["VP"],
                text="Đề nghị Sở LĐ-TBXH cung cấp tài liệu truyền thông về bình đẳng giới bằng "
                "tiếng dân tộc thiểu số.",
            )
        ],
        activities=activities,
    )
    return ConsolidatedReport.model_validate({**report.model_dump(), **changes})
