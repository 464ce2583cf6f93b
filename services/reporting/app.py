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
from services.reporting.targets import TargetsQuery, targets
from shared.actor import AUTH_HEADER, Actor
from shared.auth import Authenticator
from shared.bus import open_stream, service_app, service_broker
from shared.clock import Clock
from shared.endpoints import USERS, Call, Endpoint, Handler, serve
from shared.eventstore import EventStore, JetStreamEventStore
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
StoreQuery = Callable[[EventStore, Any, Actor], Awaitable[dict[str, Any]]]
COMPILE = command_subject("consolidated", "compile")
AUDIT = query_subject("audit")
COMPILED_FILE = query_subject("consolidated_file")
LATEST_EVENTS = query_subject("latest_events")
READ_ALL = frozenset({"office", "admin", "leadership"})


class RebuildCommand(BaseModel):
    model_config = ConfigDict(extra="forbid")


def read_model_queries(
    settings: Settings, clock: Clock
) -> dict[str, tuple[type[BaseModel], Runner]]:
    """Queries answered from the read models: name -> (request model, runner)."""
    grace = settings.timeliness_grace_days
    return {
        "progress": (queries.ProgressQuery, queries.progress),
        "activities": (queries.ActivitiesQuery, queries.activities),
        "catalog": (queries.CatalogQuery, queries.catalog),
        "report_status": (
            report_queries.ReportStatusQuery,
            partial(report_queries.report_status, grace_days=grace),
        ),
        "report_draft": (report_queries.ReportDraftQuery, report_queries.report_draft),
        "coverage": (report_queries.CoverageQuery, report_queries.coverage),
        "export": (export.ExportQuery, partial(export.export, grace_days=grace)),
        "calendar": (CalendarQuery, partial(calendar, clock=clock)),
        "targets": (TargetsQuery, partial(targets, clock=clock)),
    }


def _on_engine(engine: Engine, run: Runner) -> Handler:
    async def handle(query: Any, _call: Call) -> dict[str, Any]:
        return ok(**await asyncio.to_thread(run, engine, query))

    return handle


def _on_store(nc: Callable[[], Client], run: StoreQuery) -> Handler:
    async def handle(query: Any, call: Call) -> dict[str, Any]:
        return ok(**await run(JetStreamEventStore(nc().jetstream()), query, call.actor))

    return handle


def endpoints(
    settings: Settings,
    clock: Clock,
    engine: Engine,
    broker: NatsBroker,
    runners: list[ProjectionRunner],
) -> list[Endpoint]:
    """Everything the reporting service answers, and who may send it."""

    def nc() -> Client:  # connected at start, after the table is built
        return broker.connection

    async def compile_report(command: consolidated.CompileCommand, call: Call) -> dict[str, Any]:
        # the record command goes on with the Office's own token
        forwarded = {AUTH_HEADER: call.headers.get(AUTH_HEADER, "")}
        return await consolidated.compile_report(
            command, call.actor, forwarded, engine, nc(), settings, clock
        )

    async def compiled(query: consolidated.CompiledListQuery, _call: Call) -> dict[str, Any]:
        listed = await asyncio.to_thread(consolidated.compiled_list, engine, query)
        return ok(**await consolidated.with_pdfs(nc(), listed))  # and the PDFs made since

    async def compiled_file(query: consolidated.CompiledFileQuery, call: Call) -> dict[str, Any]:
        return ok(**await consolidated.compiled_file(nc(), query, call.actor))

    async def rebuild_models(_command: RebuildCommand, _call: Call) -> dict[str, Any]:
        result = await runners[0].rebuild()
        return ok(events=result.events, seconds=result.seconds)

    from_models = [
        Endpoint(query_subject(name), model, USERS, _on_engine(engine, run))
        for name, (model, run) in read_model_queries(settings, clock).items()
    ]
    # a unit officer reads its own unit's histories: audit_trail checks which
    audit_readers = READ_ALL | {"unit_officer"}
    return [
        *from_models,
        Endpoint(
            AUDIT, audit_trail.AuditQuery, audit_readers, _on_store(nc, audit_trail.audit_trail)
        ),
        Endpoint(
            LATEST_EVENTS,
            audit_trail.LatestEventsQuery,
            READ_ALL,
            _on_store(nc, audit_trail.latest_events),
            "Chỉ Văn phòng Sở, Lãnh đạo Sở và quản trị viên xem được dòng sự kiện.",
        ),
        Endpoint(query_subject("consolidated"), consolidated.CompiledListQuery, USERS, compiled),
        Endpoint(
            COMPILED_FILE,
            consolidated.CompiledFileQuery,
            READ_ALL,
            compiled_file,
            "Chỉ Văn phòng Sở và Lãnh đạo Sở mới tải được báo cáo tổng hợp.",
        ),
        Endpoint(
            COMPILE,
            consolidated.CompileCommand,
            frozenset({"office"}),
            compile_report,
            "Chỉ Văn phòng Sở mới được tổng hợp báo cáo của Sở.",
        ),
        Endpoint(
            REBUILD_READ_MODELS,
            RebuildCommand,
            frozenset({"admin"}),
            rebuild_models,
            "Chỉ quản trị viên mới được dựng lại dữ liệu tổng hợp.",
        ),
    ]


def build(settings: Settings, clock: Clock | None = None) -> FastStream:
    engine = make_engine(settings.reporting_url())
    clock = clock or settings.clock()
    broker = service_broker(settings, "reporting")
    auth = Authenticator.of(settings)
    runners: list[ProjectionRunner] = []
    serve(
        broker, "reporting", endpoints(settings, clock, engine, broker, runners), auth, QUERY_LABELS
    )
    app = service_app(broker, "reporting")

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
