"""Fixtures of the notification tests: their settings, a real SMTP server, and the campaigns and
notifications services on hand-moved clocks."""

from collections.abc import AsyncIterator, Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from nats.aio.client import Client

from shared.natsserver import free_port
from shared.settings import Settings
from tests.conftest import ManualClock
from tests.integration.notify_kit import HourClock, Mailbox, start_smtp


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
            # the tests move the clocks faster than a loaded machine may follow
            "notification_horizon_days": 366,
        }
    )


@pytest.fixture
async def mailbox(notify_settings: Settings) -> AsyncIterator[Mailbox]:
    box = Mailbox()
    controller = start_smtp(box, notify_settings.smtp_port)
    yield box
    controller.stop()


@pytest.fixture
async def system(nc: Client) -> AsyncIterator[Callable[..., Any]]:
    from services.campaigns.app import build as campaigns
    from services.notifications.app import build as notifications

    started: list[Any] = []

    async def start(settings: Settings, first: date) -> tuple[ManualClock, HourClock]:
        settings = settings.model_copy(update={"trigger_horizon_days": 0})
        # both before the window: the walk moves them into it
        clock, notify_clock = ManualClock(first), HourClock(first)
        clock.day = notify_clock.day = date(2000, 1, 1)
        for app in (campaigns(settings, clock), notifications(settings, notify_clock)):
            await app.start()
            started.append(app)
        return clock, notify_clock

    yield start
    for app in reversed(started):
        await app.stop()
