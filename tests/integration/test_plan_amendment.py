"""The Office moves a commemorative day after its first reminder went out: on a hand-moved clock,
campaigns re-plans the triggers and notifications e-mails a unit (real SMTP server) on the days
written out below, once each; the plan's history says who, when and why."""

import asyncio
from collections import Counter
from datetime import date, timedelta

import pytest

from shared.settings import Settings
from tests.conftest import OFFICE, Asker, ManualClock
from tests.integration.notify_kit import Mailbox

MOVED = "2024-quoc-te-phu-nu"  # 08/03/2024, moved on 27/02 to Monday 11/03/2024
AMENDED_ON = date(2024, 2, 27)
# What Trung tâm Trợ giúp pháp lý receives, by hand from the rules (14, 7 and 1 days before an
# occasion, and the day it starts, by e-mail to every unit):
TGPL_DAYS = {
    date(2024, 2, 23),  # 14 days before 08/03, sent before the amendment
    date(2024, 3, 4),  # 7 days before 11/03 (not 01/03: the old date's)
    date(2024, 3, 6),  # 14 days before 20/03, the International Day of Happiness
    date(2024, 3, 10),  # 1 day before 11/03 (not 07/03)
    date(2024, 3, 11),  # 11/03 starts (not 08/03)
}
# not sent: 26/02 (14 days before 11/03 fell before the amendment: not caught up late)


@pytest.mark.timeout(120)
async def test_a_moved_occasion_is_reminded_on_its_new_date_and_nothing_twice(
    ask: Asker, notify_settings: Settings, mailbox: Mailbox
) -> None:
    from services.campaigns.app import build as campaigns
    from services.notifications.app import build as notifications

    settings = notify_settings.model_copy(update={"trigger_horizon_days": 7})
    clock, notify_clock = ManualClock(date(2024, 2, 20)), ManualClock(date(2024, 2, 19))
    apps = [campaigns(settings, clock), notifications(settings, notify_clock)]
    for app in apps:
        await app.start()
    try:
        day = date(2024, 2, 20)
        while day <= date(2024, 3, 12):
            clock.day = day
            if day == AMENDED_ON:
                await _move_the_day(ask)
            await asyncio.sleep(0.25)  # the clock ticks every 10 ms
            notify_clock.day = day
            await asyncio.sleep(0.1)
            day += timedelta(days=1)
        tgpl = await _mail_of(mailbox, "tgpl@stp.example.gov.vn", len(TGPL_DAYS))
        shown = await ask("planpulse.query.plan", {"plan_id": "kh-2024"}, as_=OFFICE)
    finally:
        for app in reversed(apps):
            await app.stop()
    assert Counter(tgpl) == Counter(TGPL_DAYS), sorted(tgpl)
    [amendment] = [h for h in shown["history"] if h["type"] == "planpulse.plan.amended.v1"]
    assert amendment["actor"] == "vp-chuyenvien@van-phong"
    assert amendment["why"] == "Lễ kỷ niệm tổ chức vào thứ Hai 11/03/2024"
    assert amendment["time"]
    moved = next(o for o in shown["plan"]["occasions"] if o["id"] == MOVED)
    assert (moved["start"], moved["end"]) == ("2024-03-11", "2024-03-11")


async def _move_the_day(ask: Asker) -> None:
    shown = await ask("planpulse.query.plan", {"plan_id": "kh-2024"}, as_=OFFICE)
    content = shown["plan"]["content"]
    for occasion in content["occasions"]:
        if occasion["occasion_id"] == MOVED:
            occasion["starts_on"] = occasion["ends_on"] = "2024-03-11"
    reply = await ask(
        "planpulse.cmd.plan.amend",
        {
            "plan_id": "kh-2024",
            "content": content,
            "reason": "Lễ kỷ niệm tổ chức vào thứ Hai 11/03/2024",
        },
        as_=OFFICE,
    )
    assert reply["ok"], reply


async def _mail_of(mailbox: Mailbox, address: str, expected: int) -> list[date]:
    deadline = asyncio.get_running_loop().time() + 20
    while True:
        days = [day for to, day in mailbox.received() if to == address]
        if len(days) >= expected or asyncio.get_running_loop().time() > deadline:
            await asyncio.sleep(0.5)  # a duplicate, if any, would be in by now
            return [day for to, day in mailbox.received() if to == address]
        await asyncio.sleep(0.05)
