"""Campaigns service wiring: the broker, the command subscribers, start-up. Nothing else."""

import asyncio
import contextlib
import logging
from dataclasses import dataclass, field
from typing import Any

from faststream import FastStream
from faststream.nats import NatsBroker

from services.campaigns import commands
from services.campaigns.domain import account, activity, consolidated, notification, report
from services.campaigns.domain.catalog import Catalog
from services.campaigns.domain.context import Context
from services.campaigns.handlers import SOURCE, Effect, Route, execute, load_state
from services.campaigns.identity.credentials import Credentials
from services.campaigns.identity.signin import RequestWork, SignIn
from services.campaigns.plan import load_catalog, publish_once, read_plan_file
from services.campaigns.ticker import Ticker, rules_from
from shared.actor import Actor
from shared.auth import AccountWatch, Authenticator, forbidden
from shared.bus import Request, as_request, open_stream, service_app, service_broker
from shared.clock import Clock
from shared.edge import always_reply
from shared.events import Event, encode
from shared.eventstore import ConcurrencyConflict, EventStore
from shared.replies import ok
from shared.settings import Settings
from shared.subjects import command_subject, event_subject, query_subject
from shared.tasks import cancel_for_sure

WORKERS = 32
log = logging.getLogger(__name__)


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


def account_routes(credentials: Credentials, watch: AccountWatch) -> dict[str, Route]:
    async def keep_password(command: Any, _events: Any) -> None:
        await credentials.set(command.user_id, command.password.get_secret_value())

    async def follow(_command: Any, events: Any) -> None:
        for event in events:  # this instance refuses a disabled account's tokens at once
            watch.apply(event)

    def route(model: type, effect: Effect) -> Route:
        return Route(
            model, "account", "user_id", account.decide, account.evolve, account.INITIAL, effect
        )

    return {
        command_subject("account", "create"): route(commands.CreateAccount, keep_password),
        command_subject("account", "disable"): route(commands.DisableAccount, follow),
        command_subject("account", "password"): route(commands.SetPassword, keep_password),
    }


SIGN_IN = command_subject("session", "open")
SIGN_OUT = command_subject("session", "close")
ACCOUNTS = query_subject("accounts")
ACCOUNT_READERS = {"admin", "office"}


@dataclass
class Runtime:
    clock: Clock
    auth: Authenticator
    store: EventStore | None = None
    catalog: Catalog = field(default_factory=Catalog)
    sign_in: SignIn | None = None

    def context(self, actor: Actor) -> Context:
        return Context(catalog=self.catalog, today=self.clock.today(), actor=actor)


def _subscribe(broker: NatsBroker, subject: str, route: Route, runtime: Runtime) -> None:
    # Requests run side by side; the append's expected-sequence check keeps them honest.
    @broker.subscriber(
        subject, queue="campaigns", title=subject, max_workers=WORKERS, decoder=as_request
    )
    async def handle(body: Request) -> dict[str, Any]:
        raw, headers = body
        assert runtime.store is not None and runtime.sign_in is not None
        headers = runtime.sign_in.vouched(subject, headers)
        return await execute(route, raw, headers, runtime.auth, runtime.store, runtime.context)


def _accounts_reply(runtime: Runtime, headers: dict[str, str]) -> dict[str, Any]:
    actor = runtime.auth.actor(headers)
    if actor.role not in ACCOUNT_READERS:
        raise forbidden("Chỉ quản trị viên và Văn phòng Sở xem được danh sách.")
    listed = sorted(runtime.auth.watch.accounts.values(), key=lambda a: a.user_id)
    return ok(accounts=[vars(a) for a in listed])


def _subscribe_admin(broker: NatsBroker, subject: str, work: RequestWork) -> None:
    @broker.subscriber(subject, queue="campaigns", title=subject, decoder=as_request)
    async def handle(body: Request) -> dict[str, Any]:
        return await always_reply(lambda: work(*body), subject)


def _subscribe_identity(broker: NatsBroker, runtime: Runtime, sign_in: SignIn) -> None:
    @broker.subscriber(SIGN_IN, queue="campaigns", title=SIGN_IN, decoder=as_request)
    async def open_session(body: Request) -> dict[str, Any]:
        return await always_reply(lambda: sign_in.open(*body), "sign-in")

    @broker.subscriber(SIGN_OUT, queue="campaigns", title=SIGN_OUT, decoder=as_request)
    async def close_session(body: Request) -> dict[str, Any]:
        return await always_reply(lambda: sign_in.close(*body), "sign-out")

    for subject, work in sign_in.admin_subjects().items():
        _subscribe_admin(broker, subject, work)

    @broker.subscriber(ACCOUNTS, queue="campaigns", title=ACCOUNTS, decoder=as_request)
    async def list_accounts(body: Request) -> dict[str, Any]:
        async def work() -> dict[str, Any]:
            return _accounts_reply(runtime, body[1])

        return await always_reply(work, "accounts")


def build(settings: Settings, clock: Clock | None = None) -> FastStream:
    broker = service_broker(settings, "campaigns")
    auth = Authenticator.of(settings)
    watch = auth.watch
    runtime = Runtime(clock=clock or settings.clock(), auth=auth)
    credentials = Credentials(settings.accounts_url())

    identity = account_routes(credentials, watch)

    async def load_account(user_id: str) -> account.Account:
        assert runtime.store is not None
        creating = identity[command_subject("account", "create")]
        state: account.Account = await load_state(creating, runtime.store, user_id)
        return state

    async def record_sign_out(closed: Event, actor: Actor) -> None:
        """A sign-out, or a sign-in limit's record: one event on a subject of its own."""
        assert runtime.store is not None
        envelope = encode(closed, source=SOURCE, actor=actor.label())
        subject = event_subject(closed.AGGREGATE, closed.aggregate_id)
        with contextlib.suppress(ConcurrencyConflict):  # signed out twice: once is history
            await runtime.store.append(subject, [envelope], 0)

    for subject, route in {**ROUTES, **identity}.items():
        _subscribe(broker, subject, route, runtime)
    sessions = SignIn(credentials, load_account, record_sign_out, auth, settings)
    runtime.sign_in = sessions
    _subscribe_identity(broker, runtime, sessions)
    app = service_app(broker, "campaigns")
    tasks: list[asyncio.Task[None]] = []

    @app.on_startup
    async def prepare() -> None:
        js = await open_stream(broker, settings, owner=True)
        runtime.store = EventStore(js)
        await credentials.open()
        await sessions.start()
        await auth.start(js)
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
        credentials.close()

    return app
