"""Who did what, when: the audit query's events as a table, and the page that asks for any of
them (the Office and the administrator)."""

import streamlit as st

from dashboard import ask, session
from dashboard import texts_vi as T
from dashboard.views import feed


def names() -> feed.Names:
    """Names for the ids in events: the plan's, every account's when this role may list them,
    and always the reader's own."""
    account = session.account()
    accounts = {"accounts": [account]} if account else {}
    if account.get("role") in ("office", "admin"):
        accounts = ask.fetched("accounts") or accounts
    return feed.Names.of(ask.fetched("catalog"), accounts)


def show(kind: str, entity_id: str) -> None:
    reply = ask.fetched("audit", {"kind": kind, "id": entity_id})
    if reply is not None:
        ask.table(feed.events_table(reply["events"], names()), T.NO_EVENTS)


def render() -> None:
    st.title(T.AUDIT_TITLE)
    st.caption(T.AUDIT_INTRO)
    with st.form("audit"):
        kind_column, id_column = st.columns([1, 2])
        kind = kind_column.selectbox(
            T.AUDIT_KIND,
            list(T.AUDIT_KINDS),
            format_func=T.AUDIT_KINDS.__getitem__,
            key="audit_kind",
        )
        entity_id = id_column.text_input(T.AUDIT_ID, max_chars=140, key="audit_id").strip()
        asked = st.form_submit_button(T.SHOW, key="audit_show")
    if (asked or entity_id) and entity_id and kind:
        show(kind, entity_id)
