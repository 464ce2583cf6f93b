"""The plan as facts: the plan itself, the units, the occasions."""

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from shared.events.base import Event, Id, Name, Text

Per = Literal["year", "six_month", "quarter", "month"]
PER_VI = {"year": "năm", "six_month": "6 tháng", "quarter": "quý", "month": "tháng"}


class Target(BaseModel):
    """What a task must reach: at least `count` of `what` in each `per` (e.g. 2 news articles a
    quarter). `form` names the activity form that counts towards it; none: any activity."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    count: Annotated[int, Field(ge=1, le=1_000_000)]
    what: Name
    per: Per = "year"
    form: Id | None = None


class Task(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: Id
    title: Text
    short_title: Name
    timing: Annotated[str, Field(max_length=200)] = ""  # "cả năm", "hằng quý", "Quý III"
    targets: list[Target] = []


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


class PlanOccasion(BaseModel):
    """A commemorative day or an action month, as the plan lists it."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    occasion_id: Id
    name: Name
    kind: Annotated[str, Field(pattern=r"^(day|month)$")]
    starts_on: date
    ends_on: date
    task_ids: list[Id]


class PlanContent(BaseModel):
    """Everything a plan document states, as the Office edits it."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    title: Text
    issuer: Name = "Sở Tư pháp"
    number: Annotated[str, Field(max_length=100)] = ""  # "112/KH-STP"
    issued_on: date | None = None
    legal_basis: LegalBasis | None = None
    basis: list[Text] = []  # the documents it implements, as the plan words them
    purposes: list[Text] = []
    tasks: list[Task] = []
    reporting_periods: list[ReportingPeriod] = []
    # None: scheduled as separate OccasionScheduled events (plans published before v2)
    occasions: list[PlanOccasion] | None = None
    recipients: list[Name] = []
    signer_title: Annotated[str, Field(max_length=500)] = ""
    signer_name: Annotated[str, Field(max_length=500)] = ""
    drafter: Annotated[str, Field(max_length=50)] = ""  # initials in "Lưu: VT, VP(...)"
    province: Annotated[str, Field(max_length=200)] = ""  # the Department's identity
    place: Annotated[str, Field(max_length=200)] = ""  # where documents are signed


class PlanFacts(Event, PlanContent):
    """A plan's whole content at one step of its life, on the plan's own subject."""

    AGGREGATE = "plan"
    ID_FIELD = "plan_id"

    plan_id: Id
    year: Annotated[int, Field(ge=2000, le=2100)]

    def content(self) -> PlanContent:
        return PlanContent.model_validate(self.model_dump(include=set(PlanContent.model_fields)))


class PlanDrafted(PlanFacts):
    """A new plan, blank or cloned from an earlier one, for the Office to complete."""

    TYPE = "planpulse.plan.drafted.v1"
    cloned_from: Id | None = None


class PlanDraftChanged(PlanFacts):
    TYPE = "planpulse.plan.draft_changed.v1"
    note: Text = ""


class PlanPublished(PlanFacts):
    """The plan in force: units log against it, the clock reminds from it."""

    TYPE = "planpulse.plan.published.v2"


class PlanAmended(PlanFacts):
    """The published plan's new content, and why."""

    TYPE = "planpulse.plan.amended.v1"
    reason: Text
    # the Department's date it was amended: what fell due before it is not caught up, so a
    # moved date's earlier reminders are not sent late on top of those already sent
    effective_on: date | None = None


class PlanClosed(Event):
    TYPE = "planpulse.plan.closed.v1"
    AGGREGATE = "plan"
    ID_FIELD = "plan_id"

    plan_id: Id
    reason: Text = ""


class UnitRegistered(Event):
    TYPE = "planpulse.unit.registered.v1"
    AGGREGATE = "unit"
    ID_FIELD = "unit_id"

    unit_id: Id
    name: Name
    short_name: Name
    is_office: bool = False
    effective_from: date | None = None  # none: since before any plan


class UnitRenamed(Event):
    """From this day the unit has another name; what it did before keeps the old one."""

    TYPE = "planpulse.unit.renamed.v1"
    AGGREGATE = "unit"
    ID_FIELD = "unit_id"

    unit_id: Id
    name: Name
    short_name: Name
    effective_from: date
    reason: Text = ""


class UnitRetired(Event):
    """The unit is dissolved, or merged into another, from this day: no report is expected of
    it in a period that ends after that day."""

    TYPE = "planpulse.unit.retired.v1"
    AGGREGATE = "unit"
    ID_FIELD = "unit_id"

    unit_id: Id
    effective_from: date
    merged_into: Id | None = None
    reason: Text = ""


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
