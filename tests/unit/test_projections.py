"""Projections fed with events through the one batch writer, on SQLite and PostgreSQL."""

from datetime import date

from sqlalchemy import select

from services.campaigns.plan import read_plan_file
from services.reporting import queries, tables
from services.reporting.calendar import CalendarQuery, calendar
from services.reporting.checkpoint import apply_batch, prepare, read_position
from services.reporting.db import make_engine
from services.reporting.targets import TargetsQuery, targets, windows
from shared.events import (
    ActivityCorrected,
    ActivityLogged,
    ActivityWithdrawn,
    PlanAmended,
    Target,
    encode,
)
from tests.conftest import ManualClock


def raw(events: list, first: int = 1) -> list[tuple[int, str, bytes]]:
    return [
        (
            first + i,
            f"planpulse.events.{e.AGGREGATE}.{e.aggregate_id}",
            encode(e, source="test", actor="tester").to_bytes(),
        )
        for i, e in enumerate(events)
    ]


def logged(activity_id: str, unit: str, task: str, men: int, women: int) -> ActivityLogged:
    return ActivityLogged(
        activity_id=activity_id,
        plan_id="kh-2024",
        unit_id=unit,
        task_id=task,
        occasion_id="2024-quoc-te-phu-nu" if task == "5" else None,
        date=date(2024, 3, 8),
        title="Hoạt động",
        form="conference",
        audience="",
        materials=3,
        evidence_url=None,
        note="",
        participants={"men": men, "women": women, "total": men + women},
    )


def test_progress_counts_live_activities_per_task_unit_and_occasion(db_url):
    engine = make_engine(db_url)
    prepare(engine)
    seed = read_plan_file()
    events = [
        logged("a1", "pbgdpl", "5", 10, 20),
        logged("a2", "pbgdpl", "1", 1, 2),
        logged("a3", "tgpl", "5", 3, 4),
        ActivityCorrected(
            activity_id="a3", changes={"participants": {"men": 5, "women": 5, "total": 12}}
        ),
        ActivityWithdrawn(activity_id="a2"),
    ]
    batch = raw(seed + events)
    assert apply_batch(engine, batch[:10]) == 10
    assert apply_batch(engine, batch) == len(batch)  # a redelivered prefix is skipped
    result = queries.progress(engine, queries.ProgressQuery())
    assert result["position"] == len(batch)
    assert result["totals"] == {
        "activities": 2,
        "men": 15,
        "women": 25,
        "participants": 42,
        "materials": 6,
    }
    task5 = next(row for row in result["by_task"] if row["task_id"] == "5")
    assert (task5["activities"], task5["participants"]) == (2, 42)
    units = {row["unit_id"]: row["activities"] for row in result["by_unit"]}
    assert (units["pbgdpl"], units["tgpl"], units["van-phong"]) == (1, 1, 0)
    march8 = next(r for r in result["by_occasion"] if r["occasion_id"] == "2024-quoc-te-phu-nu")
    assert march8["activities"] == 2 and len(result["by_occasion"]) == 10
    with engine.connect() as conn:
        version = conn.execute(
            select(tables.activities.c.version).where(tables.activities.c.activity_id == "a3")
        ).scalar_one()
    assert version == 2
    engine.dispose()


def test_activities_query_filters_and_pages(db_url):
    engine = make_engine(db_url)
    prepare(engine)
    events = read_plan_file() + [
        logged(f"a{i}", "pbgdpl" if i % 2 else "tgpl", "5", 1, 1) for i in range(25)
    ]
    apply_batch(engine, raw(events))
    page = queries.activities(engine, queries.ActivitiesQuery(unit_id="tgpl", page_size=5, page=3))
    assert page["total"] == 13 and len(page["items"]) == 3
    assert all(item["unit_id"] == "tgpl" for item in page["items"])
    assert page["items"][0]["participants"] == {"men": 1, "women": 1, "total": 2}
    engine.dispose()


def test_activities_query_lists_newest_logged_first_and_finds_activities_by_id(db_url):
    engine = make_engine(db_url)
    prepare(engine)
    older_day = logged("late-entry", "pbgdpl", "1", 1, 1).model_copy(
        update={"date": date(2024, 1, 2)}
    )
    apply_batch(engine, raw(read_plan_file() + [logged("early", "pbgdpl", "1", 1, 1), older_day]))
    by_date = queries.activities(engine, queries.ActivitiesQuery())
    by_logging = queries.activities(engine, queries.ActivitiesQuery(order="logged"))
    assert [i["activity_id"] for i in by_date["items"]] == ["early", "late-entry"]
    assert [i["activity_id"] for i in by_logging["items"]] == ["late-entry", "early"]
    found = queries.activities(engine, queries.ActivitiesQuery(activity_ids=["early", "x"]))
    assert [i["activity_id"] for i in found["items"]] == ["early"]
    engine.dispose()


