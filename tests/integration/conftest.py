"""Fixtures of the notification tests: their settings and a real SMTP server."""

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from shared.natsserver import free_port
from shared.settings import Settings
from tests.integration.notify_kit import Mailbox, start_smtp


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
