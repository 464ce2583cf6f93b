"""The one way a service follows the event stream: a durable pull consumer positioned by the
service's own database, feeding batches to `apply` (which stores the position in the same
transaction as its changes), then acking. Used by the reporting projections and notifications.
"""

import asyncio
import contextlib
import logging
from collections.abc import Callable

import nats.errors
from nats.js import JetStreamContext
from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy
from nats.js.errors import NotFoundError
from sqlalchemy.exc import SQLAlchemyError

from shared.subjects import EVENTS_ALL, STREAM
from shared.tasks import cancel_for_sure

log = logging.getLogger(__name__)
RawEvent = tuple[int, str, bytes]  # (stream sequence, subject, payload)


async def position_consumer(js: JetStreamContext, durable: str, position: int) -> None:
    """Start the durable consumer right after what the database already holds.

    The database is the truth: after a crash, a rebuild or a restore, the consumer follows it.
    """
    with contextlib.suppress(NotFoundError):
        await js.delete_consumer(STREAM, durable)
    config = ConsumerConfig(
        durable_name=durable,
        filter_subject=EVENTS_ALL,
        ack_policy=AckPolicy.ALL,
        ack_wait=30,
        max_ack_pending=20_000,
        deliver_policy=DeliverPolicy.BY_START_SEQUENCE if position else DeliverPolicy.ALL,
        opt_start_seq=position + 1 if position else None,
    )
    await js.add_consumer(STREAM, config)


class StreamFollower:
    def __init__(
        self,
        js: JetStreamContext,
        durable: str,
        read_position: Callable[[], int],
        apply: Callable[[list[RawEvent]], int],
        batch: int,
        wait: float,
    ) -> None:
        self.js = js
        self.durable = durable
        self.read_position = read_position
        self.apply = apply
        self.batch = batch
        self.wait = wait
        self.position = 0
        self._task: asyncio.Task[None] | None = None
        self._stopping = asyncio.Event()

    def start(self) -> None:
        self._stopping.clear()
        self._task = asyncio.create_task(self.run_forever())

    async def stop(self) -> None:
        self._stopping.set()  # the loop watches it too: a cancel may be swallowed
        await cancel_for_sure(self._task)
        self._task = None

    async def run(self) -> None:
        self.position = await asyncio.to_thread(self.read_position)
        await position_consumer(self.js, self.durable, self.position)
        subscription = await self.js.pull_subscribe_bind(self.durable, STREAM)
        log.info("%s: following from sequence %d", self.durable, self.position + 1)
        try:
            while not self._stopping.is_set():
                await self._step(subscription)
        finally:
            # An unfinished pull would keep the connection from draining at shutdown.
            with contextlib.suppress(Exception):
                await subscription.unsubscribe()

    async def _step(self, subscription: JetStreamContext.PullSubscription) -> None:
        try:
            # A one-message pull returns as soon as an event arrives; a larger pull would
            # linger until it is full or times out, delaying the view by `wait`.
            messages = await subscription.fetch(1, timeout=self.wait)
        except (nats.errors.TimeoutError, TimeoutError):
            return
        except (nats.errors.Error, OSError) as error:
            log.warning("fetch failed (%s); retrying", error)
            await asyncio.sleep(0.5)
            return
        if self.batch > 1:
            # nats-py raises either TimeoutError kind when nothing more is waiting; whatever
            # fails here, the message in hand is applied and the rest comes with the next pull.
            with contextlib.suppress(nats.errors.Error, TimeoutError, OSError):
                messages += await subscription.fetch(self.batch - 1, timeout=0.05)
        if not messages:
            return
        batch = [(m.metadata.sequence.stream, m.subject, m.data) for m in messages]
        while True:
            try:
                self.position = await asyncio.to_thread(self.apply, batch)
                break
            except SQLAlchemyError as error:
                log.warning("database write failed (%s); retrying the batch", error)
                if self._stopping.is_set():
                    return  # unacked: redelivered to the next run, which skips what it has
                await asyncio.sleep(1)
        try:
            await messages[-1].ack()
        except (nats.errors.Error, OSError) as error:
            # Redelivered later and skipped by position: nothing is applied twice.
            log.warning("ack failed (%s)", error)

    async def run_forever(self) -> None:
        while not self._stopping.is_set():
            try:
                await self.run()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("%s stopped; restarting in 1 s", self.durable)
                await asyncio.sleep(1)
