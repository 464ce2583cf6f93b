"""Who is acting: the verified token's claims, read at the edge of every service.

A caller sends `Authorization: Bearer <token>` with every command and query; `shared.auth`
verifies it and gives the `Actor`. Nothing in a request's body can say who acts.
"""

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

AUTH_HEADER = "Authorization"
CORRELATION_HEADER = "Planpulse-Correlation-Id"
SOURCE_HEADER = "Planpulse-Source"  # the client's address, for sign-in rate limits

# A service acting on its own (the notifications service recording what it sent) is "service".
Role = Literal["unit_officer", "office", "leadership", "admin", "service"]


class Actor(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    user_id: Annotated[str, Field(min_length=1, max_length=100)]
    unit_id: Annotated[str, Field(max_length=64)] | None = None
    role: Role | None = None
    session_id: Annotated[str, Field(max_length=64)] | None = None  # from a signed-in token

    def label(self) -> str:
        """The envelope's `actor`: user id and unit."""
        return f"{self.user_id}@{self.unit_id}" if self.unit_id else self.user_id


ANONYMOUS = Actor(user_id="anonymous")


def bearer(token: str) -> dict[str, str]:
    """The request headers that carry a token."""
    return {AUTH_HEADER: f"Bearer {token}"}
