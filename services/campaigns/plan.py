"""The plan as data: read the plan file, publish it once, and read the catalog back."""

import logging
from pathlib import Path
from typing import Any

import yaml

from services.campaigns.domain.catalog import Catalog, evolve
from services.campaigns.repository import Repository
from shared.events import Event, OccasionScheduled, PlanPublished, UnitRegistered
from shared.subjects import EVENTS_ROOT

log = logging.getLogger(__name__)
DEFAULT_PLAN_FILE = Path(__file__).parent / "plans" / "kh-2024.yaml"


def read_plan_file(path: Path | None = None) -> list[Event]:
    data: dict[str, Any] = yaml.safe_load((path or DEFAULT_PLAN_FILE).read_text("utf-8"))
    plan = PlanPublished.model_validate(data["plan"])
    units = [UnitRegistered.model_validate(unit) for unit in data["units"]]
    occasions = [
        OccasionScheduled.model_validate({**occasion, "plan_id": plan.plan_id})
        for occasion in data["occasions"]
    ]
    return [plan, *units, *occasions]


async def publish_once(repository: Repository, events: list[Event]) -> int:
    """Append each fact only if its subject is still empty; return how many were new."""
    added = 0
    for event in events:
        added += await repository.record_once(event)
    log.info("plan data: %d new events, %d already published", added, len(events) - added)
    return added


async def load_catalog(repository: Repository) -> Catalog:
    subjects = [f"{EVENTS_ROOT}.{aggregate}.*" for aggregate in ("plan", "unit", "occasion")]
    return await repository.fold(subjects, evolve, Catalog())
