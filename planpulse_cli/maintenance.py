"""Operator tasks that run beside the services: rebuilding the read models."""

from services.reporting.db import make_engine
from services.reporting.rebuild import RebuildResult, rebuild
from shared.bus import connect
from shared.eventstore import ensure_stream
from shared.settings import Settings


async def rebuild_read_models(settings: Settings) -> RebuildResult:
    nc = await connect(settings.nats_server_url(), "rebuild", max_reconnect_attempts=3)
    engine = make_engine(settings.reporting_url())
    try:
        js = nc.jetstream()
        await ensure_stream(js, settings.stream_replicas, settings.duplicate_window_seconds)
        return await rebuild(engine, js)
    finally:
        engine.dispose()
        await nc.close()
