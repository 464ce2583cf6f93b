"""A fresh `make up` is live today: this year's plan, cloned at start, gives the calendar an
occasion or a deadline with its countdown; `planpulse demo` then fills the overview, and a
second run adds nothing."""

import json
import re
import time
from datetime import date
from typing import Any

import pytest
from nats.aio.client import Client

from planpulse_cli.demo_data import DEMO_NOTE, DEMO_PREFIX
from shared.bus import request
from shared.subjects import STREAM
from tests.conftest import eventually
from tests.e2e.system import System, department_today, sign_in

LIVE = pytest.mark.parametrize("system", [True], indirect=True)  # as `make up` starts it


def _days(day: str, today: date) -> int:
    return (date.fromisoformat(day) - today).days


async def _current_plan(nc: Client, auth: dict[str, str], today: date) -> dict[str, Any] | None:
    catalog = await request(nc, "planpulse.query.catalog", {}, headers=auth)
    holding = [
        p
        for p in catalog.get("plans", [])
        if p["status"] == "published" and p["starts_on"] <= today.isoformat() <= p["ends_on"]
    ]
    return holding[0] if holding else None


def check_live_calendar(calendar: dict[str, Any], last_due: str) -> None:
    """True on any day of any year: something under way or ahead, each with its days to go."""
    today = date.fromisoformat(calendar["today"])
    under_way, occasion, deadline = (
        calendar["under_way"],
        calendar["next_occasion"],
        calendar["next_deadline"],
    )
    assert under_way or occasion or deadline, calendar
    for item in under_way:
        assert item["starts_on"] <= calendar["today"] <= item["ends_on"], item
    if occasion is not None:
        assert occasion["days"] == _days(occasion["starts_on"], today) > 0, occasion
    # this year's plan's annual report falls due after its window ends: always ahead
    assert deadline is not None, calendar
    assert deadline["days"] == _days(deadline["due_on"], today) >= 0, deadline
    assert deadline["due_on"] <= last_due, (deadline, last_due)


def parse_demo(text: str) -> dict[str, Any]:
    """The figures `planpulse demo` printed for a person."""
    added = re.search(r"Đã thêm (\d+) hoạt động minh họa", text)
    people = re.search(r"Người tham dự: [\d.]+ \(nam ([\d.]+), nữ ([\d.]+)\)", text)
    reports = re.search(r"(\d+) đơn vị gửi; Văn phòng Sở tiếp nhận (\d+), trả lại (\d+)", text)
    assert added and people and reports, text
    return {
        "added": int(added[1]),
        "by_unit": {m[1]: int(m[2]) for m in re.finditer(r"^  (\S+) .*?(\d+)$", text, re.M)},
        "men": int(people[1].replace(".", "")),
        "women": int(people[2].replace(".", "")),
        "reports": [int(n) for n in reports.groups()],
    }


