"""Who is signed in: the session.open reply kept in `st.session_state["session"]`, nothing more.

The dashboard keeps no other state: the token goes out with every request, the services decide.
"""

from datetime import UTC, datetime
from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from dashboard import texts_vi as T

SESSION = "session"
NOTICE = "signin_notice"  # why the user is back on the sign-in page, said once


def _state() -> Any:
    # Outside a Streamlit script (a plain test calling the client) there is no session.
    return st.session_state if get_script_run_ctx(suppress_warning=True) else {}


def _expired(session: dict[str, Any]) -> bool:
    try:
        expires_at = datetime.fromisoformat(session["expires_at"].replace("Z", "+00:00"))
    except (KeyError, ValueError, AttributeError):
        return False  # the services are the judges; they say "unauthenticated"
    if expires_at.tzinfo is None:
        expires_at = expires_at.replace(tzinfo=UTC)
    return expires_at <= datetime.now(UTC)


def current() -> dict[str, Any] | None:
    """The signed-in session, or None (and a notice) once it has expired."""
    session = _state().get(SESSION)
    if session and _expired(session):
        end(T.SESSION_EXPIRED)
        return None
    return session


def account() -> dict[str, Any]:
    session = current()
    return session["account"] if session else {}


def token() -> str | None:
    session = current()
    return session["token"] if session else None


def begin(reply: dict[str, Any]) -> None:
    state = _state()
    state[SESSION] = {key: reply[key] for key in ("token", "expires_at", "account")}
    state.pop(NOTICE, None)


def end(notice: str | None = None) -> None:
    """Sign out: forget the token and everything the pages kept for this user."""
    state = _state()
    for key in list(state.keys()):
        del state[key]
    if notice:
        state[NOTICE] = notice


def notice() -> str | None:
    return _state().pop(NOTICE, None)
