"""Unit reports as the Office reviews them, and each consolidated report compiled."""

from typing import Any

from services.reporting import tables
from services.reporting.projections.statements import Change, Projection, set_columns
from shared.envelope import Envelope
from shared.events.report import (
    ConsolidatedReportCompiled,
    ReportAccepted,
    ReportReturned,
    ReportSubmitted,
    ReportWithdrawn,
)

INSERT = tables.reports.insert()
INSERT_CONSOLIDATED = tables.consolidated_reports.insert()


def _set(report_id: str, row: dict[str, Any]) -> Change:
    return set_columns(tables.reports, "report_id", report_id, row)


def submitted(event: ReportSubmitted, envelope: Envelope, sequence: int) -> list[Any]:
    row = {
        "status": "submitted",
        "revision": event.revision,
        "submitted_on": event.submitted_on,
        "results": event.results,
        "difficulties": event.difficulties,
        "proposals": event.proposals,
        "submitted_by": envelope.actor,
        "sequence": sequence,
    }
    if event.revision > 1:  # a resubmission after a return: the first date stays
        return [_set(event.report_id, row)]
    first = {
        "report_id": event.report_id,
        "plan_id": event.plan_id,
        "period_id": event.period_id,
        "unit_id": event.unit_id,
        "first_submitted_on": event.submitted_on,
        "due_on": event.due_on,
        "late": event.late,
        "review_comment": "",
        "reviewed_by": None,
        "reviewed_at": None,
    }
    return [(INSERT, {**first, **row})]


def withdrawn(event: ReportWithdrawn, _envelope: Envelope, seq: int) -> list[Any]:
    return [_set(event.report_id, {"status": "withdrawn", "sequence": seq})]


def reviewed(event: ReportReturned | ReportAccepted, envelope: Envelope, seq: int) -> list[Any]:
    status = "returned" if isinstance(event, ReportReturned) else "accepted"
    row = {
        "status": status,
        "review_comment": event.comment,
        "reviewed_by": envelope.actor,
        "reviewed_at": envelope.time,
        "sequence": seq,
    }
    return [_set(event.report_id, row)]


def compiled(event: ConsolidatedReportCompiled, envelope: Envelope, sequence: int) -> list[Any]:
    row = {
        "sequence": sequence,
        "period_id": event.period_id,
        "plan_id": event.plan_id,
        "compiled_by": envelope.actor,
        "compiled_at": envelope.time,
        "stream_sequence": event.stream_sequence,
        "report_ids": event.report_ids,
        "files": [file.model_dump() for file in event.files],
        "figures": event.figures,
    }
    return [(INSERT_CONSOLIDATED, row)]


REPORTS = Projection(
    "reports",
    {
        ReportSubmitted: submitted,
        ReportWithdrawn: withdrawn,
        ReportReturned: reviewed,
        ReportAccepted: reviewed,
    },
)
CONSOLIDATED = Projection("consolidated_reports", {ConsolidatedReportCompiled: compiled})
