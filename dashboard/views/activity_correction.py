"""Correcting an activity: every field the unit logged, prefilled, and the activity.correct
command carrying only what differs."""

from datetime import date
from typing import Any

import streamlit as st

from dashboard import ask
from dashboard import format as fmt
from dashboard import texts_vi as T
from dashboard.views import activity_form

OUTCOME = "mine_outcome"
TEXTS = ("title", "audience", "evidence_url", "note")
CHOICES = ("task_id", "occasion_id", "form")
FIELDS = (*TEXTS, *CHOICES, "date", "men", "women", "total", "materials", "reason")


def edit_keys(item: dict[str, Any]) -> dict[str, str]:
    """Correctable field -> widget key, per activity and version: a new one starts afresh."""
    return {field: f"fix_{field}_{item['activity_id']}_{item['version']}" for field in FIELDS}


def _participants(entered: dict[str, Any], item: dict[str, Any]) -> dict[str, int] | None:
    """The participants to send, or None when the counts stand as they were. An empty total
    means men + women, as when logging."""
    men, women = entered["men"] or 0, entered["women"] or 0
    total = entered["total"] if entered["total"] is not None else men + women
    before = item["participants"]
    if (men, women, total) == (before["men"], before["women"], before["total"]):
        return None
    return {"men": men, "women": women} | ({"total": total} if total != men + women else {})


def _as_entered(values: dict[str, Any]) -> dict[str, Any]:
    """The correctable fields as the form holds them: texts stripped, an empty link as None."""
    shaped: dict[str, Any] = {field: (values.get(field) or "").strip() for field in TEXTS}
    shaped["evidence_url"] = shaped["evidence_url"] or None
    shaped |= {field: values.get(field) for field in CHOICES}
    shaped["date"] = values["date"]
    shaped["materials"] = values.get("materials") or 0
    return shaped


def correction(item: dict[str, Any]) -> dict[str, Any]:
    """The activity.correct command: only what differs from the activity as it stands."""
    keys = edit_keys(item)
    entered = {field: st.session_state.get(key) for field, key in keys.items()}
    day = entered["date"]
    now = _as_entered(entered | {"date": day.isoformat() if day else item["date"]})
    before = _as_entered(item)
    command: dict[str, Any] = {
        "activity_id": item["activity_id"],
        "expected_version": item["version"],
    }
    command |= {field: value for field, value in now.items() if value != before[field]}
    participants = _participants(entered, item)
    if participants is not None:
        command["participants"] = participants
    reason = (entered["reason"] or "").strip()
    if reason:
        command["reason"] = reason
    return command


def correct(item: dict[str, Any]) -> None:
    command = correction(item)
    if set(command) <= {"activity_id", "expected_version", "reason"}:
        error = {"code": "no_change", "message": T.NO_CHANGE, "fields": {}}
        st.session_state[OUTCOME] = {"ok": False, "error": error}
        return
    ask.act("activity.correct", command, OUTCOME, T.CORRECTED.format(day=fmt.day(item["date"])))


def _select(label: str, names: dict[Any, str], key: str, current: Any) -> None:
    options = list(names) if current in names else [current, *names]
    st.selectbox(
        label,
        options,
        index=options.index(current),
        format_func=lambda value: names.get(value, str(value)),
        key=key,
    )


def form(item: dict[str, Any], catalog: dict[str, Any], errors: dict[str, str]) -> None:
    keys = edit_keys(item)
    names = activity_form.choices(catalog, item.get("plan_id") or "")
    counts = item["participants"]
    with st.form(f"correct_{item['activity_id']}_{item['version']}"):
        st.text_input(T.TITLE, item["title"], max_chars=300, key=keys["title"])
        ask.field_error(errors, "title")
        left, right = st.columns(2)
        with left:
            _select(T.TASK, names["task_id"], keys["task_id"], item["task_id"])
            ask.field_error(errors, "task_id")
            _select(T.FORM, names["form"], keys["form"], item["form"])
            ask.field_error(errors, "form")
        with right:
            _select(T.OCCASION, names["occasion_id"], keys["occasion_id"], item.get("occasion_id"))
            ask.field_error(errors, "occasion_id")
            st.date_input(
                T.DATE, date.fromisoformat(item["date"]), format="DD/MM/YYYY", key=keys["date"]
            )
            ask.field_error(errors, "date")
        st.text_input(T.AUDIENCE, item.get("audience") or "", max_chars=500, key=keys["audience"])
        ask.field_error(errors, "audience")
        men, women, total, materials = st.columns(4)
        men.number_input(T.MEN, 0, value=counts["men"], key=keys["men"])
        women.number_input(T.WOMEN, 0, value=counts["women"], key=keys["women"])
        own_total = counts["total"] if counts["total"] != counts["men"] + counts["women"] else None
        total.number_input(
            T.TOTAL,
            0,
            value=own_total,
            help=T.TOTAL_HELP,
            placeholder=T.TOTAL_PLACEHOLDER,
            key=keys["total"],
        )
        materials.number_input(T.MATERIALS, 0, value=item["materials"], key=keys["materials"])
        ask.field_error(
            errors, "participants", "participants.men", "participants.women", "participants.total"
        )
        ask.field_error(errors, "materials")
        st.text_input(
            T.EVIDENCE_URL,
            item.get("evidence_url") or "",
            max_chars=2000,
            help=T.EVIDENCE_HELP,
            key=keys["evidence_url"],
        )
        ask.field_error(errors, "evidence_url")
        st.text_area(T.NOTE, item.get("note") or "", max_chars=2000, key=keys["note"])
        ask.field_error(errors, "note")
        st.text_input(T.REASON, max_chars=2000, key=keys["reason"])
        ask.field_error(errors, "reason")
        st.form_submit_button(T.SAVE_CORRECTION, on_click=correct, args=(item,), key="fix_save")
