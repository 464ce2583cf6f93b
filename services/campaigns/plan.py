"""The packaged plan file: read it, record it once, and record what changed in it later as an
amendment (the plan) or a rename (a unit), with a log line; never ignore a change silently.
Plans after the first are the Office's: made, edited and published through commands."""

import logging
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from services.campaigns.domain import planning, roster
from services.campaigns.domain.catalog import Catalog, evolve
from services.campaigns.repository import Repository
from shared.events import Event, PlanAmended, PlanPublished, UnitRegistered, UnitRenamed
from shared.subjects import EVENTS_ROOT

log = logging.getLogger(__name__)
DEFAULT_PLAN_FILE = Path(__file__).parent / "plans" / "kh-2024.yaml"
FILE_CHANGED = "Tệp kế hoạch đóng gói ({file}) đã thay đổi so với kế hoạch đã ghi nhận."


def read_plan_file(path: Path | None = None) -> list[Event]:
    """The plan (its occasions inside) and the units, as the file states them."""
    data: dict[str, Any] = yaml.safe_load((path or DEFAULT_PLAN_FILE).read_text("utf-8"))
    plan = PlanPublished.model_validate({**data["plan"], "occasions": data["occasions"]})
    units = [UnitRegistered.model_validate(unit) for unit in data["units"]]
    return [plan, *units]


async def publish_once(repository: Repository, events: list[Event]) -> int:
    """Record each fact whose subject is still empty; return how many were new."""
    added = 0
    for event in events:
        added += await repository.record_once(event)
    return added


async def publish_plan_file(
    repository: Repository, events: list[Event], today: date, path: Path | None = None
) -> int:
    """Record the file's facts; a later change of the file becomes an amendment of the plan or
    a rename of a unit (from today), said in the log. Returns how many events were recorded."""
    recorded = 0
    name = str(path or DEFAULT_PLAN_FILE)
    for event in events:
        if await repository.record_once(event):
            recorded += 1
        elif isinstance(event, PlanPublished):
            recorded += await _amend_if_changed(repository, event, today, name)
        elif isinstance(event, UnitRegistered):
            recorded += await _rename_if_changed(repository, event, today, name)
    log.info("plan file %s: %d new events", name, recorded)
    return recorded


async def _amend_if_changed(
    repository: Repository, plan: PlanPublished, today: date, name: str
) -> int:
    loaded = await repository.load(planning.DECIDER, plan.plan_id)
    if loaded.state.content == plan.content():
        return 0
    if loaded.state.status != "published":
        log.warning(
            "plan file %s changed, but plan %s is %s: not applied (edit it in the dashboard)",
            name,
            plan.plan_id,
            loaded.state.status,
        )
        return 0
    amended = PlanAmended(
        plan_id=plan.plan_id,
        year=plan.year,
        reason=FILE_CHANGED.format(file=Path(name).name),
        effective_on=today,
        **plan.content().model_dump(),
    )
    await repository.save("plan", plan.plan_id, [amended], loaded.sequence, "system")
    log.warning("plan file %s changed: recorded as an amendment of plan %s", name, plan.plan_id)
    return 1


async def _rename_if_changed(
    repository: Repository, unit: UnitRegistered, today: date, name: str
) -> int:
    loaded = await repository.load(roster.DECIDER, unit.unit_id)  # its own subject alone
    if (loaded.state.name, loaded.state.short_name) == (unit.name, unit.short_name):
        return 0
    renamed = UnitRenamed(
        unit_id=unit.unit_id,
        name=unit.name,
        short_name=unit.short_name,
        effective_from=today,
        reason=FILE_CHANGED.format(file=Path(name).name),
    )
    await repository.save("unit", unit.unit_id, [renamed], loaded.sequence, "system")
    log.warning("plan file %s changed: unit %s renamed from today", name, unit.unit_id)
    return 1


FACT_SUBJECTS = [f"{EVENTS_ROOT}.{aggregate}.*" for aggregate in ("plan", "unit", "occasion")]


async def load_catalog(repository: Repository) -> Catalog:
    return await repository.fold(FACT_SUBJECTS, evolve, Catalog())
