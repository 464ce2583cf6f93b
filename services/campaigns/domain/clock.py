"""Which of the plan's triggers are due on a given day. Pure: no I/O, no real time."""

import hashlib
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from services.campaigns.domain.catalog import Catalog
from services.campaigns.domain.commands import report_id
from shared.events import (
    OccasionApproaching,
    OccasionEnded,
    OccasionStarted,
    ReportDeadlineApproaching,
    ReportOverdue,
    Trigger,
)


@dataclass(frozen=True)
class Rules:
    occasion_leads: tuple[int, ...] = (14, 7, 1)
    deadline_leads: tuple[int, ...] = (7, 3, 1)
    overdue_every: int = 7
    overdue_for: int = 90  # days after the deadline during which a missing report is escalated
    horizon: int = 7  # days after which a missed trigger is no longer worth sending


@dataclass(frozen=True)
class Due:
    trigger_id: str
    on: date
    kind: type[Trigger]
    data: dict[str, Any] = field(hash=False)
    report_id: str | None = None  # report triggers are skipped once the unit has submitted

    def event(self, today: date) -> Trigger:
        return self.kind.model_validate(
            {"trigger_id": self.trigger_id, "due_on": self.on, "late": today > self.on, **self.data}
        )


def trigger_id(about: str, day: date, what: str) -> str:
    """A trigger's id names its occasion or report, the date it is about and what it says: an
    amendment that moves the date makes new triggers, and the old ones are no longer due."""
    tail = f"_{day:%Y%m%d}_{what}"
    if len(about) + len(tail) > 64:  # ids are at most 64 characters
        digest = hashlib.sha1(about.encode()).hexdigest()[:8]
        about = f"{about[: 64 - len(tail) - 9]}-{digest}"
    return about + tail


def occasion_triggers(catalog: Catalog, rules: Rules) -> list[Due]:
    found = []
    for occasion in catalog.occasions.values():
        if occasion.plan_id in catalog.closed or occasion.plan_id not in catalog.plans:
            continue
        oid, start, end = occasion.occasion_id, occasion.starts_on, occasion.ends_on
        base = {"occasion_id": oid, "plan_id": occasion.plan_id}
        mine = [
            Due(
                trigger_id(oid, start, f"approaching-{lead}"),
                start - timedelta(days=lead),
                OccasionApproaching,
                {**base, "lead_days": lead, "starts_on": start},
            )
            for lead in rules.occasion_leads
        ]
        mine.append(Due(trigger_id(oid, start, "started"), start, OccasionStarted, base))
        mine.append(Due(trigger_id(oid, end, "ended"), end, OccasionEnded, base))
        since = catalog.amended_on.get(occasion.plan_id, date.min)
        found += [due for due in mine if due.on >= since]
    return found


def report_triggers(catalog: Catalog, rules: Rules) -> list[Due]:
    found = []
    units = [unit for unit in catalog.units.values() if not unit.is_office]
    periods = [
        (period, catalog.amended_on.get(plan.plan_id, date.min))
        for plan in catalog.plans.values()
        if plan.plan_id not in catalog.closed
        for period in plan.reporting_periods
    ]
    for period, since in periods:
        due = period.due_on
        for unit in (unit for unit in units if unit.expected_in(period)):
            rid = report_id(period.id, unit.unit_id)
            base: dict[str, Any] = {"report_id": rid, "period_id": period.id}
            base.update(unit_id=unit.unit_id, deadline=due)
            mine = [
                Due(
                    trigger_id(rid, due, f"deadline-{lead}"),
                    due - timedelta(days=lead),
                    ReportDeadlineApproaching,
                    {**base, "lead_days": lead},
                    rid,
                )
                for lead in rules.deadline_leads
            ]
            mine += [
                Due(
                    trigger_id(rid, due, f"overdue-{n + 1}"),
                    due + timedelta(days=after),
                    ReportOverdue,
                    {**base, "reminder": n + 1},
                    rid,
                )
                for n, after in enumerate(range(1, rules.overdue_for + 1, rules.overdue_every))
            ]
            found += [d for d in mine if d.on >= since]
    return found


def due_triggers(catalog: Catalog, rules: Rules, today: date) -> list[Due]:
    """Every trigger whose day has come and is still within the horizon, oldest first."""
    everything = occasion_triggers(catalog, rules) + report_triggers(catalog, rules)
    fresh = [due for due in everything if 0 <= (today - due.on).days <= rules.horizon]
    return sorted(fresh, key=lambda due: (due.on, due.trigger_id))
