"""The activity aggregate as a decider: decide(command, state) -> events; evolve(state, event)."""

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from services.campaigns.commands import (
    CorrectActivity,
    LogActivity,
    ParticipantCounts,
    WithdrawActivity,
)
from services.campaigns.domain import errors
from services.campaigns.domain.catalog import plan_window
from services.campaigns.domain.context import Context
from shared.events import ActivityCorrected, ActivityLogged, ActivityWithdrawn, Event

ActivityCommand = LogActivity | CorrectActivity | WithdrawActivity


@dataclass(frozen=True)
class Activity:
    version: int = 0  # events applied so far; 0: never logged
    withdrawn: bool = False
    fields: dict[str, Any] = field(default_factory=dict)


INITIAL = Activity()
NULLABLE = {"occasion_id", "evidence_url"}


def evolve(state: Activity, event: Event) -> Activity:
    if isinstance(event, ActivityLogged):
        return Activity(version=1, fields=event.model_dump(mode="json"))
    if isinstance(event, ActivityCorrected):
        return replace(state, version=state.version + 1, fields={**state.fields, **event.changes})
    if isinstance(event, ActivityWithdrawn):
        return replace(state, version=state.version + 1, withdrawn=True)
    return state


def _participants(counts: ParticipantCounts) -> dict[str, int]:
    total = counts.men + counts.women if counts.total is None else counts.total
    if total < counts.men + counts.women:
        raise errors.participants_mismatch()
    return {"men": counts.men, "women": counts.women, "total": total}


def _check_references(ctx: Context, plan_id: str, values: dict[str, Any]) -> None:
    plan = ctx.catalog.plans[plan_id]
    if "task_id" in values and values["task_id"] not in ctx.catalog.task_ids(plan_id):
        raise errors.unknown_reference("task_id", values["task_id"])
    occasion_id = values.get("occasion_id")
    if occasion_id is not None:
        occasion = ctx.catalog.occasions.get(occasion_id)
        if occasion is None or occasion.plan_id != plan_id:
            raise errors.unknown_reference("occasion_id", occasion_id)
    if "date" in values:
        day = date.fromisoformat(str(values["date"]))
        if day > ctx.today:
            raise errors.future_date(day.strftime("%d/%m/%Y"))
        start, end = plan_window(ctx.catalog, plan)
        if not start <= day <= end:
            raise errors.date_outside_plan(
                day.strftime("%d/%m/%Y"), start.strftime("%d/%m/%Y"), end.strftime("%d/%m/%Y")
            )


ACTIVITY_ROLES = {"unit_officer", "office"}  # the Office carries out activities of its own


def _check_own_unit(ctx: Context, unit_id: str) -> None:
    if ctx.actor.role not in ACTIVITY_ROLES or ctx.actor.unit_id != unit_id:
        raise errors.own_unit_only()


def _log(command: LogActivity, state: Activity, ctx: Context, new_id: str) -> list[Event]:
    activity_id = command.activity_id or new_id
    _check_own_unit(ctx, command.unit_id)
    if state.version:
        raise errors.activity_exists(activity_id)
    if command.unit_id not in ctx.catalog.units:
        raise errors.unknown_reference("unit_id", command.unit_id)
    plan = ctx.catalog.plans.get(command.plan_id) if command.plan_id else ctx.catalog.latest_plan()
    if plan is None:
        raise errors.unknown_reference("plan_id", command.plan_id or "")
    values = command.model_dump(mode="json", exclude={"activity_id", "plan_id", "participants"})
    _check_references(ctx, plan.plan_id, values)
    return [
        ActivityLogged.model_validate(
            {
                **values,
                "activity_id": activity_id,
                "plan_id": plan.plan_id,
                "participants": _participants(command.participants),
            }
        )
    ]


def _check_current(activity_id: str, state: Activity, expected: int | None, ctx: Context) -> None:
    # who may act comes first: anything else would tell a stranger the activity exists
    if not state.version or ctx.actor.role not in ACTIVITY_ROLES:
        raise errors.not_your_activity(activity_id)
    if ctx.actor.unit_id != state.fields["unit_id"]:
        raise errors.not_your_activity(activity_id)
    if state.withdrawn:
        raise errors.activity_withdrawn(activity_id)
    if expected is not None and expected != state.version:
        raise errors.stale_version(expected, state.version)


def _correct(command: CorrectActivity, state: Activity, ctx: Context) -> list[Event]:
    _check_current(command.activity_id, state, command.expected_version, ctx)
    requested = set(command.changes())
    for name in requested - NULLABLE:
        if getattr(command, name) is None:
            raise errors.refuse(
                "invalid_command",
                f"Không thể xóa trống {errors.label(name)}.",
                **{name: f"Không thể xóa trống {errors.label(name)}."},
            )
    changes = command.model_dump(mode="json", include=requested - {"participants"})
    if command.participants is not None:
        changes["participants"] = _participants(command.participants)
    changes = {key: value for key, value in changes.items() if state.fields.get(key) != value}
    if not changes:
        raise errors.nothing_to_correct()
    _check_references(ctx, state.fields["plan_id"], changes)
    return [
        ActivityCorrected(activity_id=command.activity_id, changes=changes, reason=command.reason)
    ]


def _withdraw(command: WithdrawActivity, state: Activity, ctx: Context) -> list[Event]:
    _check_current(command.activity_id, state, command.expected_version, ctx)
    return [ActivityWithdrawn(activity_id=command.activity_id, reason=command.reason)]


def decide(command: ActivityCommand, state: Activity, ctx: Context, new_id: str) -> list[Event]:
    """The events a command causes; raises a ProblemError when the plan's rules refuse it."""
    if isinstance(command, LogActivity):
        return _log(command, state, ctx, new_id)
    if isinstance(command, CorrectActivity):
        return _correct(command, state, ctx)
    return _withdraw(command, state, ctx)
