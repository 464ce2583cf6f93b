"""A year's plan: cloned, edited, published, amended, closed; the packaged file's changes;
the plan of today's year made at start; every day of a plan year in exactly one plan."""

import logging
from datetime import date, datetime, timedelta
from functools import reduce
from pathlib import Path
from typing import Any

import pytest
import yaml

from services.campaigns.app import ensure_current_plan
from services.campaigns.domain import planning
from services.campaigns.domain.catalog import Catalog, evolve
from services.campaigns.domain.clock import Rules, due_triggers
from services.campaigns.domain.commands import (
    AmendPlan,
    ClosePlan,
    CreatePlan,
    EditPlanDraft,
    PublishPlan,
)
from services.campaigns.domain.context import Context
from services.campaigns.handlers import Pipeline
from services.campaigns.plan import (
    DEFAULT_PLAN_FILE,
    load_catalog,
    publish_plan_file,
    read_plan_file,
)
from shared.actor import Actor
from shared.clock import SimulatedClock
from shared.events import (
    PlanAmended,
    PlanContent,
    PlanDrafted,
    PlanPublished,
    Target,
    UnitRenamed,
)
from shared.memstore import InMemoryEventStore
from shared.replies import ProblemError
from tests.unit.test_command_pipeline import Service

SEED = reduce(evolve, read_plan_file(), Catalog())
OFFICE = Actor(user_id="vanphong", unit_id="van-phong", role="office", session_id="s")


def ctx(catalog: Catalog = SEED, today: date = date(2025, 1, 10)) -> Context:
    return Context(catalog=catalog, today=today, actor=OFFICE)


def run(command: Any, history: list[Any], catalog: Catalog = SEED) -> list[Any]:
    return list(planning.decide(command, planning.DECIDER.fold(history), ctx(catalog), "x"))


def refusal(command: Any, history: list[Any], catalog: Catalog = SEED) -> str:
    with pytest.raises(ProblemError) as caught:
        run(command, history, catalog)
    return caught.value.problem.code


def women_day_on(content: PlanContent, day: date) -> PlanContent:
    """The plan with International Women's Day moved to `day`."""
    occasions = [
        o.model_copy(update={"starts_on": day, "ends_on": day})
        if o.occasion_id == "2025-quoc-te-phu-nu"
        else o
        for o in content.occasions or []
    ]
    return content.model_copy(update={"occasions": occasions})


def cloned_2025() -> list[Any]:
    return run(CreatePlan(year=2025, clone_from="kh-2024"), [])


def test_a_clone_moves_every_date_to_the_new_year_and_leaves_number_and_date_empty() -> None:
    [drafted] = cloned_2025()
    assert isinstance(drafted, PlanDrafted)
    assert (drafted.plan_id, drafted.year, drafted.cloned_from) == ("kh-2025", 2025, "kh-2024")
    assert drafted.title.endswith("năm 2025") and "2024" not in drafted.title
    assert (drafted.number, drafted.issued_on) == ("", None)
    periods = {p.kind: p for p in drafted.reporting_periods}
    assert (periods["six_month"].id, periods["six_month"].starts_on) == (
        "2025-6-thang",
        date(2024, 12, 15),
    )
    assert (periods["annual"].ends_on, periods["annual"].due_on) == (
        date(2025, 12, 14),
        date(2025, 12, 20),
    )
    days = {o.occasion_id: (o.starts_on, o.ends_on) for o in drafted.occasions or []}
    assert days["2025-quoc-te-phu-nu"] == (date(2025, 3, 8), date(2025, 3, 8))
    assert days["2025-thang-binh-dang-gioi"] == (date(2025, 11, 15), date(2025, 12, 15))
    assert len(days) == 10
    assert [t.id for t in drafted.tasks] == ["1", "2", "3", "4", "5", "6"]
    assert drafted.signer_name == SEED.plans["kh-2024"].signer_name


def test_the_office_edits_the_draft_then_publishes_it_once() -> None:
    history = cloned_2025()
    content = history[0].content()
    due = content.reporting_periods[0].model_copy(update={"due_on": date(2025, 6, 10)})
    articles = Target(count=2, what="tin, bài", per="quarter", form="news_article")
    first = content.tasks[1].model_copy(update={"targets": [articles]})
    edited = content.model_copy(
        update={
            "number": "112/KH-STP",
            "issued_on": date(2025, 3, 14),
            "reporting_periods": [due, *content.reporting_periods[1:]],
            "tasks": [content.tasks[0], first, *content.tasks[2:]],
        }
    )
    history += run(EditPlanDraft(plan_id="kh-2025", content=edited), history)
    [published] = run(PublishPlan(plan_id="kh-2025"), history)
    assert isinstance(published, PlanPublished)
    assert published.number == "112/KH-STP"
    assert published.reporting_periods[0].due_on == date(2025, 6, 10)
    assert published.tasks[1].targets[0].count == 2
    history.append(published)
    assert refusal(PublishPlan(plan_id="kh-2025"), history) == "plan_not_draft"
    assert refusal(EditPlanDraft(plan_id="kh-2025", content=edited), history) == "plan_not_draft"


