"""The activity form: its widgets built from the catalog, and the activity.log command it makes."""

from collections.abc import Mapping
from datetime import date
from typing import Any

import streamlit as st

from dashboard import ask
from dashboard import format as fmt
from dashboard import texts_vi as T

# Widget key -> the command field it fills; the key also finds the field's error in the reply.
KEYS = {
    "unit_id": "log_unit",
    "task_id": "log_task",
    "occasion_id": "log_occasion",
    "date": "log_date",
    "title": "log_title",
    "form": "log_form",
    "audience": "log_audience",
    "men": "log_men",
    "women": "log_women",
    "total": "log_total",
    "materials": "log_materials",
    "evidence_url": "log_evidence_url",
    "note": "log_note",
}
# After a logged activity these start empty again; unit, task, occasion, date and form stay.
CLEARED_AFTER_LOGGING = {
    "title": "",
    "men": 0,
    "women": 0,
    "total": None,
    "materials": 0,
    "evidence_url": "",
    "note": "",
}


def plans_in_force(catalog: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The plans an activity may belong to, newest first."""
    plans = [p for p in catalog.get("plans", []) if p.get("status", "published") == "published"]
    return sorted(plans, key=lambda plan: -int(plan["year"]))


def plan_of_today(plans: list[dict[str, Any]], today: date) -> dict[str, Any] | None:
    """The plan whose window holds today; else the newest."""
    holding = [p for p in plans if fmt.plan_window(p)[0] <= today <= fmt.plan_window(p)[1]]
    found = holding or plans
    return found[0] if found else None


def values(state: Any) -> dict[str, Any]:  # the session state, or a dict in tests
    return {field: state.get(key) for field, key in KEYS.items()}


def payload(entered: Mapping[str, Any]) -> dict[str, Any]:
    """The activity.log command: empty optional fields are left out, never sent as ""."""
    command: dict[str, Any] = {}
    for field in ("unit_id", "task_id", "occasion_id", "form"):
        if entered.get(field):
            command[field] = entered[field]
    if isinstance(entered.get("date"), date):
        command["date"] = entered["date"].isoformat()
    for field in ("title", "audience", "evidence_url", "note"):
        text = (entered.get(field) or "").strip()
        if text:
            command[field] = text
    participants = {"men": entered.get("men") or 0, "women": entered.get("women") or 0}
    if entered.get("total") is not None:
        participants["total"] = entered["total"]
    command["participants"] = participants
    command["materials"] = entered.get("materials") or 0
    return command


def _select(
    label: str, names: Mapping[Any, str], field: str, errors: Mapping[str, str], **options: Any
) -> None:
    st.selectbox(
        label, list(names), format_func=lambda v: names.get(v, str(v)), key=KEYS[field], **options
    )
    ask.field_error(errors, field)


def _count(
    label: str, field: str, error_field: str, errors: Mapping[str, str], **options: Any
) -> None:
    # No `value`: the default is min_value, and the callback may set the state without a clash.
    st.number_input(label, min_value=0, step=1, key=KEYS[field], **options)
    ask.field_error(errors, error_field)


def choices(catalog: Mapping[str, Any], plan_id: str) -> dict[str, dict[Any, str]]:
    """Each select box's options, value -> Vietnamese label, for the plan being followed."""
    return {
        "unit_id": {u["unit_id"]: u["name"] for u in catalog["units"]},
        "task_id": {
            t["task_id"]: f"{t['task_id']}. {t['short_title']}"
            for t in catalog["tasks"]
            if t["plan_id"] == plan_id
        },
        "occasion_id": {None: T.NO_OCCASION}
        | {
            o["occasion_id"]: f"{o['name']} ({fmt.span(o['starts_on'], o['ends_on'])})"
            for o in catalog["occasions"]
            if o["plan_id"] == plan_id
        },
        "form": dict(catalog["forms"]),
    }


def widgets(catalog: Mapping[str, Any], plan: Mapping[str, Any], errors: Mapping[str, str]) -> None:
    """Draw the fields, each with the service's complaint about it right under it."""
    names = choices(catalog, plan["plan_id"])
    start, end = fmt.plan_window(plan)
    left, right = st.columns(2)
    with left:
        _select(
            T.UNIT, names["unit_id"], "unit_id", errors, index=None, placeholder=T.UNIT_PLACEHOLDER
        )
        _select(T.OCCASION, names["occasion_id"], "occasion_id", errors)
    with right:
        _select(
            T.TASK, names["task_id"], "task_id", errors, index=None, placeholder=T.TASK_PLACEHOLDER
        )
        st.date_input(
            T.DATE,
            value=fmt.clamp(fmt.today(), start, end),
            min_value=start,
            max_value=end,
            format="DD/MM/YYYY",
            key=KEYS["date"],
            help=T.DATE_HELP.format(start=fmt.day(start), end=fmt.day(end)),
        )
        ask.field_error(errors, "date")
    st.text_input(T.TITLE, max_chars=300, help=T.TITLE_HELP, key=KEYS["title"])
    ask.field_error(errors, "title")
    left, right = st.columns(2)
    with left:
        _select(T.FORM, names["form"], "form", errors, index=None, placeholder=T.FORM_PLACEHOLDER)
    with right:
        st.text_input(T.AUDIENCE, max_chars=500, key=KEYS["audience"])
        ask.field_error(errors, "audience")
    st.markdown(f"**{T.PARTICIPANTS}**")
    ask.field_error(errors, "participants")
    men, women, total, materials = st.columns(4)
    with men:
        _count(T.MEN, "men", "participants.men", errors)
    with women:
        _count(T.WOMEN, "women", "participants.women", errors)
    with total:
        _count(
            T.TOTAL,
            "total",
            "participants.total",
            errors,
            value=None,
            help=T.TOTAL_HELP,
            placeholder=T.TOTAL_PLACEHOLDER,
        )
    with materials:
        _count(T.MATERIALS, "materials", "materials", errors)
    st.text_input(T.EVIDENCE_URL, max_chars=2000, help=T.EVIDENCE_HELP, key=KEYS["evidence_url"])
    ask.field_error(errors, "evidence_url")
    st.text_area(T.NOTE, max_chars=2000, key=KEYS["note"])
    ask.field_error(errors, "note")
