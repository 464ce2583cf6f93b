"""The one way the campaigns service reads and writes history: load an aggregate's stream into
(state, version), save new events with the subject's expected last sequence."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import reduce
from typing import Any, Generic, TypeVar

from services.campaigns.domain.decider import Decider
from shared.events import Event, decode, encode
from shared.eventstore import ConcurrencyConflict, EventStore
from shared.subjects import event_subject

# The envelope's `source` of what this service records: commands' and the plan's events, and
# the clock's triggers.
SOURCE = "planpulse/campaigns"
CLOCK_SOURCE = "planpulse/campaigns-clock"
S = TypeVar("S")


@dataclass(frozen=True)
class Loaded(Generic[S]):
    state: S
    version: int  # events in the aggregate's history
    sequence: int  # the stream sequence of its last event; 0: none yet


@dataclass(frozen=True)
class Saved:
    sequence: int
    event_ids: list[str]


class Repository:
    """Built with the service; given its store when the service connects (`open`)."""

    def __init__(self, store: EventStore | None = None, source: str = SOURCE) -> None:
        self._store, self.source = store, source

    def open(self, store: EventStore) -> None:
        self._store = store

    @property
    def store(self) -> EventStore:
        if self._store is None:
            raise RuntimeError("the repository is used before the service connected")
        return self._store

    async def load(self, decider: Decider[Any, S, Any], aggregate_id: str) -> Loaded[S]:
        stored = await self.store.load(event_subject(decider.aggregate, aggregate_id))
        state = decider.fold(decode(item.envelope) for item in stored)
        return Loaded(state, len(stored), stored[-1].sequence if stored else 0)

    async def fold(self, subjects: Sequence[str], evolve: Callable[[S, Event], S], initial: S) -> S:
        """Every event on these subjects (wildcards allowed), in stream order, folded."""
        stored = [item for subject in subjects for item in await self.store.load(subject)]
        stored.sort(key=lambda item: item.sequence)
        return reduce(evolve, (decode(item.envelope) for item in stored), initial)

    async def save(
        self,
        aggregate: str,
        aggregate_id: str,
        events: Sequence[Event],
        expected: int,
        actor: str,
        correlation_id: str | None = None,
    ) -> Saved:
        """Append if the aggregate's last sequence is still `expected`; else ConcurrencyConflict."""
        envelopes = [
            encode(event, source=self.source, actor=actor, correlationid=correlation_id)
            for event in events
        ]
        subject = event_subject(aggregate, aggregate_id)
        sequence = await self.store.append(subject, envelopes, expected) if events else expected
        return Saved(sequence, [envelope.id for envelope in envelopes])

    async def record_once(self, event: Event, actor: str = "system") -> bool:
        """Record a fact whose subject must still be empty; False if it was recorded before."""
        try:
            await self.save(event.AGGREGATE, event.aggregate_id, [event], 0, actor)
        except ConcurrencyConflict:
            return False
        return True
