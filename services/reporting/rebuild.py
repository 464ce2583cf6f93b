"""Drop the read models and replay the whole stream into them from sequence 1."""

import asyncio
import time
from dataclasses import dataclass

from nats.aio.msg import Msg
from nats.js import JetStreamContext
from sqlalchemy import Engine

from services.reporting.checkpoint import apply_batch, reset
from shared.follower import RawEvent
from shared.subjects import EVENTS_ALL, STREAM


@dataclass(frozen=True)
class RebuildResult:
    events: int
    seconds: float

    @property
    def rate(self) -> float:
        return self.events / self.seconds if self.seconds else 0.0


async def rebuild(engine: Engine, js: JetStreamContext, batch_size: int = 2000) -> RebuildResult:
    started = time.perf_counter()
    await asyncio.to_thread(reset, engine)
    last = (await js.stream_info(STREAM)).state.last_seq
    if last == 0:
        return RebuildResult(0, time.perf_counter() - started)
    arrived: asyncio.Queue[RawEvent] = asyncio.Queue()

    async def collect(msg: Msg) -> None:
        arrived.put_nowait((msg.metadata.sequence.stream, msg.subject, msg.data))

    # An ordered push consumer is the fastest full read; it is gone when we unsubscribe.
    subscription = await js.subscribe(EVENTS_ALL, stream=STREAM, ordered_consumer=True, cb=collect)
    applied = position = 0
    try:
        while position < last:
            batch = [await arrived.get()]
            while len(batch) < batch_size and not arrived.empty():
                batch.append(arrived.get_nowait())
            position = await asyncio.to_thread(apply_batch, engine, batch)
            applied += len(batch)
    finally:
        await subscription.unsubscribe()
    return RebuildResult(applied, time.perf_counter() - started)
