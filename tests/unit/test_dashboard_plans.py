"""The Office's plan pages, the plan read by units and leadership, and the roster, in AppTest
with the services faked; the editor's tables read back into the plan commands' content."""

import copy
from datetime import date
from typing import Any

import pandas as pd

from dashboard import texts_vi as T
from dashboard.views import plan_frames
from services.campaigns.domain.planning import Plan, cloned
from services.campaigns.plan import read_plan_file
from services.campaigns.plan_queries import describe
from shared.catalog import Catalog, evolve
from tests.unit.dashboard_fakes import LEADERSHIP, OFFICE, app
from tests.unit.test_dashboard_roles import open_page

SEED = Catalog()
for _event in read_plan_file():
    SEED = evolve(SEED, _event)
DRAFT = describe("kh-2025", Plan(2, "draft", 2025, cloned(SEED, SEED.plans["kh-2024"], 2025)), SEED)
PUBLISHED = {**copy.deepcopy(DRAFT), "status": "published", "version": 3}
LISTED: dict[str, Any] = {
    "ok": True,
    "plans": [
        {"plan_id": "kh-2025", "year": 2025, "title": DRAFT["title"], "status": "draft"},
        {"plan_id": "kh-2024", "year": 2024, "title": "KH 2024", "status": "published"},
    ],
}
for _row in LISTED["plans"]:
    _row.update(number="", version=2 if _row["status"] == "draft" else 1)
HISTORY = [
    {
        "sequence": 30,
        "type": "planpulse.plan.drafted.v1",
        "time": "2025-01-02T02:00:00+00:00",
        "actor": "vanphong@van-phong",
        "why": "",
    }
]


def shown(plan: dict[str, Any]) -> dict[str, Any]:
    return {"ok": True, "plan": plan, "history": HISTORY}


def test_the_office_sees_its_plans_and_edits_a_draft_field_by_field(services) -> None:
    fake = services(plans=LISTED, plan=shown(DRAFT), edit={"ok": True, "id": "kh-2025"})
    at = open_page(app(OFFICE).run(), T.PAGE_PLANS).run()
    assert not at.exception, at.exception
    assert at.title[0].value == T.PLANS_TITLE
    key = "plan_kh-2025_2"
    at.text_input(key=f"{key}_number").input("112/KH-STP").run()
    at.button(key=f"{key}_save").click().run()
    [(subject, body)] = fake.commands()
    assert subject == "planpulse.cmd.plan.edit"
    content = body["content"]
    assert content["number"] == "112/KH-STP"
    assert [t["id"] for t in content["tasks"]] == ["1", "2", "3", "4", "5", "6"]
    assert len(content["occasions"]) == 10 and content["occasions"][0]["starts_on"].startswith(
        "2025"
    )
    assert {p["due_on"] for p in content["reporting_periods"]} == {"2025-06-20", "2025-12-20"}
    assert T.PLAN_EVENTS["planpulse.plan.drafted.v1"] in at.dataframe[-1].value.to_string()


def test_a_plan_in_force_is_amended_only_with_a_reason(services) -> None:
    listed = {**LISTED, "plans": [{**LISTED["plans"][0], "status": "published", "version": 3}]}
    fake = services(plans=listed, plan=shown(PUBLISHED), amend={"ok": True, "id": "kh-2025"})
    at = open_page(app(OFFICE).run(), T.PAGE_PLANS).run()
    key = "plan_kh-2025_3"
    assert at.button(key=f"{key}_amend").disabled
    at.text_area(key=f"{key}_reason").input("Lùi ngày kỷ niệm").run()
    at.button(key=f"{key}_amend").click().run()
    [(subject, body)] = fake.commands()
    assert (subject, body["reason"]) == ("planpulse.cmd.plan.amend", "Lùi ngày kỷ niệm")


def test_the_editor_reads_back_what_the_tables_hold() -> None:
    content = DRAFT["content"]
    tables = plan_frames.frames(content)
    tables["targets"] = pd.DataFrame(
        [{"task_id": "2", "count": 2, "what": "tin, bài", "per": "quarter", "form": "news_article"}]
    )
    periods = tables["periods"].copy()
    periods.loc[0, "due_on"] = date(2025, 6, 10)
    tables["periods"] = periods
    key = "k"
    state = {f"{key}_original": content, f"{key}_tables": tables, f"{key}_title": " Kế hoạch "}
    state |= {f"{key}_purposes": "Một\n\n Hai ", f"{key}_issued_on": date(2025, 3, 14)}
    read = plan_frames.content_from(state, key)
    assert read["title"] == "Kế hoạch" and read["purposes"] == ["Một", "Hai"]
    assert read["issued_on"] == "2025-03-14"
    assert read["reporting_periods"][0]["due_on"] == "2025-06-10"
    task2 = next(t for t in read["tasks"] if t["id"] == "2")
    assert task2["targets"] == [
        {"count": 2, "what": "tin, bài", "per": "quarter", "form": "news_article"}
    ]
    assert plan_frames.where("content.reporting_periods.1.due_on") == f"{T.PLAN_PERIODS}, dòng 2"


def test_leadership_reads_the_plan_in_force_with_its_targets(services) -> None:
    in_force = {**copy.deepcopy(PUBLISHED), "plan_id": "kh-2024"}
    listed = {"ok": True, "plans": [{**LISTED["plans"][1]}]}
    calendar = {"ok": True, "today": "2024-05-20"}
    services(plans=listed, plan=shown(in_force), calendar=calendar)  # the fakes' targets
    at = open_page(app(LEADERSHIP).run(), T.PAGE_PLAN_READ).run()
    assert not at.exception, at.exception
    texts = [t.value for t in at.text]
    assert "Nhiệm vụ 2: tối thiểu 2 tin, bài mỗi quý — quý II/2024: 3/2" in texts
