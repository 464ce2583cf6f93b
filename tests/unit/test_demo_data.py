"""The demo's entries: deterministic, never in the future, inside the plan's window, on and
around the occasions they name, from units active on their day, valid as log commands."""

import json
from collections import Counter
from datetime import date, timedelta

from planpulse_cli.demo import current_plan
from planpulse_cli.demo_data import (
    DEMO_NOTE,
    DemoOccasion,
    DemoPlan,
    DemoUnit,
    demo_activities,
    report_body,
)
from services.campaigns.domain.commands import LogActivity, SubmitReport

OCCASIONS = (
    DemoOccasion(
        "2026-8-3", "Ngày Quốc tế Phụ nữ", "day", date(2026, 3, 8), date(2026, 3, 8), ("5",)
    ),
    DemoOccasion(
        "2026-thang", "Tháng hành động", "month", date(2026, 11, 15), date(2026, 12, 15), ("4",)
    ),
    DemoOccasion(
        "2026-20-10", "Ngày Phụ nữ Việt Nam", "day", date(2026, 10, 20), date(2026, 10, 20), ("5",)
    ),
)
UNITS = (
    DemoUnit("van-phong", is_office=True),
    DemoUnit("pbgdpl"),
    DemoUnit("tgpl"),
    DemoUnit("cc1", retired_on=date(2026, 4, 1)),
    DemoUnit("cc2"),
    DemoUnit("moi", effective_from=date(2026, 9, 1)),
)


def plan(today: date) -> DemoPlan:
    return DemoPlan("kh-2026", date(2025, 12, 15), today, tuple("123456"), UNITS, OCCASIONS)


def test_the_same_entries_on_every_run_and_none_after_today():
    today = date(2026, 11, 27)
    made = demo_activities(plan(today), 300)
    assert made == demo_activities(plan(today), 300)
    assert len({a["activity_id"] for a in made}) == 300
    assert all(a["activity_id"].startswith("demo-kh-2026-") for a in made)
    assert all("2025-12-15" <= a["date"] <= today.isoformat() for a in made)
    assert all(a["note"] == DEMO_NOTE for a in made)
    for body in made:  # each one a valid command as the service reads it
        LogActivity.model_validate_json(json.dumps(body))


def test_varied_over_units_forms_tasks_occasions_and_days():
    made = demo_activities(plan(date(2026, 11, 27)), 300)
    units = Counter(a["unit_id"] for a in made)
    assert set(units) == {u.unit_id for u in UNITS}
    assert units["pbgdpl"] > units["van-phong"]
    assert len({a["form"] for a in made}) == 8
    assert {a["task_id"] for a in made} == set("123456")
    assert len({a["date"] for a in made}) > 100
    assert sum(a["participants"]["women"] for a in made) > sum(
        a["participants"]["men"] for a in made
    )


def test_occasion_entries_fall_on_and_around_started_occasions():
    today = date(2026, 10, 21)
    made = demo_activities(plan(today), 300)
    tied = [a for a in made if "occasion_id" in a]
    assert {a["occasion_id"] for a in tied} == {"2026-8-3", "2026-20-10"}  # not yet: 15/11
    for body in tied:
        occasion = next(o for o in OCCASIONS if o.occasion_id == body["occasion_id"])
        day = date.fromisoformat(body["date"])
        assert occasion.starts_on - timedelta(days=5) <= day <= occasion.ends_on + timedelta(2)
        assert body["task_id"] in occasion.task_ids and occasion.name in body["title"]
    on_the_day = [a for a in tied if a["date"] == "2026-03-08"]
    assert len(on_the_day) > len(tied) / 4


def test_units_only_on_days_they_exist():
    for body in demo_activities(plan(date(2026, 11, 27)), 300):
        if body["unit_id"] == "cc1":
            assert body["date"] < "2026-04-01"
        if body["unit_id"] == "moi":
            assert body["date"] >= "2026-09-01"


def test_first_day_of_the_plan_year_puts_everything_on_it():
    made = demo_activities(plan(date(2025, 12, 15)), 50)
    assert {a["date"] for a in made} == {"2025-12-15"}


def test_the_plan_in_force_is_the_one_whose_window_holds_today():
    catalog = {
        "plans": [
            {
                "plan_id": "kh-2024",
                "year": 2024,
                "status": "published",
                "starts_on": "2023-12-15",
                "ends_on": "2024-12-14",
            },
            {
                "plan_id": "kh-2026",
                "year": 2026,
                "status": "published",
                "starts_on": "2025-12-15",
                "ends_on": "2026-12-14",
            },
            {
                "plan_id": "kh-2027",
                "year": 2027,
                "status": "closed",
                "starts_on": "2026-12-15",
                "ends_on": "2027-12-14",
            },
        ],
        "tasks": [{"plan_id": "kh-2026", "task_id": "1"}, {"plan_id": "kh-2024", "task_id": "9"}],
        "units": [
            {
                "unit_id": "pbgdpl",
                "is_office": False,
                "effective_from": None,
                "retired_on": "2026-05-01",
            }
        ],
        "occasions": [],
    }
    found = current_plan(catalog, date(2026, 1, 1))
    assert found is not None and found.plan_id == "kh-2026" and found.task_ids == ("1",)
    assert found.units[0].retired_on == date(2026, 5, 1)
    assert current_plan(catalog, date(2026, 12, 20)) is None  # only a closed plan holds it


def test_a_report_tells_the_units_own_figures():
    made = demo_activities(plan(date(2026, 6, 30)), 100)
    body = report_body("2026-6-thang", "pbgdpl", "Phòng PBGDPL", made)
    mine = [a for a in made if a["unit_id"] == "pbgdpl"]
    assert f"tổ chức {len(mine)} hoạt động" in body["results"]
    SubmitReport.model_validate(body)


def test_ids_fit_whatever_the_plans_id():
    long = DemoPlan("k" * 64, date(2025, 12, 15), date(2026, 1, 10), ("1",), UNITS, ())
    made = demo_activities(long, 5000)
    assert max(len(a["activity_id"]) for a in made) <= 64
    assert len({a["activity_id"] for a in made}) == len(made)
