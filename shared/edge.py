"""The edge of a request/reply handler: parse, run, and always reply (FastStream sends no reply
when a handler raises, and the caller would just time out)."""

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from pydantic import BaseModel

from shared.replies import ProblemError, failure, internal_error
from shared.validation import parse_request

log = logging.getLogger(__name__)


async def answer(
    model: type[BaseModel],
    raw: bytes,
    work: Callable[[Any], Awaitable[dict[str, Any]]],
    labels: dict[str, str],
    code: str = "invalid_query",
) -> dict[str, Any]:
    try:
        request = parse_request(model, raw or b"{}", labels, code)
        return await work(request)
    except ProblemError as refusal:
        return failure(refusal.problem)
    except Exception:
        log.exception("%s failed", model.__name__)
        return failure(internal_error().problem)
