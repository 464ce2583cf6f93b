"""Page "Hoạt động của đơn vị": the unit's activities, filtered; correct, withdraw, history."""

from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from dashboard import ask, session
from dashboard import format as fmt
from dashboard import texts_vi as T
from dashboard.views import audit_trail

OUTCOME = "mine_outcome"
PAGE_SIZE = 200
FIELDS = ("title", "date", "men", "women", "materials", "note", "reason")


def edit_keys(item: dict[str, Any]) -> dict[str, str]:
    """Correctable field -> widget key, per activity and version: a new one starts afresh."""
    return {field: f"fix_{field}_{item['activity_id']}_{item['version']}" for field in FIELDS}


def filters(unit_id: str) -> dict[str, Any]:
    text_column, from_column, to_column, withdrawn_column = st.columns([3, 1, 1, 1])
    text = text_column.text_input(T.SEARCH, max_chars=200, key="mine_text").strip()
    date_from = from_column.date_input(T.FROM_DATE, None, format="DD/MM/YYYY", key="mine_from")
    date_to = to_column.date_input(T.TO_DATE, None, format="DD/MM/YYYY", key="mine_to")
    withdrawn = withdrawn_column.checkbox(T.SHOW_WITHDRAWN, key="mine_withdrawn")
    query: dict[str, Any] = {"unit_id": unit_id, "page_size": PAGE_SIZE}
    if text:
        query["text"] = text
    for name, value in (("date_from", date_from), ("date_to", date_to)):
        if isinstance(value, date):
            query[name] = value.isoformat()
    if withdrawn:
        query["include_withdrawn"] = True
    return query


def table(items: list[dict[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                T.DATE: fmt.day(item["date"]),
                T.TITLE: item["title"],
                T.TASK: item["task_id"],
                T.MEN: fmt.number(item["participants"]["men"]),
                T.WOMEN: fmt.number(item["participants"]["women"]),
                T.PARTICIPANTS_TOTAL: fmt.number(item["participants"]["total"]),
                T.STATUS: T.WITHDRAWN if item.get("withdrawn") else "",
            }
            for item in items
        ],
        columns=[T.DATE, T.TITLE, T.TASK, T.MEN, T.WOMEN, T.PARTICIPANTS_TOTAL, T.STATUS],
    )


def correction(item: dict[str, Any]) -> dict[str, Any]:
    """The activity.correct command: only what differs from the activity as it stands."""
    state, EDIT = st.session_state, edit_keys(item)  # noqa: N806
    now = {
        "title": (state.get(EDIT["title"]) or "").strip(),
        "date": state[EDIT["date"]].isoformat() if state.get(EDIT["date"]) else item["date"],
        "materials": state.get(EDIT["materials"]),
        "note": (state.get(EDIT["note"]) or "").strip(),
    }
    command: dict[str, Any] = {
        "activity_id": item["activity_id"],
        "expected_version": item["version"],
    }
    command |= {field: value for field, value in now.items() if value != item.get(field)}
    counts = {"men": state.get(EDIT["men"]), "women": state.get(EDIT["women"])}
    if any(counts[key] != item["participants"][key] for key in counts):
        command["participants"] = counts
    reason = (state.get(EDIT["reason"]) or "").strip()
    if reason:
        command["reason"] = reason
    return command


def correct(item: dict[str, Any]) -> None:
    command = correction(item)
    if set(command) <= {"activity_id", "expected_version", "reason"}:
        error = {"code": "no_change", "message": T.NO_CHANGE, "fields": {}}
        st.session_state[OUTCOME] = {"ok": False, "error": error}
        return
    ask.act("activity.correct", command, OUTCOME)


def withdraw(item: dict[str, Any]) -> None:
    command = {"activity_id": item["activity_id"], "expected_version": item["version"]}
    reason = (st.session_state.get("withdraw_reason") or "").strip()
    ask.act("activity.withdraw", command | ({"reason": reason} if reason else {}), OUTCOME)


def correct_form(item: dict[str, Any], errors: dict[str, str]) -> None:
    EDIT = edit_keys(item)  # noqa: N806
    with st.form(f"correct_{item['activity_id']}_{item['version']}"):
        st.text_input(T.TITLE, item["title"], max_chars=300, key=EDIT["title"])
        ask.field_error(errors, "title")
        day_column, men, women, materials = st.columns(4)
        day_column.date_input(
            T.DATE, date.fromisoformat(item["date"]), format="DD/MM/YYYY", key=EDIT["date"]
        )
        men.number_input(T.MEN, 0, value=item["participants"]["men"], key=EDIT["men"])
        women.number_input(T.WOMEN, 0, value=item["participants"]["women"], key=EDIT["women"])
        materials.number_input(T.MATERIALS, 0, value=item["materials"], key=EDIT["materials"])
        ask.field_error(errors, "date", "participants", "participants.men", "participants.women")
        st.text_area(T.NOTE, item.get("note") or "", max_chars=2000, key=EDIT["note"])
        st.text_input(T.REASON, max_chars=2000, key=EDIT["reason"])
        ask.field_error(errors, "reason", "note", "materials")
        st.form_submit_button(T.SAVE_CORRECTION, on_click=correct, args=(item,), key="fix_save")


def actions(item: dict[str, Any], errors: dict[str, str]) -> None:
    # a radio, not tabs: the choice is state, so it survives the reruns its widgets cause
    choices = {"fix": T.CORRECT, "withdraw": T.WITHDRAW, "history": T.HISTORY}
    action = st.radio(
        T.ACTION, list(choices), format_func=choices.get, horizontal=True, key="mine_action"
    )
    if action == "history":
        audit_trail.show("activity", item["activity_id"])
    elif item.get("withdrawn"):
        st.info(T.WITHDRAWN)
    elif action == "fix":
        correct_form(item, errors)
    else:
        st.text_input(T.REASON, max_chars=2000, key="withdraw_reason")
        confirmed = st.checkbox(T.WITHDRAW_CONFIRM, key="withdraw_confirm")
        st.button(
            T.WITHDRAW,
            disabled=not confirmed,
            on_click=withdraw,
            args=(item,),
            key="withdraw_submit",
        )


def render() -> None:
    st.title(T.MY_ACTIVITIES_TITLE)
    unit_id = session.account().get("unit_id") or ""
    query = filters(unit_id)
    errors = ask.outcome_errors(OUTCOME)
    reply = ask.fetched("activities", query)
    if reply is None:
        return
    items = reply["items"]
    st.caption(T.FOUND.format(total=fmt.number(reply["total"]), shown=fmt.number(len(items))))
    ask.table(table(items), T.NO_ACTIVITIES)
    if not items:
        return
    by_id = {item["activity_id"]: item for item in items}
    chosen = st.selectbox(
        T.CHOOSE_ACTIVITY,
        list(by_id),
        format_func=lambda i: f"{fmt.day(by_id[i]['date'])} — {by_id[i]['title']}",
        key="mine_chosen",
    )
    if chosen:
        actions(by_id[chosen], errors)
