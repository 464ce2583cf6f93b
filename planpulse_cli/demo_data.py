"""The demo's activities: a realistic, varied year of entries for the current plan, made up from a
small Vietnamese vocabulary. Pure and deterministic: entry n of a plan is the same on every run,
so its id (`demo-<plan>-<n>`) makes a second run add nothing."""

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

DEMO_PREFIX = "demo-"
DEMO_NOTE = "Dữ liệu minh họa (planpulse demo)"

TOPICS = (
    "bình đẳng giới",
    "phòng, chống bạo lực gia đình",
    "phòng ngừa và ứng phó với bạo lực trên cơ sở giới",
    "Luật Bình đẳng giới",
    "Luật Phòng, chống bạo lực gia đình năm 2022",
    "Chiến lược quốc gia về bình đẳng giới giai đoạn 2021-2030",
    "quyền của phụ nữ và trẻ em",
    "phòng, chống mua bán người",
    "kỹ năng nhận diện và ứng phó với bạo lực trên cơ sở giới",
    "trợ giúp pháp lý cho nạn nhân bạo lực trên cơ sở giới",
)
PLACES = (
    "xã Tân Phú",
    "phường An Bình",
    "xã Long Hựu",
    "thị trấn Mỹ Xuyên",
    "xã Hòa Thạnh",
    "phường 3",
    "xã Đông Sơn",
    "xã Phước Hưng",
)
PEOPLE = (
    "Cán bộ, công chức, viên chức của Sở",
    "Hội viên Hội Liên hiệp Phụ nữ {place}",
    "Người dân {place}",
    "Học sinh Trường THPT {place}",
    "Người lao động tại khu công nghiệp",
    "Phụ nữ dân tộc thiểu số {place}",
)
STAFF = (
    "Cán bộ, công chức, viên chức của Sở",
    "Cán bộ tư pháp - hộ tịch cấp xã",
    "Hòa giải viên ở cơ sở",
    "Công chứng viên và nhân viên nghiệp vụ",
)
AUDIENCES = {
    "news_article": ("Bạn đọc Trang thông tin điện tử của Sở",),
    "social_media": ("Người theo dõi trang mạng xã hội của Sở", "Thanh niên, học sinh, sinh viên"),
    "print": ("Người dân {place}", "Người đến giao dịch tại Bộ phận một cửa của Sở"),
    "training": STAFF,
    "legal_aid": (
        "Phụ nữ là nạn nhân bạo lực gia đình",
        "Người dân {place}",
        "Phụ nữ dân tộc thiểu số {place}",
    ),
    "conference": PEOPLE + STAFF,
    "contest": PEOPLE,
    "other": PEOPLE + STAFF,
}
TITLES = {
    "news_article": (
        "Tin bài «{Topic}: những điều cần biết» trên Trang thông tin điện tử của Sở",
        "Bài viết giới thiệu quy định mới về {topic}",
        "Đưa tin hoạt động tuyên truyền {topic} tại {place}",
    ),
    "conference": (
        "Hội nghị tuyên truyền pháp luật về {topic}",
        "Tọa đàm «{Topic} – từ chính sách đến thực tiễn»",
        "Hội nghị phổ biến pháp luật về {topic} tại {place}",
    ),
    "training": (
        "Lớp bồi dưỡng kiến thức về {topic} cho cán bộ, công chức",
        "Tập huấn kỹ năng lồng ghép giới trong công tác chuyên môn",
        "Tập huấn nghiệp vụ về {topic} cho hòa giải viên",
    ),
    "legal_aid": (
        "Trợ giúp pháp lý lưu động tại {place}",
        "Tư vấn pháp luật miễn phí cho phụ nữ là nạn nhân bạo lực gia đình tại {place}",
        "Hướng dẫn thủ tục trợ giúp pháp lý cho nạn nhân bạo lực trên cơ sở giới",
    ),
    "print": (
        "Biên soạn, phát hành tờ gấp «{Topic}»",
        "In và cấp phát sổ tay hỏi – đáp pháp luật về {topic}",
    ),
    "social_media": (
        "Đăng tải video ngắn về {topic} trên trang mạng xã hội của Sở",
        "Chuỗi bài đăng hỏi – đáp về {topic} trên Zalo OA của Sở",
    ),
    "contest": (
        "Cuộc thi trực tuyến tìm hiểu pháp luật về {topic}",
        "Hội thi «Gia đình hạnh phúc, không bạo lực» tại {place}",
    ),
    "other": (
        "Sinh hoạt chuyên đề về {topic} tại chi bộ",
        "Treo băng rôn, khẩu hiệu tuyên truyền về {topic}",
    ),
}
# which forms suit a task of the seed plan; a task this list does not know takes any form
FORMS_BY_TASK = {
    "1": ("news_article", "conference", "print", "social_media", "other"),
    "2": ("news_article", "news_article", "social_media", "contest", "print"),
    "3": ("legal_aid", "legal_aid", "conference", "print"),
    "4": ("conference", "contest", "social_media", "print", "other"),
    "5": ("conference", "news_article", "social_media", "other", "contest"),
    "6": ("training", "training", "conference"),
}
# (least, most) participants; written forms reach readers, not attendees
ATTENDANCE = {
    "conference": (30, 150),
    "training": (20, 80),
    "legal_aid": (1, 25),
    "contest": (40, 400),
    "other": (10, 60),
}
MATERIALS = {"print": (300, 3000), "conference": (0, 150), "training": (20, 80)}
KEEN_UNITS = {"pbgdpl": 4, "tgpl": 3}  # the units whose work this plan mostly is
OCCASION_SHARE = 0.45


