"""Page "Tổng quan": live progress of the plan, refreshed on its own."""

from datetime import datetime

import streamlit as st

from dashboard import ask, client
from dashboard import texts_vi as T
from dashboard.views import audit_trail, plan_view, progress_view
from shared.settings import get_settings

LATEST_COUNT = 10


def show_progress() -> None:
    """One refresh of the live section: plain, so tests can run it without a fragment."""
    try:
        progress = client.query("progress")
        latest = client.query("activities", {"page_size": LATEST_COUNT})
        dates = client.query("calendar")
        period = dates.get("current_period_id")
        status = client.query("report_status", {"period_id": period}) if period else None
        coverage = client.query("coverage")
        feed = client.query("latest_events", {"limit": LATEST_COUNT})
    except client.SessionExpired:
        st.rerun(scope="app")
    except client.ServiceUnavailable as unavailable:
        st.warning(f"{unavailable} {T.SELF_HEALING}")
        return
    for reply in (progress, latest, dates, status or {"ok": True}, coverage, feed):
        if not reply.get("ok"):
            st.warning(T.QUERY_FAILED.format(message=reply["error"]["message"]))
            return
    seconds = f"{get_settings().dashboard_refresh_seconds:g}".replace(".", ",")
    now = datetime.now().strftime("%H:%M:%S %d/%m/%Y")
    st.caption(T.UPDATED_AT.format(time=now, seconds=seconds))
    plan_view.calendar(dates)
    progress_view.totals(progress["totals"])
    progress_view.by_task(progress["by_task"], participants=True)
    progress_view.by_unit(progress["by_unit"])
    progress_view.by_occasion(progress["by_occasion"])
    if status is not None:
        plan_view.reporting(status)
    plan_view.coverage(coverage)
    progress_view.latest(latest["items"], progress)
    st.subheader(T.FEED)
    ask.table(audit_trail.events_table(feed["events"]), T.NO_EVENTS)


def render() -> None:
    st.title(T.OVERVIEW_TITLE)
    live = st.fragment(run_every=get_settings().dashboard_refresh_seconds)(show_progress)
    live()
