"""`planpulse bench`: the product's rates printed beside raw baselines measured in the same run.

Everything runs against a nats-server of its own in a temporary folder (file storage).
"""

import asyncio
import os
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import date
from importlib.metadata import version
from pathlib import Path

from nats.aio.client import Client
from nats.js import JetStreamContext

from services.reporting.db import make_engine
from services.reporting.rebuild import rebuild
from shared.bus import connect, request
from shared.envelope import uuid7
from shared.events import ActivityLogged, encode
from shared.eventstore import EventStore, ensure_stream
from shared.natsserver import NatsServer, free_port
from shared.subjects import STREAM, event_subject

WINDOW = 256
IN_FLIGHT = 64
COMMAND = {
    "unit_id": "pbgdpl",
    "task_id": "5",
    "occasion_id": "2024-quoc-te-phu-nu",
    "date": "2024-03-08",
    "title": "Hội nghị tuyên truyền",
    "form": "conference",
    "participants": {"men": 1, "women": 2},
}


def activity(n: int) -> ActivityLogged:
    return ActivityLogged(
        activity_id=uuid7(),
        plan_id="kh-2024",
        unit_id="pbgdpl",
        task_id=str(n % 6 + 1),
        occasion_id=None,
        date=date(2024, 3, 8),
        title=f"Hoạt động số {n}",
        form="conference",
        audience="Công chức",
        participants={"men": 1, "women": 2, "total": 3},
        materials=1,
        evidence_url=None,
        note="",
    )


async def rate(count: int, run: Callable[[], Awaitable[None]]) -> float:
    started = time.perf_counter()
    await run()
    return count / (time.perf_counter() - started)


async def in_windows(count: int, window: int, one: Callable[[int], Awaitable[object]]) -> None:
    for start in range(0, count, window):
        await asyncio.gather(*(one(i) for i in range(start, min(start + window, count))))


def raw_publisher(js: JetStreamContext, count: int) -> Callable[[int], Awaitable[object]]:
    """Plain js.publish of envelopes encoded beforehand: the cost of the wire alone."""
    prepared = []
    for n in range(count):
        event = activity(n)
        envelope = encode(event, source="bench", actor="bench")
        prepared.append((event_subject("activity", event.activity_id), envelope))

    async def publish(n: int) -> object:
        subject, envelope = prepared.pop()
        headers = {"Nats-Msg-Id": envelope.id, "Nats-Expected-Last-Subject-Sequence": "0"}
        return await js.publish(subject, envelope.to_bytes(), stream=STREAM, headers=headers)

    return publish


def product_appender(store: EventStore) -> Callable[[int], Awaitable[object]]:
    async def append(n: int) -> object:
        event = activity(n)  # encoding is part of the product's path
        envelope = encode(event, source="bench", actor="bench")
        return await store.append(event_subject("activity", event.activity_id), [envelope], 0)

    return append


async def commands(nc: Client, count: int) -> tuple[float, int]:
    failures = 0

    async def one(_n: int) -> None:
        nonlocal failures
        reply = await request(nc, "planpulse.cmd.activity.log", COMMAND, timeout=30)
        failures += not reply["ok"]

    return await rate(count, lambda: in_windows(count, IN_FLIGHT, one)), failures


async def replay_raw(js: JetStreamContext, last: int) -> float:
    done = asyncio.Event()
    seen = 0

    async def count(msg: object) -> None:
        nonlocal seen
        seen += 1
        if seen >= last:
            done.set()

    started = time.perf_counter()
    sub = await js.subscribe(">", stream=STREAM, ordered_consumer=True, cb=count)
    await done.wait()
    seconds = time.perf_counter() - started
    await sub.unsubscribe()
    return last / seconds


