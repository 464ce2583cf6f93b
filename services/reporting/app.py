"""Reporting service wiring: the projection runner and the query subscribers."""

import asyncio
import logging
from collections.abc import Callable
from typing import Any

from faststream import FastStream
from faststream.nats import NatsBroker
from faststream.nats.annotations import NatsMessage
from pydantic import BaseModel
from sqlalchemy import Engine

from services.reporting import queries
from services.reporting.checkpoint import prepare
from services.reporting.db import make_engine
from services.reporting.runner import ProjectionRunner
from shared.eventstore import ensure_stream
from shared.replies import ProblemError, failure, internal_error, ok
from shared.settings import Settings
from shared.subjects import REBUILD_READ_MODELS, query_subject
from shared.validation import parse_request

log = logging.getLogger(__name__)

QUERY_LABELS = {
    "plan_id": "Kế hoạch",
    "unit_id": "Phòng, đơn vị",
    "task_id": "Nhiệm vụ",
    "occasion_id": "Đợt truyền thông",
    "date_from": "Từ ngày",
    "date_to": "Đến ngày",
    "text": "Từ khóa",
    "page": "Trang",
    "page_size": "Số dòng mỗi trang",
}
QUERIES: dict[str, tuple[type[BaseModel], Callable[[Engine, Any], dict[str, Any]]]] = {
    "progress": (queries.ProgressQuery, queries.progress),
    "activities": (queries.ActivitiesQuery, queries.activities),
    "catalog": (queries.CatalogQuery, queries.catalog),
}


async def answer(
    model: type[BaseModel], run: Callable[[Engine, Any], dict[str, Any]], raw: bytes, engine: Engine
) -> dict[str, Any]:
    try:
        query = parse_request(model, raw or b"{}", QUERY_LABELS, "invalid_query")
        return ok(**await asyncio.to_thread(run, engine, query))
    except ProblemError as refusal:
        return failure(refusal.problem)
    except Exception:
        log.exception("query %s failed", model.__name__)
        return failure(internal_error().problem)


def _subscribe(broker: NatsBroker, name: str, engine: Engine) -> None:
    model, run = QUERIES[name]
    subject = query_subject(name)

    @broker.subscriber(subject, queue="reporting", title=subject)
    async def handle(msg: NatsMessage) -> dict[str, Any]:
        return await answer(model, run, msg.body, engine)


def build(settings: Settings) -> FastStream:
    engine = make_engine(settings.reporting_url())
    broker = NatsBroker(
        settings.nats_servers(),
        name="reporting",
        max_reconnect_attempts=-1,
        logger=logging.getLogger("reporting.broker"),
    )
    for name in QUERIES:
        _subscribe(broker, name, engine)
    app = FastStream(broker, logger=logging.getLogger("reporting"))
    runners: list[ProjectionRunner] = []

    @broker.subscriber(REBUILD_READ_MODELS, queue="reporting", title=REBUILD_READ_MODELS)
    async def rebuild_models(_msg: NatsMessage) -> dict[str, Any]:
        try:
            result = await runners[0].rebuild()
        except Exception:
            log.exception("rebuild failed")
            return failure(internal_error().problem)
        return ok(events=result.events, seconds=result.seconds)

    @app.on_startup
    async def prepare_models() -> None:
        await asyncio.to_thread(prepare, engine)
        await broker.connect()
        js = broker.connection.jetstream()
        await ensure_stream(js, settings.stream_replicas, settings.duplicate_window_seconds)
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
