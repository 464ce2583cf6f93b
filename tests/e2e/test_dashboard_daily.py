"""The unit's daily work in headless Chromium, against the system as `make up` starts it:
two withdrawals in a row leave the third activity untouched; a correction and a resubmission
show their new state at once; the unit's list pages through every activity (each page's
drawing time printed) and searches on the server.

PLANPULSE_E2E_ACTIVITIES sets how many activities are loaded first (default 5,000; the issue's
figure, 50,000, takes some minutes to load on a 2-core machine)."""

import os
import re
import time
from typing import Any

import pytest

from dashboard import texts_vi as T
from shared.actor import bearer
from shared.bus import request
from tests.e2e.system import System

pytest.importorskip("playwright.sync_api")
from playwright.sync_api import Browser, Page, expect  # noqa: E402

from tests.e2e.browser import (  # noqa: E402
    OFFICE,
    UNIT_OFFICER,
    load_activities,
    log_one,
    needs_chromium,
    run_apart,
    sign_in,
    signed_in_over_nats,
)

pytestmark = needs_chromium
WAIT = 15_000
LOADED = int(os.environ.get("PLANPULSE_E2E_ACTIVITIES", "5000"))
PAGE_SIZE = 50
TRIED = ("Rút thử thứ nhất", "Rút thử thứ hai", "Rút thử thứ ba")


def go(page: Page, title: str) -> None:
    page.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", level=1)).to_be_visible(timeout=WAIT)


def action(page: Page, name: str) -> None:
    page.get_by_test_id("stRadio").get_by_text(name, exact=True).click()


def chosen_title(page: Page) -> str:
    box = page.get_by_test_id("stSelectbox").filter(has_text=T.CHOOSE_ACTIVITY)
    value = box.get_by_role("combobox").input_value()
    return next(title for title in TRIED if title in value)


def withdraw_reason(page: Page) -> Any:
    return page.get_by_role("textbox", name=T.REASON, exact=True)


def withdraw_chosen(page: Page, reason: str) -> str:
    title = chosen_title(page)
    withdraw_reason(page).fill(reason)
    page.get_by_test_id("stCheckbox").filter(has_text=T.WITHDRAW_CONFIRM).click()
    button = page.get_by_role("button", name=T.WITHDRAW, exact=True)
    expect(button).to_be_enabled(timeout=WAIT)
    button.click()
    done = T.WITHDRAWN_DONE.split("{")[0].strip()  # then the date
    expect(page.get_by_text(done)).to_be_visible(timeout=WAIT)
    return title


async def unit_activities(running: System, token: str) -> dict[str, dict[str, Any]]:
    nc = await running.connect("operator")
    try:
        query = {"text": "Rút thử", "include_withdrawn": True, "unit_id": "pbgdpl"}
        reply = await request(nc, "planpulse.query.activities", query, 10, bearer(token))
    finally:
        await nc.close()
    return {item["title"]: item for item in reply["items"]}


async def return_report(running: System, token: str) -> None:
    """The Office returns the unit's report of the current period, as its review page does."""
    nc = await running.connect("operator")
    try:
        calendar = await request(nc, "planpulse.query.calendar", {}, 10, bearer(token))
        report_id = f"{calendar['current_period_id']}_pbgdpl"
        command = {"report_id": report_id, "comment": "Đề nghị bổ sung số liệu."}
        reply = await request(nc, "planpulse.cmd.report.return", command, 10, bearer(token))
        assert reply["ok"], reply
    finally:
        await nc.close()


def withdraw_twice(unit: Page, system: System, token: str) -> None:
    for title in TRIED:
        log_one(unit, title)
    go(unit, T.PAGE_MY_ACTIVITIES)
    unit.get_by_role("textbox", name=T.SEARCH, exact=True).fill("Rút thử")
    unit.keyboard.press("Enter")
    expect(unit.get_by_text(T.FOUND.format(total=3, first=1, last=3))).to_be_visible(timeout=WAIT)
    action(unit, T.WITHDRAW)
    first = withdraw_chosen(unit, "Ghi trùng lần một")
    # the next activity comes up: its reason empty, not confirmed, its button off
    expect(unit.get_by_text(T.FOUND.format(total=2, first=1, last=2))).to_be_visible(timeout=WAIT)
    expect(withdraw_reason(unit)).to_have_value("")
    box = unit.get_by_test_id("stCheckbox").filter(has_text=T.WITHDRAW_CONFIRM)
    expect(box.get_by_role("checkbox")).not_to_be_checked()
    expect(unit.get_by_role("button", name=T.WITHDRAW, exact=True)).to_be_disabled()
    second = withdraw_chosen(unit, "Ghi trùng lần hai")
    assert first != second
    stored = run_apart(unit_activities(system, token))
    [kept] = set(TRIED) - {first, second}
    assert [stored[t]["withdrawn"] for t in (first, second, kept)] == [True, True, False]
    assert stored[kept]["version"] == 1  # never touched
    print(f"withdrew {first!r} then {second!r}; {kept!r} untouched")


