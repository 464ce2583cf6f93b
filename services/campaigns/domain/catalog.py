"""What the plan allows: plans, their tasks and occasions, and the units. Built from events."""

from dataclasses import dataclass, field, replace
from datetime import date

from shared.events import Event, OccasionScheduled, PlanPublished, UnitRegistered


@dataclass(frozen=True)
class Catalog:
    plans: dict[str, PlanPublished] = field(default_factory=dict)
    units: dict[str, UnitRegistered] = field(default_factory=dict)
    occasions: dict[str, OccasionScheduled] = field(default_factory=dict)

    def latest_plan(self) -> PlanPublished | None:
        return max(self.plans.values(), key=lambda plan: plan.year, default=None)

    def task_ids(self, plan_id: str) -> set[str]:
        return {task.id for task in self.plans[plan_id].tasks}


def plan_window(catalog: Catalog, plan: PlanPublished) -> tuple[date, date]:
    """When the plan's activities happen: from the earliest cut-off start to the latest of the
    last cut-off and the last occasion (the action month runs to 15/12, past the 14/12 cut-off).
    """
    starts = [p.starts_on for p in plan.reporting_periods] or [date(plan.year, 1, 1)]
    ends = [p.ends_on for p in plan.reporting_periods] or [date(plan.year, 12, 31)]
    ends += [o.ends_on for o in catalog.occasions.values() if o.plan_id == plan.plan_id]
    return min(starts), max(ends)


def evolve(catalog: Catalog, event: Event) -> Catalog:
    if isinstance(event, PlanPublished):
        return replace(catalog, plans={**catalog.plans, event.plan_id: event})
    if isinstance(event, UnitRegistered):
        return replace(catalog, units={**catalog.units, event.unit_id: event})
    if isinstance(event, OccasionScheduled):
        return replace(catalog, occasions={**catalog.occasions, event.occasion_id: event})
    return catalog
