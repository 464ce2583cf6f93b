"""Sign-in, what each role sees, and the pages beyond logging and the overview, in AppTest."""

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import navigation
from dashboard import texts_vi as T
from tests.unit.dashboard_fakes import (
    ADMIN,
    EXPIRED,
    LEADERSHIP,
    OFFICE,
    UNIT_OFFICER,
    app,
    right_after,
)

ACCOUNT = {
    "user_id": "canbo.pbgdpl",
    "name": "Cán bộ PBGDPL",
    "role": "unit_officer",
    "unit_id": "pbgdpl",
    "email": None,
}
OPENED = {"ok": True, "token": "t1", "expires_at": "2099-01-01T00:00:00Z", "account": ACCOUNT}
UNAUTHENTICATED = {
    "ok": False,
    "error": {"code": "unauthenticated", "message": "Phiên không hợp lệ.", "fields": {}},
}


def pages_seen(at: AppTest) -> list[str]:
    """The pages st.navigation offered on the last run (AppTest keeps them, unexposed)."""
    return [page["page_name"] for page in at._registered_pages.values()]


def open_page(at: AppTest, title: str) -> AppTest:
    """Choose a page of st.navigation as its link would (AppTest knows pages by their hash)."""
    at._page_hash = next(h for h, p in at._registered_pages.items() if p["page_name"] == title)
    return at


def sidebar_text(at: AppTest) -> list[str]:
    return [e.value for e in at.sidebar if e.type in ("markdown", "caption")]


def test_signed_out_the_app_offers_only_sign_in_and_an_empty_form_shows_errors_beside_fields(
    services,
):
    fake = services()
    at = app(session=None).run()
    assert pages_seen(at) == [T.SIGN_IN]
    assert at.title[0].value == T.SIGN_IN_TITLE
    at.button(key="sign_in_submit").click().run()
    assert not at.exception
    assert right_after(at, "sign_in_user").value == T.REQUIRED.format(field="tên đăng nhập")
    assert right_after(at, "sign_in_password").value == T.REQUIRED.format(field="mật khẩu")
    assert fake.sent == []


def test_signing_in_keeps_the_session_and_shows_who_where_and_the_unread_count(services):
    fake = services(open=OPENED)
    at = app(session=None).run()
    at.text_input(key="sign_in_user").set_value("canbo.pbgdpl")
    at.text_input(key="sign_in_password").set_value("planpulse-demo")
    at.button(key="sign_in_submit").click().run()

    assert not at.exception
    assert fake.sent[0] == (
        "planpulse.cmd.session.open",
        {"user_id": "canbo.pbgdpl", "password": "planpulse-demo"},
    )
    assert at.session_state["session"]["token"] == "t1"
    assert at.title[0].value == T.LOG_TITLE
    assert sidebar_text(at) == [
        "**Cán bộ PBGDPL** (canbo.pbgdpl)",
        T.ROLES["unit_officer"],
        "Phòng PBGDPL",
        T.UNREAD.format(count=1),
    ]
    assert "sign_in_password" not in at.session_state  # the password is not kept


def test_a_refused_sign_in_shows_the_services_message_and_stays_on_sign_in(services):
    refusal = {
        "ok": False,
        "error": {"code": "invalid_credentials", "message": "Sai tên đăng nhập hoặc mật khẩu."},
    }
    services(open=refusal)
    at = app(session=None).run()
    at.text_input(key="sign_in_user").set_value("canbo.pbgdpl")
    at.text_input(key="sign_in_password").set_value("sai")
    at.button(key="sign_in_submit").click().run()
    assert [e.value for e in at.error] == [f"{T.NOT_DONE} Sai tên đăng nhập hoặc mật khẩu."]
    assert "session" not in at.session_state
    assert pages_seen(at) == [T.SIGN_IN]


