"""The SMTP server is away for two weeks of the year: every e-mail comes after it is back, in
day order, each once."""

import socket
from datetime import date

import pytest
from nats.aio.client import Client

from shared.settings import Settings
from tests.conftest import ManualClock, eventually
from tests.integration.notify_kit import (
    Mailbox,
    delivered_exactly,
    expected_mail,
    hold_port,
    plan_triggers,
    start_smtp,
    walk,
    watch_triggers,
)

FIRST, LAST = date(2024, 2, 20), date(2024, 3, 25)  # 08/03 and 20/03, with their reminders
DOWN, BACK = date(2024, 3, 1), date(2024, 3, 15)


@pytest.mark.timeout(60)
async def test_mail_held_while_smtp_is_unreachable_goes_out_in_order_once_when_it_is_back(
    nc: Client, notify_settings: Settings
):
    from services.campaigns.app import build as campaigns
    from services.notifications.app import build as notifications

    mailbox = Mailbox()
    server = start_smtp(mailbox, notify_settings.smtp_port)
    settings = notify_settings.model_copy(update={"trigger_horizon_days": 0})
    triggers = plan_triggers(submitted=set())
    expected = expected_mail(triggers, FIRST, LAST)
    before_outage = sum(1 for days in expected.values() for d in days if d < DOWN)
    seen = await watch_triggers(nc)
    clock, notify_clock = ManualClock(date(2000, 1, 1)), ManualClock(date(2000, 1, 1))
    apps = [campaigns(settings, clock), notifications(settings, notify_clock)]
    for app in apps:
        await app.start()
    held: list[int] = []
    port: list[socket.socket] = []

    async def outage(day: date) -> None:
        nonlocal server
        if day == DOWN:
            await eventually(lambda: _reached(mailbox, before_outage), timeout=10)
            server.stop()
            port.append(hold_port(notify_settings.smtp_port))
        if day == BACK:
            held.append(len(mailbox.messages))
            port.pop().close()
            server = start_smtp(mailbox, notify_settings.smtp_port)

    try:
        await walk(clock, notify_clock, FIRST, LAST, triggers, seen, outage)
        await delivered_exactly(mailbox, expected, timeout=20)  # each once, none missing
    finally:
        for app in reversed(apps):
            await app.stop()
        server.stop()
        for held_port in port:
            held_port.close()
    received = mailbox.received()
    assert held == [before_outage], "an e-mail went out while the server was away"
    days = [day for _, day in received]
    assert days == sorted(days), "the held e-mails came out of day order"
    late = {day for _, day in received[before_outage:] if day < BACK}
    print(f"{before_outage} e-mails before the outage, {len(received)} in all; held days: {late}")
    assert late, "nothing was due during the outage: the test proved nothing"


async def _reached(mailbox: Mailbox, count: int) -> bool:
    return len(mailbox.messages) >= count
