"""The plan as facts: the plan itself, the units, the occasions."""

from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from shared.events.base import Event, Id, Name, Text


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
