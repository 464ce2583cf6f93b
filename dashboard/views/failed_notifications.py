"""Page "Thông báo gửi lỗi": notifications that failed, and those given up on (dead letters)."""

from typing import Any

import pandas as pd
import streamlit as st

from dashboard import ask
from dashboard import format as fmt
from dashboard import texts_vi as T
from dashboard.views.audit_trail import when

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


def section(query: str) -> None:
    reply = ask.fetched(query, {"limit": LIMIT})
    if reply is not None:
        ask.table(failures(reply["items"]), T.NO_FAILURES)


def render() -> None:
    st.title(T.FAILED_TITLE)
    section("notifications.failed")
    st.subheader(T.DEAD_LETTERS)
    section("notifications.dead_letters")
