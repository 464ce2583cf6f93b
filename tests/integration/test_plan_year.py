"""A new year run without a developer, on the real services: the Office clones 2024 into 2025,
gives it its own number and date and a due date of its choosing, publishes it; a unit logs
against it; the 2025 consolidated report names the 2025 plan, its number and its date."""

import io
from collections.abc import AsyncIterator
from datetime import date

import pytest
from docx import Document

from services.campaigns.app import build as build_campaigns
from services.reporting.app import build as build_reporting
from services.reporting.compile import BUCKET
from shared.actor import Actor
from shared.settings import Settings
from shared.subjects import STREAM
from tests.conftest import OFFICE, Asker, ManualClock, eventually

OFFICER = Actor(user_id="cb-tgpl", unit_id="tgpl", role="unit_officer")


@pytest.fixture
async def clock(settings: Settings) -> AsyncIterator[ManualClock]:
    manual = ManualClock(date(2025, 3, 20))
    quiet = settings.model_copy(update={"clock_tick_seconds": 3600})
    apps = [build_campaigns(quiet, manual), build_reporting(quiet, manual)]
    for app in apps:
        await app.start()
    yield manual
    for app in apps:
        await app.stop()


async def test_the_2025_plan_is_cloned_numbered_published_and_named_by_its_report(
    ask: Asker, clock: ManualClock
) -> None:
    made = await ask("planpulse.cmd.plan.create", {"year": 2025, "clone_from": "kh-2024"}, OFFICE)
    assert made["ok"] and made["id"] == "kh-2025", made
    shown = await ask("planpulse.query.plan", {"plan_id": "kh-2025"}, as_=OFFICE)
    content = shown["plan"]["content"]
    content.update(number="112/KH-STP", issued_on="2025-03-14", province="Tây Ninh")
    six_month = content["reporting_periods"][0]
    assert (six_month["id"], six_month["due_on"]) == ("2025-6-thang", "2025-06-20")
    six_month["due_on"] = "2025-06-10"  # the Office's own deadline
    task = next(t for t in content["tasks"] if t["id"] == "3")
    task["targets"] = [{"count": 1, "what": "buổi tư vấn", "per": "quarter", "form": "legal_aid"}]
    edited = await ask(
        "planpulse.cmd.plan.edit", {"plan_id": "kh-2025", "content": content}, as_=OFFICE
    )
    assert edited["ok"], edited
    published = await ask("planpulse.cmd.plan.publish", {"plan_id": "kh-2025"}, as_=OFFICE)
    assert published["ok"], published
    # a unit logs without naming a plan: the date says which
    logged = await ask(
        "planpulse.cmd.activity.log",
        {
            "unit_id": "tgpl",
            "task_id": "3",
            "date": "2025-03-08",
            "title": "Tư vấn pháp luật nhân Ngày Quốc tế Phụ nữ",
            "form": "legal_aid",
            "occasion_id": "2025-quoc-te-phu-nu",
            "participants": {"men": 3, "women": 9},
        },
        as_=OFFICER,
    )
    assert logged["ok"], logged
    last = (await ask.nc.jetstream().stream_info(STREAM)).state.last_seq

    async def caught_up() -> bool:
        return (await ask("planpulse.query.progress", {}))["position"] >= last

    await eventually(caught_up)
    progress = await ask("planpulse.query.progress", {"plan_id": "kh-2025"})
    assert progress["totals"]["activities"] == 1
    calendar = await ask("planpulse.query.calendar", {})
    assert calendar["next_deadline"]["due_on"] == "2025-06-10"
    compiled = await ask(
        "planpulse.cmd.consolidated.compile", {"period_id": "2025-6-thang"}, as_=OFFICE
    )
    assert compiled["ok"], compiled
    [docx] = [f for f in compiled["files"] if f["name"].endswith(".docx")]
    data = (await (await ask.nc.jetstream().object_store(BUCKET)).get(docx["object"])).data
    text = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    tables = "\n".join(
        c.text for t in Document(io.BytesIO(data)).tables for r in t.rows for c in r.cells
    )
    assert "Kế hoạch số 112/KH-STP ngày 14/03/2025" in text
    assert "năm 2025" in text and "năm 2024" not in text
    assert "UBND TỈNH TÂY NINH" in (text + tables).upper()
    # the target the Office set, and how the quarter went (the report counts up to 20/03)
    quarters = "quý I/2025: 1/1, đạt; quý II/2025: 0/1, đang thực hiện"
    assert f"Chỉ tiêu: tối thiểu 01 buổi tư vấn mỗi quý — {quarters}." in text
    targets = await ask("planpulse.query.targets", {"plan_id": "kh-2025"})
    [row] = targets["targets"]
    assert [(w["window"], w["done"], w["current"]) for w in row["windows"]] == [
        ("quý I/2025", 1, False),
        ("quý II/2025", 0, True),
    ]
