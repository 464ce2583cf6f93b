"""How a page asks the services: a query drawn as a warning when it fails, a command whose
outcome waits in the session for the next run of the page. Every page goes through these."""

from collections.abc import Mapping
from typing import Any

import pandas as pd
import streamlit as st

from dashboard import client
from dashboard import texts_vi as T


def fetched(name: str, payload: dict[str, Any] | None = None) -> dict[str, Any] | None:
    """The query's reply, or None after a Vietnamese warning (a lost session: to sign-in)."""
    try:
        reply = client.query(name, payload)
    except client.SessionExpired:
        st.rerun(scope="app")
    except client.ServiceUnavailable as unavailable:
        st.warning(f"{unavailable} {T.SELF_HEALING}")
        return None
    if not reply.get("ok"):
        st.warning(T.QUERY_FAILED.format(message=reply["error"]["message"]))
        return None
    return reply


def act(verb_subject: str, payload: dict[str, Any], outcome: str) -> dict[str, Any]:
    """Send a command from a widget's callback; its reply (or why none came) is kept under
    `outcome` for the page to show."""
    try:
        reply = client.command(verb_subject, payload)
    except client.ServiceUnavailable as unavailable:
        reply = {"ok": False, "error": {"code": "unavailable", "message": str(unavailable)}}
    st.session_state[outcome] = reply
    return reply


def outcome_errors(outcome: str, done: str = T.DONE) -> dict[str, str]:
    """Show the last command's outcome once: success, or its message. Returns the field errors
    to draw beside the fields."""
    reply = st.session_state.get(outcome)
    if reply is None:
        return {}
    if reply.get("ok"):
        st.success(done)
        del st.session_state[outcome]
        return {}
    error = reply.get("error", {})
    st.error(f"{T.NOT_DONE} {error.get('message', '')}".strip())
    return dict(error.get("fields") or {})


def field_error(errors: Mapping[str, str], *fields: str) -> None:
    for field in fields:
        if field in errors:
            st.error(errors[field])


def table(frame: pd.DataFrame, empty: str) -> None:
    """A read-only table of the rows, or a line saying there are none."""
    if frame.empty:
        st.info(empty)
        return
    st.dataframe(frame, hide_index=True, height="content")
