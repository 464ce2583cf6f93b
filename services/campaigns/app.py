"""Campaigns service wiring: its table of what it answers, start-up, the clock. Nothing else."""

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from faststream import FastStream

from services.campaigns import plan_queries
from services.campaigns.domain import (
    account,
    activity,
    consolidated,
    notification,
    planning,
    report,
)
from services.campaigns.domain import commands as c
from services.campaigns.domain import roster as unit_roster
from services.campaigns.domain.catalog import Catalog, evolve
from services.campaigns.domain.context import Context
from services.campaigns.domain.errors import FIELD_LABELS
from services.campaigns.domain.notification import NOTIFIER
from services.campaigns.handlers import Effect, Pipeline, Route
from services.campaigns.identity.credentials import Credentials
from services.campaigns.identity.signin import SignIn
from services.campaigns.plan import FACT_SUBJECTS, publish_plan_file, read_plan_file
from services.campaigns.repository import CLOCK_SOURCE, Repository
from services.campaigns.ticker import Ticker, rules_from
from shared.actor import Actor
from shared.auth import AccountWatch, Authenticator
from shared.bus import open_stream, service_app, service_broker
from shared.clock import Clock
from shared.endpoints import PUBLIC, USERS, Call, Endpoint, serve
from shared.events import Event
from shared.eventstore import JetStreamEventStore
from shared.replies import ProblemError, ok
from shared.settings import Settings
from shared.subjects import command_subject as cmd
from shared.subjects import query_subject
from shared.tasks import cancel_for_sure
from shared.watch import follow

log = logging.getLogger(__name__)


@dataclass
class Runtime:
    clock: Clock
    repository: Repository = field(default_factory=Repository)
    catalog: Catalog = field(default_factory=Catalog)

    def context(self, actor: Actor) -> Context:
        return Context(catalog=self.catalog, today=self.clock.today(), actor=actor)

    def apply(self, event: Event) -> None:
        """A plan or unit fact, recorded here or by another instance (applying one twice
        changes nothing)."""
        self.catalog = evolve(self.catalog, event)

    async def applied(self, _command: Any, events: Sequence[Event]) -> None:
        for event in events:  # this instance decides with it at once; the watch tells the others
            self.apply(event)


def plan_routes(runtime: Runtime) -> dict[str, Route[Any, Any]]:
    def route(model: type[Any]) -> Route[Any, Any]:
        return Route(model, planning.DECIDER, "plan_id", runtime.applied)

    return {
        "create": route(c.CreatePlan),
        "edit": route(c.EditPlanDraft),
        "publish": route(c.PublishPlan),
        "amend": route(c.AmendPlan),
        "close": route(c.ClosePlan),
    }


def _accounts(credentials: Credentials, watch: AccountWatch) -> dict[str, Route[Any, Any]]:
    async def keep_password(command: Any, _events: Any) -> None:
        await credentials.set(command.user_id, command.password.get_secret_value())

    async def follow(_command: Any, events: Any) -> None:
        for event in events:  # this instance refuses a disabled account's tokens at once
            watch.apply(event)

    def route(model: type[Any], effect: Effect) -> Route[Any, Any]:
        return Route(model, account.DECIDER, "user_id", effect)

    return {
        "create": route(c.CreateAccount, keep_password),
        "disable": route(c.DisableAccount, follow),
        "password": route(c.SetPassword, keep_password),
    }


