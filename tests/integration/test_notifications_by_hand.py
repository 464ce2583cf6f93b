"""The e-mails of June and November 2024, day by day, as a person reads the 2024 plan: the days
below are written out by hand from the plan's dates, not computed from the rules file.

June: the action month starts 01/06 (28/06, Vietnamese Family Day, lies inside it and gets no
message of its own); the 6-month report is due 20/06, reminded 7, 3 and 1 days before
(13/06, 17/06, 19/06) to units that have not sent it, overdue the next day (21/06) and a week
later (28/06), each overdue day escalated to the Office in one message.
November: the action month 15/11-15/12 is announced 14, 7 and 1 days before (01/11, 08/11,
14/11) and starts 15/11; 19/11 and 25/11 lie inside it. Nothing else falls in November.
"""

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from nats.aio.client import Client

from shared.actor import Actor
from shared.settings import Settings
from tests.conftest import Asker
from tests.integration.notify_kit import (
    Mailbox,
    delivered_exactly,
    plan_triggers,
    walk,
    watch_triggers,
)

UNITS = ["thanh-tra", "pbgdpl", "xdkt", "hctp", "btp", "qlxlvp", "tgpl", "dgts"]
UNITS += ["cc1", "cc2", "cc3"]
TGPL = Actor(user_id="cb-tgpl", unit_id="tgpl", role="unit_officer")


def mail(unit: str) -> str:
    """The demo address of a unit (services/notifications/contacts.yaml): its id, no dash."""
    return f"{unit.replace('-', '')}@stp.example.gov.vn"


def june(*days: int) -> set[date]:
    return {date(2024, 6, d) for d in days}


def november(*days: int) -> set[date]:
    return {date(2024, 11, d) for d in days}


JUNE = {  # tgpl sends its 6-month report on 12/06; nobody else does
    **{mail(u): june(1, 13, 17, 19, 21, 28) for u in UNITS if u != "tgpl"},
    mail("tgpl"): june(1),
    "vanphong@stp.example.gov.vn": june(1, 21, 28),
    "lanhdao@stp.example.gov.vn": june(1),
}
NOVEMBER = {
    **{mail(u): november(1, 8, 14, 15) for u in [*UNITS, "van-phong"]},
    "lanhdao@stp.example.gov.vn": november(15),
}


def by_address(mailbox: Mailbox) -> dict[str, set[date]]:
    found: dict[str, set[date]] = {}
    for address, day in mailbox.received():
        found.setdefault(address, set()).add(day)
    return found


def text(mailbox: Mailbox, address: str, day: date) -> str:
    [message] = [
        m
        for m in mailbox.digests()
        if address in str(m["To"]) and f"{day:%d/%m/%Y}" in str(m["Subject"])
    ]
    return str(message.get_content())


@pytest.mark.timeout(240)
async def test_june_2024_day_by_day(
    ask: Asker, nc: Client, notify_settings: Settings, mailbox: Mailbox, system: Callable[..., Any]
) -> None:
    clock, notify_clock = await system(notify_settings, date(2024, 6, 1))

    async def tgpl_reports(day: date) -> None:
        if day == date(2024, 6, 12):
            body = {"period_id": "2024-6-thang", "unit_id": "tgpl", "results": "Đã làm."}
            assert (await ask("planpulse.cmd.report.submit", body, as_=TGPL))["ok"]

    triggers = plan_triggers(submitted={("2024-6-thang", "tgpl")})  # pacing only
    seen = await watch_triggers(nc)
    await walk(
        clock, notify_clock, date(2024, 6, 1), date(2024, 6, 30), triggers, seen, tgpl_reports
    )
    await delivered_exactly(mailbox, JUNE, timeout=120)  # a loaded 2-core machine is slow
    assert by_address(mailbox) == JUNE
    first = text(mailbox, mail("pbgdpl"), date(2024, 6, 1))
    assert "Hôm nay bắt đầu Tháng hành động quốc gia về phòng, chống bạo lực gia đình" in first
    assert "Trong thời gian này có: Ngày Gia đình Việt Nam (28/06/2024)." in first
    assert "Ngày Gia đình Việt Nam" not in text(mailbox, mail("pbgdpl"), date(2024, 6, 28))
    assert "đã quá hạn 1 ngày" in text(mailbox, mail("pbgdpl"), date(2024, 6, 21))
    leadership = text(mailbox, "lanhdao@stp.example.gov.vn", date(2024, 6, 1))
    assert "Đề nghị" not in leadership
    escalation = text(mailbox, "vanphong@stp.example.gov.vn", date(2024, 6, 21))
    assert escalation.count("chưa nộp") == 10 and "Trung tâm Trợ giúp pháp lý" not in escalation
    notices = [m for m in mailbox.messages if m not in mailbox.digests()]
    assert [(str(m["To"]), str(m["Subject"])) for m in notices] == [
        (
            "vanphong@stp.example.gov.vn",
            "[PlanPulse] Trung tâm Trợ giúp pháp lý nhà nước đã gửi Báo cáo 6 tháng đầu năm "
            "2024 (lần 1)",
        )
    ]


@pytest.mark.timeout(240)
async def test_november_2024_day_by_day(
    nc: Client, notify_settings: Settings, mailbox: Mailbox, system: Callable[..., Any]
) -> None:
    clock, notify_clock = await system(notify_settings, date(2024, 11, 1))
    triggers = plan_triggers(submitted=set())  # pacing only
    seen = await watch_triggers(nc)
    await walk(clock, notify_clock, date(2024, 11, 1), date(2024, 11, 30), triggers, seen)
    await delivered_exactly(mailbox, NOVEMBER, timeout=120)
    assert by_address(mailbox) == NOVEMBER  # 4 a unit, where the days used to make 11
    started = text(mailbox, mail("cc1"), date(2024, 11, 15))
    assert (
        "Trong thời gian này có: Ngày Quốc tế Nam giới (19/11/2024); Ngày Quốc tế xóa bỏ bạo "
        "lực đối với Phụ nữ (25/11/2024)." in started
    )
    assert "Còn 14 ngày nữa đến Tháng hành động vì bình đẳng giới" in text(
        mailbox, mail("cc1"), date(2024, 11, 1)
    )
    assert "Đề nghị" not in text(mailbox, "lanhdao@stp.example.gov.vn", date(2024, 11, 15))