@LIVE
async def test_make_up_is_live_today_and_demo_fills_the_overview(system: System):
    before = department_today()
    system.up()
    assert any("planpulse demo" in line for line in system.printed), system.printed
    nc = await system.connect("dashboard")
    try:
        office = await sign_in(nc, "vanphong")
        found: dict[str, Any] = {}

        async def plan_in_force() -> bool:
            found["plan"] = await _current_plan(nc, office, department_today())
            return found["plan"] is not None

        await eventually(plan_in_force, timeout=30, every=0.2)
        plan = found["plan"]
        catalog = await request(nc, "planpulse.query.catalog", {}, headers=office)
        own = [p for p in catalog["periods"] if p["plan_id"] == plan["plan_id"]]
        last_due = max(p["due_on"] for p in own)
        [six_month] = [p["period_id"] for p in own if p["kind"] == "six_month"]
        calendar = await request(nc, "planpulse.query.calendar", {}, headers=office)
        print("calendar today:", json.dumps(calendar, ensure_ascii=False))
        assert before <= date.fromisoformat(calendar["today"]) <= department_today()
        check_live_calendar(calendar, last_due)
        # `up` said the same on the terminal, before the dashboard's address
        printed = "".join(system.printed)
        due = calendar["next_deadline"]
        due_on = date.fromisoformat(due["due_on"]).strftime("%d/%m/%Y")
        assert f"Hạn nộp báo cáo gần nhất: {due['name']}, ngày {due_on}, còn" in printed, printed

        started = time.monotonic()
        first = system.planpulse("demo")
        took = time.monotonic() - started
        print(first.stdout, f"(demo took {took:.1f} s)")
        assert first.returncode == 0, first.stdout + first.stderr
        assert DEMO_NOTE in first.stdout and took < 60
        said = parse_demo(first.stdout)
        assert said["added"] == 300 == sum(said["by_unit"].values())
        assert len(said["by_unit"]) >= 5 and said["men"] > 0 and said["women"] > 0
        submitted, accepted, returned = said["reports"]
        assert submitted >= 3 and accepted >= 1 and returned >= 1

        overview = await _overview(nc, office, plan["plan_id"], said["added"])
        totals = overview["totals"]
        assert (totals["activities"], totals["men"], totals["women"]) == (
            said["added"],
            said["men"],
            said["women"],
        )
        by_unit = {row["unit_id"]: row["activities"] for row in overview["by_unit"]}
        assert {u: n for u, n in by_unit.items() if n} == said["by_unit"]
        assert sum(1 for row in overview["by_task"] if row["activities"]) >= 4
        await _all_marked_and_in_the_past(nc, office, plan, said["added"])
        await _reports_as_said(nc, office, six_month, said["reports"])

        # a second run adds nothing: no activity, no report
        again = system.planpulse("demo", "--json")
        assert again.returncode == 0, again.stdout + again.stderr
        second = json.loads(again.stdout)
        assert (second["added"], second["existing"], second["reports"]) == (0, 300, {})
        await _caught_up(system, nc, office, plan["plan_id"])
        after = await request(
            nc, "planpulse.query.progress", {"plan_id": plan["plan_id"]}, headers=office
        )
        assert after["totals"] == totals
    finally:
        await nc.close()
    system.down()


async def _overview(nc: Client, auth: dict[str, str], plan_id: str, count: int) -> dict[str, Any]:
    seen: dict[str, Any] = {}

    async def counted() -> bool:
        seen.update(
            await request(nc, "planpulse.query.progress", {"plan_id": plan_id}, headers=auth)
        )
        return bool(seen["totals"]["activities"] == count)

    await eventually(counted, timeout=30, every=0.2)
    return seen


async def _all_marked_and_in_the_past(
    nc: Client, auth: dict[str, str], plan: dict[str, Any], count: int
) -> None:
    items: list[dict[str, Any]] = []
    for page in (1, 2):
        body = {"plan_id": plan["plan_id"], "page": page, "page_size": 200}
        items += (await request(nc, "planpulse.query.activities", body, headers=auth))["items"]
    assert len(items) == count
    assert all(item["activity_id"].startswith(DEMO_PREFIX) for item in items)
    assert all(item["note"] == DEMO_NOTE for item in items)
    today = department_today().isoformat()
    assert all(plan["starts_on"] <= item["date"] <= today for item in items)
    assert len({item["form"] for item in items}) >= 6
    days_so_far = (department_today() - date.fromisoformat(plan["starts_on"])).days + 1
    assert len({item["date"] for item in items}) >= min(20, days_so_far)


async def _reports_as_said(
    nc: Client, auth: dict[str, str], six_month: str, said: list[int]
) -> None:
    submitted, accepted, returned = said
    states: list[str] = []

    async def as_said() -> bool:
        body = {"period_id": six_month}
        status = await request(nc, "planpulse.query.report_status", body, headers=auth)
        states[:] = [row["status"] for row in status["units"]]
        return (
            states.count("accepted") == accepted
            and states.count("returned") == returned
            and len(states) - states.count("missing") == submitted
        )

    try:
        await eventually(as_said, timeout=20, every=0.2)
    except AssertionError:
        raise AssertionError(f"report statuses {states}, demo said {said}") from None


async def _caught_up(system: System, nc: Client, auth: dict[str, str], plan_id: str) -> None:
    operator = await system.connect("operator")
    try:
        last = (await operator.jetstream().stream_info(STREAM)).state.last_seq
    finally:
        await operator.close()

    async def reflected() -> bool:
        body = {"plan_id": plan_id}
        return bool(
            (await request(nc, "planpulse.query.progress", body, headers=auth))["position"] >= last
        )

    await eventually(reflected, timeout=30, every=0.2)
