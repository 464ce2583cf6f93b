"""Page "Tổng quan": live progress of the plan, refreshed on its own."""

from typing import Any

import streamlit as st

from dashboard import ask, client, session
from dashboard import format as fmt
from dashboard import texts_vi as T
from dashboard.views import feed, plan_read, plan_view, progress_view
from shared.settings import get_settings

LATEST_COUNT = 10
LAST = "overview_last"  # the last figures the services gave, and when (shown in an outage)


def ask_all() -> dict[str, dict[str, Any] | None]:
    """Every figure of the overview, asked of the services now. (One after another: asked all
    at once from threads, the overview drew slower on a busy 2-core machine, not faster.)"""
    dates = client.query("calendar")
    period = dates.get("current_period_id")
    events = client.query("latest_events", {"limit": LATEST_COUNT})
    titles = _titles(events)
    return {
        "progress": client.query("progress"),
        "targets": client.query("targets"),
        "latest": client.query("activities", {"page_size": LATEST_COUNT, "order": "logged"}),
        "dates": dates,
        "status": client.query("report_status", {"period_id": period}) if period else None,
        "coverage": client.query("coverage"),
        "feed": events,
        "catalog": client.query("catalog"),
        "titles": client.query("activities", titles) if titles else None,
        "accounts": client.query("accounts") if _reads_accounts() else None,
    }


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
    targets = (replies.get("targets") or {}).get("targets") or []
    if targets:  # each task's targets in their current window: "3/2 tin, bài (quý IV/2026)"
        st.subheader(T.PLAN_TARGET_PROGRESS)
        for line in plan_read.targets_of(targets):
            st.text(line)
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
    now = fmt.now().strftime("%H:%M:%S %d/%m/%Y")
    st.session_state[LAST] = {"at": now, "replies": replies}
    st.caption(T.UPDATED_AT.format(time=now, seconds=seconds))
    draw(replies)


def render() -> None:
    st.title(T.OVERVIEW_TITLE)
    live = st.fragment(run_every=get_settings().dashboard_refresh_seconds)(show_progress)
    live()
