"""Where the plan stands today: occasions under way, the next one, the next report deadline."""

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Engine, select

from services.reporting import tables
from shared.clock import Clock


class CalendarQuery(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


def _days(day: date, today: date) -> int:
    return (day - today).days


def calendar(engine: Engine, _query: CalendarQuery, clock: Clock) -> dict[str, Any]:
    today = clock.today()
    with engine.connect() as conn:
        occasions = [
            dict(r._mapping)
            for r in conn.execute(select(tables.occasions).order_by(tables.occasions.c.starts_on))
        ]
        periods = [
            dict(r._mapping)
            for r in conn.execute(select(tables.periods).order_by(tables.periods.c.due_on))
        ]
    under_way = [o for o in occasions if o["starts_on"] <= today <= o["ends_on"]]
    coming = [o for o in occasions if o["starts_on"] > today]
    due = [p for p in periods if p["due_on"] >= today]
    current = due[0] if due else (periods[-1] if periods else None)

    def occasion(row: dict[str, Any]) -> dict[str, Any]:
        return {
            "occasion_id": row["occasion_id"],
            "name": row["name"],
            "starts_on": row["starts_on"].isoformat(),
            "ends_on": row["ends_on"].isoformat(),
            "days": _days(row["starts_on"], today),
        }

    return {
        "today": today.isoformat(),
        "under_way": [occasion(row) for row in under_way],
        "next_occasion": occasion(coming[0]) if coming else None,
        "next_deadline": {
            "period_id": due[0]["period_id"],
            "name": due[0]["name"],
            "due_on": due[0]["due_on"].isoformat(),
            "days": _days(due[0]["due_on"], today),
        }
        if due
        else None,
        "current_period_id": current["period_id"] if current else None,
    }
