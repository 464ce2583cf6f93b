"""Which triggers are due on a given day, against the 2024 plan. Pure."""

from datetime import date
from functools import reduce

from services.campaigns.domain.catalog import Catalog, evolve
from services.campaigns.domain.clock import Rules, due_triggers
from services.campaigns.plan import read_plan_file

CATALOG = reduce(evolve, read_plan_file(), Catalog())
RULES = Rules()


def due_on(day: date) -> dict[str, bool]:
    """trigger id -> late, for what is due on `day`."""
    return {due.trigger_id: due.event(day).late for due in due_triggers(CATALOG, RULES, day)}


def test_a_commemorative_day_is_announced_14_7_and_1_days_ahead_then_starts_and_ends():
    assert due_on(date(2024, 2, 23))["2024-quoc-te-phu-nu_20240308_approaching-14"] is False
    assert due_on(date(2024, 3, 1))["2024-quoc-te-phu-nu_20240308_approaching-7"] is False
    on_the_day = due_on(date(2024, 3, 8))
    assert on_the_day["2024-quoc-te-phu-nu_20240308_started"] is False
    assert on_the_day["2024-quoc-te-phu-nu_20240308_ended"] is False


def test_a_missed_trigger_is_still_due_within_the_horizon_and_marked_late():
    three_days_later = due_on(date(2024, 3, 4))
    assert three_days_later["2024-quoc-te-phu-nu_20240308_approaching-7"] is True
    assert "2024-quoc-te-phu-nu_20240308_approaching-14" not in due_on(
        date(2024, 3, 2)
    )  # 8 days old


def test_nothing_of_2024_is_due_in_2026():
    # escalation of a missing report stops 90 days after its deadline
    assert due_on(date(2026, 11, 26)) == {}
    assert "2024-nam_tgpl_20241220_overdue-13" in due_on(date(2025, 3, 15))  # 20/12 + 1 + 12 × 7


def test_report_deadlines_are_announced_for_each_reporting_unit_but_not_the_office():
    due = due_on(date(2024, 6, 13))  # 7 days before the 6-month due date, 20/06
    reminders = {key for key in due if key.endswith("_deadline-7")}
    assert len(reminders) == 11 and "2024-6-thang_van-phong_20240620_deadline-7" not in reminders


def test_an_overdue_report_is_escalated_the_day_after_and_every_n_days():
    assert "2024-6-thang_tgpl_20240620_overdue-1" in due_on(date(2024, 6, 21))
    later = due_on(date(2024, 7, 5))
    assert {"2024-6-thang_tgpl_20240620_overdue-3"} <= set(later)  # 21/06, 28/06, 05/07
    assert "2024-6-thang_tgpl_20240620_overdue-1" not in later  # beyond the horizon now
