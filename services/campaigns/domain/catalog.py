"""What the plan allows: plans, their tasks and occasions, and the units. Built from events."""

from datetime import date

from shared.catalog import Catalog, evolve
from shared.events import PlanPublished

__all__ = ["Catalog", "evolve", "plan_window"]


def plan_window(catalog: Catalog, plan: PlanPublished) -> tuple[date, date]:
    """When the plan's activities happen: from the earliest cut-off start to the latest of the
    last cut-off and the last occasion (the action month runs to 15/12, past the 14/12 cut-off).
    """
    starts = [p.starts_on for p in plan.reporting_periods] or [date(plan.year, 1, 1)]
    ends = [p.ends_on for p in plan.reporting_periods] or [date(plan.year, 12, 31)]
    ends += [o.ends_on for o in catalog.occasions.values() if o.plan_id == plan.plan_id]
    return min(starts), max(ends)
