"""The delivery loop: once the consumer has caught up with the stream, gather what is due into
digests, send them channel by channel in day order, retry with backoff, record the outcome."""

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from services.notifications import consumer, outbox
from services.notifications.channels import ChannelDown, MessageRefused
from services.notifications.channels.email import Smtp, send_email
from services.notifications.channels.webhook import post_webhook
from services.notifications.digest import Message, backoff, in_quiet_hours, local_time
from services.notifications.rules import Channel, Contacts
from shared.clock import Clock
from shared.settings import Settings

log = logging.getLogger(__name__)
OUTSIDE = {"email", "webhook"}  # channels that leave the system: quiet hours apply


@dataclass
class Delivery:
    engine: Engine
    settings: Settings
    clock: Clock
    contacts: Contacts
    caught_up: Callable[[], Awaitable[bool]]
    record: Callable[[dict[str, Any]], Awaitable[bool]]
    smtp: Smtp | None = None
    down_until: dict[str, float] = field(default_factory=dict)
    down_count: dict[str, int] = field(default_factory=dict)

    def addresses(self, recipient: str) -> list[str]:
        """The recipient's accounts' addresses, then the contacts file's (without repeats)."""
        found = [*consumer.addresses(self.engine, recipient), *self.contacts.addresses(recipient)]
        return list(dict.fromkeys(a.lower() for a in found))

    def reachable(self, recipient: str, channel: Channel) -> bool:
        if channel == "email":
            return self.smtp is not None and bool(self.addresses(recipient))
        if channel == "webhook":
            return bool(self.settings.webhook_url)
        return True

    def _quiet(self) -> bool:
        s = self.settings
        moment = local_time(self.clock.now(), s.local_timezone)
        return in_quiet_hours(moment, s.quiet_hours_start, s.quiet_hours_end)

    def _backoff(self, attempts: int) -> float:
        s = self.settings
        return backoff(attempts, s.delivery_backoff_seconds, s.delivery_backoff_max_seconds)

    async def run(self, stopping: asyncio.Event) -> None:
        """Pass after pass until `stopping` is set (a cancel alone may be swallowed)."""
        while not stopping.is_set():
            try:
                await self.step()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("delivery pass failed; trying again next tick")
            await asyncio.sleep(self.settings.notification_tick_seconds)

    async def step(self) -> int:
        """One pass; return how many digests went out."""
        await self._record_outcomes()
        if not await self.caught_up():
            return 0  # a digest must hold everything due that day that is already recorded
        today = self.clock.today()
        horizon = self.settings.notification_horizon_days
        real_today = datetime.now(ZoneInfo(self.settings.local_timezone)).date()
        await asyncio.to_thread(outbox.assign, self.engine, today, horizon, real_today)
        stale = 2 * (self.settings.smtp_timeout_seconds + self.settings.webhook_timeout_seconds)
        pending = await asyncio.to_thread(outbox.due, self.engine, today, time.time(), stale)
        quiet = self._quiet()
        delivered = 0
        for digest in pending:
            if quiet and digest.channel in OUTSIDE:
                continue  # held until the quiet hours end
            if self.down_until.get(digest.channel, 0.0) > time.time():
                continue  # the channel is down: later digests wait behind this one, in order
            delivered += await self._deliver(digest)
        await self._record_outcomes()
        return delivered

    async def _deliver(self, digest: outbox.Due) -> int:
        claimed = await asyncio.to_thread(outbox.claim, self.engine, digest.id, time.time())
        if claimed is None:
            return 0
        message, subjects = claimed
        now = self.clock.now()
        try:
            inbox = await self._send(digest, message, subjects, now)
        except ChannelDown as error:
            await asyncio.to_thread(outbox.release, self.engine, digest.id)
            count = self.down_count.get(digest.channel, 0) + 1
            self.down_count[digest.channel] = count
            self.down_until[digest.channel] = time.time() + self._backoff(count)
            log.warning("%s down (%s); holding its messages", digest.channel, error)
            return 0
        except MessageRefused as error:
            attempts = digest.attempts + 1
            last = attempts >= self.settings.delivery_attempts
            retry_at = None if last else time.time() + self._backoff(attempts)
            await asyncio.to_thread(
                outbox.refused, self.engine, digest.id, str(error), retry_at, now
            )
            log.warning("%s attempt %d refused: %s", digest.id, attempts, error)
            return 0
        self.down_count[digest.channel] = 0
        await asyncio.to_thread(outbox.sent, self.engine, digest.id, now, inbox)
        return 1

    async def _send(
        self, digest: outbox.Due, message: Message, subjects: list[str], now: datetime
    ) -> dict[str, Any] | None:
        """Deliver on the digest's channel; the inbox row to write, for the inbox channel."""
        if digest.channel == "inbox":
            return {
                "id": digest.id,
                "recipient": digest.recipient,
                "day": digest.day,
                "title": message.title,
                "body": message.body,
                "created_at": now,
                "read": False,
            }
        if digest.channel == "email":
            addresses = self.addresses(digest.recipient)
            if self.smtp is None or not addresses:
                raise MessageRefused("no e-mail address or SMTP server for this recipient")
            await send_email(self.smtp, addresses, message, digest.id)
            return None
        if not self.settings.webhook_url:
            raise MessageRefused("no webhook URL is set")
        payload = {
            "id": digest.id,
            "recipient": digest.recipient,
            "day": digest.day.isoformat(),
            "title": message.title,
            "text": message.body,
            "subjects": subjects,
        }
        await post_webhook(
            self.settings.webhook_url, self.settings.webhook_timeout_seconds, payload
        )
        return None

    async def _record_outcomes(self) -> None:
        for command in await asyncio.to_thread(outbox.unrecorded, self.engine):
            if not await self.record(command):
                return  # campaigns unavailable: the next pass tries again
            await asyncio.to_thread(outbox.recorded, self.engine, command["notification_id"])
