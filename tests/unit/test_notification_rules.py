"""The notification rules and digests, pure: which lines reach whom, one message a day."""

from datetime import date, time, timedelta
from functools import reduce

import pytest
from pydantic import ValidationError

from services.campaigns.plan import read_plan_file
from services.notifications.digest import backoff, compose, digest_day, in_quiet_hours
from services.notifications.rules import RuleBook, items_for, load_contacts, load_rules
from shared.catalog import Catalog, evolve
from shared.events import (
    OccasionApproaching,
    OccasionEnded,
    OccasionStarted,
    ReportDeadlineApproaching,
    ReportOverdue,
)

CATALOG = reduce(evolve, read_plan_file(), Catalog())
UNITS = len(CATALOG.units)  # the Office included


def everywhere(_recipient: str, _channel: str) -> bool:
    return True


def approaching(
    lead: int, occasion: str = "2024-phong-chong-mua-ban-nguoi", starts: date = date(2024, 7, 30)
) -> OccasionApproaching:
    return OccasionApproaching(
        trigger_id=f"{occasion}_approaching-{lead}",
        due_on=starts - timedelta(days=lead),
        late=False,
        occasion_id=occasion,
        plan_id="kh-2024",
        lead_days=lead,
        starts_on=starts,
    )


def started(occasion: str, day: date) -> OccasionStarted:
    return OccasionStarted(
        trigger_id=f"{occasion}_started", due_on=day, late=False, occasion_id=occasion,
        plan_id="kh-2024",
    )  # fmt: skip


def ended(occasion: str, day: date) -> OccasionEnded:
    return OccasionEnded(
        trigger_id=f"{occasion}_ended", due_on=day, late=False, occasion_id=occasion,
        plan_id="kh-2024",
    )  # fmt: skip


def deadline(due: date, lead: int = 3) -> ReportDeadlineApproaching:
    return ReportDeadlineApproaching(
        trigger_id=f"x_tgpl_deadline-{lead}", due_on=due - timedelta(days=lead), late=False,
        report_id="2024-6-thang_tgpl", period_id="2024-6-thang", unit_id="tgpl", deadline=due,
        lead_days=lead,
    )  # fmt: skip


def overdue(unit: str, reminder: int = 1) -> ReportOverdue:
    return ReportOverdue(
        trigger_id=f"2024-6-thang_{unit}_overdue-{reminder}",
        due_on=date(2024, 6, 21),
        late=False,
        report_id=f"2024-6-thang_{unit}",
        period_id="2024-6-thang",
        unit_id=unit,
        deadline=date(2024, 6, 20),
        reminder=reminder,
    )


def test_an_approaching_occasion_reaches_every_unit_by_inbox_and_email_naming_its_task():
    items = items_for(approaching(7), CATALOG, load_rules(), everywhere)
    assert len(items) == UNITS * 2
    assert {item.recipient for item in items} == set(CATALOG.units)
    assert {item.due_on for item in items} == {date(2024, 7, 23)}
    line = items[0].line
    assert "Còn 7 ngày nữa đến Ngày Toàn dân phòng, chống mua bán người (30/07/2024)" in line
    assert "Nhiệm vụ 5. Truyền thông nhân các sự kiện, ngày kỷ niệm" in line


def test_an_overdue_report_reaches_its_unit_and_escalates_to_the_office():
    items = items_for(overdue("pbgdpl"), CATALOG, load_rules(), everywhere)
    by_rule = {(i.rule_id, i.recipient, i.channel) for i in items}
    assert by_rule == {
        ("report-overdue", "pbgdpl", "inbox"),
        ("report-overdue", "pbgdpl", "email"),
        ("report-overdue-office", "van-phong", "inbox"),
        ("report-overdue-office", "van-phong", "email"),
        ("report-overdue-office", "van-phong", "webhook"),
    }
    office = next(i for i in items if i.recipient == "van-phong")
    assert office.line.startswith("Phòng Phổ biến, giáo dục pháp luật chưa nộp")
    assert "hạn 20/06/2024, nhắc lần 1" in office.line


def test_a_channel_that_cannot_reach_a_recipient_gets_no_item():
    def inbox_only(_recipient: str, channel: str) -> bool:
        return channel == "inbox"

    items = items_for(overdue("tgpl"), CATALOG, load_rules(), inbox_only)
    assert {i.channel for i in items} == {"inbox"}


def test_rules_pick_leads_and_reminders():
    book = RuleBook.model_validate(
        {
            "rules": [
                {
                    "id": "only-14",
                    "event": "occasion.approaching",
                    "lead_days": [14],
                    "recipients": ["leadership"],
                    "channels": ["email"],
                    "line": "{occasion}",
                },
                {
                    "id": "third-reminder",
                    "event": "report.overdue",
                    "reminders": [3],
                    "recipients": ["leadership"],
                    "channels": ["inbox"],
                    "line": "{unit}: {days_overdue}",
                },
            ]
        }
    )
    assert items_for(approaching(7), CATALOG, book, everywhere) == []
    assert [i.line for i in items_for(approaching(14), CATALOG, book, everywhere)] == [
        "Ngày Toàn dân phòng, chống mua bán người"
    ]
    assert items_for(overdue("cc1", 2), CATALOG, book, everywhere) == []
    [third] = items_for(overdue("cc1", 3), CATALOG, book, everywhere)
    assert third.recipient == "leadership"


