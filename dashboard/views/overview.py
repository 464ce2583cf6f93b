"""Page "Tổng quan": live progress of the plan, refreshed on its own."""

from datetime import datetime
from typing import Any

import streamlit as st

from dashboard import ask, client, session
from dashboard import texts_vi as T
from dashboard.views import feed, plan_view, progress_view
from shared.settings import get_settings

LATEST_COUNT = 10
LAST = "overview_last"  # the last figures the services gave, and when (shown in an outage)


def ask_all() -> dict[str, dict[str, Any] | None]:
    """Every figure of the overview, asked of the services now, as many at once as can be."""
    first: client.Asked = {
        "dates": ("calendar", None),
        "feed": ("latest_events", {"limit": LATEST_COUNT}),
        "progress": ("progress", None),
        "latest": ("activities", {"page_size": LATEST_COUNT, "order": "logged"}),
        "coverage": ("coverage", None),
        "catalog": ("catalog", None),
    }
    if _reads_accounts():
        first["accounts"] = ("accounts", None)
    replies: dict[str, dict[str, Any] | None] = {"accounts": None, "status": None, "titles": None}
    replies |= client.queries(first)
    then: client.Asked = {}
    period = (replies["dates"] or {}).get("current_period_id")
    if period:
        then["status"] = ("report_status", {"period_id": period})
    titles = _titles(replies["feed"] or {})
    if titles:
        then["titles"] = ("activities", titles)
    return replies | client.queries(then)


def _titles(events: dict[str, Any]) -> dict[str, Any] | None:
    """The query for the activities the feed's events are about, for their titles."""
    found = {(e.get("data") or {}).get("activity_id") for e in events.get("events", [])}
    ids = sorted(i for i in found if i)
    return {"activity_ids": ids, "include_withdrawn": True, "page_size": len(ids)} if ids else None


def _reads_accounts() -> bool:
    return session.account().get("role") in ("office", "admin")


def draw(replies: dict[str, Any]) -> None:
    progress, status = replies["progress"], replies["status"]
    plan_view.calendar(replies["dates"])
    progress_view.totals(progress["totals"])
    progress_view.by_task(progress["by_task"], participants=True)
    progress_view.by_unit(progress["by_unit"])
    progress_view.by_occasion(progress["by_occasion"])
    if status is not None:
        plan_view.reporting(status)
    units = {u["unit_id"]: u["name"] for u in (replies["catalog"] or {}).get("units", [])}
    plan_view.coverage(replies["coverage"], units)
    progress_view.latest(replies["latest"]["items"], progress)
    st.subheader(T.FEED)
    names = feed.Names.of(replies["catalog"], replies["accounts"], replies["titles"])
    ask.table(feed.events_table(replies["feed"]["events"], names), T.NO_EVENTS)


def show_progress() -> None:
    """One refresh of the live section: plain, so tests can run it without a fragment. When the
    services cannot answer, the last figures seen stay, with the time they were seen."""
    try:
        with st.spinner(T.LOADING):  # shown only if the services are slow to answer
            replies = ask_all()
    except client.SessionExpired:
        st.rerun(scope="app")
    except client.ServiceUnavailable as unavailable:
        st.warning(f"{unavailable} {T.SELF_HEALING}")
        last = st.session_state.get(LAST)
        if last is not None:
            st.caption(T.LAST_KNOWN.format(time=last["at"]))
            draw(last["replies"])
        return
    for reply in replies.values():
        if reply is not None and not reply.get("ok"):
            st.warning(T.QUERY_FAILED.format(message=reply["error"]["message"]))
            return
    seconds = f"{get_settings().dashboard_refresh_seconds:g}".replace(".", ",")
    now = datetime.now().strftime("%H:%M:%S %d/%m/%Y")
    st.session_state[LAST] = {"at": now, "replies": replies}
    st.caption(T.UPDATED_AT.format(time=now, seconds=seconds))
    draw(replies)


def render() -> None:
    st.title(T.OVERVIEW_TITLE)
    live = st.fragment(run_every=get_settings().dashboard_refresh_seconds)(show_progress)
    live()
