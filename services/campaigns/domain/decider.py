"""The shape of every aggregate: decide(command, state, context, new id) -> events,
evolve(state, event) -> state, and the state before any event. Pure: no I/O."""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import reduce
from typing import Generic, TypeVar

from services.campaigns.domain.context import Context
from shared.events import Event

C = TypeVar("C")  # the commands it decides
S = TypeVar("S")  # its state
E = TypeVar("E", bound=Event, covariant=True)  # the events it records


@dataclass(frozen=True)
class Decider(Generic[C, S, E]):
    aggregate: str  # its subjects: planpulse.events.<aggregate>.<id>
    decide: Callable[[C, S, Context, str], Sequence[E]]
    evolve: Callable[[S, Event], S]
    initial: S

    def fold(self, events: Iterable[Event]) -> S:
        return reduce(self.evolve, events, self.initial)
