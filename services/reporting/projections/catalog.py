"""Plans, tasks, units and occasions as the dashboard and reports name them."""

from typing import Any

from services.reporting import tables
from services.reporting.projections.statements import Projection
from shared.envelope import Envelope
from shared.events import OccasionScheduled, PlanPublished, UnitRegistered

INSERT_PLAN = tables.plans.insert()
INSERT_TASK = tables.tasks.insert()
INSERT_PERIOD = tables.periods.insert()
INSERT_UNIT = tables.units.insert()
INSERT_OCCASION = tables.occasions.insert()


def plan_published(event: PlanPublished, _envelope: Envelope, _sequence: int) -> list[Any]:
    document = event.model_dump(mode="json")
    plan = {
        "plan_id": event.plan_id,
        "year": event.year,
        "title": event.title,
        "document": document,
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
    return [(INSERT_PLAN, plan), *task_rows, *period_rows]


def unit_registered(event: UnitRegistered, _envelope: Envelope, sequence: int) -> list[Any]:
    row = {
        "unit_id": event.unit_id,
        "name": event.name,
        "short_name": event.short_name,
        "is_office": event.is_office,
        "registered_seq": sequence,
    }
    return [(INSERT_UNIT, row)]


def occasion_scheduled(event: OccasionScheduled, _envelope: Envelope, _seq: int) -> list[Any]:
    return [(INSERT_OCCASION, event.model_dump(mode="python"))]


PROJECTION = Projection(
    "catalog",
    {
        PlanPublished: plan_published,
        UnitRegistered: unit_registered,
        OccasionScheduled: occasion_scheduled,
    },
)
