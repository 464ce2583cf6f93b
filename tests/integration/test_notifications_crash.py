"""SIGKILL the notifications service (a real process) in the middle of the year, restart it:
still exactly the expected e-mails, none twice, none missing."""

import asyncio
import os
import signal
import subprocess
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from nats.aio.client import Client

from shared.natsserver import NatsServer, stop_process
from shared.settings import Settings
from tests.conftest import ManualClock, eventually, start_component
from tests.integration.notify_kit import (
    Mailbox,
    expected_mail,
    plan_triggers,
    walk,
    watch_triggers,
)

START, MIDYEAR, END = date(2024, 1, 1), date(2024, 6, 22), date(2024, 12, 31)


def start_notifications(env: dict[str, str], today: date, log: Path) -> subprocess.Popen[bytes]:
    # a simulated clock at 09:00 of `today`, running at real speed: it stays on that day
    env = {**env, "PLANPULSE_SIMULATE_START": f"{today.isoformat()}T09:00:00+00:00"}
    return start_component("notifications", env, log)


@pytest.mark.timeout(90)
async def test_sigkill_mid_year_then_restart_sends_exactly_the_expected_emails(
    nc: Client, nats_server: NatsServer, notify_settings: Settings, mailbox: Mailbox,
    tmp_path: Path,
):  # fmt: skip
    from services.campaigns.app import build as campaigns

    triggers = plan_triggers(submitted=set())
    seen = await watch_triggers(nc)
    clock = ManualClock(date(2000, 1, 1))
    app = campaigns(notify_settings, clock)
    await app.start()
    env = {
        **os.environ,
        "PLANPULSE_NATS_URL": nats_server.url,
        "PLANPULSE_DATA_DIR": str(tmp_path / "var"),
        "PLANPULSE_NOTIFICATIONS_DB_URL": str(notify_settings.notifications_db_url),
        "PLANPULSE_SMTP_HOST": "127.0.0.1",
        "PLANPULSE_SMTP_PORT": str(notify_settings.smtp_port),
        "PLANPULSE_SMTP_STARTTLS": "false",
        "PLANPULSE_NOTIFICATION_TICK_SECONDS": "0.05",
        "PLANPULSE_PROJECTION_FETCH_TIMEOUT_SECONDS": "0.2",
        "PLANPULSE_LOG_LEVEL": "WARNING",
        "PLANPULSE_NOTIFICATION_HORIZON_DAYS": "366",  # it starts with half a year of triggers
        # a claim left by a kill is taken back after 2 x (1 + 1) s
        "PLANPULSE_SMTP_TIMEOUT_SECONDS": "1",
        "PLANPULSE_WEBHOOK_TIMEOUT_SECONDS": "1",
    }
    log = tmp_path / "notifications.log"
    service: subprocess.Popen[bytes] | None = None
    try:
        await walk(clock, ManualClock(START), START, END, triggers, seen)  # the year's triggers
        service = start_notifications(env, MIDYEAR, log)
        by_midyear = sum(len(d) for d in expected_mail(triggers, START, MIDYEAR).values())
        await eventually(lambda: _reached(mailbox, by_midyear), timeout=30)
        await asyncio.sleep(0.3)
        at_kill = len(mailbox.messages)
        service.send_signal(signal.SIGKILL)
        service.wait(10)
        service = start_notifications(env, END, log)
        # a second kill, in the middle of a burst of sending: what was claimed may go twice
        await eventually(lambda: _reached(mailbox, at_kill + 150), timeout=30)
        service.send_signal(signal.SIGKILL)
        service.wait(10)
        in_flight = _claimed(str(notify_settings.notifications_db_url))
        service = start_notifications(env, END, log)
        expected = expected_mail(triggers, START, END)
        total = sum(len(days) for days in expected.values())
        await eventually(lambda: _reached(mailbox, total), timeout=40)
        await asyncio.sleep(0.5)  # a duplicate, if any, would be in by now
    finally:
        if service is not None:
            stop_process(service)
        await app.stop()
    received = mailbox.received()
    twice = [key for key, n in Counter(received).items() if n > 1]
    resent = [i for i, n in Counter(mailbox.message_ids()).items() if n > 1]
    print(
        f"first kill (idle) after {at_kill} e-mails, {by_midyear} expected by 22/06; second kill "
        f"(mid-burst) with {len(in_flight)} claimed; {len(received)} e-mails, resent: {resent}"
    )
    assert at_kill == by_midyear  # the first kill: everything due so far, each once
    assert set(resent) <= in_flight, "only a digest in flight at a kill may go out twice"
    assert len(twice) == len(resent)
    unique = Counter(a for a, _ in set(received))
    assert unique == Counter({a: len(d) for a, d in expected.items()}), "an e-mail is missing"


def _claimed(url: str) -> set[str]:
    """Digests the killed process had claimed and not marked sent: the at-least-once window."""
    from sqlalchemy import create_engine, select

    from services.notifications.tables import digests

    engine = create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(select(digests.c.id).where(digests.c.state == "sending")).all()
    engine.dispose()
    return {row.id for row in rows}


async def _reached(mailbox: Mailbox, count: int) -> bool:
    return len(mailbox.messages) >= count
