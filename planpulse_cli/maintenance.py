"""Operator tasks that run beside the services: rebuilding the read models."""

import json

from nats.aio.client import Client
from nats.errors import NoRespondersError

from services.reporting.db import make_engine
from services.reporting.rebuild import RebuildResult, rebuild
from shared.bus import connect
from shared.eventstore import ensure_stream
from shared.natsauth import operator_login
from shared.settings import Settings
from shared.subjects import REBUILD_READ_MODELS


async def rebuild_read_models(settings: Settings) -> RebuildResult:
    """Ask the running reporting service to rebuild (it owns its database); if none runs,
    rebuild the database here."""
    login = settings.nats_login()
    if not login and (operator := operator_login(settings.data_dir)) is not None:
        login = {"user": operator[0], "password": operator[1]}
    nc = await connect(settings.nats_server_url(), "rebuild", max_reconnect_attempts=3, **login)
    try:
        try:
            reply = json.loads((await nc.request(REBUILD_READ_MODELS, b"{}", timeout=600)).data)
        except NoRespondersError:
            return await _rebuild_here(settings, nc)
        if not reply["ok"]:
            raise RuntimeError(reply["error"]["message"])
        return RebuildResult(reply["events"], reply["seconds"])
    finally:
        await nc.close()


async def _rebuild_here(settings: Settings, nc: Client) -> RebuildResult:
    engine = make_engine(settings.reporting_url())
    try:
        js = nc.jetstream()
        await ensure_stream(js, settings.stream_replicas, settings.duplicate_window_seconds)
        return await rebuild(engine, js)
    finally:
        engine.dispose()