def endpoints(
    pipeline: Pipeline,
    sign_in: SignIn,
    accounts: dict[str, Route[Any, Any]],
    watch: AccountWatch,
    runtime: Runtime,
) -> list[Endpoint]:
    """Everything the campaigns service answers, and who may send it."""
    units = frozenset({"unit_officer", "office"})  # the Office carries out activities of its own
    officer, office = frozenset({"unit_officer"}), frozenset({"office"})
    admin = frozenset({"admin"})

    def to_activity(model: type[Any]) -> Route[Any, Any]:
        return Route(model, activity.DECIDER, "activity_id")

    def to_report(model: type[Any]) -> Route[Any, Any]:
        return Route(model, report.DECIDER, "report_id")

    command = pipeline.endpoint
    review = "Chỉ Văn phòng Sở mới được trả lại hoặc tiếp nhận báo cáo."
    account_only = "Chỉ quản trị viên mới được quản lý tài khoản."
    limits_only = "Chỉ quản trị viên mới xem và gỡ được giới hạn đăng nhập."

    plans_only = "Chỉ Văn phòng Sở mới được lập, sửa, ban hành và điều chỉnh kế hoạch."
    plans = plan_routes(runtime)
    units_only = "Chỉ Văn phòng Sở mới được cập nhật danh sách phòng, đơn vị."
    roster = {
        verb: Route(model, unit_roster.DECIDER, "unit_id", runtime.applied)
        for verb, model in (
            ("register", c.RegisterUnit),
            ("rename", c.RenameUnit),
            ("retire", c.RetireUnit),
        )
    }

    async def list_plans(query: plan_queries.ListPlans, call: Call) -> dict[str, Any]:
        return ok(**await plan_queries.list_plans(runtime.repository, query, call.actor))

    async def show_plan(query: plan_queries.ShowPlan, call: Call) -> dict[str, Any]:
        plan = await plan_queries.show_plan(runtime.repository, runtime.catalog, query, call.actor)
        return ok(**plan)

    async def list_accounts(_query: c.ListAccounts, _call: Call) -> dict[str, Any]:
        listed = sorted(watch.accounts.values(), key=lambda a: a.user_id)
        return ok(accounts=[vars(a) for a in listed])

    return [
        command(cmd("activity", "log"), to_activity(c.LogActivity), units),
        command(cmd("activity", "correct"), to_activity(c.CorrectActivity), units),
        command(cmd("activity", "withdraw"), to_activity(c.WithdrawActivity), units),
        command(
            cmd("activity", "set_aside"),
            to_activity(c.SetActivityAside),
            frozenset({"office", "admin"}),
            "Chỉ Văn phòng Sở và quản trị viên được để riêng hoạt động của đơn vị.",
        ),
        command(cmd("report", "submit"), to_report(c.SubmitReport), officer),
        command(cmd("report", "withdraw"), to_report(c.WithdrawReport), officer),
        command(cmd("report", "return"), to_report(c.ReturnReport), office, review),
        command(cmd("report", "accept"), to_report(c.AcceptReport), office, review),
        command(
            cmd("consolidated", "record"),
            Route(c.RecordConsolidatedReport, consolidated.DECIDER, "period_id"),
            office,
            "Chỉ Văn phòng Sở mới được tổng hợp báo cáo của Sở.",
        ),
        command(
            cmd("notification", "record"),
            Route(c.RecordNotification, notification.DECIDER, "notification_id"),
            frozenset({"service"}),
            "Chỉ dịch vụ thông báo mới được ghi nhận việc gửi thông báo.",
            sender=Actor(user_id=NOTIFIER, role="service"),
        ),
        *(
            command(cmd("account", verb), route, admin, account_only)
            for verb, route in accounts.items()
        ),
        *(command(cmd("plan", verb), to, office, plans_only) for verb, to in plans.items()),
        *(command(cmd("unit", verb), to, office, units_only) for verb, to in roster.items()),
        Endpoint(query_subject("plans"), plan_queries.ListPlans, USERS, list_plans),
        Endpoint(query_subject("plan"), plan_queries.ShowPlan, USERS, show_plan),
        Endpoint(cmd("session", "open"), c.OpenSession, PUBLIC, sign_in.open),
        Endpoint(cmd("session", "close"), c.CloseSession, USERS, sign_in.close),
        Endpoint(
            query_subject("signin_limits"),
            c.ListSignInLimits,
            admin,
            sign_in.list_limits,
            limits_only,
        ),
        Endpoint(
            cmd("signin", "clear"), c.ClearSignInLimit, admin, sign_in.clear_limit, limits_only
        ),
        Endpoint(
            query_subject("accounts"),
            c.ListAccounts,
            frozenset({"admin", "office"}),
            list_accounts,
            "Chỉ quản trị viên và Văn phòng Sở xem được danh sách.",
        ),
    ]


def signing_in(
    settings: Settings, runtime: Runtime, auth: Authenticator, credentials: Credentials
) -> SignIn:
    repository = runtime.repository

    async def load_account(user_id: str) -> account.Account:
        return (await repository.load(account.DECIDER, user_id)).state

    async def record(event: Event, actor: Actor) -> None:
        # a sign-out, a sign-in limit reached or cleared: each once (twice is history)
        await repository.record_once(event, actor.label())

    return SignIn(credentials, load_account, record, auth, settings)


def table(
    runtime: Runtime, auth: Authenticator, credentials: Credentials, sign_in: SignIn
) -> list[Endpoint]:
    """The campaigns table on its dependencies: a store-less build of the service for tests."""
    pipeline = Pipeline(runtime.repository, runtime.context)
    accounts = _accounts(credentials, auth.watch)
    return endpoints(pipeline, sign_in, accounts, auth.watch, runtime)


def build(settings: Settings, clock: Clock | None = None) -> FastStream:
    broker = service_broker(settings, "campaigns")
    auth = Authenticator.of(settings)
    runtime = Runtime(clock=clock or settings.clock())
    repository = runtime.repository
    credentials = Credentials(settings.accounts_url())
    sign_in = signing_in(settings, runtime, auth, credentials)
    serve(broker, "campaigns", table(runtime, auth, credentials, sign_in), auth, FIELD_LABELS)
    app = service_app(broker, "campaigns")
    tasks: list[asyncio.Task[None]] = []

    @app.on_startup
    async def prepare() -> None:
        js = await open_stream(broker, settings, owner=True)
        store = JetStreamEventStore(js)
        repository.open(store)
        await credentials.open()
        await sign_in.start()
        await auth.start(js)
        today = runtime.clock.today()
        await publish_plan_file(repository, read_plan_file(settings.plan_file), today)
        for subjects in FACT_SUBJECTS:
            await follow(js, subjects, runtime.apply)
        if settings.auto_current_plan:
            await ensure_current_plan(Pipeline(repository, runtime.context), runtime)
        ticker = Ticker(
            Repository(store, CLOCK_SOURCE),
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


SYSTEM = Actor(user_id="system", role="office")  # the service acting as the Office at start


async def ensure_current_plan(pipeline: Pipeline, runtime: Runtime) -> None:
    """When no plan in force covers today, clone the latest one into this year's and publish
    it, so the calendar, countdowns and reminders are live from the first start. The Office
    then edits it (number, date, dates) and amends it."""
    today = runtime.clock.today()
    latest = runtime.catalog.latest_plan()
    if latest is None or runtime.catalog.plan_on(today) is not None:
        return
    year = today.year + 1 if (today.month, today.day) >= (12, 15) else today.year
    routes = plan_routes(runtime)
    create = c.CreatePlan(year=year, clone_from=latest.plan_id)
    try:
        created = await pipeline.run(routes["create"], create, SYSTEM)
        await pipeline.run(routes["publish"], c.PublishPlan(plan_id=created["id"]), SYSTEM)
    except ProblemError as refusal:  # another instance made it, or the Office has a draft
        log.warning("no plan in force covers %s: %s", today, refusal.problem.message)
        return
    log.info("plan %s cloned from %s and published for %s", created["id"], latest.plan_id, year)
