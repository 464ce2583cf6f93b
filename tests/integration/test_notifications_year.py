"""The 2024 plan year on a hand-moved clock: campaigns records the triggers, notifications
sends the digests to a real SMTP server (aiosmtpd). Counts are computed by the test."""

from datetime import date, timedelta

import pytest
from nats.aio.client import Client

from shared.actor import Actor
from shared.settings import Settings
from tests.conftest import Asker, ManualClock
from tests.integration.notify_kit import (
    Mailbox,
    delivered_exactly,
    expected_mail,
    plan_triggers,
    walk,
    watch_triggers,
)

START, END = date(2024, 1, 1), date(2025, 1, 31)
SUBMIT_ON = date(2024, 6, 10)  # before the first 6-month deadline reminder (13/06)


@pytest.mark.timeout(240)
async def test_a_plan_year_sends_each_unit_exactly_the_expected_emails(
    ask: Asker, nc: Client, notify_settings: Settings, mailbox: Mailbox
):
    from services.campaigns.app import build as campaigns
    from services.notifications.app import build as notifications

    officer = Actor(user_id="cb-tgpl", unit_id="tgpl", role="unit_officer")
    triggers = plan_triggers(submitted={("2024-6-thang", "tgpl")})
    expected = expected_mail(triggers, START, END)
    seen = await watch_triggers(nc)
    clock, notify_clock = ManualClock(START), ManualClock(START - timedelta(days=1))
    apps = [campaigns(notify_settings, clock), notifications(notify_settings, notify_clock)]
    for app in apps:
        await app.start()
    try:

        async def submit_six_month_report(day: date) -> None:
            if day == SUBMIT_ON:
                body = {"period_id": "2024-6-thang", "unit_id": "tgpl", "results": "Đã làm."}
                reply = await ask("planpulse.cmd.report.submit", body, as_=officer)
                assert reply["ok"], reply

        await walk(clock, notify_clock, START, END, triggers, seen, submit_six_month_report)
        # ~620 e-mails: a 2-core machine shared with other test runs needs more than 30 s
        got = await delivered_exactly(mailbox, expected, timeout=120)
    finally:
        for app in reversed(apps):
            await app.stop()
    print(f"e-mails per address: {dict(sorted(got.items()))}; total {sum(got.values())}")
    _assert_reported_unit_spared_and_office_escalated(mailbox)


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


@pytest.mark.timeout(60)
async def test_two_notifications_instances_on_one_database_send_each_email_once(
    nc: Client, notify_settings: Settings, mailbox: Mailbox
):
    from services.campaigns.app import build as campaigns
    from services.notifications.app import build as notifications

    first, last = date(2024, 2, 20), date(2024, 3, 25)
    settings = notify_settings.model_copy(update={"trigger_horizon_days": 0})
    triggers = plan_triggers(submitted=set())
    expected = expected_mail(triggers, first, last)
    seen = await watch_triggers(nc)
    clock, notify_clock = ManualClock(date(2000, 1, 1)), ManualClock(date(2000, 1, 1))
    twins = [settings.model_copy(update={"notifications_consumer": f"notify-{n}"}) for n in "ab"]
    apps = [campaigns(settings, clock)] + [notifications(s, notify_clock) for s in twins]
    for app in apps:
        await app.start()
    try:
        await walk(clock, notify_clock, first, last, triggers, seen)
        await delivered_exactly(mailbox, expected, timeout=20)
    finally:
        for app in reversed(apps):
            await app.stop()
