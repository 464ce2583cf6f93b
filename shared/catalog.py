"""The plan's facts as every service reads them: the plans in force, the units' roster with its
dates, the occasions. Built from events; drafts are not facts until they are published."""

from dataclasses import dataclass, field, replace
from datetime import date

from shared.events import (
    Event,
    OccasionScheduled,
    PlanAmended,
    PlanClosed,
    PlanFacts,
    PlanPublished,
    ReportingPeriod,
    UnitRegistered,
    UnitRenamed,
    UnitRetired,
    types_of,
)

FACT_TYPES = types_of(
    PlanPublished,
    PlanAmended,
    PlanClosed,
    UnitRegistered,
    UnitRenamed,
    UnitRetired,
    OccasionScheduled,
)
OFFICE = "van-phong"  # used until the plan names its office unit
LEADERSHIP_NAME = "Lãnh đạo Sở"


@dataclass(frozen=True)
class Unit:
    unit_id: str
    name: str
    short_name: str
    is_office: bool = False
    effective_from: date | None = None
    retired_on: date | None = None
    merged_into: str | None = None
    named_from: date | None = None  # when the current name took effect (none: always)
    # (from, name) of every earlier name, oldest first
    former: tuple[tuple[date | None, str], ...] = ()

    def name_on(self, day: date | None) -> str:
        """The name the unit had on that day (its current one when the day is not given)."""
        if day is None:
            return self.name
        names = [*self.former, (self.named_from, self.name)]
        earliest = names[0][1]
        return next((n for start, n in reversed(names) if start is None or start <= day), earliest)

    def expected_in(self, period: ReportingPeriod) -> bool:
        """A unit reports for a period when it exists on the period's last day."""
        started = self.effective_from is None or self.effective_from <= period.ends_on
        return started and (self.retired_on is None or self.retired_on > period.ends_on)


@dataclass(frozen=True)
class Catalog:
    plans: dict[str, PlanFacts] = field(default_factory=dict)
    closed: frozenset[str] = frozenset()
    units: dict[str, Unit] = field(default_factory=dict)
    occasions: dict[str, OccasionScheduled] = field(default_factory=dict)
    amended_on: dict[str, date] = field(default_factory=dict)  # plan id -> its last amendment

    def latest_plan(self) -> PlanFacts | None:
        return max(self.plans.values(), key=lambda plan: plan.year, default=None)

    def window(self, plan_id: str) -> tuple[date, date]:
        """The days whose activities belong to the plan: its reporting periods' cut-off windows
        (15/12 of the year before to 14/12 under Decree 09/2019), so every day belongs to the
        periods of exactly one plan year."""
        plan = self.plans[plan_id]
        periods = plan.reporting_periods
        if not periods:
            return date(plan.year - 1, 12, 15), date(plan.year, 12, 14)
        return min(p.starts_on for p in periods), max(p.ends_on for p in periods)

    def plan_on(self, day: date) -> PlanFacts | None:
        """The plan in force whose window holds the day."""
        in_force = [plan for plan in self.plans.values() if plan.plan_id not in self.closed]
        windows = {plan.plan_id: self.window(plan.plan_id) for plan in in_force}
        holding = [p for p in in_force if windows[p.plan_id][0] <= day <= windows[p.plan_id][1]]
        return max(holding, key=lambda plan: plan.year, default=None)

    def task_ids(self, plan_id: str) -> set[str]:
        return {task.id for task in self.plans[plan_id].tasks}

    def office_id(self) -> str:
        return next((u.unit_id for u in self.units.values() if u.is_office), OFFICE)

    def unit_name(self, unit_id: str, on: date | None = None) -> str:
        unit = self.units.get(unit_id)
        return unit.name_on(on) if unit else unit_id

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


def _in_force(catalog: Catalog, plan: PlanFacts) -> Catalog:
    occasions = catalog.occasions
    if plan.occasions is not None:  # the plan lists its occasions: they replace the old ones
        kept = {k: o for k, o in occasions.items() if o.plan_id != plan.plan_id}
        listed = {
            o.occasion_id: OccasionScheduled(plan_id=plan.plan_id, **o.model_dump())
            for o in plan.occasions
        }
        occasions = {**kept, **listed}
    plans = {**catalog.plans, plan.plan_id: plan}
    amended_on = catalog.amended_on
    if isinstance(plan, PlanAmended) and plan.effective_on is not None:
        amended_on = {**amended_on, plan.plan_id: plan.effective_on}
    return replace(catalog, plans=plans, occasions=occasions, amended_on=amended_on)


def _unit(catalog: Catalog, event: UnitRegistered | UnitRenamed | UnitRetired) -> Catalog:
    if isinstance(event, UnitRegistered):
        unit = Unit(
            event.unit_id, event.name, event.short_name, event.is_office, event.effective_from
        )
    elif event.unit_id not in catalog.units:
        return catalog
    elif isinstance(event, UnitRenamed):
        old = catalog.units[event.unit_id]
        unit = replace(
            old,
            name=event.name,
            short_name=event.short_name,
            named_from=event.effective_from,
            former=(*old.former, (old.named_from, old.name)),
        )
    else:
        unit = replace(
            catalog.units[event.unit_id],
            retired_on=event.effective_from,
            merged_into=event.merged_into,
        )
    return replace(catalog, units={**catalog.units, unit.unit_id: unit})


def evolve(catalog: Catalog, event: Event) -> Catalog:
    if isinstance(event, PlanPublished | PlanAmended):
        return _in_force(catalog, event)
    if isinstance(event, PlanClosed):
        return replace(catalog, closed=catalog.closed | {event.plan_id})
    if isinstance(event, UnitRegistered | UnitRenamed | UnitRetired):
        return _unit(catalog, event)
    if isinstance(event, OccasionScheduled):
        return replace(catalog, occasions={**catalog.occasions, event.occasion_id: event})
    return catalog
