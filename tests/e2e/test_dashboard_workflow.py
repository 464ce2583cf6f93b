"""A unit's and the Office's work through the dashboard in headless Chromium, against the system
as `make up` starts it: log, correct, withdraw and read the history of an activity; submit the
unit's report; the Office returns it with a comment, the unit sees it and sends it again, the
Office accepts it, compiles the consolidated report and downloads it; the administrator creates
and disables an account."""

from pathlib import Path

import pytest

from dashboard import texts_vi as T
from tests.e2e.system import System

pytest.importorskip("playwright.sync_api")
from playwright.sync_api import Browser, Page, expect  # noqa: E402

from tests.e2e.browser import (  # noqa: E402
    OFFICE,
    UNIT_OFFICER,
    choose,
    log_one,
    needs_chromium,
    run_apart,
    sign_in,
    signed_in_over_nats,
)

pytestmark = needs_chromium
WAIT = 15_000  # ms: one service round trip and a redraw, generously


def go(page: Page, title: str) -> None:
    page.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", level=1)).to_be_visible(timeout=WAIT)


def done(page: Page, text: str) -> None:
    """The page says what was done: `text` up to its first blank to fill ("{day}", "{unit}")."""
    expect(page.get_by_text(text.split("{")[0]).first).to_be_visible(timeout=WAIT)


def history_rows(page: Page, count: int) -> None:
    page.get_by_test_id("stRadio").get_by_text(T.HISTORY, exact=True).click()
    table = page.get_by_test_id("stDataFrame").last
    logged = T.EVENT_NAMES["planpulse.activity.logged.v1"]
    expect(table.get_by_text(logged)).to_be_attached(timeout=WAIT)  # a grid: cells not "visible"
    if count == 3:
        withdrawn = T.EVENT_NAMES["planpulse.activity.withdrawn.v1"]
        expect(table.get_by_text(withdrawn)).to_be_attached(timeout=WAIT)


def unit_activity(unit: Page) -> None:
    log_one(unit, "Hội thảo về trợ giúp pháp lý cho nạn nhân")
    go(unit, T.PAGE_MY_ACTIVITIES)
    expect(unit.get_by_text("Hội thảo về trợ giúp pháp lý").first).to_be_attached(timeout=WAIT)
    unit.get_by_role("spinbutton", name=T.WOMEN, exact=True).fill("12")
    unit.get_by_role("textbox", name=T.REASON, exact=True).first.fill("Thiếu ba người")
    unit.get_by_role("button", name=T.SAVE_CORRECTION).click()
    done(unit, T.CORRECTED)
    history_rows(unit, 2)
    unit.get_by_test_id("stRadio").get_by_text(T.WITHDRAW, exact=True).click()
    unit.get_by_test_id("stCheckbox").filter(has_text=T.WITHDRAW_CONFIRM).click()
    withdraw = unit.get_by_role("button", name=T.WITHDRAW, exact=True)
    expect(withdraw).to_be_enabled(timeout=WAIT)
    withdraw.click()
    done(unit, T.WITHDRAWN_DONE)
    unit.get_by_test_id("stCheckbox").filter(has_text=T.SHOW_WITHDRAWN).click()
    history_rows(unit, 3)


def submit_report(unit: Page, results: str) -> None:
    go(unit, T.PAGE_MY_REPORTS)
    unit.get_by_role("textbox", name=T.RESULTS, exact=True).fill(results)
    unit.get_by_role("button", name=T.SUBMIT_REPORT).click()
    done(unit, T.REPORT_SENT)


def in_inbox(unit: Page, text: str) -> None:
    """Open the inbox until `text` is there: a notice goes out on the notifications service's
    next pass (every 5 s), and the page shows what was there when it was drawn."""
    for _ in range(4):
        go(unit, T.PAGE_INBOX)
        try:
            expect(unit.get_by_text(text, exact=False).first).to_be_visible(timeout=5_000)
            return
        except AssertionError:
            continue
    expect(unit.get_by_text(text, exact=False).first).to_be_visible(timeout=WAIT)


