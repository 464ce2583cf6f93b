"""The plan's clock at work: every tick, record the triggers that are due, each exactly once.

Exactly once across restarts and duplicate instances: a trigger has a subject of its own and is
appended only if that subject is empty (expected last sequence 0). A unit that has submitted its
report gets no reminder for it.
"""

import asyncio
import logging
from collections.abc import Callable
from functools import reduce

from services.campaigns.domain import report
from services.campaigns.domain.catalog import Catalog
from services.campaigns.domain.clock import Rules, due_triggers
from shared.clock import Clock
from shared.events import decode, encode
from shared.eventstore import ConcurrencyConflict, EventStore
from shared.settings import Settings
from shared.subjects import EVENTS_ROOT, event_subject

log = logging.getLogger(__name__)
SOURCE = "planpulse/campaigns-clock"
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
        store: EventStore,
        catalog: Callable[[], Catalog],
        clock: Clock,
        rules: Rules,
        every: float,
    ) -> None:
        self.store, self.catalog, self.clock = store, catalog, clock
        self.rules, self.every = rules, every
        self.done: set[str] = set()  # recorded, or no longer needed (the unit submitted)

    async def load(self) -> None:
        for stored in await self.store.load(f"{EVENTS_ROOT}.trigger.*"):
            self.done.add(stored.envelope.subject)

    async def _submitted(self, report_id: str) -> bool:
        stored = await self.store.load(event_subject("report", report_id))
        state = reduce(report.evolve, (decode(s.envelope) for s in stored), report.INITIAL)
        return state.status in SUBMITTED

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
            envelope = encode(due.event(today), source=SOURCE, actor="system")
            try:
                await self.store.append(event_subject("trigger", due.trigger_id), [envelope], 0)
                recorded += 1
            except ConcurrencyConflict:
                pass  # another instance recorded it first
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
