"""'Today' is the Department's date (Asia/Ho_Chi_Minh), never the UTC date."""

from datetime import UTC, date, datetime
from pathlib import Path

from services.campaigns.plan import read_plan_file
from services.reporting.checkpoint import apply_batch, prepare
from services.reporting.documents.assemble import assemble
from shared.clock import SimulatedClock, SystemClock
from shared.db import make_engine
from shared.events import encode
from shared.memstore import InMemoryEventStore
from shared.settings import Settings
from tests.unit.test_command_pipeline import ACTIVITY, LOG, Service

HALF_PAST_MIDNIGHT = datetime(2024, 3, 20, 0, 30)  # in Hà Nội; in UTC it is still 19/03 17:30


def test_at_half_past_midnight_local_time_today_is_the_local_date() -> None:
    clock = SimulatedClock(HALF_PAST_MIDNIGHT, speed=1e-9)
    assert clock.now().astimezone(UTC).date() == date(2024, 3, 19)
    assert clock.today() == date(2024, 3, 20)
    assert Settings(simulate_start=HALF_PAST_MIDNIGHT).clock().today() == date(2024, 3, 20)


def test_the_system_clock_reads_the_departments_zone() -> None:
    assert (
        SystemClock("Asia/Ho_Chi_Minh").today()
        == datetime.now(SystemClock("Asia/Ho_Chi_Minh").zone).date()
    )


async def test_an_activity_of_today_logged_at_half_past_midnight_is_accepted(
    tmp_path: Path,
) -> None:
    service = Service(InMemoryEventStore(), tmp_path)
    service.runtime.clock = SimulatedClock(HALF_PAST_MIDNIGHT, speed=1e-9)
    await service.start()
    reply = await service.ask(LOG, {**ACTIVITY, "date": "2024-03-20"})
    assert reply["ok"], reply


def test_a_report_compiled_at_half_past_midnight_carries_that_days_date(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'reporting.db'}")
    prepare(engine)
    plan = [encode(event, source="test", actor="system") for event in read_plan_file()]
    apply_batch(engine, [(n, "plan", e.to_bytes()) for n, e in enumerate(plan, start=1)])
    today = SimulatedClock(HALF_PAST_MIDNIGHT, speed=1e-9).today()
    report, _inputs, _pending = assemble(engine, "2024-6-thang", today, "Hà Nội", "UBND tỉnh", 0)
    assert report.report_date == date(2024, 3, 20)
