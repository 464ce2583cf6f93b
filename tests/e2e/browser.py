"""Driving the dashboard in headless Chromium: Debian's browser through Playwright, never a
downloaded one, and the few gestures the browser tests make on Streamlit's widgets."""

import asyncio
import os
import re
import tempfile
import time
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import nats.errors
import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from dashboard import texts_vi as T
from shared.actor import bearer
from shared.bus import request
from tests.conftest import eventually
from tests.e2e.system import DEMO_PASSWORD as PASSWORD
from tests.e2e.system import System

T_ = TypeVar("T_")
CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Where the screenshots go: the README's own with PLANPULSE_SCREENSHOT_DIR=docs/screenshots;
# otherwise a temporary folder, so a test run leaves the repository as it was.
SCREENSHOTS = Path(
    os.environ.get("PLANPULSE_SCREENSHOT_DIR")
    or Path(tempfile.gettempdir()) / "planpulse-screenshots"
)
UNIT_OFFICER, OFFICE = "canbo-pbgdpl", "vanphong"  # demo accounts `planpulse up` makes
needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="no /usr/bin/chromium (apt-get install chromium; CI does)"
)


def save(page: Page, name: str) -> None:
    """A screenshot of the whole page (the README's, when PLANPULSE_SCREENSHOT_DIR is
    docs/screenshots). Streamlit scrolls inside its own container, so the window is made as
    tall as the page for the picture, then given back its size."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    for _ in range(3):  # charts fit themselves to the new size: measure again
        tall = page.evaluate(
            "Math.max(...['stMain', 'stAppViewContainer', 'stMainBlockContainer']"
            ".map(id => document.querySelector(`[data-testid=${id}]`)?.scrollHeight ?? 0))"
        )
        if not size or tall <= (page.viewport_size or size)["height"]:
            break
        page.set_viewport_size({"width": size["width"], "height": min(tall + 40, 16_000)})
        page.wait_for_timeout(700)
    path = SCREENSHOTS / name
    page.screenshot(path=str(path), full_page=True)
    if size:
        page.set_viewport_size(size)
    with Image.open(path) as taken:  # 256 colours: a page's picture at a fifth of the bytes
        small = taken.convert("RGB").quantize(256)
    small.save(path, optimize=True)


def run_apart(work: Coroutine[Any, Any, T_]) -> T_:
    """Run a coroutine on a loop of its own: Playwright's sync API holds this thread's loop."""
    with ThreadPoolExecutor(1) as worker:
        return worker.submit(asyncio.run, work).result()


async def signed_in_over_nats(running: System, user_id: str) -> str:
    """A demo account's token, got as the dashboard gets it (the services may still start)."""
    nc = await running.connect("operator")
    login = {"user_id": user_id, "password": PASSWORD}
    replies = []

    async def answered() -> bool:
        try:
            replies.append(await request(nc, "planpulse.cmd.session.open", login, 2))
        except nats.errors.Error:
            return False
        return True

    try:
        await eventually(answered, timeout=60, every=0.5)
    finally:
        await nc.close()
    assert replies[-1]["ok"], replies[-1]
    return str(replies[-1]["token"])


async def load_activities(
    running: System, token: str, activity: dict[str, Any], count: int, in_flight: int = 64
) -> float:
    """Log `count` copies of `activity` through the commands, `in_flight` at a time, and wait
    until the read models count them; the seconds the commands took."""
    nc = await running.connect("operator")
    headers = bearer(token)
    slots = asyncio.Semaphore(in_flight)
    started = time.perf_counter()

    async def one(_: int) -> None:
        async with slots:
            reply = await request(nc, "planpulse.cmd.activity.log", activity, 30, headers)
            assert reply["ok"], reply

    try:
        before = await request(nc, "planpulse.query.progress", {}, 10, headers)
        await asyncio.gather(*(one(n) for n in range(count)))
        elapsed = time.perf_counter() - started
        wanted = before["totals"]["activities"] + count

        async def projected() -> bool:
            reply = await request(nc, "planpulse.query.progress", {}, 10, headers)
            return bool(reply.get("ok") and reply["totals"]["activities"] >= wanted)

        await eventually(projected, timeout=600, every=0.5)
        return elapsed
    finally:
        await nc.close()


def sign_in(page: Page, url: str, user_id: str) -> float:
    """Sign in as a demo account; when the sign-in button was clicked (perf_counter)."""
    page.goto(url)
    page.get_by_role("textbox", name=T.USER_ID, exact=True).fill(user_id)
    page.get_by_role("textbox", name=T.PASSWORD, exact=True).fill(PASSWORD)
    started = time.perf_counter()
    page.get_by_role("button", name=T.SIGN_IN).click()
    expect(page.get_by_role("button", name=T.SIGN_OUT)).to_be_visible(timeout=30_000)
    return started


def activities_metric(page: Page) -> Any:
    metric = page.get_by_test_id("stMetric").filter(has_text=T.ACTIVITIES).first
    return metric.get_by_test_id("stMetricValue")


def choose(page: Page, label: str, option: str = "") -> None:
    """Open a select box by its label and pick the first option holding `option`, with the
    keyboard: typing filters the list, Enter takes the highlighted option. (Clicking the option
    itself failed now and then: the list was drawn again under the pointer.) On a phone the box
    takes no typing: the option is tapped."""
    box = page.get_by_test_id("stSelectbox").filter(has=page.get_by_text(label, exact=True))
    field = box.get_by_role("combobox")
    field.click()
    choice = page.get_by_role("option").filter(has_text=option).first
    if field.get_attribute("readonly") is not None:  # a phone: no typing, the option is tapped
        try:
            expect(choice).to_be_visible(timeout=3_000)
        except AssertionError:  # the tap only focused it (the list of the last box closing)
            field.press("ArrowDown")
            expect(choice).to_be_visible(timeout=15_000)
        choice.click()
        expect(field).to_have_value(re.compile(re.escape(option)), timeout=5_000)
        return
    if option:
        field.press_sequentially(option)
    try:
        expect(choice).to_be_visible(timeout=3_000)
    except AssertionError:  # seen with several contexts open: the click only focused it
        field.press("ArrowDown")
        expect(choice).to_be_visible(timeout=15_000)
    field.press("Enter")
    if option:  # the box shows what was picked
        expect(field).to_have_value(re.compile(re.escape(option)), timeout=5_000)


def log_one(page: Page, title: str, screenshot: str | None = None) -> None:
    expect(page.get_by_role("heading", name=T.LOG_TITLE)).to_be_visible(timeout=30_000)
    choose(page, T.TASK, "5.")
    choose(page, T.FORM, "Hội nghị")
    page.get_by_role("textbox", name=T.TITLE, exact=True).fill(title)
    page.get_by_role("spinbutton", name=T.MEN, exact=True).fill("7")
    page.get_by_role("spinbutton", name=T.WOMEN, exact=True).fill("9")
    if screenshot:
        save(page, screenshot)
    page.get_by_role("button", name=T.SUBMIT).click()
    confirmed = T.LOGGED.split("{", 1)[0]  # "Đã ghi nhận hoạt động ngày ", then the date
    expect(page.get_by_text(confirmed)).to_be_visible(timeout=15_000)
