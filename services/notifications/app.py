"""Notifications service wiring: the stream follower, the delivery loop, the inbox and the
Office's views of failures and dead letters. Nothing else."""

import asyncio
import logging
from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

from faststream import FastStream
from sqlalchemy import Engine

from services.notifications import queries
from services.notifications.channels.email import Smtp
from services.notifications.consumer import apply_batch, prepare, read_position
from services.notifications.delivery import Delivery
from services.notifications.rules import load_contacts, load_rules
from shared.actor import Actor
from shared.auth import Authenticator
from shared.bus import open_stream, request, service_app, service_broker
from shared.clock import Clock
from shared.db import make_engine
from shared.endpoints import Call, Endpoint, serve
from shared.follower import StreamFollower
from shared.settings import Settings
from shared.subjects import STREAM, command_subject, query_subject
from shared.tasks import cancel_for_sure

log = logging.getLogger(__name__)
# what the service asks campaigns to record: no token, NATS permissions say who sends it
RECORD = command_subject("notification", "record")
Handler = Callable[[Engine, Actor, Any], dict[str, Any]]
INBOX_OWNERS = frozenset({"unit_officer", "office", "leadership"})
OFFICE = frozenset({"office", "admin"})
OFFICE_ONLY = "Chỉ Văn phòng Sở và quản trị viên được xem mục này."


def endpoints(engine: Engine) -> list[Endpoint]:
    """Everything the notifications service answers, and who may send it."""

    def on_engine(run: Handler) -> Callable[[Any, Call], Awaitable[dict[str, Any]]]:
        async def handle(parsed: Any, call: Call) -> dict[str, Any]:
            return {"ok": True, **await asyncio.to_thread(run, engine, call.actor, parsed)}

        return handle

    no_inbox = "Bạn không có hộp thư thông báo trong hệ thống."
    return [
        Endpoint(
            query_subject("inbox"),
            queries.InboxQuery,
            INBOX_OWNERS,
            on_engine(queries.inbox),
            no_inbox,
        ),
        Endpoint(
            command_subject("inbox", "mark_read"),
            queries.MarkRead,
            INBOX_OWNERS,
            on_engine(queries.mark_read),
            no_inbox,
        ),
        Endpoint(
            query_subject("notifications.failed"),
            queries.ListQuery,
            OFFICE,
            on_engine(queries.failed),
            OFFICE_ONLY,
        ),
        Endpoint(
            query_subject("notifications.dead_letters"),
            queries.ListQuery,
            OFFICE,
            on_engine(queries.dead_letters),
            OFFICE_ONLY,
        ),
    ]


def build(settings: Settings, clock: Clock | None = None) -> FastStream:
    engine = make_engine(settings.notifications_url())
    broker = service_broker(settings, "notifications")
    auth = Authenticator.of(settings)
    serve(broker, "notifications", endpoints(engine), auth, queries.LABELS)
    app = service_app(broker, "notifications")
    followers: list[StreamFollower] = []
    tasks: list[asyncio.Task[None]] = []
    stopping = asyncio.Event()

    async def caught_up() -> bool:
        js = broker.connection.jetstream()
        last = (await js.stream_info(STREAM)).state.last_seq
        return bool(followers) and followers[0].position >= last

    async def record(command: dict[str, Any]) -> bool:
        try:
            reply = await request(
                broker.connection,
                RECORD,
                command,
                settings.request_timeout_seconds,
                # no token: only campaigns signs; NATS lets only this service send it
            )
        except Exception as error:  # campaigns away: the outcome is recorded on a later pass
            log.warning("recording %s failed: %r", command["notification_id"], error)
            return False
        if not reply.get("ok"):
            log.error("campaigns refused to record %s: %s", command["notification_id"], reply)
        return bool(reply.get("ok"))

    delivery = Delivery(
        engine,
        settings,
        clock or settings.clock(),
        load_contacts(settings.notification_contacts_file),
        caught_up,
        record,
        Smtp.from_settings(settings),
    )
    book = load_rules(settings.notification_rules_file)

    @app.on_startup
    async def start() -> None:
        await asyncio.to_thread(prepare, engine)
        js = await open_stream(broker, settings)
        await auth.start(js)
        follower = StreamFollower(
            js,
            # One consumer per instance: each sees the whole stream in order; the database's
            # unique keys make an event applied by two instances count once.
            settings.notifications_consumer,
            partial(read_position, engine),
            partial(apply_batch, engine, book, delivery.reachable, zone=settings.local_timezone),
            settings.projection_batch_size,
            settings.projection_fetch_timeout_seconds,
        )
        follower.start()
        followers.append(follower)
        stopping.clear()
        tasks.append(asyncio.create_task(delivery.run(stopping)))

    @app.on_shutdown
    async def stop() -> None:
        stopping.set()
        for task in tasks:
            await cancel_for_sure(task)
        for follower in followers:
            await follower.stop()
        engine.dispose()

    return app
