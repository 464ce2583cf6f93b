"""What the plan's clock notices: occasions approaching, starting, ending; report deadlines."""

from datetime import date
from typing import Annotated

from pydantic import Field

from shared.events.base import Event, Id

Lead = Annotated[int, Field(ge=1, le=366)]


class Trigger(Event):
    """Something the plan's clock noticed; one subject per trigger, so it is recorded once."""

    AGGREGATE = "trigger"
    ID_FIELD = "trigger_id"

    trigger_id: Id
    due_on: date
    late: bool  # recorded after its day (the service was down or behind)


class OccasionTrigger(Trigger):
    occasion_id: Id
    plan_id: Id


class OccasionApproaching(OccasionTrigger):
    TYPE = "planpulse.occasion.approaching.v1"
    lead_days: Lead
    starts_on: date


class OccasionStarted(OccasionTrigger):
    TYPE = "planpulse.occasion.started.v1"


class OccasionEnded(OccasionTrigger):
    TYPE = "planpulse.occasion.ended.v1"


class ReportTrigger(Trigger):
    report_id: Id
    period_id: Id
    unit_id: Id
    deadline: date


class ReportDeadlineApproaching(ReportTrigger):
    TYPE = "planpulse.report.deadline_approaching.v1"
    lead_days: Lead


class ReportOverdue(ReportTrigger):
    """Recorded the day after the deadline (reminder 1), then every N days while missing."""

    TYPE = "planpulse.report.overdue.v1"
    reminder: Annotated[int, Field(ge=1, le=1000)]
