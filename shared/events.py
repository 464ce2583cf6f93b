"""The v1 event catalogue: the data each event type carries.

Events are facts; an old event is never rewritten. A later version gets a new class
and an upcaster in `UPCASTERS`, applied when an old one is read.
"""

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, HttpUrl

from shared.envelope import Envelope, new_envelope

Id = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[a-z0-9][a-z0-9_-]*$")]
Name = Annotated[str, Field(min_length=1, max_length=500)]
Text = Annotated[str, Field(max_length=5000)]
Count = Annotated[int, Field(ge=0, le=1_000_000)]


class Event(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    TYPE: ClassVar[str]
    AGGREGATE: ClassVar[str]
    ID_FIELD: ClassVar[str]

    @property
    def aggregate_id(self) -> str:
        return str(getattr(self, self.ID_FIELD))


class Task(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: Id
    title: Text
    short_title: Name


class ReportingPeriod(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: Id
    name: Name
    kind: Annotated[str, Field(pattern=r"^(six_month|annual)$")]
    starts_on: date
    ends_on: date
    due_on: date


class LegalBasis(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    number: Name
    issued_on: date
    issuer: Name
    title: Text


class PlanPublished(Event):
    TYPE = "planpulse.plan.published.v1"
    AGGREGATE = "plan"
    ID_FIELD = "plan_id"

    plan_id: Id
    year: Annotated[int, Field(ge=2000, le=2100)]
    title: Text
    issuer: Name
    legal_basis: LegalBasis
    purposes: list[Text]
    tasks: list[Task]
    reporting_periods: list[ReportingPeriod]
    recipients: list[Name]
    signer_title: Name
    signer_name: Name


class UnitRegistered(Event):
    TYPE = "planpulse.unit.registered.v1"
    AGGREGATE = "unit"
    ID_FIELD = "unit_id"

    unit_id: Id
    name: Name
    short_name: Name
    is_office: bool = False


class OccasionScheduled(Event):
    TYPE = "planpulse.occasion.scheduled.v1"
    AGGREGATE = "occasion"
    ID_FIELD = "occasion_id"

    occasion_id: Id
    plan_id: Id
    name: Name
    kind: Annotated[str, Field(pattern=r"^(day|month)$")]
    starts_on: date
    ends_on: date
    task_ids: list[Id]


class Participants(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    men: Count = 0
    women: Count = 0
    total: Count = 0


class ActivityLogged(Event):
    TYPE = "planpulse.activity.logged.v1"
    AGGREGATE = "activity"
    ID_FIELD = "activity_id"

    activity_id: Id
    plan_id: Id
    unit_id: Id
    task_id: Id
    occasion_id: Id | None
    date: date
    title: Name
    form: Id
    audience: Text
    participants: Participants
    materials: Count
    evidence_url: HttpUrl | None
    note: Text


class ActivityCorrected(Event):
    """Only the fields that changed are present; the rest keep their value."""

    TYPE = "planpulse.activity.corrected.v1"
    AGGREGATE = "activity"
    ID_FIELD = "activity_id"

    activity_id: Id
    changes: dict[str, Any]
    reason: Text = ""


class ActivityWithdrawn(Event):
    TYPE = "planpulse.activity.withdrawn.v1"
    AGGREGATE = "activity"
    ID_FIELD = "activity_id"

    activity_id: Id
    reason: Text = ""


class ReportSubmitted(Event):
    """A unit's report for one period, sent to the Office (again, after a return)."""

    TYPE = "planpulse.report.submitted.v1"
    AGGREGATE = "report"
    ID_FIELD = "report_id"

    report_id: Id
    plan_id: Id
    period_id: Id
    unit_id: Id
    results: Text
    difficulties: Text
    proposals: Text
    submitted_on: date
    due_on: date
    late: bool
    revision: Annotated[int, Field(ge=1, le=1000)]


class ReportReturned(Event):
    TYPE = "planpulse.report.returned.v1"
    AGGREGATE = "report"
    ID_FIELD = "report_id"

    report_id: Id
    comment: Text


class ReportAccepted(Event):
    TYPE = "planpulse.report.accepted.v1"
    AGGREGATE = "report"
    ID_FIELD = "report_id"

    report_id: Id
    comment: Text = ""


class CompiledFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: Name
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    size: Annotated[int, Field(ge=0)]


class ConsolidatedReportCompiled(Event):
    """The Department's report for a period: what went in, and a hash of what came out."""

    TYPE = "planpulse.consolidated.compiled.v1"
    AGGREGATE = "consolidated"
    ID_FIELD = "period_id"

    period_id: Id
    plan_id: Id
    stream_sequence: Annotated[int, Field(ge=0)]
    report_ids: list[Id]
    files: list[CompiledFile]
    figures: dict[str, int]


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


CATALOGUE: dict[str, type[Event]] = {
    cls.TYPE: cls
    for cls in (
        PlanPublished,
        UnitRegistered,
        OccasionScheduled,
        ActivityLogged,
        ActivityCorrected,
        ActivityWithdrawn,
        ReportSubmitted,
        ReportReturned,
        ReportAccepted,
        ConsolidatedReportCompiled,
        OccasionApproaching,
        OccasionStarted,
        OccasionEnded,
        ReportDeadlineApproaching,
        ReportOverdue,
    )
}

# old type -> (new type, data converter); none yet, the place where they go.
UPCASTERS: dict[str, tuple[str, Callable[[dict[str, Any]], dict[str, Any]]]] = {}


class UnknownEventType(Exception):
    pass


def decode(envelope: Envelope) -> Event:
    """The typed event inside an envelope, upcast to the current version."""
    type_, data = envelope.type, envelope.data
    while type_ in UPCASTERS:
        type_, convert = UPCASTERS[type_][0], UPCASTERS[type_][1]
        data = convert(data)
    cls = CATALOGUE.get(type_)
    if cls is None:
        raise UnknownEventType(type_)
    return cls.model_validate(data)


def encode(
    event: Event,
    *,
    source: str,
    actor: str,
    correlationid: str | None = None,
    causationid: str | None = None,
) -> Envelope:
    return new_envelope(
        source=source,
        type=event.TYPE,
        subject=event.aggregate_id,
        data=event.model_dump(mode="json"),
        actor=actor,
        correlationid=correlationid,
        causationid=causationid,
    )