def test_a_line_naming_an_unknown_placeholder_or_occasion_raises():
    book = load_rules().model_copy(
        update={"rules": [load_rules().rules[1].model_copy(update={"line": "{nope}"})]}
    )
    begun = started("2024-phong-chong-mua-ban-nguoi", date(2024, 7, 30))
    with pytest.raises(KeyError):
        items_for(begun, CATALOG, book, everywhere)
    unknown = begun.model_copy(update={"occasion_id": "khong-co"})
    with pytest.raises(KeyError):
        items_for(unknown, CATALOG, load_rules(), everywhere)


def test_the_rules_and_contacts_files_are_checked():
    with pytest.raises(ValidationError):
        RuleBook.model_validate({"rules": [{"id": "x", "event": "occasion.started"}]})
    assert load_contacts().addresses("pbgdpl") == ["pbgdpl@stp.example.gov.vn"]
    assert load_contacts().addresses("khong-co") == []


def test_an_item_joins_its_day_unless_that_digest_went_out():
    due, today = date(2024, 6, 21), date(2024, 6, 23)
    assert digest_day(due, today, closed=set()) == due
    assert digest_day(due, today, closed={due}) == today
    assert digest_day(due, today, closed={due, today}) == date(2024, 6, 24)
    assert digest_day(due, due, closed={due}) == date(2024, 6, 22)


def test_a_digest_lists_every_line_with_vietnamese_dates():
    message = compose("Phòng Công chứng số 1", date(2024, 11, 25), ["một", "hai"])
    assert message.title == "[PlanPulse] Nhắc việc ngày 25/11/2024 (2 nội dung)"
    assert "Kính gửi: Phòng Công chứng số 1." in message.body
    assert "- một\n- hai" in message.body
    assert "(" not in compose("x", date(2024, 3, 8), ["một"]).title


def test_quiet_hours_over_midnight_and_within_a_day():
    assert in_quiet_hours(time(23), time(21), time(7))
    assert in_quiet_hours(time(6, 59), time(21), time(7))
    assert not in_quiet_hours(time(7), time(21), time(7))
    assert in_quiet_hours(time(12), time(11), time(13))
    assert not in_quiet_hours(time(13), time(11), time(13))
    assert not in_quiet_hours(time(3), None, None)


def test_backoff_doubles_up_to_its_ceiling():
    assert [backoff(n, 30, 200) for n in range(1, 6)] == [30, 60, 120, 200, 200]


JUNE = "2024-thang-phong-chong-bao-luc-gia-dinh"
NOVEMBER = "2024-thang-binh-dang-gioi"


def lines(trigger, recipient: str = "pbgdpl") -> list[str]:  # type: ignore[no-untyped-def]
    found = items_for(trigger, CATALOG, load_rules(), everywhere)
    return [i.line for i in found if i.recipient == recipient and i.channel == "inbox"]


def test_a_day_inside_an_action_month_is_told_in_the_months_messages_only():
    family_day = date(2024, 6, 28)
    for trigger in (
        approaching(14, "2024-gia-dinh-viet-nam", family_day),
        started("2024-gia-dinh-viet-nam", family_day),
        ended("2024-gia-dinh-viet-nam", family_day),
        started("2024-quoc-te-nam-gioi", date(2024, 11, 19)),
        approaching(1, "2024-xoa-bo-bao-luc-phu-nu", date(2024, 11, 25)),
    ):
        assert items_for(trigger, CATALOG, load_rules(), everywhere) == [], trigger.trigger_id
    [june] = lines(approaching(7, JUNE, date(2024, 6, 1)))
    assert "Trong thời gian này có: Ngày Gia đình Việt Nam (28/06/2024)." in june
    [november] = lines(started(NOVEMBER, date(2024, 11, 15)))
    assert (
        "Trong thời gian này có: Ngày Quốc tế Nam giới (19/11/2024); Ngày Quốc tế xóa bỏ bạo "
        "lực đối với Phụ nữ (25/11/2024)." in november
    )
    assert lines(started("2024-quoc-te-phu-nu", date(2024, 3, 8)))  # a day on its own: told


def test_leadership_is_informed_not_asked_to_act():
    [told] = lines(started(JUNE, date(2024, 6, 1)), "leadership")
    assert told.startswith("Hôm nay bắt đầu Tháng hành động quốc gia về phòng, chống bạo lực")
    assert "Đề nghị" not in told and "Văn phòng Sở đã nhắc các phòng, đơn vị" in told
    [asked] = lines(started(JUNE, date(2024, 6, 1)))
    assert "Đề nghị triển khai" in asked


def test_the_last_day_of_a_month_is_told_on_that_day_and_a_one_day_occasion_has_none():
    [last] = lines(ended(JUNE, date(2024, 6, 30)))
    assert last.startswith("Hôm nay là ngày cuối của Tháng hành động quốc gia")
    assert "đã kết thúc" not in last
    assert lines(ended("2024-quoc-te-phu-nu", date(2024, 3, 8))) == []


def test_a_deadline_on_a_weekend_or_a_public_holiday_is_noted():
    def said(due: date) -> str:
        return lines(deadline(due), "tgpl")[0]

    assert "Lưu ý" not in said(date(2024, 6, 20))  # a Thursday
    assert said(date(2024, 6, 22)).endswith(
        "Lưu ý: hạn 22/06/2024 rơi vào ngày nghỉ (thứ Bảy), đề nghị gửi sớm hơn."
    )
    assert "rơi vào ngày nghỉ (Chủ nhật)" in said(date(2024, 6, 23))
    assert "rơi vào ngày nghỉ (Quốc khánh)" in said(date(2024, 9, 2))
    assert "rơi vào ngày nghỉ (Tết Nguyên đán)" in said(date(2025, 1, 29))
