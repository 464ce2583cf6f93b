"""Page "Báo cáo tổng hợp": the Office compiles the period's consolidated report; the Office and
leadership download the .docx and .xlsx of the latest compilation."""

import base64
from typing import Any

import streamlit as st

from dashboard import ask, session
from dashboard import format as fmt
from dashboard import texts_vi as T
from dashboard.views import feed, periods

OUTCOME = "compile_outcome"
JUST_COMPILED = "just_compiled"  # its files, until the list (a read model) shows it too
MIME = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def compile_report(period_id: str) -> None:
    reply = ask.act("consolidated.compile", {"period_id": period_id}, OUTCOME)
    if reply.get("ok"):
        st.session_state[JUST_COMPILED] = {"period_id": period_id, **reply}


def downloads(compiled: dict[str, Any]) -> None:
    """One button per file; its bytes come from the reporting service's object store."""
    columns = st.columns(len(compiled["files"]) or 1)
    for column, file in zip(columns, compiled["files"], strict=False):
        with column:
            reply = ask.fetched("consolidated_file", {"object": file["object"]})
            if reply is None:
                continue
            st.download_button(
                T.DOWNLOAD.format(name=file["name"]),
                base64.b64decode(reply["content_base64"]),
                file_name=file["name"],
                mime=MIME.get(file["name"].rsplit(".", 1)[-1], "application/octet-stream"),
                key=f"download_{file['object']}",
            )


def summary(compiled: dict[str, Any]) -> str:
    figures = compiled.get("figures") or {}
    return T.COMPILED_AT.format(
        time=feed.when(compiled["compiled_at"]),
        reports=fmt.number(len(compiled.get("report_ids") or [])),
        activities=fmt.number(figures.get("activities", 0)),
    )


def render() -> None:
    st.title(T.DOCUMENTS_TITLE)
    period_id = periods.chosen()
    if period_id is None:
        return
    if session.account().get("role") == "office":
        ask.outcome_errors(OUTCOME, T.COMPILED.format(period=periods.name(period_id)))
        st.button(
            T.COMPILE, type="primary", on_click=compile_report, args=(period_id,), key="compile"
        )
    reply = ask.fetched("consolidated", {"period_id": period_id})
    if reply is None:
        return
    st.subheader(T.COMPILED_LIST)
    listed = reply["compiled"]
    just = st.session_state.get(JUST_COMPILED)
    if just and just["period_id"] == period_id:
        if not any(c["sequence"] == just["sequence"] for c in listed):
            downloads(just)  # the read model has not caught up yet: offer what was compiled
            return
        del st.session_state[JUST_COMPILED]
    if not listed:
        st.info(T.NOTHING_COMPILED)
        return
    latest, *earlier = listed
    st.markdown(summary(latest))
    downloads(latest)
    for compiled in earlier:
        st.caption(summary(compiled))
