"""Page "Đăng nhập": session.open with a user id and a password; the reply becomes the session."""

import streamlit as st

from dashboard import ask, session
from dashboard import texts_vi as T

OUTCOME = "sign_in_outcome"
FIELDS = {"user_id": ("sign_in_user", T.USER_ID), "password": ("sign_in_password", T.PASSWORD)}


def unit_name(unit_id: str | None) -> str:
    """The unit's name for the header, looked up once at sign-in."""
    if not unit_id:
        return ""
    catalog = ask.fetched("catalog") or {"units": []}
    return next((u["name"] for u in catalog["units"] if u["unit_id"] == unit_id), unit_id)


def submit() -> None:
    entered = {
        field: (st.session_state.get(key) or "").strip() for field, (key, _) in FIELDS.items()
    }
    missing = {
        field: T.REQUIRED.format(field=label.lower())
        for field, (_, label) in FIELDS.items()
        if not entered[field]
    }
    if missing:
        error = {"code": "invalid_command", "message": "", "fields": missing}
        st.session_state[OUTCOME] = {"ok": False, "error": error}
        return
    reply = ask.act("session.open", entered, OUTCOME)
    if reply.get("ok"):
        del st.session_state[OUTCOME], st.session_state[FIELDS["password"][0]]
        session.begin(reply)
        account = reply["account"]
        st.session_state[session.SESSION]["unit_name"] = unit_name(account.get("unit_id"))


def render() -> None:
    st.title(T.SIGN_IN_TITLE)
    st.caption(T.SIGN_IN_INTRO)
    notice = session.notice()
    if notice:
        st.info(notice)
    errors = ask.outcome_errors(OUTCOME)
    with st.form("sign_in", enter_to_submit=True):
        st.text_input(T.USER_ID, key=FIELDS["user_id"][0], max_chars=100)
        ask.field_error(errors, "user_id")
        st.text_input(T.PASSWORD, type="password", key=FIELDS["password"][0], max_chars=200)
        ask.field_error(errors, "password")
        st.form_submit_button(T.SIGN_IN, type="primary", on_click=submit, key="sign_in_submit")
