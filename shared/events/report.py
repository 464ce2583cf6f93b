"""Unit reports and the Department's consolidated report."""

from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from shared.events.base import Event, Id, Name, Text


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


class ReportWithdrawn(Event):
    """The unit took its report back before the Office reviewed it."""

    TYPE = "planpulse.report.withdrawn.v1"
    AGGREGATE = "report"
    ID_FIELD = "report_id"

    report_id: Id
    reason: Text


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
