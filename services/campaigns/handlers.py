"""The one command pipeline: load the aggregate, decide, append with the expected sequence;
a lost race is decided again on fresh state. The edge (token, role, body) is shared.endpoints'."""

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from services.campaigns.domain import errors
from services.campaigns.domain.context import Context
from services.campaigns.domain.decider import Decider
from services.campaigns.repository import Loaded, Repository
from shared.actor import CORRELATION_HEADER, Actor
from shared.endpoints import Call, Endpoint, Roles
from shared.envelope import uuid7
from shared.events import Event
from shared.eventstore import ConcurrencyConflict
from shared.replies import ok

log = logging.getLogger(__name__)
ATTEMPTS = 5
# Commands handled side by side: the append's expected-sequence check keeps them honest.
WORKERS = 32
C = TypeVar("C", bound=BaseModel)
S = TypeVar("S")
# What else a command does once its events are stored (keep a password's hash).
Effect = Callable[[Any, Sequence[Event]], Awaitable[None]]


@dataclass(frozen=True)
class Route(Generic[C, S]):
    """How one command reaches its aggregate: the id field names the aggregate instance."""

    model: type[C]
    decider: Decider[C, S, Event]
    id_field: str
    effect: Effect | None = None


class Pipeline:
    def __init__(self, repository: Repository, context: Callable[[Actor], Context]) -> None:
        self.repository, self.context = repository, context

    def endpoint(
        self,
        subject: str,
        route: Route[Any, Any],
        roles: Roles,
        refusal: str | None = None,
        sender: Actor | None = None,
    ) -> Endpoint:
        async def handle(command: Any, call: Call) -> dict[str, Any]:
            return await self.run(route, command, call.actor, call.headers.get(CORRELATION_HEADER))

        extra = {"refusal": refusal} if refusal else {}
        return Endpoint(
            subject, route.model, roles, handle, workers=WORKERS, sender=sender, **extra
        )

    async def run(
        self, route: Route[C, S], command: C, actor: Actor, correlation_id: str | None = None
    ) -> dict[str, Any]:
        new_id = uuid7()
        chosen: str | None = getattr(command, route.id_field)
        aggregate_id = chosen or new_id
        for attempt in range(ATTEMPTS):
            # A brand-new id cannot have history: skip the read, the append still checks.
            if chosen or attempt:
                loaded = await self.repository.load(route.decider, aggregate_id)
            else:
                loaded = Loaded(route.decider.initial, 0, 0)
            events = route.decider.decide(command, loaded.state, self.context(actor), aggregate_id)
            try:
                saved = await self.repository.save(
                    route.decider.aggregate,
                    aggregate_id,
                    events,
                    loaded.sequence,
                    actor.label(),
                    correlation_id,
                )
            except ConcurrencyConflict:
                log.debug(
                    "conflict on %s %s (attempt %d)",
                    route.decider.aggregate,
                    aggregate_id,
                    attempt + 1,
                )
                continue
            if route.effect is not None:
                await route.effect(command, events)
            return ok(
                id=aggregate_id,
                version=loaded.version + len(events),
                sequence=saved.sequence,
                event_ids=saved.event_ids,
            )
        raise errors.busy()
