"""Operator tasks that run beside the services: rebuilding the read models."""

from nats.aio.client import Client
from nats.errors import NoRespondersError

from planpulse_cli.operator import ask, operator_connection
from services.reporting.db import make_engine
from services.reporting.rebuild import RebuildResult, rebuild
from shared.eventstore import ensure_stream
from shared.settings import Settings
from shared.subjects import REBUILD_READ_MODELS


async def rebuild_read_models(settings: Settings) -> RebuildResult:
    """Ask the running reporting service to rebuild (it owns its database); if none runs,
    rebuild the database here."""
    async with operator_connection(settings, "rebuild") as nc:
        try:
            reply = await ask(nc, settings, REBUILD_READ_MODELS, {}, timeout=600)
        except NoRespondersError:
            return await _rebuild_here(settings, nc)
        if not reply["ok"]:
            raise RuntimeError(reply["error"]["message"])
        return RebuildResult(reply["events"], reply["seconds"])


async def _rebuild_here(settings: Settings, nc: Client) -> RebuildResult:
    engine = make_engine(settings.reporting_url())
    try:
        js = nc.jetstream()
        await ensure_stream(js, settings.stream_replicas, settings.duplicate_window_seconds)
        return await rebuild(engine, js)
    finally:
        engine.dispose()
