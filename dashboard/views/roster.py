"""Page "Phòng, đơn vị": the Office keeps the roster: adds a unit, renames one from a date
(earlier activities keep the old name), dissolves or merges one from a date (no report is
expected of it in the periods that end after)."""

from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from dashboard import ask
from dashboard import format as fmt
from dashboard import texts_vi as T

OUTCOME = "roster_outcome"


def _send(verb: str, fields: tuple[str, ...]) -> None:
    body: dict[str, Any] = {}
    for field in fields:
        value = st.session_state.get(f"roster_{verb}_{field}")
        if isinstance(value, date):
            value = value.isoformat()
        if value not in (None, ""):
            body[field] = value.strip() if isinstance(value, str) else value
    ask.act(f"unit.{verb}", body, OUTCOME)


def render() -> None:
    st.title(T.ROSTER_TITLE)
    errors = ask.outcome_errors(OUTCOME)
    catalog = ask.fetched("catalog", {})
    if catalog is None:
        return
    units = catalog["units"]
    rows = [
        {
            T.ROSTER_NAME: u["name"],
            T.ROSTER_SHORT: u["short_name"],
            T.ROSTER_FROM: fmt.day(u["effective_from"]) if u.get("effective_from") else "",
            T.ROSTER_RETIRED: fmt.day(u["retired_on"]) if u.get("retired_on") else "",
        }
        for u in units
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    names = {u["unit_id"]: u["name"] for u in units if not u.get("retired_on")}
    for field, message in errors.items():
        st.error(f"{field}: {message}")
    with st.expander(T.ROSTER_RENAME):
        st.selectbox(
            T.ROSTER_CHOOSE, list(names), format_func=names.__getitem__, key="roster_rename_unit_id"
        )
        st.text_input(T.ROSTER_NAME, max_chars=300, key="roster_rename_name")
        st.text_input(T.ROSTER_SHORT, max_chars=50, key="roster_rename_short_name")
        st.date_input(T.ROSTER_FROM, format="DD/MM/YYYY", key="roster_rename_effective_from")
        st.text_input(T.ROSTER_REASON, max_chars=2000, key="roster_rename_reason")
        fields: tuple[str, ...] = ("unit_id", "name", "short_name", "effective_from", "reason")
        st.button(T.ROSTER_RENAME, on_click=_send, args=("rename", fields), key="roster_rename")
    with st.expander(T.ROSTER_RETIRE):
        st.selectbox(
            T.ROSTER_CHOOSE, list(names), format_func=names.__getitem__, key="roster_retire_unit_id"
        )
        st.date_input(T.ROSTER_RETIRED, format="DD/MM/YYYY", key="roster_retire_effective_from")
        st.selectbox(
            T.ROSTER_MERGED,
            [None, *names],
            format_func=lambda uid: T.ROSTER_NOT_MERGED if uid is None else names[uid],
            key="roster_retire_merged_into",
        )
        st.text_input(T.ROSTER_REASON, max_chars=2000, key="roster_retire_reason")
        fields = ("unit_id", "effective_from", "merged_into", "reason")
        st.button(T.ROSTER_RETIRE, on_click=_send, args=("retire", fields), key="roster_retire")
    with st.expander(T.ROSTER_REGISTER):
        st.text_input(T.ROSTER_UNIT_ID, max_chars=64, key="roster_register_unit_id")
        st.text_input(T.ROSTER_NAME, max_chars=300, key="roster_register_name")
        st.text_input(T.ROSTER_SHORT, max_chars=50, key="roster_register_short_name")
        st.date_input(T.ROSTER_FROM, format="DD/MM/YYYY", key="roster_register_effective_from")
        fields = ("unit_id", "name", "short_name", "effective_from")
        st.button(
            T.ROSTER_REGISTER, on_click=_send, args=("register", fields), key="roster_register"
        )