def test_a_plan_in_force_is_amended_with_a_reason_and_then_closed() -> None:
    history = cloned_2025()
    history += run(PublishPlan(plan_id="kh-2025"), history)
    content = history[-1].content()
    moved = women_day_on(content, date(2025, 3, 9))
    same = AmendPlan(plan_id="kh-2025", content=content, reason="Không đổi gì")
    assert refusal(same, history) == "nothing_to_correct"
    [amended] = run(AmendPlan(plan_id="kh-2025", content=moved, reason="Lùi một ngày"), history)
    assert isinstance(amended, PlanAmended) and amended.reason == "Lùi một ngày"
    history.append(amended)
    history += run(ClosePlan(plan_id="kh-2025", reason="Hết năm"), history)
    assert planning.DECIDER.fold(history).status == "closed"


def test_a_plan_must_be_complete_and_alone_in_its_year_to_be_published() -> None:
    blank = run(CreatePlan(year=2025), [])
    assert blank[0].tasks == [] and len(blank[0].reporting_periods) == 2
    assert refusal(PublishPlan(plan_id="kh-2025"), blank) == "plan_incomplete"
    second = run(CreatePlan(year=2024, plan_id="kh-2024-b", clone_from="kh-2024"), [])
    assert refusal(PublishPlan(plan_id="kh-2024-b"), second) == "plan_year_taken"
    assert refusal(CreatePlan(year=2025, clone_from="kh-1999"), []) == "unknown_plan"
    assert refusal(CreatePlan(year=2025), blank) == "plan_exists"


def test_an_amended_occasion_date_replans_its_reminders() -> None:
    history = cloned_2025()
    history += run(PublishPlan(plan_id="kh-2025"), history)
    before = reduce(evolve, history, SEED)
    content = history[-1].content()
    moved = women_day_on(content, date(2025, 3, 10))
    [amended] = run(AmendPlan(plan_id="kh-2025", content=moved, reason="Lùi"), history)
    after = evolve(before, amended)

    def reminders(catalog: Catalog, day: date) -> set[str]:
        due = due_triggers(catalog, Rules(horizon=0), day)
        return {d.trigger_id for d in due if d.trigger_id.startswith("2025-quoc-te-phu-nu")}

    assert reminders(before, date(2025, 3, 1)) == {"2025-quoc-te-phu-nu_20250308_approaching-7"}
    assert reminders(after, date(2025, 3, 1)) == set()
    assert reminders(after, date(2025, 3, 3)) == {"2025-quoc-te-phu-nu_20250310_approaching-7"}
    assert reminders(after, date(2025, 3, 10)) == {
        "2025-quoc-te-phu-nu_20250310_started",
        "2025-quoc-te-phu-nu_20250310_ended",
    }


def test_every_day_of_a_plan_year_belongs_to_exactly_one_plan_and_annual_period() -> None:
    history = cloned_2025()
    history += run(PublishPlan(plan_id="kh-2025"), history)
    catalog = reduce(evolve, history, SEED)
    day, walked = date(2023, 12, 15), 0
    while day <= date(2024, 12, 14):  # 2024 is a leap year: 366 days
        windows = {plan_id: catalog.window(plan_id) for plan_id in catalog.plans}
        holding = [plan_id for plan_id, (start, end) in windows.items() if start <= day <= end]
        annual = [
            period
            for plan in catalog.plans.values()
            for period in plan.reporting_periods
            if period.kind == "annual" and period.starts_on <= day <= period.ends_on
        ]
        assert holding == ["kh-2024"], day
        assert [p.id for p in annual] == ["2024-nam"], day
        assert catalog.plan_on(day) is not None and catalog.plan_on(day).plan_id == "kh-2024"
        day, walked = day + timedelta(days=1), walked + 1
    assert walked == 366
    assert catalog.plan_on(date(2024, 12, 15)).plan_id == "kh-2025"  # type: ignore[union-attr]


