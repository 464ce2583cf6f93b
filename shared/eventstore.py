"""The event store: the API every writer and reader of history uses (`EventStore`), and its
JetStream implementation. `shared.memstore` has the in-memory one for fast tests."""

from dataclasses import dataclass
from typing import Protocol

from nats.js import JetStreamContext
from nats.js.api import DiscardPolicy, RetentionPolicy, StorageType, StreamConfig
from nats.js.errors import BadRequestError, NotFoundError

from shared.envelope import Envelope
from shared.subjects import EVENTS_ALL, STREAM

WRONG_LAST_SEQUENCE = 10071


class ConcurrencyConflict(Exception):
    """Someone else appended to this aggregate since it was loaded."""

    def __init__(self, subject: str, expected: int) -> None:
        super().__init__(f"{subject}: expected last sequence {expected}")
        self.subject = subject
        self.expected = expected


@dataclass(frozen=True)
class StoredEvent:
    sequence: int
    envelope: Envelope


def stream_config(replicas: int = 1, duplicate_window: float = 120.0) -> StreamConfig:
    return StreamConfig(
        name=STREAM,
        subjects=[EVENTS_ALL],
        storage=StorageType.FILE,
        retention=RetentionPolicy.LIMITS,
        discard=DiscardPolicy.OLD,
        num_replicas=replicas,
        duplicate_window=duplicate_window,
        deny_delete=True,
        deny_purge=True,
        allow_direct=True,
    )


async def ensure_stream(
    js: JetStreamContext, replicas: int = 1, window: float = 120.0, update: bool = True
) -> None:
    """Create the stream if there is none; `update`: also bring an existing one to the
    configuration (only the campaigns service may)."""
    config = stream_config(replicas, window)
    try:
        await js.stream_info(STREAM)
    except NotFoundError:
        await js.add_stream(config)
    else:
        if update:
            await js.update_stream(config)


class EventStore(Protocol):
    """History, one subject per aggregate instance, in one ordered stream."""

    async def append(self, subject: str, events: list[Envelope], expected_sequence: int) -> int:
        """Append to one subject if its last sequence is still `expected_sequence` (0: empty);
        return the last stream sequence. A lost race raises `ConcurrencyConflict`."""
        ...

    async def load(self, subject: str) -> list[StoredEvent]:
        """Every event on a subject (NATS wildcards allowed), in stream order."""
        ...

    async def latest(self, count: int) -> list[StoredEvent]:
        """The last `count` events of the stream, newest first."""
        ...

    async def last_sequence(self) -> int: ...


class JetStreamEventStore:
    def __init__(self, js: JetStreamContext) -> None:
        self._js = js

    async def append(self, subject: str, events: list[Envelope], expected_sequence: int) -> int:
        """Append events to one aggregate's subject; return the last stream sequence.

        `expected_sequence` is the subject's last sequence the caller decided on (0: empty).
        """
        last = expected_sequence
        for envelope in events:
            headers = {
                "Nats-Msg-Id": envelope.id,
                "Nats-Expected-Last-Subject-Sequence": str(last),
            }
            try:
                ack = await self._js.publish(
                    subject, envelope.to_bytes(), stream=STREAM, headers=headers
                )
            except BadRequestError as error:
                if error.err_code == WRONG_LAST_SEQUENCE:
                    raise ConcurrencyConflict(subject, last) from error
                raise
            last = ack.seq
        return last

    async def load(self, subject: str) -> list[StoredEvent]:
        """Every event on a subject (wildcards allowed), in stream order."""
        events: list[StoredEvent] = []
        sequence = 1
        while True:
            try:
                raw = await self._js.get_msg(STREAM, seq=sequence, subject=subject, next=True)
            except NotFoundError:
                return events
            assert raw.seq is not None and raw.data is not None
            events.append(StoredEvent(raw.seq, Envelope.from_bytes(raw.data)))
            sequence = raw.seq + 1

    async def latest(self, count: int) -> list[StoredEvent]:
        """The last `count` events of the stream, newest first."""
        events: list[StoredEvent] = []
        sequence = await self.last_sequence()
        while sequence > 0 and len(events) < count:
            try:
                raw = await self._js.get_msg(STREAM, seq=sequence)
            except NotFoundError:  # aged out of the stream's limits: nothing older is kept
                break
            assert raw.data is not None
            events.append(StoredEvent(sequence, Envelope.from_bytes(raw.data)))
            sequence -= 1
        return events

    async def last_sequence(self) -> int:
        info = await self._js.stream_info(STREAM)
        return info.state.last_seq
