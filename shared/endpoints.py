"""One table per service of what it answers: subject -> request model, who may send it, the
handler. `serve` subscribes the whole table through one edge that verifies the token, checks the
role, parses the body and always replies (FastStream sends no reply when a handler raises, and
the caller would just time out). The AsyncAPI document and docs/architecture.md read the same
tables."""

import logging
import weakref
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from faststream.nats import NatsBroker
from pydantic import BaseModel

from shared.actor import ANONYMOUS, Actor
from shared.auth import Authenticator, forbidden
from shared.bus import Request, as_request
from shared.replies import ProblemError, failure, internal_error
from shared.validation import parse_request

log = logging.getLogger(__name__)

# Who may send: a set of roles; PUBLIC needs no token at all (sign-in only).
Roles = frozenset[str]
PUBLIC: Roles = frozenset({"public"})
USERS: Roles = frozenset({"unit_officer", "office", "leadership", "admin"})
NOT_ALLOWED = "Tài khoản của bạn không có quyền thực hiện yêu cầu này."
_SERVED: "weakref.WeakKeyDictionary[NatsBroker, list[Endpoint]]" = weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class Call:
    """Who asks, as the edge verified it, and the request's headers."""

    actor: Actor
    headers: dict[str, str] = field(default_factory=dict)


Handler = Callable[[Any, Call], Awaitable[dict[str, Any]]]


@dataclass(frozen=True)
class Endpoint:
    subject: str
    model: type[BaseModel]
    roles: Roles
    handle: Handler
    refusal: str = NOT_ALLOWED  # what a caller of another role is told
    workers: int = 1  # requests of this subject handled side by side
    # A service's request carries no token: the NATS permissions let only that service's user
    # publish the subject (shared.natsauth), so the subject says who sends it.
    sender: Actor | None = None

    @property
    def is_command(self) -> bool:
        return ".cmd." in self.subject


def check_table(endpoints: Iterable[Endpoint]) -> list[Endpoint]:
    """A table answers each subject once: a second handler would silently share its traffic."""
    seen: dict[str, Endpoint] = {}
    for endpoint in endpoints:
        if endpoint.subject in seen:
            raise ValueError(f"{endpoint.subject} is answered twice in one service's table")
        seen[endpoint.subject] = endpoint
    return list(seen.values())


async def always_reply(work: Callable[[], Awaitable[dict[str, Any]]], what: str) -> dict[str, Any]:
    """Run a handler's work; a refusal or a crash becomes an error reply, never silence."""
    try:
        return await work()
    except ProblemError as refusal:
        return failure(refusal.problem)
    except Exception:
        log.exception("%s failed", what)
        return failure(internal_error().problem)


async def respond(
    endpoint: Endpoint, request: Request, auth: Authenticator, labels: dict[str, str]
) -> dict[str, Any]:
    """The one edge: token, role, body, handler; every outcome a reply."""
    raw, headers = request

    async def work() -> dict[str, Any]:
        if endpoint.sender is not None:
            actor = endpoint.sender
        else:
            actor = ANONYMOUS if endpoint.roles == PUBLIC else auth.actor(headers)
        if endpoint.roles != PUBLIC and actor.role not in endpoint.roles:
            raise forbidden(endpoint.refusal)
        code = "invalid_command" if endpoint.is_command else "invalid_query"
        parsed = parse_request(endpoint.model, raw or b"{}", labels, code)
        return await endpoint.handle(parsed, Call(actor, headers))

    return await always_reply(work, endpoint.subject)


def serve(
    broker: NatsBroker,
    queue: str,
    endpoints: Iterable[Endpoint],
    auth: Authenticator,
    labels: dict[str, str],
) -> list[Endpoint]:
    """Subscribe every endpoint of a service's table (one queue group per service)."""
    table = check_table(endpoints)
    for endpoint in table:
        _subscribe(broker, queue, endpoint, auth, labels)
    _SERVED[broker] = table
    return table


def served(broker: NatsBroker) -> list[Endpoint]:
    """The table a broker serves (for the AsyncAPI document and the docs)."""
    return _SERVED.get(broker, [])


def _subscribe(
    broker: NatsBroker, queue: str, endpoint: Endpoint, auth: Authenticator, labels: dict[str, str]
) -> None:
    @broker.subscriber(
        endpoint.subject,
        queue=queue,
        title=endpoint.subject,
        max_workers=endpoint.workers,
        decoder=as_request,
    )
    async def handle(request: Request) -> dict[str, Any]:
        return await respond(endpoint, request, auth, labels)