async def measure(events: int, folder: Path) -> list[tuple[str, float, float, str]]:
    server = NatsServer(folder / "nats", free_port(), free_port()).start()
    rows: list[tuple[str, float, float, str]] = []
    env = {
        **os.environ,
        "PLANPULSE_NATS_URL": server.url,
        "PLANPULSE_DATA_DIR": str(folder),
        "PLANPULSE_LOG_LEVEL": "WARNING",
    }
    campaigns = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "planpulse_cli.main", "campaigns", env=env
    )
    nc = await connect(server.url, "bench")
    try:
        js = nc.jetstream()
        await ensure_stream(js)
        store = EventStore(js)
        product = product_appender(store)
        raw = raw_publisher(js, events)
        raw_seq = await rate(events, lambda: in_windows(events, 1, raw))
        product_seq = await rate(events, lambda: in_windows(events, 1, product))
        rows.append(("append, one at a time", product_seq, raw_seq, "js.publish, same headers"))
        raw = raw_publisher(js, events)
        raw_par = await rate(events, lambda: in_windows(events, WINDOW, raw))
        product_par = await rate(events, lambda: in_windows(events, WINDOW, product))
        rows.append(
            (f"append, {WINDOW} aggregates at once", product_par, raw_par, "js.publish in windows")
        )
        await _wait_for_service(nc)
        raw = raw_publisher(js, events)
        raw_cmd = await rate(events, lambda: in_windows(events, IN_FLIGHT, raw))
        cmd_rate, failures = await commands(nc, events)
        rows.append(
            (
                f"activity.log command, {IN_FLIGHT} in flight (service process)",
                cmd_rate,
                raw_cmd,
                f"js.publish, {IN_FLIGHT} at once; {failures} failed",
            )
        )
        last = (await js.stream_info(STREAM)).state.last_seq
        raw_replay = await replay_raw(js, last)
        engine = make_engine(f"sqlite:///{folder / 'rebuild.db'}")
        result = await rebuild(engine, js)
        engine.dispose()
        rows.append(
            (
                f"rebuild, SQLite, {result.events} events",
                result.rate,
                raw_replay,
                "ordered consumer, count only",
            )
        )
        postgres = os.environ.get("PLANPULSE_TEST_POSTGRES_URL")
        if postgres:
            rows.append(await _rebuild_postgres(js, postgres, raw_replay))
    finally:
        await nc.close()
        campaigns.terminate()
        await campaigns.wait()
        server.stop()
    return rows


async def _wait_for_service(nc: Client) -> None:
    for _ in range(100):
        try:
            reply = await request(nc, "planpulse.cmd.activity.log", COMMAND, timeout=1)
            if reply["ok"]:
                return
        except Exception:
            await asyncio.sleep(0.1)
    raise RuntimeError("the campaigns service did not answer")


async def _rebuild_postgres(
    js: JetStreamContext, url: str, raw: float
) -> tuple[str, float, float, str]:
    from sqlalchemy import create_engine, text

    name = f"planpulse_bench_{os.getpid()}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine = make_engine(url.rsplit("/", 1)[0] + f"/{name}")
    try:
        result = await rebuild(engine, js)
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()
    return (
        f"rebuild, PostgreSQL, {result.events} events",
        result.rate,
        raw,
        "ordered consumer, count only",
    )


def table(rows: list[tuple[str, float, float, str]], events: int) -> str:
    lines = [
        f"planpulse bench — {events} events per measurement, {os.cpu_count()} cores, "
        f"nats-server {_nats_version()}, nats-py {version('nats-py')}, "
        f"faststream {version('faststream')}, sqlalchemy {version('sqlalchemy')}",
        "",
        "| what | product events/s | raw baseline events/s | ratio | baseline |",
        "|---|---:|---:|---:|---|",
    ]
    for what, product, raw, baseline in rows:
        lines.append(f"| {what} | {product:,.0f} | {raw:,.0f} | {product / raw:.0%} | {baseline} |")
    return "\n".join(lines)


def _nats_version() -> str:
    import subprocess

    from shared.natsserver import binary

    out = subprocess.run([binary(), "--version"], capture_output=True, text=True).stdout
    return out.strip().removeprefix("nats-server: ")


def main(events: int = 5000) -> int:
    with tempfile.TemporaryDirectory(prefix="planpulse-bench-") as folder:
        rows = asyncio.run(measure(events, Path(folder)))
    print(table(rows, events))
    return 0
