"""Page "Thông báo gửi lỗi": notifications that failed, and those given up on (dead letters)."""

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from dashboard import ask
from dashboard import format as fmt
from dashboard import texts_vi as T
from dashboard.views.feed import when

LIMIT = 200


def failures(items: list[dict[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                T.WHEN: when(item["failed_at"]) if item.get("failed_at") else "",
                T.RECIPIENT: item.get("recipient", ""),
                T.CHANNEL: item.get("channel", ""),
                T.DATE: fmt.day(item["day"]) if item.get("day") else "",
                T.ATTEMPTS: fmt.number(item.get("attempts", 0)),
                T.ERROR: item.get("error", ""),
            }
            for item in items
        ],
        columns=[T.WHEN, T.RECIPIENT, T.CHANNEL, T.DATE, T.ATTEMPTS, T.ERROR],
    )


def dead_letters(items: list[dict[str, Any]]) -> pd.DataFrame:
    """Events the notifications service could not handle at all, kept aside."""
    return pd.DataFrame(
        [
            {
                T.WHEN: when(item["created_at"]) if item.get("created_at") else "",
                T.EVENT_SEQUENCE: fmt.number(item.get("sequence")),
                T.EVENT_SUBJECT: item.get("subject", ""),
                T.ERROR: item.get("error", ""),
            }
            for item in items
        ],
        columns=[T.WHEN, T.EVENT_SEQUENCE, T.EVENT_SUBJECT, T.ERROR],
    )


def section(query: str, table: Callable[[list[dict[str, Any]]], pd.DataFrame]) -> None:
    reply = ask.fetched(query, {"limit": LIMIT})
    if reply is not None:
        ask.table(table(reply["items"]), T.NO_FAILURES)


def render() -> None:
    st.title(T.FAILED_TITLE)
    section("notifications.failed", failures)
    st.subheader(T.DEAD_LETTERS)
    section("notifications.dead_letters", dead_letters)
