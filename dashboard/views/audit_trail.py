"""Who did what, when: the audit query's events as a table, and the page that asks for any of
them (the Office and the administrator)."""

from datetime import datetime
from typing import Any

import pandas as pd
import streamlit as st

from dashboard import ask
from dashboard import texts_vi as T


def when(moment: str) -> str:
    """An RFC 3339 instant as the reader's clock shows it: dd/mm/yyyy hh:mm:ss."""
    return datetime.fromisoformat(moment.replace("Z", "+00:00")).strftime("%d/%m/%Y %H:%M:%S")


def events_table(events: list[dict[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                T.WHEN: when(event["time"]),
                T.WHAT: T.EVENT_NAMES.get(event["type"], event["type"]),
                T.WHO: event["actor"],
                T.REASON: (event.get("data") or {}).get("reason")
                or (event.get("data") or {}).get("comment")
                or "",
            }
            for event in events
        ],
        columns=[T.WHEN, T.WHAT, T.WHO, T.REASON],
    )


def show(kind: str, entity_id: str) -> None:
    reply = ask.fetched("audit", {"kind": kind, "id": entity_id})
    if reply is not None:
        ask.table(events_table(reply["events"]), T.NO_EVENTS)


def render() -> None:
    st.title(T.AUDIT_TITLE)
    st.caption(T.AUDIT_INTRO)
    with st.form("audit"):
        kind_column, id_column = st.columns([1, 2])
        kind = kind_column.selectbox(
            T.AUDIT_KIND, list(T.AUDIT_KINDS), format_func=T.AUDIT_KINDS.get, key="audit_kind"
        )
        entity_id = id_column.text_input(T.AUDIT_ID, max_chars=140, key="audit_id").strip()
        asked = st.form_submit_button(T.SHOW, key="audit_show")
    if (asked or entity_id) and entity_id:
        show(kind, entity_id)
