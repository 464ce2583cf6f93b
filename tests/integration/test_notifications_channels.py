"""The inbox, the webhook, failures after the last retry, dead letters and quiet hours, against
a real nats-server, a real SMTP server and a real local HTTP server."""

import asyncio
from collections.abc import Callable
from datetime import date, time
from typing import Any

import pytest
from nats.aio.client import Client

from shared.actor import Actor
from shared.events import OccasionStarted, encode
from shared.eventstore import JetStreamEventStore, ensure_stream
from shared.settings import Settings
from tests.conftest import Asker, eventually
from tests.integration.notify_kit import (
    Mailbox,
    expected_days,
    plan_triggers,
    start_webhook,
    walk,
    watch_triggers,
)

OFFICE = Actor(user_id="vp", unit_id="van-phong", role="office")
PBGDPL = Actor(user_id="cb-pbgdpl", unit_id="pbgdpl", role="unit_officer")
DEADLINE_WEEK = (date(2024, 6, 12), date(2024, 6, 21))  # reminders, then overdue on 21/06


async def history(nc: Client, notification_id: str) -> list[str]:
    stored = await JetStreamEventStore(nc.jetstream()).load(
        f"planpulse.events.notification.{notification_id}"
    )
    return [s.envelope.type for s in stored]


@pytest.mark.timeout(60)
async def test_webhook_posts_json_and_the_inbox_lists_and_marks_read(
    ask: Asker, nc: Client, notify_settings: Settings, mailbox: Mailbox, system: Callable[..., Any]
):
    hook = start_webhook()
    settings = notify_settings.model_copy(update={"webhook_url": hook.url})
    first, last = DEADLINE_WEEK
    clock, notify_clock = await system(settings, first)
    triggers = plan_triggers(submitted=set())
    await walk(clock, notify_clock, first, last, triggers, await watch_triggers(nc))

    await eventually(lambda: _true(len(hook.received) == 1), timeout=10)
    [posted] = hook.received
    assert (posted["recipient"], posted["day"]) == ("van-phong", "2024-06-21")
    assert posted["text"].count("chưa nộp Báo cáo 6 tháng đầu năm 2024") == 11
    assert "2024-6-thang_pbgdpl_20240620_overdue-1" in posted["subjects"]
    sent = "planpulse.notification.sent.v1"
    await eventually(lambda: _has(nc, "2024-06-21_webhook_van-phong", sent), timeout=10)
    hook.shutdown()

    inbox_days = expected_days(triggers, first, last, "inbox")["pbgdpl"]

    async def all_in() -> bool:
        reply = await ask("planpulse.query.inbox", {}, as_=PBGDPL)
        return len(reply["items"]) == len(inbox_days)

    await eventually(all_in, timeout=10)
    reply = await ask("planpulse.query.inbox", {"limit": 200}, as_=PBGDPL)
    assert reply["unread"] == len(inbox_days) == len(reply["items"])
    assert {date.fromisoformat(item["day"]) for item in reply["items"]} == inbox_days
    newest = reply["items"][0]
    # one line: 28/06 (inside the June month) has no reminder of its own a week before
    assert (newest["day"], newest["title"]) == (
        "2024-06-21",
        "[PlanPulse] Nhắc việc ngày 21/06/2024",
    )
    assert "quá hạn 1 ngày" in newest["body"] and "Ngày Gia đình Việt Nam" not in newest["body"]
    marked = await ask("planpulse.cmd.inbox.mark_read", {"ids": [newest["id"]]}, as_=PBGDPL)
    assert marked == {"ok": True, "marked": 1}
    unread = await ask("planpulse.query.inbox", {"unread_only": True}, as_=PBGDPL)
    assert unread["unread"] == len(inbox_days) - 1
    assert newest["id"] not in {item["id"] for item in unread["items"]}
    nothing = await ask("planpulse.cmd.inbox.mark_read", {}, as_=PBGDPL)
    assert nothing["error"]["code"] == "invalid_command", nothing
    assert nothing["error"]["message"].startswith("Chọn ít nhất một thông báo")
    rest = await ask("planpulse.cmd.inbox.mark_read", {"all": True}, as_=PBGDPL)
    assert rest["marked"] == len(inbox_days) - 1
    office = await ask("planpulse.query.inbox", {}, as_=OFFICE)
    assert office["items"][0]["day"] == "2024-06-21"
    assert "Phòng Phổ biến, giáo dục pháp luật chưa nộp" in office["items"][0]["body"]

    admin = Actor(user_id="qt", role="admin")
    refused = await ask("planpulse.query.inbox", {}, as_=admin)
    assert refused["ok"] is False and refused["error"]["code"] == "forbidden"
    bad = await ask("planpulse.query.inbox", {"limit": 0}, as_=PBGDPL)
    assert bad["error"]["code"] == "invalid_query"
    assert bad["error"]["fields"]["limit"] == "Số dòng không được nhỏ hơn 1."