@pytest.mark.parametrize(
    ("session", "expected"),
    [
        (
            UNIT_OFFICER,
            [T.PAGE_LOG, T.PAGE_MY_ACTIVITIES, T.PAGE_MY_REPORTS, T.PAGE_PLAN_READ, T.PAGE_INBOX],
        ),
        (
            OFFICE,
            [T.PAGE_OVERVIEW, T.PAGE_REVIEW, T.PAGE_DOCUMENTS, T.PAGE_PLANS, T.PAGE_ROSTER]
            + [T.PAGE_FAILED, T.PAGE_AUDIT, T.PAGE_INBOX],
        ),
        (LEADERSHIP, [T.PAGE_OVERVIEW, T.PAGE_PLAN_READ, T.PAGE_DOCUMENTS, T.PAGE_INBOX]),
        (ADMIN, [T.PAGE_ACCOUNTS, T.PAGE_AUDIT, T.PAGE_FAILED]),
    ],
    ids=["unit_officer", "office", "leadership", "admin"],
)
def test_each_role_sees_its_own_pages_and_lands_on_the_first(services, session, expected):
    services()
    at = app(session).run()
    assert not at.exception
    assert pages_seen(at) == expected
    assert [
        navigation.PAGES[k].title for k in navigation.page_keys(session["account"]["role"])
    ] == (expected)
    assert T.ROLES[session["account"]["role"]] in sidebar_text(at)


def test_an_expired_session_or_a_refused_token_goes_back_to_sign_in_with_a_message(services):
    services()
    at = app(EXPIRED).run()  # expired on the dashboard's own clock: no request made
    assert pages_seen(at) == [T.SIGN_IN]
    assert [i.value for i in at.info] == [T.SESSION_EXPIRED]

    services(catalog=UNAUTHENTICATED, inbox=UNAUTHENTICATED)  # the services refuse the token
    at = app(UNIT_OFFICER).run()
    assert not at.exception
    assert pages_seen(at) == [T.SIGN_IN]
    assert [i.value for i in at.info] == [T.SESSION_EXPIRED]


def test_signing_out_closes_the_session_and_forgets_it(services):
    fake = services()
    at = app(UNIT_OFFICER).run()
    at.button(key="sign_out").click().run()
    assert fake.commands() == [("planpulse.cmd.session.close", {})]
    assert "session" not in at.session_state
    assert pages_seen(at) == [T.SIGN_IN]
    assert [i.value for i in at.info] == [T.SIGNED_OUT]


def test_signing_out_with_the_services_away_still_forgets_the_session(services):
    from dashboard import client

    services(close=client.ServiceUnavailable(T.NO_ANSWER))
    at = app(UNIT_OFFICER).run()
    at.button(key="sign_out").click().run()
    assert not at.exception and "session" not in at.session_state


def test_a_page_that_found_no_service_tries_again_by_itself_until_it_answers(services):
    from dashboard import ask, client

    services(activities=client.ServiceUnavailable(T.NO_ANSWER))
    at = app(UNIT_OFFICER)
    at.switch_page  # noqa: B018 — pages are chosen by their hash, below
    at.run()
    mine = next(
        h for h, p in at._registered_pages.items() if p["page_name"] == T.PAGE_MY_ACTIVITIES
    )
    at._page_hash = mine
    at.run()
    assert [w.value for w in at.warning] == [f"{T.NO_ANSWER} {T.SELF_HEALING}"]
    assert ask.RETRY_AT in at.session_state  # the retry is scheduled

    services()  # the service is back: the next run shows the page and stops retrying
    at.run()
    assert not at.warning and not at.exception
    assert ask.RETRY_AT not in at.session_state


def test_a_command_refused_for_an_expired_token_leads_to_sign_in_and_leaves_nothing_behind(
    services,
):
    services(log=UNAUTHENTICATED)
    at = app(UNIT_OFFICER).run()
    at.selectbox(key="log_task").set_value("5")
    at.text_input(key="log_title").set_value("Tin bài")
    at.button(key="log_submit").click().run()
    assert not at.exception
    assert pages_seen(at) == [T.SIGN_IN]
    assert [i.value for i in at.info] == [T.SESSION_EXPIRED]
    assert not at.error and "log_outcome" not in at.session_state
