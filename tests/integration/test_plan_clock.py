"""The plan's clock against a real nats-server: a whole simulated year, two instances,
restarts, and units that did or did not report."""

import asyncio
from collections import Counter
from collections.abc import AsyncIterator, Callable
from datetime import date, timedelta
from typing import Any

import pytest
from nats.aio.client import Client

from services.campaigns.app import build
from shared.actor import Actor
from shared.envelope import Envelope
from shared.settings import Settings
from shared.subjects import STREAM
from tests.conftest import Asker, ManualClock, eventually

REPORTING_UNITS = 11
TRIGGERS = {
    "planpulse.occasion.approaching.v1",
    "planpulse.occasion.started.v1",
    "planpulse.occasion.ended.v1",
    "planpulse.report.deadline_approaching.v1",
    "planpulse.report.overdue.v1",
}


async def triggers(nc: Client) -> list[Envelope]:
    js = nc.jetstream()
    last = (await js.stream_info(STREAM)).state.last_seq
    found = []
    for seq in range(1, last + 1):
        envelope = Envelope.from_bytes((await js.get_msg(STREAM, seq=seq)).data)
        if envelope.type in TRIGGERS:
            found.append(envelope)
    return found


@pytest.fixture
def clock_settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"clock_tick_seconds": 0.01})


@pytest.fixture
async def instances(clock_settings: Settings) -> AsyncIterator[Callable[..., Any]]:
    started = []

    async def start(clock: ManualClock, count: int = 1, horizon: int = 366) -> list[Any]:
        # A wide horizon by default: a loaded machine that lags the simulated days must not
        # drop triggers in tests that count them; the horizon itself has a test of its own.
        settings = clock_settings.model_copy(update={"trigger_horizon_days": horizon})
        apps = [build(settings, clock) for _ in range(count)]
        await asyncio.gather(*(app.start() for app in apps))
        started.extend(apps)
        return apps

    yield start
    for app in started:
        await app.stop()


async def walk(clock: ManualClock, until: date, pause: float = 0.03) -> None:
    while clock.day < until:
        clock.day += timedelta(days=1)
        await asyncio.sleep(pause)
    await asyncio.sleep(0.3)  # the last day's ticks


def expected_year(start: date, end: date) -> Counter[str]:
    """Computed here from the plan and the default rules, not by the service's code."""
    days = [(8, 3), (20, 3), (28, 6), (30, 7), (15, 10), (20, 10), (19, 11), (25, 11)]
    months = [((1, 6), (30, 6)), ((15, 11), (15, 12))]
    expected: Counter[str] = Counter()
    occasions = [(date(2024, m, d), date(2024, m, d)) for d, m in days] + [
        (date(2024, m1, d1), date(2024, m2, d2)) for (d1, m1), (d2, m2) in months
    ]
    for first, last in occasions:
        for lead in (14, 7, 1):
            expected["planpulse.occasion.approaching.v1"] += start <= first - timedelta(lead) <= end
        expected["planpulse.occasion.started.v1"] += start <= first <= end
        expected["planpulse.occasion.ended.v1"] += start <= last <= end
    for due in (date(2024, 6, 20), date(2024, 12, 20)):
        for lead in (7, 3, 1):
            expected["planpulse.report.deadline_approaching.v1"] += REPORTING_UNITS * (
                start <= due - timedelta(lead) <= end
            )
        after = 1
        while after <= 90:  # every 7 days for 90 days
            expected["planpulse.report.overdue.v1"] += REPORTING_UNITS * (
                start <= due + timedelta(after) <= end
            )
            after += 7
    return expected


async def test_a_simulated_year_with_two_instances_records_each_trigger_once(
    nc: Client, instances: Callable[..., Any]
):
    start, end = date(2024, 1, 1), date(2025, 1, 31)
    clock = ManualClock(start)
    await instances(clock, count=2)
    await walk(clock, end, pause=0.02)
    expected = expected_year(start, end)

    async def all_recorded() -> bool:
        return sum(1 for _ in await triggers(nc)) >= sum(expected.values())

    await eventually(all_recorded, timeout=20, every=0.2)
    await asyncio.sleep(0.2)  # a duplicate, if any, would be in by now
    found = await triggers(nc)
    ids = Counter(envelope.subject for envelope in found)
    assert [key for key, n in ids.items() if n > 1] == []
    assert Counter(envelope.type for envelope in found) == expected


async def test_a_unit_that_reported_gets_no_reminder_and_one_that_did_not_is_escalated(
    ask: Asker, nc: Client, instances: Callable[..., Any]
):
    clock = ManualClock(date(2024, 6, 10))
    await instances(clock)
    officer = Actor(user_id="cb-tgpl", unit_id="tgpl", role="unit_officer")
    body = {"period_id": "2024-6-thang", "unit_id": "tgpl", "results": "Đã thực hiện."}
    reply = await ask("planpulse.cmd.report.submit", body, as_=officer)
    assert reply["ok"], reply
    await walk(clock, date(2024, 6, 22))

    async def first_overdue() -> bool:
        return any(
            e.subject == "2024-6-thang_pbgdpl_20240620_overdue-1" for e in await triggers(nc)
        )

    await eventually(first_overdue, timeout=10, every=0.1)
    found = await triggers(nc)
    about = Counter((e.data.get("unit_id"), e.type) for e in found)
    assert not [key for key in about if key[0] == "tgpl"]
    assert about[("pbgdpl", "planpulse.report.deadline_approaching.v1")] == 3
    assert about[("pbgdpl", "planpulse.report.overdue.v1")] == 1


async def test_after_days_down_missed_triggers_come_once_marked_late(
    nc: Client, instances: Callable[..., Any]
):
    async def recorded(trigger_id: str) -> bool:
        return any(e.subject == trigger_id for e in await triggers(nc))

    clock = ManualClock(date(2024, 2, 23))  # 8/3 is 14 days away
    [first] = await instances(clock, horizon=7)
    await eventually(lambda: recorded("2024-quoc-te-phu-nu_20240308_approaching-14"))
    await first.stop()
    clock.day = date(2024, 3, 5)  # down for ten days: 01/03 (7 days ahead) was missed
    await instances(clock, count=2, horizon=7)
    await eventually(lambda: recorded("2024-quoc-te-phu-nu_20240308_approaching-7"))
    await asyncio.sleep(0.2)  # both instances have ticked again: nothing more may come
    found = await triggers(nc)
    by_id = {e.subject: e for e in found}
    assert len(by_id) == len(found)  # the restart and the second instance added no duplicate
    assert by_id["2024-quoc-te-phu-nu_20240308_approaching-14"].data["late"] is False
    assert by_id["2024-quoc-te-phu-nu_20240308_approaching-7"].data["late"] is True
    assert by_id["2024-quoc-te-phu-nu_20240308_approaching-7"].data["due_on"] == "2024-03-01"
    assert "2024-quoc-te-hanh-phuc_20240320_approaching-14" not in by_id  # due 06/03, not yet
