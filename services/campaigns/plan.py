"""The plan as data: read the plan file, publish it once, and read the catalog back."""

import logging
from functools import reduce
from pathlib import Path
from typing import Any

import yaml

from services.campaigns.domain.catalog import Catalog, evolve
from shared.events import Event, OccasionScheduled, PlanPublished, UnitRegistered, decode, encode
from shared.eventstore import ConcurrencyConflict, EventStore
from shared.subjects import EVENTS_ROOT, event_subject

log = logging.getLogger(__name__)
DEFAULT_PLAN_FILE = Path(__file__).parent / "plans" / "kh-2024.yaml"
SOURCE = "planpulse/campaigns"


def read_plan_file(path: Path | None = None) -> list[Event]:
    data: dict[str, Any] = yaml.safe_load((path or DEFAULT_PLAN_FILE).read_text("utf-8"))
    plan = PlanPublished.model_validate(data["plan"])
    units = [UnitRegistered.model_validate(unit) for unit in data["units"]]
    occasions = [
        OccasionScheduled.model_validate({**occasion, "plan_id": plan.plan_id})
        for occasion in data["occasions"]
    ]
    return [plan, *units, *occasions]


async def publish_once(store: EventStore, events: list[Event]) -> int:
    """Append each fact only if its subject is still empty; return how many were new."""
    added = 0
    for event in events:
        subject = event_subject(event.AGGREGATE, event.aggregate_id)
        try:
            await store.append(subject, [encode(event, source=SOURCE, actor="system")], 0)
        except ConcurrencyConflict:
            continue
        added += 1
    log.info("plan data: %d new events, %d already published", added, len(events) - added)
    return added


async def load_catalog(store: EventStore) -> Catalog:
    stored = []
    for aggregate in ("plan", "unit", "occasion"):
        stored += await store.load(f"{EVENTS_ROOT}.{aggregate}.*")
    stored.sort(key=lambda item: item.sequence)
    return reduce(evolve, (decode(item.envelope) for item in stored), Catalog())
