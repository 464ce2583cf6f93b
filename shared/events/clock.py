"""What the plan's clock notices: occasions approaching, starting, ending; report deadlines."""

from datetime import date
from typing import Annotated

from pydantic import Field

from shared.events.base import Event, Id


class Trigger(Event):
    """Something the plan's clock noticed; one subject per trigger, so it is recorded once."""

    AGGREGATE = "trigger"
    ID_FIELD = "trigger_id"

    trigger_id: Id
    due_on: date
    late: bool  # recorded after its day (the service was down or behind)


class OccasionApproaching(Trigger):
    TYPE = "planpulse.occasion.approaching.v1"
    occasion_id: Id
    plan_id: Id
    lead_days: Annotated[int, Field(ge=1, le=366)]
    starts_on: date


class OccasionStarted(Trigger):
    TYPE = "planpulse.occasion.started.v1"
    occasion_id: Id
    plan_id: Id


class OccasionEnded(Trigger):
    TYPE = "planpulse.occasion.ended.v1"
    occasion_id: Id
    plan_id: Id


class ReportDeadlineApproaching(Trigger):
    TYPE = "planpulse.report.deadline_approaching.v1"
    report_id: Id
    period_id: Id
    unit_id: Id
    lead_days: Annotated[int, Field(ge=1, le=366)]
    deadline: date


class ReportOverdue(Trigger):
    TYPE = "planpulse.report.overdue.v1"
    report_id: Id
    period_id: Id
    unit_id: Id
    deadline: date
    reminder: Annotated[
        int, Field(ge=1, le=1000)
    ]  # 1 the day after the deadline, then every N days
