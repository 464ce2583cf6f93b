"""One row per activity, kept current through corrections and withdrawals."""

from datetime import date
from typing import Any

from services.reporting import tables
from services.reporting.projections.statements import Change, Projection, set_columns
from shared.envelope import Envelope
from shared.events import ActivityCorrected, ActivityLogged, ActivityWithdrawn
from shared.events.activity import ActivitySetAside

INSERT = tables.activities.insert()


def _set(activity_id: str, row: dict[str, Any]) -> Change:
    return set_columns(tables.activities, "activity_id", activity_id, row, counter="version")


def _columns(changes: dict[str, Any]) -> dict[str, Any]:
    row = {key: value for key, value in changes.items() if key != "participants"}
    if "participants" in changes:
        row.update(changes["participants"])
    if "date" in row:
        row["date"] = date.fromisoformat(row["date"])
    return row


def logged(event: ActivityLogged, envelope: Envelope, sequence: int) -> list[Any]:
    row = event.model_dump(mode="python", exclude={"participants", "evidence_url"})
    row.update(event.participants.model_dump())
    row.update(
        evidence_url=str(event.evidence_url) if event.evidence_url else None,
        withdrawn=False,
        set_aside=None,
        version=1,
        logged_at=envelope.time,
        logged_by=envelope.actor,
        updated_at=envelope.time,
        sequence=sequence,
    )
    return [(INSERT, row)]


def corrected(event: ActivityCorrected, envelope: Envelope, sequence: int) -> list[Any]:
    row = _columns(event.changes)
    row.update(updated_at=envelope.time, sequence=sequence)
    # a correction answers a setting aside: the activity counts again (withdrawn ones stay out)
    row.update(set_aside=None, withdrawn=False)
    return [_set(event.activity_id, row)]


def withdrawn(event: ActivityWithdrawn, envelope: Envelope, sequence: int) -> list[Any]:
    row = {"withdrawn": True, "updated_at": envelope.time, "sequence": sequence}
    return [_set(event.activity_id, row)]


def set_aside(event: ActivitySetAside, envelope: Envelope, sequence: int) -> list[Any]:
    row = {"withdrawn": True, "set_aside": event.reason, "updated_at": envelope.time}
    return [_set(event.activity_id, {**row, "sequence": sequence})]


PROJECTION = Projection(
    "activities",
    {
        ActivityLogged: logged,
        ActivityCorrected: corrected,
        ActivityWithdrawn: withdrawn,
        ActivitySetAside: set_aside,
    },
)
