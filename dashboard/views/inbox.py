"""Page "Hộp thư": the caller's notifications (the notifications service scopes them), read or
not; mark one or all as read."""

from typing import Any

import streamlit as st

from dashboard import ask
from dashboard import format as fmt
from dashboard import texts_vi as T

OUTCOME = "inbox_outcome"
LIMIT = 100


def mark(payload: dict[str, Any]) -> None:
    ask.act("inbox.mark_read", payload, OUTCOME, T.MARKED_READ)


def message(item: dict[str, Any]) -> None:
    with st.container(border=True):
        title, when = st.columns([4, 1])
        heading = f"**{fmt.literal(item['title'])}**"
        title.markdown(heading + ("" if item["read"] else f" · :red[{T.NEW}]"))
        when.caption(fmt.day(item["day"]))
        st.text(item["body"])
        if not item["read"]:
            st.button(
                T.MARK_READ, on_click=mark, args=({"ids": [item["id"]]},), key=f"read_{item['id']}"
            )


def render() -> None:
    st.title(T.INBOX_TITLE)
    ask.outcome_errors(OUTCOME)
    unread_only = st.toggle(T.UNREAD_ONLY, key="inbox_unread_only")
    reply = ask.fetched("inbox", {"limit": LIMIT, "unread_only": unread_only})
    if reply is None:
        return
    st.markdown(T.UNREAD.format(count=fmt.number(reply["unread"])))
    if reply["unread"]:
        st.button(T.MARK_ALL_READ, on_click=mark, args=({"all": True},), key="read_all")
    if not reply["items"]:
        st.info(T.NO_MESSAGES)
    for item in reply["items"]:
        message(item)