def test_an_unreadable_event_is_kept_in_sight_and_does_not_stop_the_projection(db_url):
    engine = make_engine(db_url)
    prepare(engine)
    batch = [
        (1, "planpulse.events.activity.x", b'{"not": "an envelope"}'),
        *raw([logged("a1", "pbgdpl", "5", 1, 1)], first=2),
    ]
    assert apply_batch(engine, batch) == 2
    with engine.connect() as conn:
        rows = conn.execute(select(tables.unreadable_events.c.sequence)).scalars().all()
        count = conn.execute(select(tables.activities.c.activity_id)).scalars().all()
    assert rows == [1] and count == ["a1"]
    assert read_position(engine) == 2
    engine.dispose()


def test_an_event_the_view_refuses_is_set_aside_and_the_rest_still_applies(db_url):
    engine = make_engine(db_url)
    prepare(engine)
    twice = logged("a1", "pbgdpl", "5", 1, 1)  # a second "logged" for the same activity
    batch = raw([twice, logged("a2", "tgpl", "5", 2, 2), twice, logged("a3", "tgpl", "1", 3, 3)])
    assert apply_batch(engine, batch) == 4
    with engine.connect() as conn:
        aside = conn.execute(select(tables.unreadable_events.c.sequence)).scalars().all()
        ids = conn.execute(select(tables.activities.c.activity_id)).scalars().all()
    assert aside == [3] and sorted(ids) == ["a1", "a2", "a3"]
    assert apply_batch(engine, batch) == 4  # and a redelivery changes nothing
    engine.dispose()


def test_the_calendar_names_what_is_under_way_what_comes_next_and_the_next_deadline(db_url):
    engine = make_engine(db_url)
    prepare(engine)
    apply_batch(engine, raw(read_plan_file()))
    june = calendar(engine, CalendarQuery(), ManualClock(date(2024, 6, 18)))
    assert [o["occasion_id"] for o in june["under_way"]] == [
        "2024-thang-phong-chong-bao-luc-gia-dinh"
    ]
    assert (june["next_occasion"]["occasion_id"], june["next_occasion"]["days"]) == (
        "2024-gia-dinh-viet-nam",
        10,
    )
    assert (june["next_deadline"]["due_on"], june["next_deadline"]["days"]) == ("2024-06-20", 2)
    assert june["current_period_id"] == "2024-6-thang"
    later = calendar(engine, CalendarQuery(), ManualClock(date(2026, 11, 26)))
    assert later["next_occasion"] is None and later["next_deadline"] is None
    assert later["current_period_id"] == "2024-nam"
    engine.dispose()


def test_targets_count_each_window_up_to_today_and_say_whether_it_was_reached(db_url):
    engine = make_engine(db_url)
    prepare(engine)
    [plan, *units] = read_plan_file()
    articles = Target(count=2, what="tin, bài", per="quarter", form="news_article")
    task2 = plan.tasks[1].model_copy(update={"targets": [articles]})
    tasks = [plan.tasks[0], task2, *plan.tasks[2:]]
    amended = PlanAmended(
        plan_id="kh-2024",
        year=2024,
        reason="Chỉ tiêu tin, bài",
        **plan.content().model_copy(update={"tasks": tasks}).model_dump(),
    )

    def article(n: int, day: date, form: str = "news_article") -> ActivityLogged:
        base = logged(f"t{n}", "pbgdpl", "2", 0, 0)
        return base.model_copy(update={"date": day, "form": form})

    events = [
        plan,
        *units,
        amended,
        article(1, date(2023, 12, 20)),  # quarter I runs from 15/12/2023
        article(2, date(2024, 3, 14)),
        article(3, date(2024, 3, 15)),  # quarter II
        article(4, date(2024, 4, 2), form="conference"),  # not an article
        article(5, date(2024, 5, 2)),
        ActivityWithdrawn(activity_id="t5"),
    ]
    apply_batch(engine, raw(events))
    found = targets(engine, TargetsQuery(plan_id="kh-2024"), ManualClock(date(2024, 5, 20)))
    [row] = found["targets"]
    assert (row["task_id"], row["count"], row["what"], row["per_vi"]) == ("2", 2, "tin, bài", "quý")
    assert [(w["window"], w["done"], w["reached"], w["current"]) for w in row["windows"]] == [
        ("quý I/2024", 2, True, False),
        ("quý II/2024", 1, False, True),
    ]
    assert (row["windows"][0]["start"], row["windows"][0]["end"]) == ("2023-12-15", "2024-03-14")
    assert [w[0] for w in windows(2024, "month")][:2] == ["tháng 1/2024", "tháng 2/2024"]
    assert len(windows(2024, "six_month")) == 2 and len(windows(2024, "year")) == 1
