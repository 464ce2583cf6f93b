"""Append rates: `EventStore.append` beside plain `js.publish` with the same headers and size."""

import asyncio
import time
from collections.abc import Awaitable, Callable
from datetime import date

from nats.js import JetStreamContext

from shared.envelope import uuid7
from shared.events import ActivityLogged, Participants, encode
from shared.eventstore import JetStreamEventStore
from shared.subjects import STREAM, event_subject

One = Callable[[int], Awaitable[object]]
SOURCE = "planpulse/bench"
ACTOR = "bench"


def activity(n: int) -> ActivityLogged:
    """A valid ActivityLogged of the 2024 plan; every one the same size once encoded."""
    return ActivityLogged(
        activity_id=uuid7(),
        plan_id="kh-2024",
        unit_id="pbgdpl",
        task_id=str(n % 6 + 1),
        occasion_id=None,
        date=date(2024, 3, 8),
        title=f"Hoạt động số {n % 1_000_000:06d}",
        form="conference",
        audience="Công chức",
        participants=Participants(men=1, women=2, total=3),
        materials=1,
        evidence_url=None,
        note="",
    )


def envelope_bytes(event: ActivityLogged) -> bytes:
    return encode(event, source=SOURCE, actor=ACTOR).to_bytes()


def envelope_size() -> int:
    """The size of a real ActivityLogged envelope: the raw baseline publishes this many bytes."""
    return len(envelope_bytes(activity(0)))


async def in_windows(indexes: range, window: int, one: One) -> None:
    """`one(i)` for each index: one at a time, or `window` at once with asyncio.gather."""
    if window == 1:
        for i in indexes:
            await one(i)
        return
    for start in range(indexes.start, indexes.stop, window):
        stop = min(start + window, indexes.stop)
        await asyncio.gather(*(one(i) for i in range(start, stop)))


async def compare(
    count: int, width: int, raw: One, product: One, rounds: int = 4
) -> tuple[float, float]:
    """(product rate, raw rate): the two alternate in `rounds` slices, so drift hits both."""
    spent = {"raw": 0.0, "product": 0.0}
    step = max(1, -(-count // rounds))
    for start in range(0, count, step):
        indexes = range(start, min(start + step, count))
        for name, one in (("raw", raw), ("product", product)):
            started = time.perf_counter()
            await in_windows(indexes, width, one)
            spent[name] += time.perf_counter() - started
    return count / spent["product"], count / spent["raw"]


class RawChains:
    """Plain `js.publish`: `depth` events per aggregate, each expecting the previous one's
    sequence; subjects, ids and a payload of the envelope's size are all made beforehand."""

    def __init__(self, js: JetStreamContext, aggregates: int, depth: int, size: int) -> None:
        self.js = js
        self.depth = depth
        self.payload = b"x" * size
        self.subjects = [event_subject("activity", uuid7()) for _ in range(aggregates)]
        self.ids = [[uuid7() for _ in range(depth)] for _ in range(aggregates)]

    async def __call__(self, n: int) -> object:
        last = 0
        for k in range(self.depth):
            headers = {
                "Nats-Msg-Id": self.ids[n][k],
                "Nats-Expected-Last-Subject-Sequence": str(last),
            }
            ack = await self.js.publish(
                self.subjects[n], self.payload, stream=STREAM, headers=headers
            )
            last = ack.seq
        return last


class ProductChains:
    """`EventStore.append`, one envelope at a time, each encoded just before its append
    (the encoding is part of the product's path; building the event is the domain's)."""

    def __init__(self, store: JetStreamEventStore, aggregates: int, depth: int) -> None:
        self.store = store
        self.depth = depth
        self.events = [activity(n) for n in range(aggregates)]

    async def __call__(self, n: int) -> object:
        event = self.events[n]
        subject = event_subject("activity", event.activity_id)
        last = 0
        for _ in range(self.depth):
            envelope = encode(event, source=SOURCE, actor=ACTOR)
            last = await self.store.append(subject, [envelope], last)
        return last


async def append_rates(
    js: JetStreamContext, count: int, width: int, depth: int = 1
) -> tuple[float, float]:
    """(product, raw) events/s for `count` events, `width` aggregates at once, `depth` each."""
    aggregates = max(1, count // depth)
    raw = RawChains(js, aggregates, depth, envelope_size())
    product = ProductChains(JetStreamEventStore(js), aggregates, depth)
    product_rate, raw_rate = await compare(aggregates, width, raw, product)
    return product_rate * depth, raw_rate * depth
