"""The 2024 plan year on a hand-moved clock: campaigns records the triggers, notifications
sends the digests to a real SMTP server (aiosmtpd). Counts are computed by the test."""

import asyncio
from collections import Counter
from collections.abc import AsyncIterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from nats.aio.client import Client

from shared.actor import Actor
from shared.bus import request
from shared.natsserver import free_port
from shared.settings import Settings
from tests.conftest import ManualClock, eventually
from tests.integration.notify_kit import (
    Mailbox,
    by_day,
    expected_mail,
    plan_triggers,
    start_smtp,
)

START, END = date(2024, 1, 1), date(2025, 1, 31)
SUBMIT_ON = date(2024, 6, 10)  # before the first 6-month deadline reminder (13/06)


@pytest.fixture
def notify_settings(settings: Settings, tmp_path: Path) -> Settings:
    return settings.model_copy(
        update={
            "notifications_db_url": f"sqlite:///{tmp_path / 'notifications.db'}",
            "smtp_host": "127.0.0.1",
            "smtp_port": free_port(),
            "smtp_starttls": False,
            "notification_tick_seconds": 0.02,
            "projection_fetch_timeout_seconds": 0.2,
            "delivery_backoff_seconds": 0.05,
            "delivery_backoff_max_seconds": 0.3,
            "clock_tick_seconds": 0.01,
            "trigger_horizon_days": 366,
        }
    )


@pytest.fixture
async def mailbox(notify_settings: Settings) -> AsyncIterator[Mailbox]:
    box = Mailbox()
    controller = start_smtp(box, notify_settings.smtp_port)
    yield box
    controller.stop()


async def trigger_counter(nc: Client) -> set[str]:
    """Trigger subjects as the stream records them."""
    seen: set[str] = set()

    async def note(msg) -> None:  # type: ignore[no-untyped-def]
        seen.add(msg.subject)

    await nc.subscribe("planpulse.events.trigger.>", cb=note)
    return seen


@pytest.mark.timeout(120)
async def test_a_plan_year_sends_each_unit_exactly_the_expected_emails(
    nc: Client, notify_settings: Settings, mailbox: Mailbox
):
    from services.campaigns.app import build as campaigns
    from services.notifications.app import build as notifications

    officer = Actor(user_id="cb-tgpl", unit_id="tgpl", role="unit_officer")
    triggers = plan_triggers(submitted={("2024-6-thang", "tgpl")})
    per_day = by_day(triggers)
    expected = expected_mail(triggers, START, END)
    seen = await trigger_counter(nc)
    clock, notify_clock = ManualClock(START), ManualClock(START - timedelta(days=1))
    apps = [campaigns(notify_settings, clock), notifications(notify_settings, notify_clock)]
    for app in apps:
        await app.start()
    try:
        recorded = 0
        day = START
        while day <= END:
            clock.day = day
            if day == SUBMIT_ON:
                body = {"period_id": "2024-6-thang", "unit_id": "tgpl", "results": "Đã làm."}
                reply = await request(
                    nc, "planpulse.cmd.report.submit", body, headers=officer.header()
                )
                assert reply["ok"], reply
            recorded += per_day.get(day, 0)
            # the day's triggers are in the stream before the notifications' clock reaches it
            await eventually(lambda n=recorded: _at_least(seen, n), timeout=10, every=0.005)
            notify_clock.day = day
            day += timedelta(days=1)
        total = sum(len(days) for days in expected.values())
        await eventually(lambda: _at_least(mailbox.messages, total), timeout=30, every=0.05)
        await asyncio.sleep(0.5)  # a duplicate, if any, would be in by now
    finally:
        for app in reversed(apps):
            await app.stop()
    received = mailbox.received()
    assert [key for key, n in Counter(received).items() if n > 1] == []
    got = Counter(address for address, _ in received)
    assert got == Counter({address: len(days) for address, days in expected.items()})
    print(f"e-mails per address: {dict(sorted(got.items()))}; total {sum(got.values())}")
    _assert_reported_unit_spared_and_office_escalated(mailbox)


async def _at_least(things: object, count: int) -> bool:
    return len(things) >= count  # type: ignore[arg-type]


def _assert_reported_unit_spared_and_office_escalated(mailbox: Mailbox) -> None:
    def bodies(address: str) -> str:
        return "\n".join(m.get_content() for m in mailbox.messages if address in str(m["To"]))

    six_month = "Báo cáo 6 tháng đầu năm 2024"
    assert six_month not in bodies("tgpl@stp.example.gov.vn")
    assert f"{six_month} của đơn vị đã quá hạn 1 ngày" in bodies("pbgdpl@stp.example.gov.vn")
    [escalation] = [
        m for m in mailbox.messages if "vanphong@" in str(m["To"]) and "21/06/2024" in m["Subject"]
    ]
    text = escalation.get_content()
    assert "Phòng Phổ biến, giáo dục pháp luật chưa nộp Báo cáo 6 tháng" in text
    assert "Trung tâm Trợ giúp pháp lý nhà nước chưa nộp" not in text
    assert text.count("chưa nộp") == 10  # one listing: the eleven units but the one that did
