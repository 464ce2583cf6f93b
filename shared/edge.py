"""The edge of a request/reply handler: who asks, parse, run, and always reply (FastStream sends
no reply when a handler raises, and the caller would just time out)."""

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from pydantic import BaseModel

from shared.actor import Actor
from shared.auth import Authenticator
from shared.bus import Request
from shared.replies import ProblemError, failure, internal_error
from shared.validation import parse_request

log = logging.getLogger(__name__)
Work = Callable[[Any, Actor], Awaitable[dict[str, Any]]]


async def always_reply(work: Callable[[], Awaitable[dict[str, Any]]], what: str) -> dict[str, Any]:
    """Run a handler's work; a refusal or a crash becomes an error reply, never silence."""
    try:
        return await work()
    except ProblemError as refusal:
        return failure(refusal.problem)
    except Exception:
        log.exception("%s failed", what)
        return failure(internal_error().problem)


async def answer(
    model: type[BaseModel],
    request: Request,
    auth: Authenticator,
    work: Work,
    labels: dict[str, str],
    code: str = "invalid_query",
) -> dict[str, Any]:
    raw, headers = request

    async def authenticated() -> dict[str, Any]:
        actor = auth.actor(headers)
        return await work(parse_request(model, raw or b"{}", labels, code), actor)

    return await always_reply(authenticated, model.__name__)
