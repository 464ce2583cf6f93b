"""The Department's consolidated report for a period: each compilation is recorded."""

from services.campaigns.domain import errors
from services.campaigns.domain.commands import RecordConsolidatedReport
from services.campaigns.domain.context import Context
from services.campaigns.domain.decider import Decider
from shared.events import ConsolidatedReportCompiled, Event

INITIAL = 0  # compilations so far


def evolve(state: int, event: Event) -> int:
    return state + 1 if isinstance(event, ConsolidatedReportCompiled) else state


def decide(command: RecordConsolidatedReport, _state: int, ctx: Context, _id: str) -> list[Event]:
    plans = [
        plan
        for plan in ctx.catalog.plans.values()
        if any(period.id == command.period_id for period in plan.reporting_periods)
    ]
    if not plans:
        raise errors.unknown_period(command.period_id)
    return [
        ConsolidatedReportCompiled.model_validate(
            {**command.model_dump(), "plan_id": plans[0].plan_id}
        )
    ]


DECIDER: Decider[RecordConsolidatedReport, int, Event] = Decider(
    "consolidated", decide, evolve, INITIAL
)
