"""A unit's report for one period: submitted, returned with a comment, accepted and locked."""

from dataclasses import dataclass, replace

from services.campaigns.domain import errors
from services.campaigns.domain.commands import (
    AcceptReport,
    ReturnReport,
    SubmitReport,
    WithdrawReport,
)
from services.campaigns.domain.context import Context
from services.campaigns.domain.decider import Decider
from shared.events import Event
from shared.events.report import (
    ReportAccepted,
    ReportReturned,
    ReportSubmitted,
    ReportWithdrawn,
)

ReportCommand = SubmitReport | WithdrawReport | ReturnReport | AcceptReport


@dataclass(frozen=True)
class Report:
    version: int = 0
    status: str = "none"  # none | submitted | withdrawn | returned | accepted
    unit_id: str = ""
    revision: int = 0


INITIAL = Report()


def evolve(state: Report, event: Event) -> Report:
    version = state.version + 1
    if isinstance(event, ReportSubmitted):
        return Report(version, "submitted", event.unit_id, event.revision)
    if isinstance(event, ReportWithdrawn):
        return replace(state, version=version, status="withdrawn")
    if isinstance(event, ReportReturned):
        return replace(state, version=version, status="returned")
    if isinstance(event, ReportAccepted):
        return replace(state, version=version, status="accepted")
    return state


def _check_version(state: Report, expected: int | None) -> None:
    if expected is not None and expected != state.version:
        raise errors.stale_version(expected, state.version)


def _submit(command: SubmitReport, state: Report, ctx: Context) -> list[Event]:
    # who may act comes first: a stranger learns nothing of the report's state or version
    if ctx.actor.role != "unit_officer" or ctx.actor.unit_id != command.unit_id:
        raise errors.forbidden("Chỉ cán bộ của chính phòng, đơn vị mới được gửi báo cáo của mình.")
    found = [
        (plan, period)
        for plan in ctx.catalog.plans.values()
        for period in plan.reporting_periods
        if period.id == command.period_id
    ]
    if not found:
        raise errors.unknown_period(command.period_id)
    plan, period = found[0]
    unit = ctx.catalog.units.get(command.unit_id)
    if unit is None:
        raise errors.unknown_reference("unit_id", command.unit_id)
    if unit.is_office:
        raise errors.not_reporting_unit(command.unit_id)
    if state.status == "accepted":
        raise errors.report_locked()
    if state.status == "submitted":
        raise errors.report_awaiting_review()
    _check_version(state, command.expected_version)
    if ctx.today < period.starts_on:
        raise errors.period_not_started(period.starts_on.strftime("%d/%m/%Y"))
    return [
        ReportSubmitted(
            report_id=command.report_id,
            plan_id=plan.plan_id,
            period_id=period.id,
            unit_id=unit.unit_id,
            results=command.results,
            difficulties=command.difficulties,
            proposals=command.proposals,
            submitted_on=ctx.today,
            due_on=period.due_on,
            late=ctx.today > period.due_on,
            revision=state.revision + 1,
        )
    ]


def _withdraw(command: WithdrawReport, state: Report, ctx: Context) -> list[Event]:
    if state.status == "none" or ctx.actor.unit_id != state.unit_id:
        raise errors.report_not_found(command.report_id)  # another unit's: nothing to learn
    if state.status == "accepted":
        raise errors.report_locked()
    if state.status != "submitted":
        raise errors.report_not_submitted()
    _check_version(state, command.expected_version)
    return [ReportWithdrawn(report_id=command.report_id, reason=command.reason)]


def _review(command: ReturnReport | AcceptReport, state: Report, ctx: Context) -> list[Event]:
    if state.status == "none":
        raise errors.report_not_found(command.report_id)
    if state.status == "accepted":
        raise errors.report_locked()
    if state.status != "submitted":
        raise errors.report_not_submitted()
    _check_version(state, command.expected_version)
    if isinstance(command, ReturnReport):
        return [ReportReturned(report_id=command.report_id, comment=command.comment)]
    return [ReportAccepted(report_id=command.report_id, comment=command.comment)]


def decide(command: ReportCommand, state: Report, ctx: Context, _new_id: str) -> list[Event]:
    if isinstance(command, SubmitReport):
        return _submit(command, state, ctx)
    if isinstance(command, WithdrawReport):
        return _withdraw(command, state, ctx)
    return _review(command, state, ctx)


DECIDER: Decider[ReportCommand, Report, Event] = Decider("report", decide, evolve, INITIAL)
