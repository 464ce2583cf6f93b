"""Who is acting: read at the edge of every service from the request's headers.

Until sign-in exists (the identity issue), the caller states who it is in the
`Planpulse-Actor` header as JSON; the services apply their rules to that. Nothing here
authenticates anybody yet.
"""

import json
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

ACTOR_HEADER = "Planpulse-Actor"
CORRELATION_HEADER = "Planpulse-Correlation-Id"

Role = Literal["unit_officer", "office", "leadership", "admin"]


class Actor(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    user_id: Annotated[str, Field(min_length=1, max_length=100)]
    unit_id: Annotated[str, Field(max_length=64)] | None = None
    role: Role | None = None

    def label(self) -> str:
        """The envelope's `actor`: user id and unit."""
        return f"{self.user_id}@{self.unit_id}" if self.unit_id else self.user_id

    def header(self) -> dict[str, str]:
        return {ACTOR_HEADER: self.model_dump_json(exclude_none=True)}


ANONYMOUS = Actor(user_id="anonymous")


def actor_from(headers: dict[str, str] | None) -> Actor:
    raw = (headers or {}).get(ACTOR_HEADER)
    if not raw:
        return ANONYMOUS
    try:
        return Actor.model_validate(json.loads(raw))
    except (ValueError, ValidationError):
        # an old-style plain name
        return Actor(user_id=raw[:100]) if raw.strip() else ANONYMOUS
