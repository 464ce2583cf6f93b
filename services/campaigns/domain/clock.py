"""Which of the plan's triggers are due on a given day. Pure: no I/O, no real time."""

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


def occasion_triggers(catalog: Catalog, rules: Rules) -> list[Due]:
    found = []
    for occasion in catalog.occasions.values():
        base = {"occasion_id": occasion.occasion_id, "plan_id": occasion.plan_id}
        for lead in rules.occasion_leads:
            found.append(
                Due(
                    f"{occasion.occasion_id}_approaching-{lead}",
                    occasion.starts_on - timedelta(days=lead),
                    OccasionApproaching,
                    {**base, "lead_days": lead, "starts_on": occasion.starts_on},
                )
            )
        found.append(
            Due(f"{occasion.occasion_id}_started", occasion.starts_on, OccasionStarted, base)
        )
        found.append(Due(f"{occasion.occasion_id}_ended", occasion.ends_on, OccasionEnded, base))
    return found


def report_triggers(catalog: Catalog, rules: Rules) -> list[Due]:
    found = []
    units = [unit for unit in catalog.units.values() if not unit.is_office]
    periods = [period for plan in catalog.plans.values() for period in plan.reporting_periods]
    for period in periods:
        for unit in units:
            rid = report_id(period.id, unit.unit_id)
            base = {
                "report_id": rid,
                "period_id": period.id,
                "unit_id": unit.unit_id,
                "deadline": period.due_on,
            }
            for lead in rules.deadline_leads:
                found.append(
                    Due(
                        f"{rid}_deadline-{lead}",
                        period.due_on - timedelta(days=lead),
                        ReportDeadlineApproaching,
                        {**base, "lead_days": lead},
                        rid,
                    )
                )
            for n, after in enumerate(range(1, rules.overdue_for + 1, rules.overdue_every)):
                found.append(
                    Due(
                        f"{rid}_overdue-{n + 1}",
                        period.due_on + timedelta(days=after),
                        ReportOverdue,
                        {**base, "reminder": n + 1},
                        rid,
                    )
                )
    return found


def due_triggers(catalog: Catalog, rules: Rules, today: date) -> list[Due]:
    """Every trigger whose day has come and is still within the horizon, oldest first."""
    everything = occasion_triggers(catalog, rules) + report_triggers(catalog, rules)
    fresh = [due for due in everything if 0 <= (today - due.on).days <= rules.horizon]
    return sorted(fresh, key=lambda due: (due.on, due.trigger_id))