def review(office: Page, verb: str, comment: str) -> None:
    go(office, T.PAGE_REVIEW)
    office.get_by_role("textbox", name=T.COMMENT, exact=True).fill(comment)
    office.get_by_role("button", name=verb, exact=True).click()
    done(office, T.RETURNED_DONE if verb == T.RETURN else T.ACCEPTED_DONE)


def create_account(admin: Page, password: str) -> None:
    choose(admin, T.UNIT)  # the first unit: the plan file's own spelling
    admin.get_by_role("textbox", name=T.USER_ID, exact=True).fill("canbo-moi")
    admin.get_by_role("textbox", name=T.FULL_NAME, exact=True).fill("Cán bộ mới")
    form = admin.get_by_test_id("stForm")  # the page has a second password box: a reset
    form.get_by_role("textbox", name=T.PASSWORD, exact=True).fill(password)
    admin.get_by_role("button", name=T.CREATE, exact=True).click()


@pytest.mark.timeout(300)
def test_units_and_the_office_do_their_work_through_the_dashboard(
    system: System, browser: Browser, tmp_path: Path
):
    system.up()
    url = f"http://127.0.0.1:{system.dashboard_port}/"
    run_apart(signed_in_over_nats(system, UNIT_OFFICER))  # the services are up
    unit = browser.new_context().new_page()
    office = browser.new_context(accept_downloads=True).new_page()
    sign_in(unit, url, UNIT_OFFICER)
    sign_in(office, url, OFFICE)

    unit_activity(unit)
    submit_report(unit, "Tổ chức một hội thảo về trợ giúp pháp lý.")
    review(office, T.RETURN, "Đề nghị bổ sung số liệu theo giới tính.")
    go(unit, T.PAGE_MY_ACTIVITIES)  # come back to the reports page: drawn afresh
    go(unit, T.PAGE_MY_REPORTS)
    returned = T.RETURNED_COMMENT.format(comment="Đề nghị bổ sung số liệu theo giới tính.")
    expect(unit.get_by_text(returned)).to_be_visible(timeout=WAIT)
    submit_report(unit, "Tổ chức một hội thảo: 7 nam, 12 nữ tham dự.")
    review(office, T.ACCEPT, "Đồng ý.")

    go(office, T.PAGE_DOCUMENTS)
    office.get_by_role("button", name=T.COMPILE).click()
    expect(office.get_by_test_id("stDownloadButton").first).to_be_visible(timeout=60_000)
    with office.expect_download() as downloading:
        office.get_by_test_id("stDownloadButton").first.click()
    saved = tmp_path / downloading.value.suggested_filename
    downloading.value.save_as(saved)
    assert saved.suffix == ".docx" and saved.read_bytes()[:2] == b"PK"  # a zip: a .docx

    # the return, with the Office's comment, and the acceptance are in the unit's inbox
    in_inbox(unit, "Ý kiến của Văn phòng Sở: «Đề nghị bổ sung số liệu theo giới tính.»")
    in_inbox(unit, "Văn phòng Sở đã tiếp nhận")  # its own notice: maybe on a later pass
    expect(unit.get_by_text(T.UNREAD.format(count=2)).first).to_be_visible(timeout=WAIT)
    go(office, T.PAGE_FAILED)
    expect(office.get_by_text(T.NO_FAILURES)).to_have_count(2, timeout=WAIT)
    expect(office.get_by_text(T.SELF_HEALING)).to_have_count(0)

    admin = browser.new_context().new_page()
    sign_in(admin, url, "quantri")
    # the whole page drawn (its last widget) before the form is used
    expect(admin.get_by_role("button", name=T.DISABLE)).to_be_visible(timeout=WAIT)
    create_account(admin, "ngan")  # too short a password: refused, the form kept
    expect(admin.get_by_test_id("stAlert").filter(has_text=T.NOT_DONE).first).to_be_visible(
        timeout=WAIT
    )
    expect(admin.get_by_role("textbox", name=T.FULL_NAME, exact=True)).to_have_value("Cán bộ mới")
    create_account(admin, "mat-khau-du-dai")
    done(admin, T.ACCOUNT_CREATED.format(user_id="canbo-moi"))
    expect(admin.get_by_text("canbo-moi", exact=True).first).to_be_attached(timeout=WAIT)
