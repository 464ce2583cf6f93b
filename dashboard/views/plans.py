"""Page "Kế hoạch": the Office's plans by year. Create one (blank or cloned from a plan in force),
edit every field of a draft, publish it; amend a plan in force with a reason, or close it; read
its history. Unit officers and leadership read the plans in force (see plan_read.py)."""

from typing import Any

import pandas as pd
import streamlit as st

from dashboard import ask
from dashboard import format as fmt
from dashboard import texts_vi as T
from dashboard.views import plan_frames

OUTCOME = "plans_outcome"
CHOSEN = "plans_chosen"


def _create() -> None:
    year = int(st.session_state["plans_new_year"])
    source = st.session_state.get("plans_new_source")
    command: dict[str, Any] = {"year": year}
    if source:
        command["clone_from"] = source
    reply = ask.act("plan.create", command, OUTCOME)
    if reply.get("ok"):
        st.session_state[CHOSEN] = reply["id"]


def _send(verb: str, plan_id: str, key: str, extra: dict[str, Any]) -> None:
    body: dict[str, Any] = {"plan_id": plan_id, **extra}
    if verb in ("edit", "amend"):
        body["content"] = plan_frames.content_from(st.session_state, key)
    ask.act(f"plan.{verb}", body, OUTCOME)


def creating(plans: list[dict[str, Any]]) -> None:
    in_force = {
        p["plan_id"]: f"{p['year']} — {p['title']}" for p in plans if p["status"] != "draft"
    }
    with st.expander(T.PLAN_NEW, expanded=not plans):
        st.number_input(
            T.PLAN_YEAR,
            min_value=2000,
            max_value=2100,
            value=fmt.today().year + 1 if plans else fmt.today().year,
            step=1,
            key="plans_new_year",
        )
        st.selectbox(
            T.PLAN_CLONE_FROM,
            [None, *in_force],
            format_func=lambda pid: T.PLAN_BLANK if pid is None else in_force[pid],
            key="plans_new_source",
            help=T.PLAN_CLONE_HELP,
        )
        st.button(T.PLAN_CREATE, on_click=_create, key="plans_create", type="primary")


def editor(plan: dict[str, Any], errors: dict[str, str]) -> str:
    """Every field of the plan, keyed by its id and version (a saved change starts afresh)."""
    key = f"plan_{plan['plan_id']}_{plan['version']}"
    plan_frames.draw(plan, key)
    for path, message in errors.items():
        st.error(f"{plan_frames.where(path)}: {message}")
    return key


def actions(plan: dict[str, Any], key: str) -> None:
    pid = plan["plan_id"]
    if plan["status"] == "draft":
        save, publish = st.columns(2)
        save.button(T.PLAN_SAVE, on_click=_send, args=("edit", pid, key, {}), key=f"{key}_save")
        publish.button(
            T.PLAN_PUBLISH,
            on_click=_send,
            args=("publish", pid, key, {}),
            key=f"{key}_publish",
            type="primary",
            help=T.PLAN_PUBLISH_HELP,
        )
        return
    if plan["status"] == "closed":
        st.info(T.PLAN_CLOSED_NOTE)
        return
    reason = st.text_area(T.PLAN_REASON, max_chars=2000, key=f"{key}_reason")
    amend, close = st.columns(2)
    amend.button(
        T.PLAN_AMEND,
        on_click=_send,
        args=("amend", pid, key, {"reason": reason.strip()}),
        key=f"{key}_amend",
        type="primary",
        disabled=len(reason.strip()) < 3,
        help=T.PLAN_AMEND_HELP,
    )
    close.button(
        T.PLAN_CLOSE,
        on_click=_send,
        args=("close", pid, key, {"reason": reason.strip()}),
        key=f"{key}_close",
    )


def history(entries: list[dict[str, Any]]) -> None:
    st.subheader(T.PLAN_HISTORY)
    rows = [
        {
            T.COLUMN_WHEN: fmt.moment(entry["time"]),
            T.COLUMN_WHO: entry["actor"],
            T.COLUMN_WHAT: T.PLAN_EVENTS.get(entry["type"], entry["type"]),
            T.COLUMN_WHY: entry["why"],
        }
        for entry in entries
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def render() -> None:
    st.title(T.PLANS_TITLE)
    errors = ask.outcome_errors(OUTCOME)
    listed = ask.fetched("plans", {})
    if listed is None:
        return
    plans = listed["plans"]
    creating(plans)
    if not plans:
        st.info(T.PLAN_NONE)
        return
    table = [
        {
            T.PLAN_YEAR: str(p["year"]),
            T.PLAN_NUMBER: p["number"] or T.PLAN_NO_NUMBER,
            T.PLAN_TITLE: p["title"],
            T.PLAN_STATUS: T.PLAN_STATUSES[p["status"]],
        }
        for p in plans
    ]
    st.dataframe(pd.DataFrame(table), hide_index=True, width="stretch")
    ids = [p["plan_id"] for p in plans]
    labels = {p["plan_id"]: f"{p['year']} — {T.PLAN_STATUSES[p['status']]}" for p in plans}
    chosen = st.session_state.get(CHOSEN)
    pid = st.selectbox(
        T.PLAN_CHOOSE,
        ids,
        index=ids.index(chosen) if chosen in ids else 0,
        format_func=labels.__getitem__,
        key="plans_pick",
    )
    st.session_state[CHOSEN] = pid
    shown = ask.fetched("plan", {"plan_id": pid})
    if shown is None:
        return
    key = editor(shown["plan"], errors)
    actions(shown["plan"], key)
    history(shown["history"])
