"""Rebuild rates: `rebuild()` into SQLite / PostgreSQL beside an ordered consumer that counts."""

import asyncio
import os
import time
from pathlib import Path

from nats.aio.msg import Msg
from nats.js import JetStreamContext
from sqlalchemy import Engine, create_engine, func, make_url, select, text

from planpulse_cli.bench_append import ACTOR, SOURCE, activity, in_windows
from services.campaigns.plan import publish_once, read_plan_file
from services.campaigns.repository import Repository
from services.reporting import tables
from services.reporting.db import make_engine
from services.reporting.rebuild import RebuildResult, rebuild
from shared.events import encode
from shared.eventstore import JetStreamEventStore, ensure_stream
from shared.subjects import EVENTS_ALL, STREAM, event_subject


async def fill(js: JetStreamContext, count: int) -> int:
    """The plan's seed events, then `count` ActivityLogged; return the stream's last sequence."""
    await ensure_stream(js)
    await publish_once(Repository(JetStreamEventStore(js)), read_plan_file())
    prepared = []
    for n in range(count):
        envelope = encode(activity(n), source=SOURCE, actor=ACTOR)
        prepared.append((event_subject("activity", envelope.subject), envelope.id, envelope))

    async def publish(n: int) -> object:
        subject, event_id, envelope = prepared[n]
        raw = envelope.to_bytes()
        headers = {"Nats-Msg-Id": event_id, "Nats-Expected-Last-Subject-Sequence": "0"}
        return await js.publish(subject, raw, stream=STREAM, headers=headers)

    await in_windows(range(count), 256, publish)
    return (await js.stream_info(STREAM)).state.last_seq


async def replay_raw(js: JetStreamContext, last: int) -> float:
    """An ordered push consumer with a callback that only counts: the fastest full read."""
    done = asyncio.Event()
    seen = 0

    async def count(_msg: Msg) -> None:
        nonlocal seen
        seen += 1
        if seen >= last:
            done.set()

    started = time.perf_counter()
    subscription = await js.subscribe(EVENTS_ALL, stream=STREAM, ordered_consumer=True, cb=count)
    try:
        await done.wait()
        return last / (time.perf_counter() - started)
    finally:
        await subscription.unsubscribe()


def activities_in(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(tables.activities)).scalar_one())


async def rebuild_sqlite(js: JetStreamContext, path: Path) -> tuple[RebuildResult, int]:
    """The product's rebuild into a fresh SQLite file, and the activities it holds after."""
    engine = make_engine(f"sqlite:///{path}")
    try:
        result = await rebuild(engine, js)
        return result, activities_in(engine)
    finally:
        engine.dispose()


async def rebuild_postgres(js: JetStreamContext, url: str) -> tuple[RebuildResult, int]:
    """The same into a scratch database created for it on that server and dropped after."""
    name = f"planpulse_bench_{os.getpid()}_{time.monotonic_ns()}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        engine = make_engine(make_url(url).set(database=name).render_as_string(False))
        try:
            result = await rebuild(engine, js)
            return result, activities_in(engine)
        finally:
            engine.dispose()
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()
