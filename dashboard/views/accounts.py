"""Page "Tài khoản": the administrator lists, creates and disables accounts."""

from typing import Any

import pandas as pd
import streamlit as st

from dashboard import ask
from dashboard import texts_vi as T

OUTCOME = "accounts_outcome"
NEW = {
    "user_id": "new_user_id",
    "name": "new_name",
    "role": "new_role",
    "unit_id": "new_unit_id",
    "email": "new_email",
    "password": "new_password",
}


def create() -> None:
    entered = {field: st.session_state.get(key) for field, key in NEW.items()}
    command = {
        field: value.strip() if isinstance(value, str) else value
        for field, value in entered.items()
        if value not in (None, "")
    }
    if command.get("role") != "unit_officer" and "unit_id" in command and command.get("role"):
        command.pop("unit_id")  # only a unit officer is bound to a unit
    said = T.ACCOUNT_CREATED.format(user_id=command.get("user_id", ""))
    reply = ask.act("account.create", command, OUTCOME, said)
    if reply.get("ok"):
        for key in NEW.values():
            st.session_state.pop(key, None)


def set_password() -> None:
    user_id = st.session_state.get("password_user")
    password = st.session_state.get("password_new") or ""
    command = {"user_id": user_id, "password": password}
    said = T.PASSWORD_SET.format(user_id=user_id or "")
    if ask.act("account.password", command, OUTCOME, said).get("ok"):
        st.session_state.pop("password_new", None)


def disable() -> None:
    user_id = st.session_state.get("disable_user")
    command: dict[str, Any] = {"user_id": user_id}
    reason = (st.session_state.get("disable_reason") or "").strip()
    if reason:
        command["reason"] = reason
    ask.act("account.disable", command, OUTCOME, T.ACCOUNT_DISABLED.format(user_id=user_id))


def table(accounts: list[dict[str, Any]], units: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                T.USER_ID: a["user_id"],
                T.FULL_NAME: a["name"],
                T.ROLE: T.ROLES.get(a["role"], a["role"]),
                T.UNIT: units.get(a.get("unit_id") or "", a.get("unit_id") or ""),
                T.EMAIL: a.get("email") or "",
                T.STATUS: T.DISABLED if a.get("disabled") else T.ACTIVE,
            }
            for a in accounts
        ],
        columns=[T.USER_ID, T.FULL_NAME, T.ROLE, T.UNIT, T.EMAIL, T.STATUS],
    )


def create_form(units: dict[str, str], errors: dict[str, str]) -> None:
    with st.form("new_account"):
        left, right = st.columns(2)
        left.text_input(T.USER_ID, max_chars=100, key=NEW["user_id"])
        with left:
            ask.field_error(errors, "user_id")
        right.text_input(T.FULL_NAME, max_chars=200, key=NEW["name"])
        with right:
            ask.field_error(errors, "name")
        left.selectbox(T.ROLE, list(T.ROLES), format_func=T.ROLES.__getitem__, key=NEW["role"])
        right.selectbox(
            T.UNIT,
            list(units),
            index=None,
            format_func=units.__getitem__,
            placeholder=T.UNIT_PLACEHOLDER,
            key=NEW["unit_id"],
        )
        with right:
            ask.field_error(errors, "unit_id")
        left.text_input(T.EMAIL, max_chars=254, help=T.EMAIL_RULE, key=NEW["email"])
        with left:
            ask.field_error(errors, "email")
        right.text_input(
            T.PASSWORD, type="password", max_chars=128, help=T.PASSWORD_RULE, key=NEW["password"]
        )
        with right:
            ask.field_error(errors, "password")
        st.form_submit_button(T.CREATE, type="primary", on_click=create, key="account_create")


def render() -> None:
    st.title(T.ACCOUNTS_TITLE)
    errors = ask.outcome_errors(OUTCOME)
    reply = ask.fetched("accounts")
    if reply is None:
        return
    accounts = reply["accounts"]
    catalog = ask.fetched("catalog") or {"units": []}
    units = {u["unit_id"]: u["name"] for u in catalog["units"]}
    ask.table(table(accounts, units), T.NO_ACCOUNTS)
    named = {a["user_id"]: f"{a['name']} ({a['user_id']})" for a in accounts}
    st.subheader(T.NEW_ACCOUNT)
    create_form(units, errors)
    st.subheader(T.NEW_PASSWORD)
    st.selectbox(
        T.CHOOSE_ACCOUNT,
        list(named),
        index=None,
        format_func=named.__getitem__,
        placeholder=T.ACCOUNT_PLACEHOLDER,
        key="password_user",
    )
    st.text_input(
        T.PASSWORD, type="password", max_chars=128, help=T.PASSWORD_RULE, key="password_new"
    )
    st.button(T.SET_PASSWORD, on_click=set_password, key="account_password")
    st.subheader(T.DISABLE)
    active = [a["user_id"] for a in accounts if not a.get("disabled")]
    st.selectbox(
        T.CHOOSE_ACCOUNT_TO_DISABLE,
        active,
        index=None,
        format_func=named.__getitem__,
        placeholder=T.ACCOUNT_PLACEHOLDER,
        key="disable_user",
    )
    st.text_input(T.REASON, max_chars=500, key="disable_reason")
    st.button(T.DISABLE, on_click=disable, key="account_disable")
    st.caption(T.NO_REENABLE)
