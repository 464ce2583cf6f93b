"""The activity aggregate as a decider: decide(command, state) -> events; evolve(state, event)."""

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from services.campaigns.domain import errors
from services.campaigns.domain.commands import (
    CorrectActivity,
    LogActivity,
    ParticipantCounts,
    SetActivityAside,
    WithdrawActivity,
)
from services.campaigns.domain.context import Context
from services.campaigns.domain.decider import Decider
from shared.events import ActivityCorrected, ActivityLogged, ActivityWithdrawn, Event
from shared.events.activity import ActivitySetAside
from shared.replies import refuse

ActivityCommand = LogActivity | CorrectActivity | WithdrawActivity | SetActivityAside


@dataclass(frozen=True)
class Activity:
    version: int = 0  # events applied so far; 0: never logged
    withdrawn: bool = False
    fields: dict[str, Any] = field(default_factory=dict)
    set_aside: bool = False  # by the Office, until the unit corrects it


INITIAL = Activity()
NULLABLE = {"occasion_id", "evidence_url"}


def evolve(state: Activity, event: Event) -> Activity:
    if isinstance(event, ActivityLogged):
        return Activity(version=1, fields=event.model_dump(mode="json"))
    if isinstance(event, ActivityCorrected):
        fields = {**state.fields, **event.changes}
        return replace(state, version=state.version + 1, fields=fields, set_aside=False)
    if isinstance(event, ActivitySetAside):
        return replace(state, version=state.version + 1, set_aside=True)
    if isinstance(event, ActivityWithdrawn):
        return replace(state, version=state.version + 1, withdrawn=True)
    return state


def _participants(counts: ParticipantCounts) -> dict[str, int]:
    total = counts.men + counts.women if counts.total is None else counts.total
    if total < counts.men + counts.women:
        raise errors.participants_mismatch()
    return {"men": counts.men, "women": counts.women, "total": total}


def _day(value: Any) -> date:
    return date.fromisoformat(str(value))


def _check_references(ctx: Context, plan_id: str, values: dict[str, Any]) -> None:
    if "task_id" in values and values["task_id"] not in ctx.catalog.task_ids(plan_id):
        raise errors.unknown_reference("task_id", values["task_id"])
    occasion_id = values.get("occasion_id")
    if occasion_id is not None:
        occasion = ctx.catalog.occasions.get(occasion_id)
        day = _day(values["date"]) if "date" in values else None
        # an occasion of the plan, or one under way that day (the action month's 15/12 belongs
        # to next year's periods but still to its month)
        own = occasion is not None and occasion.plan_id == plan_id
        under_way = (
            occasion is not None
            and day is not None
            and occasion.starts_on <= day <= occasion.ends_on
        )
        if not (own or under_way):
            raise errors.unknown_reference("occasion_id", occasion_id)
    if "date" in values:
        day = _day(values["date"])
        if day > ctx.today:
            raise errors.future_date(day.strftime("%d/%m/%Y"))
        start, end = ctx.catalog.window(plan_id)
        if not start <= day <= end:
            raise errors.date_outside_plan(
                day.strftime("%d/%m/%Y"), start.strftime("%d/%m/%Y"), end.strftime("%d/%m/%Y")
            )


def _plan_for(ctx: Context, plan_id: str | None, day: date) -> str:
    """The plan named, or the one whose window holds the day."""
    if plan_id is not None:
        if plan_id not in ctx.catalog.plans or plan_id in ctx.catalog.closed:
            raise errors.unknown_reference("plan_id", plan_id)
        return plan_id
    plan = ctx.catalog.plan_on(day)
    if plan is None:
        raise errors.no_plan_on(day.strftime("%d/%m/%Y"))
    return plan.plan_id


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
    if command.date > ctx.today:  # said before "no plan": the date is what is wrong
        raise errors.future_date(command.date.strftime("%d/%m/%Y"))
    plan_id = _plan_for(ctx, command.plan_id, command.date)
    values = command.model_dump(mode="json", exclude={"activity_id", "plan_id", "participants"})
    _check_references(ctx, plan_id, values)
    return [
        ActivityLogged.model_validate(
            {
                **values,
                "activity_id": activity_id,
                "plan_id": plan_id,
                "unit_name": ctx.catalog.unit_name(command.unit_id, command.date),
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
            raise refuse(
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


def _set_aside(command: SetActivityAside, state: Activity) -> list[Event]:
    """Any unit's activity: the table lets only the Office and administrators send this."""
    if not state.version:
        raise errors.activity_not_found(command.activity_id)
    if state.withdrawn:
        raise errors.activity_withdrawn(command.activity_id)
    if state.set_aside:
        message = "Hoạt động này đã được để riêng, chờ đơn vị chỉnh sửa."
        raise refuse("already_set_aside", message, activity_id=message)
    if command.expected_version is not None and command.expected_version != state.version:
        raise errors.stale_version(command.expected_version, state.version)
    return [ActivitySetAside(activity_id=command.activity_id, reason=command.reason)]


def decide(command: ActivityCommand, state: Activity, ctx: Context, new_id: str) -> list[Event]:
    """The events a command causes; raises a ProblemError when the plan's rules refuse it."""
    if isinstance(command, LogActivity):
        return _log(command, state, ctx, new_id)
    if isinstance(command, CorrectActivity):
        return _correct(command, state, ctx)
    if isinstance(command, SetActivityAside):
        return _set_aside(command, state)
    return _withdraw(command, state, ctx)


DECIDER: Decider[ActivityCommand, Activity, Event] = Decider("activity", decide, evolve, INITIAL)
