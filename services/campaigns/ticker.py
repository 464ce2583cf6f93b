"""The plan's clock at work: every tick, record the triggers that are due, each exactly once.

Exactly once across restarts and duplicate instances: a trigger has a subject of its own and is
appended only if that subject is empty (expected last sequence 0). A unit that has submitted its
report gets no reminder for it.
"""

import asyncio
import logging
from collections.abc import Callable

from services.campaigns.domain import report
from services.campaigns.domain.catalog import Catalog
from services.campaigns.domain.clock import Rules, due_triggers
from services.campaigns.repository import Repository
from shared.clock import Clock
from shared.settings import Settings
from shared.subjects import EVENTS_ROOT

log = logging.getLogger(__name__)
SUBMITTED = {"submitted", "accepted"}


def rules_from(settings: Settings) -> Rules:
    return Rules(
        occasion_leads=tuple(settings.occasion_lead_days),
        deadline_leads=tuple(settings.deadline_lead_days),
        overdue_every=settings.overdue_repeat_days,
        overdue_for=settings.overdue_escalation_days,
        horizon=settings.trigger_horizon_days,
    )


class Ticker:
    def __init__(
        self,
        repository: Repository,
        catalog: Callable[[], Catalog],
        clock: Clock,
        rules: Rules,
        every: float,
    ) -> None:
        self.repository, self.catalog, self.clock = repository, catalog, clock
        self.rules, self.every = rules, every
        self.done: set[str] = set()  # recorded, or no longer needed (the unit submitted)

    async def load(self) -> None:
        for stored in await self.repository.store.load(f"{EVENTS_ROOT}.trigger.*"):
            self.done.add(stored.envelope.subject)

    async def _submitted(self, report_id: str) -> bool:
        loaded = await self.repository.load(report.DECIDER, report_id)
        return loaded.state.status in SUBMITTED

    async def tick(self) -> int:
        """Record what is due now; return how many triggers this instance recorded."""
        recorded = 0
        today = self.clock.today()
        for due in due_triggers(self.catalog(), self.rules, today):
            if due.trigger_id in self.done:
                continue
            if due.report_id is not None and await self._submitted(due.report_id):
                self.done.add(due.trigger_id)
                continue
            # False: another instance recorded it first
            recorded += await self.repository.record_once(due.event(today))
            self.done.add(due.trigger_id)
        return recorded

    async def run(self) -> None:
        await self.load()
        while True:
            try:
                count = await self.tick()
                if count:
                    log.info("clock %s: %d triggers recorded", self.clock.today(), count)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("clock tick failed; trying again next tick")
            await asyncio.sleep(self.every)
