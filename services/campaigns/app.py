"""Campaigns service wiring: the broker, the command subscribers, start-up. Nothing else."""

import logging
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from faststream import FastStream
from faststream.nats import NatsBroker
from faststream.nats.annotations import NatsMessage

from services.campaigns.commands import CorrectActivity, LogActivity, WithdrawActivity
from services.campaigns.domain import activity
from services.campaigns.domain.catalog import Catalog
from services.campaigns.handlers import Meta, Route, execute
from services.campaigns.plan import load_catalog, publish_once, read_plan_file
from shared.eventstore import EventStore, ensure_stream
from shared.settings import Settings
from shared.subjects import command_subject

ACTOR_HEADER = "Planpulse-Actor"  # until sign-in exists, the caller names itself
CORRELATION_HEADER = "Planpulse-Correlation-Id"

ACTIVITY_ROUTES = {
    verb: Route(
        model, "activity", "activity_id", activity.decide, activity.evolve, activity.INITIAL
    )
    for verb, model in (
        ("log", LogActivity),
        ("correct", CorrectActivity),
        ("withdraw", WithdrawActivity),
    )
}


@dataclass
class Runtime:
    store: EventStore | None = None
    catalog: Catalog = field(default_factory=Catalog)

    def context(self) -> activity.Context:
        return activity.Context(catalog=self.catalog, today=date.today())


def _subscribe(broker: NatsBroker, subject: str, route: Route, runtime: Runtime) -> None:
    @broker.subscriber(subject, queue="campaigns", title=subject)
    async def handle(msg: NatsMessage) -> dict[str, Any]:
        headers = msg.headers or {}
        meta = Meta(
            actor=headers.get(ACTOR_HEADER, "anonymous")[:200],
            correlation_id=headers.get(CORRELATION_HEADER),
        )
        assert runtime.store is not None
        return await execute(route, msg.body, meta, runtime.store, runtime.context)


def build(settings: Settings) -> FastStream:
    broker = NatsBroker(
        settings.nats_servers(),
        name="campaigns",
        max_reconnect_attempts=-1,
        logger=logging.getLogger("campaigns.broker"),
    )
    runtime = Runtime()
    for verb, route in ACTIVITY_ROUTES.items():
        _subscribe(broker, command_subject("activity", verb), route, runtime)
    app = FastStream(broker, logger=logging.getLogger("campaigns"))

    @app.on_startup
    async def prepare() -> None:
        await broker.connect()
        js = broker.connection.jetstream()
        await ensure_stream(js, settings.stream_replicas, settings.duplicate_window_seconds)
        runtime.store = EventStore(js)
        await publish_once(runtime.store, read_plan_file(settings.plan_file))
        runtime.catalog = await load_catalog(runtime.store)

    return app
