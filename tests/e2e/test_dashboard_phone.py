"""The dashboard on a phone (390 × 844, headless Chromium, a phone's user agent and touch),
against the system as `make up` starts it: a unit officer logs an activity and finds it in the
unit's list; the Office reads the overview, its charts one under another and wide enough to
hold their bars. Every request the pages make goes to the dashboard's own server (no font or
icon from an outside host). Screenshots: log form and overview at 390 px (see browser.save)."""

from typing import Any
from urllib.parse import urlparse

import pytest

from dashboard import texts_vi as T
from tests.e2e.system import System

pytest.importorskip("playwright.sync_api")
from playwright.sync_api import Browser, Page, expect  # noqa: E402

from tests.e2e.browser import (  # noqa: E402
    OFFICE,
    UNIT_OFFICER,
    log_one,
    needs_chromium,
    run_apart,
    save,
    sign_in,
    signed_in_over_nats,
)

pytestmark = needs_chromium
WAIT = 15_000
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "user_agent": (
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/120.0.0.0 Mobile Safari/537.36"
    ),
}


def phone(browser: Browser, hosts: set[str]) -> Page:
    page = browser.new_context(**PHONE).new_page()
    page.on("request", lambda request: hosts.add(urlparse(request.url).netloc))
    return page


def open_menu(page: Page, title: str) -> None:
    """On a phone the sidebar is folded away: open it, follow the link (it folds again)."""
    page.get_by_test_id("stExpandSidebarButton").click()
    page.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", level=1)).to_be_visible(timeout=WAIT)


def fits(page: Page, test_id: str) -> list[dict[str, Any]]:
    """Each element's box: inside the 390 px screen, not beside another one."""
    boxes = [b for b in (e.bounding_box() for e in page.get_by_test_id(test_id).all()) if b]
    for box in boxes:
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390 + 1, box
    return boxes


@pytest.mark.timeout(600)
def test_a_phone_logs_and_lists_activities_and_reads_the_overview(system: System, browser: Browser):
    system.up()
    url = f"http://127.0.0.1:{system.dashboard_port}/"
    run_apart(signed_in_over_nats(system, UNIT_OFFICER))  # the services are up
    hosts: set[str] = set()

    unit = phone(browser, hosts)
    sign_in(unit, url, UNIT_OFFICER)
    expect(unit.get_by_test_id("stSidebar")).not_to_be_in_viewport()  # not over the form
    log_one(unit, "Tọa đàm trên điện thoại", "phone-log-form.png")
    fits(unit, "stTextInput")
    open_menu(unit, T.PAGE_MY_ACTIVITIES)
    expect(unit.get_by_text("Tọa đàm trên điện thoại").first).to_be_attached(timeout=WAIT)
    expect(unit.get_by_test_id("stSidebar")).not_to_be_in_viewport()
    fits(unit, "stDataFrame")
    save(unit, "phone-unit-list.png")

    office = phone(browser, hosts)
    sign_in(office, url, OFFICE)
    expect(office.get_by_role("heading", name=T.FEED)).to_be_visible(timeout=30_000)
    save(office, "phone-overview.png")
    charts = fits(office, "stVegaLiteChart")
    assert len(charts) >= 5
    # one under another, each nearly the screen's width: room for bars beside the labels
    assert all(chart["width"] > 300 for chart in charts)
    assert sorted(c["y"] for c in charts) == [c["y"] for c in charts]

    assert hosts == {f"127.0.0.1:{system.dashboard_port}"}, hosts
    system.down()
