"""An event store in memory, for fast tests: the same API and the same `ConcurrencyConflict` as
JetStream's. It keeps the expected-sequence rule and NATS subject matching; it has no dedupe
window, no durability and no consumers (test those on a real nats-server)."""

from shared.envelope import Envelope
from shared.eventstore import ConcurrencyConflict, StoredEvent


def subject_matches(pattern: str, subject: str) -> bool:
    """NATS matching: `*` is one token, a final `>` one or more."""
    wanted, tokens = pattern.split("."), subject.split(".")
    for index, token in enumerate(wanted):
        if token == ">":
            return len(tokens) > index
        if index >= len(tokens) or token not in ("*", tokens[index]):
            return False
    return len(tokens) == len(wanted)


class InMemoryEventStore:
    def __init__(self) -> None:
        self.stream: list[tuple[str, Envelope]] = []  # position i holds sequence i + 1
        self._last: dict[str, int] = {}  # subject -> its last sequence

    async def append(self, subject: str, events: list[Envelope], expected_sequence: int) -> int:
        last = expected_sequence
        for envelope in events:
            if self._last.get(subject, 0) != last:
                raise ConcurrencyConflict(subject, last)
            self.stream.append((subject, envelope))
            last = self._last[subject] = len(self.stream)
        return last

    async def load(self, subject: str) -> list[StoredEvent]:
        return [
            StoredEvent(sequence, envelope)
            for sequence, (stored_subject, envelope) in enumerate(self.stream, start=1)
            if subject_matches(subject, stored_subject)
        ]

    async def latest(self, count: int) -> list[StoredEvent]:
        newest = list(enumerate(self.stream, start=1))[::-1][:count]
        return [StoredEvent(sequence, envelope) for sequence, (_, envelope) in newest]

    async def last_sequence(self) -> int:
        return len(self.stream)
