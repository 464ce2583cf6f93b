"""Who did what, when: read straight from the event stream, not from a read model."""

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from shared.events import Id
from shared.eventstore import EventStore
from shared.subjects import event_subject


class AuditQuery(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)
    kind: Literal["activity", "report", "consolidated", "unit", "occasion", "plan"]
    id: Id


async def audit_trail(store: EventStore, query: AuditQuery) -> dict[str, Any]:
    stored = await store.load(event_subject(query.kind, query.id))
    return {
        "kind": query.kind,
        "id": query.id,
        "events": [
            {
                "sequence": item.sequence,
                "type": item.envelope.type,
                "time": item.envelope.time.isoformat(),
                "actor": item.envelope.actor,
                "event_id": item.envelope.id,
                "data": item.envelope.data,
            }
            for item in stored
        ],
    }
