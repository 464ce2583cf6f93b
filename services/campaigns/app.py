"""Campaigns service wiring: the broker, the command subscribers, start-up. Nothing else."""

import asyncio
import logging
from dataclasses import dataclass, field
from typing import Any

from faststream import FastStream
from faststream.nats import NatsBroker

from services.campaigns import commands
from services.campaigns.domain import activity, consolidated, notification, report
from services.campaigns.domain.catalog import Catalog
from services.campaigns.domain.context import Context
from services.campaigns.handlers import Meta, Route, execute
from services.campaigns.plan import load_catalog, publish_once, read_plan_file
from services.campaigns.ticker import Ticker, rules_from
from shared.actor import CORRELATION_HEADER, Actor, actor_from
from shared.bus import Request, as_request, open_stream, service_broker
from shared.clock import Clock
from shared.eventstore import EventStore
from shared.settings import Settings
from shared.subjects import command_subject
from shared.tasks import cancel_for_sure

WORKERS = 32


def _activity(model: type) -> Route:
    return Route(
        model, "activity", "activity_id", activity.decide, activity.evolve, activity.INITIAL
    )


def _report(model: type) -> Route:
    return Route(model, "report", "report_id", report.decide, report.evolve, report.INITIAL)


ROUTES: dict[str, Route] = {
    command_subject("activity", "log"): _activity(commands.LogActivity),
    command_subject("activity", "correct"): _activity(commands.CorrectActivity),
    command_subject("activity", "withdraw"): _activity(commands.WithdrawActivity),
    command_subject("report", "submit"): _report(commands.SubmitReport),
    command_subject("report", "return"): _report(commands.ReturnReport),
    command_subject("report", "accept"): _report(commands.AcceptReport),
    command_subject("consolidated", "record"): Route(
        commands.RecordConsolidatedReport,
        "consolidated",
        "period_id",
        consolidated.decide,
        consolidated.evolve,
        consolidated.INITIAL,
    ),
    command_subject("notification", "record"): Route(
        commands.RecordNotification,
        "notification",
        "notification_id",
        notification.decide,
        notification.evolve,
        notification.INITIAL,
    ),
}


@dataclass
class Runtime:
    clock: Clock
    store: EventStore | None = None
    catalog: Catalog = field(default_factory=Catalog)

    def context(self, actor: Actor) -> Context:
        return Context(catalog=self.catalog, today=self.clock.today(), actor=actor)


def _subscribe(broker: NatsBroker, subject: str, route: Route, runtime: Runtime) -> None:
    # Requests run side by side; the append's expected-sequence check keeps them honest.
    @broker.subscriber(
        subject, queue="campaigns", title=subject, max_workers=WORKERS, decoder=as_request
    )
    async def handle(body: Request) -> dict[str, Any]:
        raw, headers = body
        meta = Meta(actor=actor_from(headers), correlation_id=headers.get(CORRELATION_HEADER))
        assert runtime.store is not None
        return await execute(route, raw, meta, runtime.store, runtime.context)


def build(settings: Settings, clock: Clock | None = None) -> FastStream:
    broker = service_broker(settings, "campaigns")
    runtime = Runtime(clock=clock or settings.clock())
    for subject, route in ROUTES.items():
        _subscribe(broker, subject, route, runtime)
    app = FastStream(broker, logger=logging.getLogger("campaigns"))
    tasks: list[asyncio.Task[None]] = []

    @app.on_startup
    async def prepare() -> None:
        js = await open_stream(broker, settings)
        runtime.store = EventStore(js)
        await publish_once(runtime.store, read_plan_file(settings.plan_file))
        runtime.catalog = await load_catalog(runtime.store)
        ticker = Ticker(
            runtime.store,
            lambda: runtime.catalog,
            runtime.clock,
            rules_from(settings),
            settings.clock_tick_seconds,
        )
        tasks.append(asyncio.create_task(ticker.run()))

    @app.on_shutdown
    async def stop_clock() -> None:
        for task in tasks:
            await cancel_for_sure(task)

    return app
