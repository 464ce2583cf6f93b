"""Who did what, when: read straight from the event stream, not from a read model."""

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from shared.actor import Actor
from shared.auth import forbidden
from shared.events import Id
from shared.eventstore import EventStore, StoredEvent
from shared.subjects import event_subject

READ_ALL = {"office", "admin", "leadership"}


class AuditQuery(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)
    kind: Literal["activity", "report", "consolidated", "unit", "occasion", "plan", "account"]
    id: Id


def _check_reader(actor: Actor, query: AuditQuery, stored: list[StoredEvent]) -> None:
    """The Office, administrators and leadership read every history; a unit officer reads the
    history of its own unit's activities and reports."""
    if actor.role in READ_ALL:
        return
    own = query.kind in {"activity", "report"} and all(
        item.envelope.data.get("unit_id", actor.unit_id) == actor.unit_id for item in stored
    )
    if actor.role != "unit_officer" or not own:
        raise forbidden("Bạn chỉ xem được lịch sử hoạt động, báo cáo của phòng, đơn vị mình.")


async def audit_trail(store: EventStore, query: AuditQuery, actor: Actor) -> dict[str, Any]:
    stored = await store.load(event_subject(query.kind, query.id))
    _check_reader(actor, query, stored)
    return {"kind": query.kind, "id": query.id, "events": [_entry(item) for item in stored]}


class LatestEventsQuery(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)
    limit: Annotated[int, Field(ge=1, le=50)] = 10


async def latest_events(
    store: EventStore, query: LatestEventsQuery, actor: Actor
) -> dict[str, Any]:
    """The newest events of the whole stream, newest first: the overview's feed."""
    return {"events": [_entry(item) for item in await store.latest(query.limit)]}


def _entry(item: StoredEvent) -> dict[str, Any]:
    return {
        "sequence": item.sequence,
        "type": item.envelope.type,
        "time": item.envelope.time.isoformat(),
        "actor": item.envelope.actor,
        "event_id": item.envelope.id,
        "data": item.envelope.data,
    }
