"""Page "Xem xét báo cáo": the Office returns a unit's report with a comment, or accepts it."""

from typing import Any

import streamlit as st

from dashboard import ask
from dashboard import format as fmt
from dashboard import texts_vi as T
from dashboard.views import periods, progress_view
from dashboard.views.my_reports import NARRATIVE

OUTCOME = "review_outcome"


def decide(verb: str, report_id: str, comment_key: str, unit_name: str) -> None:
    st.session_state["review_target"] = report_id  # whose comment a field error is about
    comment = (st.session_state.get(comment_key) or "").strip()
    command: dict[str, Any] = {"report_id": report_id}
    if comment or verb == "return":
        command["comment"] = comment
    said = (T.RETURNED_DONE if verb == "return" else T.ACCEPTED_DONE).format(unit=unit_name)
    ask.act(f"report.{verb}", command, OUTCOME, said)


def waiting(unit: dict[str, Any], period_id: str, errors: dict[str, str]) -> None:
    title = f"{unit['name']} — {T.REVISION.format(revision=unit['revision'])}"
    with st.expander(title, expanded=True):
        st.caption(T.SUBMITTED_ON + ": " + fmt.day(unit["submitted_on"]))
        draft = ask.fetched("report_draft", {"period_id": period_id, "unit_id": unit["unit_id"]})
        report = (draft or {}).get("report") or {}
        if draft:
            progress_view.totals(draft["totals"])
        for field, label in NARRATIVE.items():
            st.markdown(f"**{label}**")
            st.text(report.get(field) or "—")
        key = f"review_comment_{unit['report_id']}_{unit['revision']}"
        st.text_area(T.COMMENT, max_chars=2000, help=T.REVIEW_COMMENT_HELP, key=key)
        if st.session_state.get("review_target") == unit["report_id"]:
            ask.field_error(errors, "comment")
        back, accept = st.columns(2)
        for column, verb, label in ((back, "return", T.RETURN), (accept, "accept", T.ACCEPT)):
            column.button(
                label,
                on_click=decide,
                args=(verb, unit["report_id"], key, unit["name"]),
                key=f"{verb}_{unit['report_id']}",
                type="primary" if verb == "accept" else "secondary",
            )


def render() -> None:
    st.title(T.REVIEW_TITLE)
    period_id = periods.chosen()
    if period_id is None:
        return
    errors = ask.outcome_errors(OUTCOME)
    status = ask.fetched("report_status", {"period_id": period_id})
    if status is None:
        return
    queue = [u for u in status["units"] if u["status"] == "submitted"]
    if not queue:
        st.info(T.NOTHING_TO_REVIEW)
    for unit in queue:
        waiting(unit, period_id, errors)