async def test_a_changed_packaged_file_is_recorded_as_an_amendment_with_a_log_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    service = await Service(InMemoryEventStore(), tmp_path).start()
    repository = service.runtime.repository
    data = yaml.safe_load(DEFAULT_PLAN_FILE.read_text("utf-8"))
    data["plan"]["reporting_periods"][1]["due_on"] = date(2024, 12, 18)
    data["units"][2]["name"] = "Phòng Phổ biến, giáo dục pháp luật và Công tác xã hội"
    changed = tmp_path / "kh-2024.yaml"
    changed.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    with caplog.at_level(logging.INFO):
        recorded = await publish_plan_file(
            repository, read_plan_file(changed), date(2024, 7, 1), changed
        )
    assert recorded == 2
    assert "recorded as an amendment of plan kh-2024" in caplog.text
    assert "unit pbgdpl renamed from today" in caplog.text
    catalog = await load_catalog(repository)
    assert catalog.plans["kh-2024"].reporting_periods[1].due_on == date(2024, 12, 18)
    assert isinstance(catalog.plans["kh-2024"], PlanAmended)
    unit = catalog.units["pbgdpl"]
    assert unit.name_on(date(2024, 6, 30)) == "Phòng Phổ biến, giáo dục pháp luật"
    assert unit.name_on(date(2024, 7, 1)).endswith("Công tác xã hội")
    renamed = await repository.store.load("planpulse.events.unit.pbgdpl")
    assert renamed[-1].envelope.type == UnitRenamed.TYPE
    # started again with the same file: nothing more
    again = await publish_plan_file(repository, read_plan_file(changed), date(2024, 7, 2), changed)
    assert again == 0


async def test_at_start_a_plan_for_todays_year_is_cloned_and_published(tmp_path: Path) -> None:
    service = await Service(InMemoryEventStore(), tmp_path).start()
    runtime = service.runtime
    runtime.clock = SimulatedClock(datetime(2026, 11, 27, 12, 0), 1e-9)
    pipeline = Pipeline(runtime.repository, runtime.context)
    await ensure_current_plan(pipeline, runtime)
    await ensure_current_plan(pipeline, runtime)  # a second start (or instance): nothing new
    plan = runtime.catalog.plan_on(date(2026, 11, 27))
    assert plan is not None and (plan.plan_id, plan.year) == ("kh-2026", 2026)
    stored = await runtime.repository.store.load("planpulse.events.plan.kh-2026")
    assert [s.envelope.type for s in stored] == [PlanDrafted.TYPE, PlanPublished.TYPE]
    assert {o.starts_on for o in plan.occasions or []} >= {date(2026, 11, 25), date(2026, 3, 8)}


async def test_the_plans_are_listed_for_all_and_drafts_for_the_office_only(
    tmp_path: Path,
) -> None:
    service = await Service(InMemoryEventStore(), tmp_path).start()
    office = Actor(user_id="vanphong", unit_id="van-phong", role="office", session_id="s9")
    made = await service.ask(
        "planpulse.cmd.plan.create", {"year": 2025, "clone_from": "kh-2024"}, office
    )
    assert made["ok"] and made["id"] == "kh-2025"
    listed = await service.ask("planpulse.query.plans", {}, office)
    assert [(p["plan_id"], p["status"]) for p in listed["plans"]] == [
        ("kh-2025", "draft"),
        ("kh-2024", "published"),
    ]
    by_unit = await service.ask("planpulse.query.plans", {})  # a unit officer
    assert [p["plan_id"] for p in by_unit["plans"]] == ["kh-2024"]
    hidden = await service.ask("planpulse.query.plan", {"plan_id": "kh-2025"})
    assert hidden["error"]["code"] == "unknown_plan"
    shown = await service.ask("planpulse.query.plan", {"plan_id": "kh-2024"})
    assert len(shown["plan"]["occasions"]) == 10 and shown["history"][0]["actor"] == "system"


async def test_a_plans_text_meets_the_edges_rules_wherever_it_stands(tmp_path: Path) -> None:
    service = await Service(InMemoryEventStore(), tmp_path).start()
    office = Actor(user_id="vanphong", unit_id="van-phong", role="office", session_id="s9")
    await service.ask("planpulse.cmd.plan.create", {"year": 2025, "clone_from": "kh-2024"}, office)
    shown = await service.ask("planpulse.query.plan", {"plan_id": "kh-2025"}, office)
    content = shown["plan"]["content"]
    content["tasks"][1]["title"] = "Tin, bài\x00 \u202e trên Trang thông tin"
    edit = {"plan_id": "kh-2025", "content": content}
    refused = await service.ask("planpulse.cmd.plan.edit", edit, office)
    assert refused["error"]["code"] == "invalid_command"
    assert "(mục tasks.2.title)" in refused["error"]["fields"]["content"]
    content["tasks"][1]["title"] = "  Tin, bài trên Trang thông tin  "
    content["purposes"][0] = "Dòng một\r\nDòng hai"
    assert (await service.ask("planpulse.cmd.plan.edit", edit, office))["ok"]
    kept = await service.ask("planpulse.query.plan", {"plan_id": "kh-2025"}, office)
    assert kept["plan"]["tasks"][1]["title"] == "Tin, bài trên Trang thông tin"
    assert kept["plan"]["purposes"][0] == "Dòng một\nDòng hai"
