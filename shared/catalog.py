"""The plan's facts as every service reads them: plans, units, occasions. Built from events."""

from dataclasses import dataclass, field, replace

from shared.events import Event, OccasionScheduled, PlanPublished, UnitRegistered

FACT_TYPES = {PlanPublished.TYPE, UnitRegistered.TYPE, OccasionScheduled.TYPE}
OFFICE = "van-phong"  # used until the plan names its office unit
LEADERSHIP_NAME = "Lãnh đạo Sở"


@dataclass(frozen=True)
class Catalog:
    plans: dict[str, PlanPublished] = field(default_factory=dict)
    units: dict[str, UnitRegistered] = field(default_factory=dict)
    occasions: dict[str, OccasionScheduled] = field(default_factory=dict)

    def latest_plan(self) -> PlanPublished | None:
        return max(self.plans.values(), key=lambda plan: plan.year, default=None)

    def task_ids(self, plan_id: str) -> set[str]:
        return {task.id for task in self.plans[plan_id].tasks}

    def office_id(self) -> str:
        return next((u.unit_id for u in self.units.values() if u.is_office), OFFICE)

    def unit_name(self, unit_id: str) -> str:
        unit = self.units.get(unit_id)
        return unit.name if unit else unit_id

    def recipient_name(self, recipient: str) -> str:
        """A unit's name, or the leadership's."""
        return self.unit_name(recipient) if recipient in self.units else LEADERSHIP_NAME

    def task_title(self, plan_id: str, task_id: str) -> str:
        plan = self.plans.get(plan_id)
        titles = {t.id: t.short_title for t in plan.tasks} if plan else {}
        return f"Nhiệm vụ {task_id}. {titles[task_id]}" if task_id in titles else task_id

    def period_name(self, period_id: str) -> str:
        for plan in self.plans.values():
            for period in plan.reporting_periods:
                if period.id == period_id:
                    return period.name
        return period_id


def evolve(catalog: Catalog, event: Event) -> Catalog:
    if isinstance(event, PlanPublished):
        return replace(catalog, plans={**catalog.plans, event.plan_id: event})
    if isinstance(event, UnitRegistered):
        return replace(catalog, units={**catalog.units, event.unit_id: event})
    if isinstance(event, OccasionScheduled):
        return replace(catalog, occasions={**catalog.occasions, event.occasion_id: event})
    return catalog