def correct_and_see(unit: Page, kept: str) -> None:
    action(unit, T.CORRECT)
    unit.get_by_role("textbox", name=T.TITLE, exact=True).fill(f"{kept} (đã sửa)")
    unit.get_by_role("button", name=T.SAVE_CORRECTION).click()
    expect(unit.get_by_text(T.CORRECTED.split("{")[0].strip())).to_be_visible(timeout=WAIT)
    box = unit.get_by_test_id("stSelectbox").filter(has_text=T.CHOOSE_ACTIVITY)
    # drawn with the new value in the same run: no reload, no waiting for a refresh
    expect(box.get_by_role("combobox")).to_have_value(re.compile(r"\(đã sửa\)"), timeout=2_000)


def resubmit_and_see(unit: Page, system: System, office_token: str) -> None:
    go(unit, T.PAGE_MY_REPORTS)
    unit.get_by_role("textbox", name=T.RESULTS, exact=True).fill("Tổ chức ba hoạt động.")
    unit.get_by_role("button", name=T.SUBMIT_REPORT).click()
    expect(unit.get_by_text(T.REPORT_SENT)).to_be_visible(timeout=WAIT)
    run_apart(return_report(system, office_token))
    go(unit, T.PAGE_INBOX)
    go(unit, T.PAGE_MY_REPORTS)
    returned = T.REPORT_STATE.format(status=T.REPORT_STATUSES["returned"])
    expect(unit.get_by_text(returned)).to_be_visible(timeout=WAIT)
    unit.get_by_role("textbox", name=T.RESULTS, exact=True).fill("Bổ sung số liệu theo giới.")
    unit.get_by_role("button", name=T.SUBMIT_REPORT).click()
    expect(unit.get_by_text(T.REPORT_SENT)).to_be_visible(timeout=WAIT)
    submitted = T.REPORT_STATE.format(status=T.REPORT_STATUSES["submitted"])
    expect(unit.get_by_text(submitted)).to_be_visible(timeout=2_000)  # with the message
    expect(unit.get_by_text(returned)).to_have_count(0)


def timed_page(unit: Page, first: int, total: int, turn: Any) -> float:
    last = min(first + PAGE_SIZE - 1, total)
    caption = T.FOUND.format(total=_n(total), first=_n(first), last=_n(last))
    started = time.perf_counter()
    turn()
    expect(unit.get_by_text(caption)).to_be_visible(timeout=WAIT)
    return time.perf_counter() - started


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def page_through(unit: Page, total: int) -> list[float]:
    """Next three times, then straight to the last page; each page's drawing time."""
    go(unit, T.PAGE_MY_ACTIVITIES)
    expect(unit.get_by_text(T.FOUND.format(total=_n(total), first=1, last=50))).to_be_visible(
        timeout=WAIT
    )
    forward = unit.get_by_role("button", name=T.NEXT_PAGE)
    pages = -(-total // PAGE_SIZE)
    turns = range(1, min(4, pages - 1))
    times = [timed_page(unit, 1 + n * PAGE_SIZE, total, forward.click) for n in turns]
    number = unit.get_by_role("spinbutton", name=re.compile("^Trang"))

    def to_last() -> None:
        number.fill(str(pages))
        number.press("Enter")

    times.append(timed_page(unit, (pages - 1) * PAGE_SIZE + 1, total, to_last))
    expect(forward).to_be_disabled()
    back = unit.get_by_role("button", name=T.PREVIOUS_PAGE)
    times.append(timed_page(unit, (pages - 2) * PAGE_SIZE + 1, total, back.click))
    return times


@pytest.mark.timeout(1800)
def test_a_units_daily_work_withdraw_twice_correct_resubmit_and_page(
    system: System, browser: Browser, activity: dict[str, Any]
):
    system.up()
    url = f"http://127.0.0.1:{system.dashboard_port}/"
    token = run_apart(signed_in_over_nats(system, UNIT_OFFICER))
    office_token = run_apart(signed_in_over_nats(system, OFFICE))
    loading = run_apart(load_activities(system, token, activity, LOADED))
    print(f"loaded {LOADED:,} activities of one unit through the commands in {loading:.1f} s")
    unit = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
    sign_in(unit, url, UNIT_OFFICER)

    withdraw_twice(unit, system, token)
    [kept] = [t for t, a in run_apart(unit_activities(system, token)).items() if not a["withdrawn"]]
    correct_and_see(unit, kept)
    resubmit_and_see(unit, system, office_token)

    times = page_through(unit, LOADED + 1)  # the loaded ones and the corrected one
    shown = ", ".join(f"{t:.2f}" for t in times)
    print(f"pages of the unit's {LOADED + 1:,} activities drawn in {shown} s")
    # the bar is 1 s, printed; bounded with room for a machine shared with other test runs
    assert max(times) < 5
    unit.get_by_role("textbox", name=T.SEARCH, exact=True).fill("(đã sửa)")
    unit.keyboard.press("Enter")
    expect(unit.get_by_text(T.FOUND.format(total=1, first=1, last=1))).to_be_visible(timeout=WAIT)
    system.down()
