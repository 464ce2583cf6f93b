"""Reporting service wiring: the projection runner, the queries, the consolidated report."""

import asyncio
import logging
from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

from faststream import FastStream
from faststream.nats import NatsBroker
from nats.aio.client import Client
from pydantic import BaseModel, ConfigDict
from sqlalchemy import Engine

from services.reporting import audit as audit_trail
from services.reporting import compile as consolidated
from services.reporting import export, queries, report_queries
from services.reporting.calendar import CalendarQuery, calendar
from services.reporting.checkpoint import prepare
from services.reporting.db import make_engine
from services.reporting.runner import ProjectionRunner
from shared import edge
from shared.actor import AUTH_HEADER, Actor
from shared.auth import Authenticator, forbidden
from shared.bus import Request, as_request, open_stream, service_app, service_broker
from shared.clock import Clock
from shared.eventstore import EventStore
from shared.replies import ok
from shared.settings import Settings
from shared.subjects import REBUILD_READ_MODELS, command_subject, query_subject

log = logging.getLogger(__name__)

QUERY_LABELS = {
    "plan_id": "Kế hoạch",
    "period_id": "Kỳ báo cáo",
    "unit_id": "Phòng, đơn vị",
    "task_id": "Nhiệm vụ",
    "occasion_id": "Đợt truyền thông",
    "date_from": "Từ ngày",
    "date_to": "Đến ngày",
    "text": "Từ khóa",
    "activity_ids": "Mã hoạt động",
    "order": "Thứ tự",
    "page": "Trang",
    "page_size": "Số dòng mỗi trang",
    "view": "Bảng số liệu",
    "kind": "Loại",
    "id": "Mã",
}
Runner = Callable[[Engine, Any], dict[str, Any]]
QUERY_MODELS: dict[str, type[BaseModel]] = {
    "progress": queries.ProgressQuery,
    "activities": queries.ActivitiesQuery,
    "catalog": queries.CatalogQuery,
    "report_status": report_queries.ReportStatusQuery,
    "report_draft": report_queries.ReportDraftQuery,
    "coverage": report_queries.CoverageQuery,
    "export": export.ExportQuery,
    "consolidated": consolidated.CompiledListQuery,
    "calendar": CalendarQuery,
}
COMPILE = command_subject("consolidated", "compile")


class RebuildCommand(BaseModel):
    model_config = ConfigDict(extra="forbid")


AUDIT = query_subject("audit")
COMPILED_FILE = query_subject("consolidated_file")
LATEST_EVENTS = query_subject("latest_events")


def query_runners(settings: Settings, clock: Clock) -> dict[str, Runner]:
    grace = settings.timeliness_grace_days
    return {
        "progress": queries.progress,
        "activities": queries.activities,
        "catalog": queries.catalog,
        "report_status": partial(report_queries.report_status, grace_days=grace),
        "report_draft": report_queries.report_draft,
        "coverage": report_queries.coverage,
        "export": partial(export.export, grace_days=grace),
        "consolidated": consolidated.compiled_list,
        "calendar": partial(calendar, clock=clock),
    }


async def answer(
    model: type[BaseModel], request: Request, auth: Authenticator, work: edge.Work
) -> dict[str, Any]:
    """The one edge of the service: who asks, parse, run, and always reply."""
    return await edge.answer(model, request, auth, work, QUERY_LABELS)


def _subscribe_query(
    broker: NatsBroker, name: str, run: Runner, engine: Engine, auth: Authenticator
) -> None:
    subject = query_subject(name)
    model = QUERY_MODELS[name]

    async def work(query: Any, _actor: Actor) -> dict[str, Any]:
        return ok(**await asyncio.to_thread(run, engine, query))

    @broker.subscriber(subject, queue="reporting", title=subject, decoder=as_request)
    async def handle(request: Request) -> dict[str, Any]:
        return await answer(model, request, auth, work)


StreamQuery = Callable[[Client, Any, Actor], Awaitable[dict[str, Any]]]


def _on_store(run: Callable[[EventStore, Any, Actor], Awaitable[dict[str, Any]]]) -> StreamQuery:
    async def on_connection(nc: Client, query: Any, actor: Actor) -> dict[str, Any]:
        return await run(EventStore(nc.jetstream()), query, actor)

    return on_connection


# Queries answered from the stream or the object store, not from the read models.
STREAM_QUERIES: dict[str, tuple[type[BaseModel], StreamQuery]] = {
    AUDIT: (audit_trail.AuditQuery, _on_store(audit_trail.audit_trail)),
    LATEST_EVENTS: (audit_trail.LatestEventsQuery, _on_store(audit_trail.latest_events)),
    COMPILED_FILE: (consolidated.CompiledFileQuery, consolidated.compiled_file),
}


def _subscribe_stream_query(
    broker: NatsBroker, subject: str, model: type[BaseModel], run: StreamQuery, auth: Authenticator
) -> None:
    async def work(query: Any, actor: Actor) -> dict[str, Any]:
        return ok(**await run(broker.connection, query, actor))

    @broker.subscriber(subject, queue="reporting", title=subject, decoder=as_request)
    async def handle(request: Request) -> dict[str, Any]:
        return await answer(model, request, auth, work)


def build(settings: Settings, clock: Clock | None = None) -> FastStream:
    engine = make_engine(settings.reporting_url())
    clock = clock or settings.clock()
    broker = service_broker(settings, "reporting")
    auth = Authenticator.of(settings)
    for name, run in query_runners(settings, clock).items():
        _subscribe_query(broker, name, run, engine, auth)
    app = service_app(broker, "reporting")
    runners: list[ProjectionRunner] = []

    @broker.subscriber(COMPILE, queue="reporting", title=COMPILE, decoder=as_request)
    async def compile_report(request: Request) -> dict[str, Any]:
        # the record command goes on with the Office's own token
        forwarded = {AUTH_HEADER: request[1].get(AUTH_HEADER, "")}

        async def work(command: consolidated.CompileCommand, actor: Actor) -> dict[str, Any]:
            return await consolidated.compile_report(
                command, actor, forwarded, engine, broker.connection, settings, clock
            )

        return await answer(consolidated.CompileCommand, request, auth, work)

    for subject, (model, from_stream) in STREAM_QUERIES.items():
        _subscribe_stream_query(broker, subject, model, from_stream, auth)

    @broker.subscriber(
        REBUILD_READ_MODELS, queue="reporting", title=REBUILD_READ_MODELS, decoder=as_request
    )
    async def rebuild_models(request: Request) -> dict[str, Any]:
        async def work(_command: Any, actor: Actor) -> dict[str, Any]:
            if actor.role != "admin":
                raise forbidden("Chỉ quản trị viên mới được dựng lại dữ liệu tổng hợp.")
            result = await runners[0].rebuild()
            return ok(events=result.events, seconds=result.seconds)

        return await answer(RebuildCommand, request, auth, work)

    @app.on_startup
    async def prepare_models() -> None:
        await asyncio.to_thread(prepare, engine)
        js = await open_stream(broker, settings)
        await auth.start(js)
        runner = ProjectionRunner(
            engine, js, settings.projection_batch_size, settings.projection_fetch_timeout_seconds
        )
        runner.start()
        runners.append(runner)

    @app.on_shutdown
    async def stop_runner() -> None:
        for runner in runners:
            await runner.stop()
        engine.dispose()

    return app
