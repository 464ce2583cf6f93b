"""Which pages each role sees, and the sidebar header: who is signed in, their unit and role."""

import contextlib
from collections.abc import Callable
from typing import NamedTuple

import streamlit as st

from dashboard import client, session
from dashboard import format as fmt
from dashboard import texts_vi as T
from dashboard.views import (
    accounts,
    audit_trail,
    documents,
    failed_notifications,
    inbox,
    log_activity,
    my_activities,
    my_reports,
    overview,
    plan_read,
    plans,
    review,
    roster,
    sign_in,
)


class Page(NamedTuple):
    render: Callable[[], None]
    title: str
    icon: str
    url_path: str


PAGES = {
    "log": Page(log_activity.render, T.PAGE_LOG, ":material/edit_note:", "ghi-nhan"),
    "my_activities": Page(
        my_activities.render, T.PAGE_MY_ACTIVITIES, ":material/list:", "hoat-dong"
    ),
    "my_reports": Page(my_reports.render, T.PAGE_MY_REPORTS, ":material/description:", "bao-cao"),
    "inbox": Page(inbox.render, T.PAGE_INBOX, ":material/inbox:", "hop-thu"),
    "overview": Page(overview.render, T.PAGE_OVERVIEW, ":material/monitoring:", "tong-quan"),
    "review": Page(review.render, T.PAGE_REVIEW, ":material/fact_check:", "xem-xet"),
    "documents": Page(documents.render, T.PAGE_DOCUMENTS, ":material/download:", "tong-hop"),
    "failed": Page(failed_notifications.render, T.PAGE_FAILED, ":material/error:", "gui-loi"),
    "audit": Page(audit_trail.render, T.PAGE_AUDIT, ":material/history:", "nhat-ky"),
    "accounts": Page(accounts.render, T.PAGE_ACCOUNTS, ":material/group:", "tai-khoan"),
    "plans": Page(plans.render, T.PAGE_PLANS, ":material/event_note:", "ke-hoach"),
    "roster": Page(roster.render, T.PAGE_ROSTER, ":material/apartment:", "don-vi"),
    "plan_read": Page(plan_read.render, T.PAGE_PLAN_READ, ":material/event:", "ke-hoach-nam"),
}
# The first page of each list is where the role lands after signing in.
ROLE_PAGES = {
    "unit_officer": ["log", "my_activities", "my_reports", "plan_read", "inbox"],
    "office": ["overview", "review", "documents", "plans", "roster", "failed", "audit", "inbox"],
    "leadership": ["overview", "plan_read", "documents", "inbox"],
    "admin": ["accounts", "audit", "failed"],
}
SIGN_IN = Page(sign_in.render, T.SIGN_IN, ":material/login:", "dang-nhap")


def page_keys(role: str | None) -> list[str]:
    return ROLE_PAGES.get(role or "", [])


def _unread() -> int | None:
    """The inbox's unread count; None when the notifications service cannot say."""
    try:
        reply = client.query("inbox", {"limit": 1, "unread_only": True})
    except client.ServiceUnavailable:
        return None
    return reply.get("unread") if reply.get("ok") else None


def header(keys: list[str]) -> None:
    account = session.account()
    with st.sidebar:
        name = fmt.literal(account["name"])
        st.markdown(T.SIGNED_IN_AS.format(name=name, user_id=account["user_id"]))
        role = T.ROLES.get(account["role"], account["role"])
        st.caption(role)
        unit = (session.current() or {}).get("unit_name")
        if unit and unit != role:  # the Office's unit is the Office
            st.caption(unit)
        if "inbox" in keys:
            unread = _unread()
            if unread is not None:
                st.markdown(T.UNREAD.format(count=unread))
        st.button(T.SIGN_OUT, on_click=sign_out, key="sign_out")


def sign_out() -> None:
    """Close the session at the services (its token stops working everywhere), then forget it
    here; when they cannot be reached the token still expires on its own."""
    with contextlib.suppress(client.ServiceUnavailable):
        client.command("session.close", {})
    session.end(T.SIGNED_OUT)


def pages() -> list[st.Page]:
    """The signed-in user's pages (the sign-in page for nobody), drawing the header too."""
    account = session.account()
    if not account:
        return [st.Page(SIGN_IN.render, title=SIGN_IN.title, icon=SIGN_IN.icon, default=True)]
    keys = page_keys(account.get("role"))
    header(keys)
    if not keys:
        st.warning(T.NO_PAGES)
        return [st.Page(SIGN_IN.render, title=SIGN_IN.title, icon=SIGN_IN.icon, default=True)]
    return [
        st.Page(
            PAGES[key].render,
            title=PAGES[key].title,
            icon=PAGES[key].icon,
            url_path=PAGES[key].url_path,
            default=index == 0,
        )
        for index, key in enumerate(keys)
    ]
