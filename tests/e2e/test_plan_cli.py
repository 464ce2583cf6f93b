"""`planpulse plan …` against the running system, as an operator scripts next year's plan:
clone this year's, read it as JSON, publish it, see it in force."""

import json
from datetime import date
from typing import Any

import pytest

from tests.conftest import eventually
from tests.e2e.system import System, department_today

LIVE = pytest.mark.parametrize("system", [True], indirect=True)


def plan_year(today: date) -> int:
    """The year of the plan whose window holds today (15/12 opens the next year's)."""
    return today.year + 1 if (today.month, today.day) >= (12, 15) else today.year


def _line_of(listing: str, plan_id: str) -> str:
    return next((line for line in listing.splitlines() if line.startswith(plan_id + " ")), "")


def check_plan_json(plan: dict[str, Any], year: int) -> None:
    """The documented shape of `planpulse plan show ID --json`."""
    assert isinstance(plan["number"], str)
    assert plan["issued_on"] is None or date.fromisoformat(plan["issued_on"])
    assert isinstance(plan["basis"], list) and all(isinstance(b, str) for b in plan["basis"])
    assert isinstance(plan["title"], str) and str(year) in plan["title"]
    assert plan["purposes"] and all(isinstance(p, str) for p in plan["purposes"])
    assert plan["tasks"]
    for task in plan["tasks"]:
        assert {"id", "title", "timing", "targets"} <= set(task), task
    assert plan["occasions"]
    for occasion in plan["occasions"]:
        assert {"title", "kind", "start", "end"} <= set(occasion), occasion
        assert occasion["kind"] in ("day", "period")
        start, end = date.fromisoformat(occasion["start"]), date.fromisoformat(occasion["end"])
        assert start <= end and start.year == year, occasion
    kinds = {period["kind"] for period in plan["periods"]}
    assert kinds == {"six_month", "annual"}, plan["periods"]
    for period in plan["periods"]:
        start, end = date.fromisoformat(period["start"]), date.fromisoformat(period["end"])
        assert start < end <= date.fromisoformat(period["due"]) and end.year == year, period
    assert isinstance(plan["recipients"], list) and plan["recipients"]
    assert plan["signer"]["title"] and plan["signer"]["name"]
    assert plan["status"] == "draft"


@LIVE
async def test_plan_cli_clones_shows_and_publishes_next_years_plan(system: System):
    system.up()
    year = plan_year(department_today())
    current, following = f"kh-{year}", f"kh-{year + 1}"
    listed: dict[str, str] = {}

    async def in_force() -> bool:
        listed["text"] = system.planpulse("plan", "list").stdout
        return "đang áp dụng" in _line_of(listed["text"], current)

    await eventually(in_force, timeout=30, every=0.5)
    print(listed["text"])

    cloned = system.planpulse("plan", "clone", current, "--year", str(year + 1))
    assert cloned.returncode == 0, cloned.stdout + cloned.stderr
    assert cloned.stdout.splitlines()[0] == following

    shown = system.planpulse("plan", "show", following, "--json")
    assert shown.returncode == 0, shown.stdout + shown.stderr
    plan = json.loads(shown.stdout)
    check_plan_json(plan, year + 1)
    assert "dự thảo" in _line_of(system.planpulse("plan", "list").stdout, following)

    published = system.planpulse("plan", "publish", following)
    assert published.returncode == 0, published.stdout + published.stderr
    listing = system.planpulse("plan", "list").stdout
    print(listing)
    assert "đang áp dụng" in _line_of(listing, following)
    assert "đang áp dụng" in _line_of(listing, current)  # this year's stays in force
    system.down()
