"""SIGKILL the reporting service in the middle of a backlog: nothing lost, nothing twice."""

import asyncio
import os
import random
import signal
import time
from datetime import date, timedelta
from pathlib import Path

from nats.aio.client import Client

from services.campaigns.plan import read_plan_file
from services.reporting import queries
from services.reporting.checkpoint import read_position
from services.reporting.db import make_engine
from services.reporting.rebuild import rebuild
from shared.events import ActivityCorrected, ActivityLogged, ActivityWithdrawn, Event, encode
from shared.eventstore import JetStreamEventStore, ensure_stream
from shared.natsserver import NatsServer
from shared.subjects import event_subject
from tests.conftest import start_component

UNITS = ["pbgdpl", "tgpl", "hctp", "btp", "van-phong", "thanh-tra"]


def backlog(count: int) -> tuple[list[Event], dict[str, int]]:
    """Activities, some corrected and some withdrawn; and the totals they must give."""
    rng = random.Random(7)
    events: list[Event] = []
    live: dict[str, tuple[int, int]] = {}
    for n in range(count):
        men, women = rng.randint(0, 40), rng.randint(0, 60)
        activity_id = f"act-{n}"
        events.append(
            ActivityLogged(
                activity_id=activity_id,
                plan_id="kh-2024",
                unit_id=rng.choice(UNITS),
                task_id=str(rng.randint(1, 6)),
                occasion_id=None,
                date=date(2024, 1, 1) + timedelta(days=rng.randint(0, 300)),
                title=f"Hoạt động số {n}",
                form="conference",
                audience="",
                materials=1,
                evidence_url=None,
                note="",
                participants={"men": men, "women": women, "total": men + women},
            )
        )
        live[activity_id] = (men, women)
        if n % 10 == 3:
            events.append(
                ActivityCorrected(
                    activity_id=activity_id,
                    changes={
                        "participants": {"men": men + 1, "women": women, "total": men + women + 1}
                    },
                )
            )
            live[activity_id] = (men + 1, women)
        if n % 25 == 7:
            events.append(ActivityWithdrawn(activity_id=activity_id))
            del live[activity_id]
    totals = {
        "activities": len(live),
        "men": sum(m for m, _ in live.values()),
        "women": sum(w for _, w in live.values()),
    }
    return events, totals


async def publish(nc: Client, events: list[Event]) -> int:
    js = nc.jetstream()
    await ensure_stream(js)
    store = JetStreamEventStore(js)
    last_seq: dict[str, int] = {}
    for event in events:  # sequential per aggregate, as the campaigns service does
        subject = event_subject(event.AGGREGATE, event.aggregate_id)
        envelope = encode(event, source="test", actor="system")
        last_seq[subject] = await store.append(subject, [envelope], last_seq.get(subject, 0))
    return await store.last_sequence()


def wait_position(engine, check, timeout: float) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            position = read_position(engine)
        except Exception:  # the tables may not exist yet
            position = 0
        if check(position):
            return position
        time.sleep(0.005)
    raise AssertionError("position not reached in time")


async def test_sigkill_during_a_10000_event_backlog_then_restart_equals_a_clean_rebuild(
    nats_server: NatsServer, nc: Client, db_url: str, tmp_path: Path
):
    events, expected = backlog(10_000)
    last = await publish(nc, read_plan_file() + events)
    env = {
        **os.environ,
        "PLANPULSE_NATS_URL": nats_server.url,
        "PLANPULSE_REPORTING_DB_URL": db_url,
        "PLANPULSE_DATA_DIR": str(tmp_path / "var"),
        "PLANPULSE_PROJECTION_BATCH_SIZE": "50",
        "PLANPULSE_LOG_LEVEL": "WARNING",
    }
    engine = make_engine(db_url)
    service = start_component("reporting", env, tmp_path / "reporting.log")
    try:
        at_kill = await asyncio.to_thread(wait_position, engine, lambda p: p > 2_000, 60)
        service.send_signal(signal.SIGKILL)
        service.wait(10)
        assert at_kill < last, "the backlog was already applied: the kill proved nothing"
        service = start_component("reporting", env, tmp_path / "reporting.log")
        await asyncio.to_thread(wait_position, engine, lambda p: p == last, 120)
    finally:
        service.terminate()
        service.wait(10)
    after_crash = queries.progress(engine, queries.ProgressQuery())
    clean = make_engine(f"sqlite:///{tmp_path / 'clean.db'}")
    await rebuild(clean, nc.jetstream())
    from_scratch = queries.progress(clean, queries.ProgressQuery())
    print(f"killed at sequence {at_kill} of {last}; totals after restart {after_crash['totals']}")
    for key in ("totals", "by_task", "by_unit", "by_occasion"):
        assert after_crash[key] == from_scratch[key], key
    assert {k: after_crash["totals"][k] for k in expected} == expected
    engine.dispose()
    clean.dispose()