@dataclass(frozen=True)
class DemoUnit:
    unit_id: str
    is_office: bool = False
    effective_from: date | None = None
    retired_on: date | None = None

    def active_on(self, day: date) -> bool:
        started = self.effective_from is None or self.effective_from <= day
        return started and (self.retired_on is None or day < self.retired_on)


@dataclass(frozen=True)
class DemoOccasion:
    occasion_id: str
    name: str
    kind: str
    starts_on: date
    ends_on: date
    task_ids: tuple[str, ...]

    def label(self) -> str:
        day = self.starts_on
        return f"{self.name} {day.day}/{day.month}" if self.kind == "day" else self.name


@dataclass(frozen=True)
class DemoPlan:
    """What the catalog says about the plan in force today."""

    plan_id: str
    starts_on: date
    today: date
    task_ids: tuple[str, ...]
    units: tuple[DemoUnit, ...]
    occasions: tuple[DemoOccasion, ...]

    def occasion_days(self, occasion: DemoOccasion) -> tuple[date, date] | None:
        """The days of activities for an occasion: from a few days before to just after it,
        inside the plan's window and never after today."""
        first = max(occasion.starts_on - timedelta(days=5), self.starts_on)
        last = min(occasion.ends_on + timedelta(days=2), self.today)
        return (first, last) if first <= last else None


def activity_id(plan_id: str, n: int) -> str:
    """`demo-<plan>-<n>`, within an id's 64 characters whatever the plan's id."""
    return f"{DEMO_PREFIX}{plan_id[:54]}-{n:04d}"


