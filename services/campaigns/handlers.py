"""The one command pipeline: authenticate -> parse -> load -> decide -> append, as a reply."""

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from functools import reduce
from typing import Any

from pydantic import BaseModel

from services.campaigns.domain import errors
from shared.actor import CORRELATION_HEADER, Actor
from shared.auth import Authenticator
from shared.edge import always_reply
from shared.envelope import uuid7
from shared.events import Event, decode, encode
from shared.eventstore import ConcurrencyConflict, EventStore
from shared.replies import ok
from shared.subjects import event_subject
from shared.validation import parse_request

log = logging.getLogger(__name__)
SOURCE = "planpulse/campaigns"
ATTEMPTS = 5
# What else a command does once its events are stored (keep a password's hash).
Effect = Callable[[Any, Sequence[Event]], Awaitable[None]]


@dataclass(frozen=True)
class Route:
    """How one command subject reaches its aggregate's decider."""

    model: type[BaseModel]
    aggregate: str
    id_field: str
    decide: Callable[[Any, Any, Any, str], Sequence[Event]]
    evolve: Callable[[Any, Event], Any]
    initial: Any
    effect: Effect | None = None


@dataclass(frozen=True)
class Meta:
    actor: Actor
    correlation_id: str | None = None


async def execute(
    route: Route,
    raw: bytes,
    headers: dict[str, str],
    auth: Authenticator,
    store: EventStore,
    context: Callable[[Actor], Any],
) -> dict[str, Any]:

    async def work() -> dict[str, Any]:
        meta = Meta(actor=auth.actor(headers), correlation_id=headers.get(CORRELATION_HEADER))
        command = parse_request(route.model, raw, errors.FIELD_LABELS, "invalid_command")
        return await _run(route, command, meta, store, context)

    return await always_reply(work, f"command {route.model.__name__}")


async def load_state(route: Route, store: EventStore, aggregate_id: str) -> Any:
    stored = await store.load(event_subject(route.aggregate, aggregate_id))
    return reduce(route.evolve, (decode(s.envelope) for s in stored), route.initial)


async def _run(
    route: Route, command: BaseModel, meta: Meta, store: EventStore, context: Callable[[Actor], Any]
) -> dict[str, Any]:
    new_id = uuid7()
    aggregate_id = getattr(command, route.id_field) or new_id
    subject = event_subject(route.aggregate, aggregate_id)
    caller_chose_id = getattr(command, route.id_field) is not None
    for attempt in range(ATTEMPTS):
        # A brand-new id cannot have history: skip the read, the append still checks.
        stored = await store.load(subject) if caller_chose_id or attempt else []
        state = reduce(route.evolve, (decode(s.envelope) for s in stored), route.initial)
        expected = stored[-1].sequence if stored else 0
        events = route.decide(command, state, context(meta.actor), aggregate_id)
        envelopes = [
            encode(
                event, source=SOURCE, actor=meta.actor.label(), correlationid=meta.correlation_id
            )
            for event in events
        ]
        try:
            sequence = await store.append(subject, envelopes, expected)
        except ConcurrencyConflict:
            log.info("conflict on %s (attempt %d), reloading", subject, attempt + 1)
            continue
        if route.effect is not None:
            await route.effect(command, events)
        return ok(
            id=aggregate_id,
            version=len(stored) + len(events),
            sequence=sequence,
            event_ids=[envelope.id for envelope in envelopes],
        )
    raise errors.busy()