@pytest.mark.timeout(60)
async def test_a_refused_webhook_fails_after_its_last_try_and_a_poison_event_is_set_aside(
    ask: Asker, nc: Client, notify_settings: Settings, mailbox: Mailbox, system: Callable[..., Any]
):
    hook = start_webhook(status=500)
    settings = notify_settings.model_copy(
        update={"webhook_url": hook.url, "delivery_attempts": 3, "delivery_backoff_seconds": 0.05}
    )
    day = DEADLINE_WEEK[1]
    js = nc.jetstream()
    await ensure_stream(js)
    poison = await js.publish("planpulse.events.junk.poison", b"{not an envelope")
    unknown = OccasionStarted(
        trigger_id="bogus", due_on=day, late=False, occasion_id="khong-co", plan_id="kh-2024"
    )
    envelope = encode(unknown, source="test", actor="system")
    bogus = await js.publish("planpulse.events.trigger.bogus", envelope.to_bytes())
    clock, notify_clock = await system(settings, day)
    triggers = [t for t in plan_triggers(submitted=set()) if t.day == day]
    await walk(clock, notify_clock, day, day, triggers, await watch_triggers(nc))

    async def failed() -> list[dict[str, Any]]:
        reply = await ask("planpulse.query.notifications.failed", {}, as_=OFFICE)
        return list(reply["items"])

    await eventually(lambda: _true_async(failed), timeout=10)
    [item] = await failed()
    assert (item["id"], item["channel"], item["attempts"]) == (
        "2024-06-21_webhook_van-phong",
        "webhook",
        3,
    )
    assert "HTTP 500" in item["error"] and "2024-6-thang_cc1_20240620_overdue-1" in item["subjects"]
    assert len(hook.received) == 3
    failed_type = "planpulse.notification.failed.v1"
    await eventually(lambda: _has(nc, item["id"], failed_type), timeout=10)
    refused = await ask("planpulse.query.notifications.failed", {}, as_=PBGDPL)
    assert refused["error"]["code"] == "forbidden"
    hook.shutdown()

    letters = await ask("planpulse.query.notifications.dead_letters", {}, as_=OFFICE)
    assert [(d["sequence"], d["subject"]) for d in letters["items"]] == [
        (bogus.seq, "planpulse.events.trigger.bogus"),
        (poison.seq, "planpulse.events.junk.poison"),
    ]
    assert "khong-co" in letters["items"][0]["error"]
    # the consumer moved on: the day's e-mails went out all the same
    await eventually(lambda: _true(len(mailbox.messages) == 12), timeout=10)


@pytest.mark.timeout(60)
async def test_no_email_during_quiet_hours_then_all_of_it(
    ask: Asker, nc: Client, notify_settings: Settings, mailbox: Mailbox, system: Callable[..., Any]
):
    # 09:00 UTC is 16:00 in Hanoi: inside 15:00-17:00
    quiet = {"quiet_hours_start": time(15), "quiet_hours_end": time(17)}
    day = DEADLINE_WEEK[1]
    clock, notify_clock = await system(notify_settings.model_copy(update=quiet), day)
    triggers = [t for t in plan_triggers(submitted=set()) if t.day == day]
    await walk(clock, notify_clock, day, day, triggers, await watch_triggers(nc))
    await eventually(lambda: _inbox_has(ask, PBGDPL), timeout=10)
    await asyncio.sleep(0.3)
    assert mailbox.messages == []
    notify_clock.hour = 10  # 17:00 in Hanoi: quiet hours are over
    expected = expected_days(triggers, day, day, "email")
    await eventually(lambda: _true(len(mailbox.messages) == len(expected)), timeout=10)


async def _true(value: bool) -> bool:
    return value


async def _true_async(get: Callable[[], Any]) -> bool:
    return bool(await get())


async def _has(nc: Client, notification_id: str, event_type: str) -> bool:
    return event_type in await history(nc, notification_id)


async def _inbox_has(ask: Asker, actor: Actor) -> bool:
    reply = await ask("planpulse.query.inbox", {}, as_=actor)
    return bool(reply["items"])
