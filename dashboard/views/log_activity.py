"""Page "Ghi nhận hoạt động": a unit officer logs one activity through activity.log."""

import uuid
from typing import Any

import streamlit as st

from dashboard import ask, client, session
from dashboard import format as fmt
from dashboard import texts_vi as T
from dashboard.views import activity_form

OUTCOME = "log_outcome"  # the last submit's result, kept for this session only
CATALOG = "log_catalog"  # the last catalog seen, so a network blip does not wipe the form
ACTIVITY_ID = "log_activity_id"  # the id of the activity being entered
PLAN = "log_plan"  # the plan chosen when more than one is in force


def _catalog() -> dict[str, Any] | None:
    reply = ask.fetched("catalog")
    if reply is None:
        return st.session_state.get(CATALOG)
    st.session_state[CATALOG] = reply
    return reply


def own_units(catalog: dict[str, Any], account: dict[str, Any]) -> dict[str, Any]:
    """A unit officer logs for its own unit only: the only choice, already chosen."""
    if account.get("role") != "unit_officer":
        return catalog
    st.session_state.setdefault(activity_form.KEYS["unit_id"], account.get("unit_id"))
    units = [u for u in catalog["units"] if u["unit_id"] == account.get("unit_id")]
    return {**catalog, "units": units}


def submit() -> None:
    """Send the command; runs as the button's callback, before the page is drawn again."""
    # One id per activity being entered: a retry after a lost reply cannot count it twice.
    activity_id = st.session_state.setdefault(ACTIVITY_ID, str(uuid.uuid4()))
    command = {
        "activity_id": activity_id,
        **({"plan_id": st.session_state[PLAN]} if st.session_state.get(PLAN) else {}),
        **activity_form.payload(activity_form.values(st.session_state)),
    }
    try:
        reply = client.command("activity.log", command)
    except client.SessionExpired:  # signed out: the sign-in page says why
        return
    except client.ServiceUnavailable as unavailable:
        st.session_state[OUTCOME] = {"unavailable": str(unavailable)}
        return
    if reply.get("error", {}).get("code") == "activity_exists":
        reply = {"ok": True, "id": activity_id}  # the earlier try went through
    if reply.get("ok"):
        reply = {**reply, "date": command.get("date")}  # for the confirmation
    st.session_state[OUTCOME] = reply
    ask.awaited(reply)  # the unit's list, opened next, shows it
    if reply.get("ok"):
        del st.session_state[ACTIVITY_ID]
        for field, empty in activity_form.CLEARED_AFTER_LOGGING.items():
            st.session_state[activity_form.KEYS[field]] = empty


def _show_outcome(outcome: dict[str, Any] | None) -> None:
    if outcome is None:
        return
    if "unavailable" in outcome:
        st.error(f"{T.NOT_LOGGED} {outcome['unavailable']}")
    elif outcome.get("ok"):
        st.success(T.LOGGED.format(day=fmt.day(outcome["date"])))
        del st.session_state[OUTCOME]  # said once; errors stay until the next submit
    else:
        st.error(outcome["error"]["message"])


def render() -> None:
    st.title(T.LOG_TITLE)
    st.caption(T.LOG_INTRO)
    catalog = _catalog()
    if catalog is None:
        return
    catalog = own_units(catalog, session.account())
    plans = activity_form.plans_in_force(catalog)
    plan = activity_form.plan_of_today(plans, fmt.today())
    if plan is None:
        st.info(T.NO_PLAN)
        return
    if len(plans) > 1:  # an activity of last year's last weeks goes to last year's plan
        titles = {p["plan_id"]: f"{p['year']} — {p['title']}" for p in plans}
        ids = list(titles)
        chosen = st.selectbox(
            T.PLAN_CHOOSE,
            ids,
            index=ids.index(plan["plan_id"]),
            format_func=titles.__getitem__,
            key=PLAN,
            help=T.LOG_PLAN_HELP,
        )
        plan = next(p for p in plans if p["plan_id"] == chosen)
    st.markdown(f"**{fmt.literal(plan['title'])}**")
    outcome = st.session_state.get(OUTCOME)
    errors = {} if outcome is None or outcome.get("ok") else outcome.get("error", {})
    with st.form("log_activity", clear_on_submit=False, enter_to_submit=False):
        activity_form.widgets(catalog, plan, errors.get("fields", {}))
        st.form_submit_button(T.SUBMIT, type="primary", on_click=submit, key="log_submit")
    _show_outcome(outcome)
