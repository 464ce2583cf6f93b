"""The 2024 plan as data matches the seed document."""

from datetime import date

from services.campaigns.plan import read_plan_file
from shared.events import PlanPublished, UnitRegistered


def test_the_2024_plan_has_its_legal_basis_purposes_tasks_and_periods():
    [plan] = [e for e in read_plan_file() if isinstance(e, PlanPublished)]
    assert plan.legal_basis.number == "824/KH-UBND"
    assert plan.legal_basis.issued_on == date(2024, 2, 26)
    assert len(plan.purposes) == 3
    assert [task.id for task in plan.tasks] == ["1", "2", "3", "4", "5", "6"]
    periods = {p.kind: p for p in plan.reporting_periods}
    assert (periods["six_month"].starts_on, periods["six_month"].ends_on) == (
        date(2023, 12, 15),
        date(2024, 6, 14),
    )
    assert (periods["annual"].starts_on, periods["annual"].ends_on) == (
        date(2023, 12, 15),
        date(2024, 12, 14),
    )
    assert "Sở LĐ-TBXH" in plan.recipients


def test_the_plan_has_eight_days_and_two_action_months_on_the_seed_dates():
    [plan] = [e for e in read_plan_file() if isinstance(e, PlanPublished)]
    occasions = plan.occasions or []
    days = sorted((o.starts_on.day, o.starts_on.month) for o in occasions if o.kind == "day")
    assert days == sorted(
        [(8, 3), (20, 3), (28, 6), (30, 7), (15, 10), (20, 10), (19, 11), (25, 11)]
    )
    months = {(o.starts_on, o.ends_on) for o in occasions if o.kind == "month"}
    assert months == {
        (date(2024, 6, 1), date(2024, 6, 30)),
        (date(2024, 11, 15), date(2024, 12, 15)),
    }
    assert all(o.task_ids == (["5"] if o.kind == "day" else ["4"]) for o in occasions)


def test_the_office_is_one_of_the_units():
    units = [e for e in read_plan_file() if isinstance(e, UnitRegistered)]
    assert len(units) >= 10
    assert [u.unit_id for u in units if u.is_office] == ["van-phong"]
