"""How a page asks the services: a query drawn as a warning when it fails, a command whose
outcome waits in the session for the next run of the page. Every page goes through these."""

import time
from collections.abc import Mapping
from typing import Any

import streamlit as st

from dashboard import client
from dashboard import texts_vi as T
from shared.settings import get_settings

UNANSWERED = "unanswered"  # a query of this run found no service: try the page again soon
RETRY_AT = "retry_at"
# The stream sequence of this session's last accepted command: a read model that has not yet
# applied it is asked again for a moment, so a page never shows the state before the action.
AWAITED = "awaited_sequence"
SUCCESS = "success"  # kept beside a command's reply: the page's words for it done
CATCH_UP_SECONDS = 3.0
CATCH_UP_PAUSE = 0.1


def _behind(reply: dict[str, Any]) -> bool:
    position = reply.get("position")
    return isinstance(position, int) and position < st.session_state.get(AWAITED, 0)


def _caught_up(name: str, payload: dict[str, Any] | None, reply: dict[str, Any]) -> dict[str, Any]:
    """The reply once its read model reflects this session's last command (or after a few
    seconds, with a note that the figures are still being updated)."""
    deadline = time.monotonic() + CATCH_UP_SECONDS
    while reply.get("ok") and _behind(reply) and time.monotonic() < deadline:
        time.sleep(CATCH_UP_PAUSE)
        reply = client.query(name, payload)
    if reply.get("ok") and _behind(reply):
        st.caption(T.CATCHING_UP)
    return reply


def fetched(name: str, payload: dict[str, Any] | None = None) -> dict[str, Any] | None:
    """The query's reply, or None after a Vietnamese warning (a lost session: to sign-in)."""
    try:
        reply = _caught_up(name, payload, client.query(name, payload))
    except client.SessionExpired:
        st.rerun(scope="app")
    except client.ServiceUnavailable as unavailable:
        st.warning(f"{unavailable} {T.SELF_HEALING}")
        st.session_state[UNANSWERED] = True
        return None
    if not reply.get("ok"):
        st.warning(T.QUERY_FAILED.format(message=reply["error"]["message"]))
        return None
    return reply


def act(
    verb_subject: str, payload: dict[str, Any], outcome: str, success: str | None = None
) -> dict[str, Any]:
    """Send a command from a widget's callback; its reply (or why none came) is kept under
    `outcome` for the page to show, with `success`: what to say once it was done."""
    try:
        reply = client.command(verb_subject, payload)
    except client.SessionExpired:  # signed out: the sign-in page says why, nothing is kept
        return {"ok": False}
    except client.ServiceUnavailable as unavailable:
        reply = {"ok": False, "error": {"code": "unavailable", "message": str(unavailable)}}
    st.session_state[outcome] = {**reply, SUCCESS: success} if success else reply
    awaited(reply)
    return reply


def awaited(reply: dict[str, Any]) -> None:
    """Remember an accepted command's stream sequence: the next queries wait for it."""
    sequence = reply.get("sequence") if reply.get("ok") else None
    if isinstance(sequence, int):
        st.session_state[AWAITED] = max(sequence, st.session_state.get(AWAITED, 0))


def outcome_errors(outcome: str, done: str = T.DONE) -> dict[str, str]:
    """Show the last command's outcome once: success, or its message. Returns the field errors
    to draw beside the fields."""
    reply = st.session_state.get(outcome)
    if reply is None:
        return {}
    if reply.get("ok"):
        st.success(reply.get(SUCCESS) or done)
        del st.session_state[outcome]
        return {}
    error = reply.get("error", {})
    st.error(f"{T.NOT_DONE} {error.get('message', '')}".strip())
    return dict(error.get("fields") or {})


def field_error(errors: Mapping[str, str], *fields: str) -> None:
    for field in fields:
        if field in errors:
            st.error(errors[field])


def table(frame: Any, empty: str) -> None:
    """A read-only table of the rows (a frame, or a styled one), or a line saying there are
    none. On a phone its first column stays in sight while the others scroll sideways."""
    data = getattr(frame, "data", frame)  # a Styler keeps its frame in .data
    if data.empty:
        st.info(empty)
        return
    pinned = {data.columns[0]: st.column_config.Column(width="medium", pinned=True)}
    st.dataframe(
        frame, hide_index=True, height="content", column_config=pinned if on_phone() else None
    )


def on_phone() -> bool:
    """The browser says it is a phone ("Mobi" in its user agent, as browsers agree)."""
    try:
        return "Mobi" in (st.context.headers.get("User-Agent") or "")
    except Exception:  # no browser session (a test run of the script): a desktop
        return False


def retry_if_unanswered() -> None:
    """After a run in which a query found no service, run the page again a little later, until
    the services answer: every page recovers by itself, not only the live overview."""
    if not st.session_state.pop(UNANSWERED, False):
        st.session_state.pop(RETRY_AT, None)
        return
    pause = 2 * get_settings().dashboard_refresh_seconds

    @st.fragment(run_every=pause)
    def wait() -> None:
        due = st.session_state.setdefault(RETRY_AT, time.monotonic() + pause)
        if time.monotonic() >= due:
            del st.session_state[RETRY_AT]
            st.rerun(scope="app")

    wait()
