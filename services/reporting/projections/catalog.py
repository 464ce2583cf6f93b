"""Plans, tasks, units and occasions as the dashboard and reports name them."""

from typing import Any

from sqlalchemy import Executable, Table, bindparam

from services.reporting import tables
from services.reporting.projections.statements import Change, Projection, set_columns
from shared.envelope import Envelope
from shared.events import (
    OccasionScheduled,
    PlanAmended,
    PlanClosed,
    PlanFacts,
    PlanPublished,
    UnitRegistered,
    UnitRenamed,
    UnitRetired,
)

INSERT_PLAN = tables.plans.insert()
INSERT_TASK = tables.tasks.insert()
INSERT_PERIOD = tables.periods.insert()
INSERT_UNIT = tables.units.insert()
INSERT_OCCASION = tables.occasions.insert()


def _delete(table: Table, column: str) -> Executable:
    return table.delete().where(table.c[column] == bindparam("key"))


DELETE_PLAN = _delete(tables.plans, "plan_id")
DELETE_TASKS = _delete(tables.tasks, "plan_id")
DELETE_PERIODS = _delete(tables.periods, "plan_id")
DELETE_OCCASIONS = _delete(tables.occasions, "plan_id")


def plan_in_force(event: PlanFacts, _envelope: Envelope, _sequence: int) -> list[Any]:
    """A plan published or amended: its rows replaced by what it now says."""
    key = {"key": event.plan_id}
    plan = {
        "plan_id": event.plan_id,
        "year": event.year,
        "title": event.title,
        "document": event.model_dump(mode="json"),
        "status": "published",
    }
    task_rows = [
        (
            INSERT_TASK,
            {
                "plan_id": event.plan_id,
                "task_id": task.id,
                "short_title": task.short_title,
                "title": task.title,
            },
        )
        for task in event.tasks
    ]
    period_rows = [
        (
            INSERT_PERIOD,
            {
                "period_id": p.id,
                "plan_id": event.plan_id,
                "name": p.name,
                "kind": p.kind,
                "starts_on": p.starts_on,
                "ends_on": p.ends_on,
                "due_on": p.due_on,
            },
        )
        for p in event.reporting_periods
    ]
    changes: list[Change] = [(DELETE_PLAN, key), (DELETE_TASKS, key), (DELETE_PERIODS, key)]
    changes += [(INSERT_PLAN, plan), *task_rows, *period_rows]
    if event.occasions is not None:  # else scheduled by separate events (plans before v2)
        changes.append((DELETE_OCCASIONS, key))
        changes += [
            (INSERT_OCCASION, {**o.model_dump(mode="python"), "plan_id": event.plan_id})
            for o in event.occasions
        ]
    return changes


def plan_closed(event: PlanClosed, _envelope: Envelope, _sequence: int) -> list[Any]:
    return [set_columns(tables.plans, "plan_id", event.plan_id, {"status": "closed"})]


def unit_registered(event: UnitRegistered, _envelope: Envelope, sequence: int) -> list[Any]:
    row = {
        "unit_id": event.unit_id,
        "name": event.name,
        "short_name": event.short_name,
        "is_office": event.is_office,
        "registered_seq": sequence,
        "effective_from": event.effective_from,
        "retired_on": None,
        "merged_into": None,
    }
    return [(INSERT_UNIT, row)]


def unit_renamed(event: UnitRenamed, _envelope: Envelope, _sequence: int) -> list[Any]:
    row = {"name": event.name, "short_name": event.short_name}
    return [set_columns(tables.units, "unit_id", event.unit_id, row)]


def unit_retired(event: UnitRetired, _envelope: Envelope, _sequence: int) -> list[Any]:
    row = {"retired_on": event.effective_from, "merged_into": event.merged_into}
    return [set_columns(tables.units, "unit_id", event.unit_id, row)]


def occasion_scheduled(event: OccasionScheduled, _envelope: Envelope, _seq: int) -> list[Any]:
    return [(INSERT_OCCASION, event.model_dump(mode="python"))]


PROJECTION = Projection(
    "catalog",
    {
        PlanPublished: plan_in_force,
        PlanAmended: plan_in_force,
        PlanClosed: plan_closed,
        UnitRegistered: unit_registered,
        UnitRenamed: unit_renamed,
        UnitRetired: unit_retired,
        OccasionScheduled: occasion_scheduled,
    },
)