def _day_between(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


def _occasion_day(rng: random.Random, plan: DemoPlan, occasion: DemoOccasion) -> date | None:
    days = plan.occasion_days(occasion)
    if days is None:
        return None
    on_the_day = plan.starts_on <= occasion.starts_on <= plan.today
    if occasion.kind == "day" and on_the_day and rng.random() < 0.6:
        return occasion.starts_on  # most of them on the day itself
    return _day_between(rng, *days)


def _text(rng: random.Random, templates: tuple[str, ...], place: str) -> str:
    topic = rng.choice(TOPICS)
    return rng.choice(templates).format(
        topic=topic, Topic=topic[0].upper() + topic[1:], place=place
    )


def _unit(rng: random.Random, plan: DemoPlan, day: date) -> DemoUnit | None:
    active = [u for u in plan.units if u.active_on(day)]
    if not active:
        return None
    weights = [1 if u.is_office else KEEN_UNITS.get(u.unit_id, 2) for u in active]
    return rng.choices(active, weights)[0]


def _participants(rng: random.Random, form: str) -> dict[str, int]:
    if form not in ATTENDANCE:
        return {"men": 0, "women": 0}
    total = rng.randint(*ATTENDANCE[form])
    women = round(total * rng.uniform(0.45, 0.8 if form != "legal_aid" else 1.0))
    return {"men": total - women, "women": women}


def demo_activity(plan: DemoPlan, n: int) -> dict[str, Any] | None:
    """Entry n of the plan as a `planpulse.cmd.activity.log` body (None if no unit is active on
    the day it falls on)."""
    rng = random.Random(f"{plan.plan_id}/{n}")
    occasions = [o for o in plan.occasions if plan.occasion_days(o) is not None]
    occasion = rng.choice(occasions) if occasions and rng.random() < OCCASION_SHARE else None
    day = _occasion_day(rng, plan, occasion) if occasion else None
    if occasion is None or day is None:
        occasion, day = None, _day_between(rng, plan.starts_on, plan.today)
    own_tasks = [t for t in (occasion.task_ids if occasion else ()) if t in plan.task_ids]
    task_id = rng.choice(own_tasks or list(plan.task_ids))
    form = rng.choice(FORMS_BY_TASK.get(task_id, tuple(TITLES)))
    unit = _unit(rng, plan, day)
    if unit is None:
        return None
    place = rng.choice(PLACES)
    title = _text(rng, TITLES[form], place)
    if occasion is not None:
        title = f"{title} hưởng ứng {occasion.label()}"
    body: dict[str, Any] = {
        "activity_id": activity_id(plan.plan_id, n),
        "plan_id": plan.plan_id,
        "unit_id": unit.unit_id,
        "task_id": task_id,
        "date": day.isoformat(),
        "title": title[:300],
        "form": form,
        "audience": rng.choice(AUDIENCES[form]).format(place=place),
        "participants": _participants(rng, form),
        "materials": rng.randint(*MATERIALS[form]) if form in MATERIALS else 0,
        "note": DEMO_NOTE,
    }
    if occasion is not None:
        body["occasion_id"] = occasion.occasion_id
    if form in ("news_article", "social_media"):
        body["materials"] = rng.randint(1, 3)
        body["evidence_url"] = f"https://stp.example.gov.vn/tin-tuc/{body['activity_id']}"
    return body


def demo_activities(plan: DemoPlan, count: int) -> list[dict[str, Any]]:
    """The first `count` entries of the plan (fewer if some day has no active unit)."""
    made = (demo_activity(plan, n) for n in range(1, count + 1))
    return [body for body in made if body is not None]


REPORT_TEXT = {
    "results": (
        "Trong kỳ, {unit} đã tổ chức {count} hoạt động truyền thông về bình đẳng giới và "
        "phòng ngừa, ứng phó với bạo lực trên cơ sở giới, thu hút {people} lượt người tham dự "
        "({women} nữ). {note}."
    ),
    "difficulties": "Kinh phí dành cho hoạt động truyền thông còn hạn chế; nhân sự kiêm nhiệm.",
    "proposals": "Đề nghị Sở bố trí thêm tài liệu tuyên truyền và tập huấn kỹ năng truyền thông.",
}
RETURN_COMMENT = "Đề nghị bổ sung số liệu người tham dự theo giới tính của từng hoạt động."


def report_body(
    period_id: str, unit_id: str, unit_name: str, activities: list[dict[str, Any]]
) -> dict[str, Any]:
    """A unit's 6-month report on its demo activities of the period."""
    mine = [a for a in activities if a["unit_id"] == unit_id]
    men = sum(a["participants"]["men"] for a in mine)
    women = sum(a["participants"]["women"] for a in mine)
    results = REPORT_TEXT["results"].format(
        unit=unit_name, count=len(mine), people=men + women, women=women, note=DEMO_NOTE
    )
    return {
        "period_id": period_id,
        "unit_id": unit_id,
        "results": results,
        "difficulties": REPORT_TEXT["difficulties"],
        "proposals": REPORT_TEXT["proposals"],
    }
