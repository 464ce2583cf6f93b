"""The CloudEvents 1.0 envelope (structured JSON mode) every event travels in."""

import os
import time
import uuid
from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SYSTEM_ACTOR = "system"


def uuid7() -> str:
    """A time-ordered UUID version 7 (RFC 9562): 48-bit ms timestamp, then random bits."""
    ms = time.time_ns() // 1_000_000
    rand = int.from_bytes(os.urandom(10), "big")
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= ((rand >> 62) & 0xFFF) << 64
    value |= 0b10 << 62
    value |= rand & ((1 << 62) - 1)
    return str(uuid.UUID(int=value))


class Envelope(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    specversion: Literal["1.0"] = "1.0"
    id: str = Field(min_length=1, max_length=64)
    source: str = Field(min_length=1, max_length=200)
    type: str = Field(min_length=1, max_length=200, pattern=r"^planpulse\.[a-z_.]+\.v\d+$")
    subject: str = Field(min_length=1, max_length=200)
    time: datetime
    datacontenttype: Literal["application/json"] = "application/json"
    data: dict[str, Any]
    actor: str = Field(min_length=1, max_length=200)
    correlationid: str = Field(min_length=1, max_length=64)
    causationid: str = Field(min_length=1, max_length=64)

    def to_bytes(self) -> bytes:
        return self.model_dump_json().encode()

    @classmethod
    def from_bytes(cls, raw: bytes) -> "Envelope":
        return cls.model_validate_json(raw)


def new_envelope(
    *,
    source: str,
    type: str,
    subject: str,
    data: dict[str, Any],
    actor: str = SYSTEM_ACTOR,
    correlationid: str | None = None,
    causationid: str | None = None,
) -> Envelope:
    event_id = uuid7()
    return Envelope(
        id=event_id,
        source=source,
        type=type,
        subject=subject,
        time=datetime.now(UTC),
        data=data,
        actor=actor,
        correlationid=correlationid or event_id,
        causationid=causationid or correlationid or event_id,
    )
