"""Page "Báo cáo của đơn vị": the period's draft pre-filled from the unit's activities, its
narrative, submit; the Office's comment when it came back."""

from typing import Any

import streamlit as st

from dashboard import ask, session
from dashboard import format as fmt
from dashboard import texts_vi as T
from dashboard.views import periods, progress_view

OUTCOME = "report_outcome"
NARRATIVE = {"results": T.RESULTS, "difficulties": T.DIFFICULTIES, "proposals": T.PROPOSALS}


def narrative_keys(period_id: str, report: dict[str, Any] | None) -> dict[str, str]:
    revision = report["revision"] if report else 0
    return {field: f"report_{field}_{period_id}_{revision}" for field in NARRATIVE}


def submit(period_id: str, unit_id: str, keys: dict[str, str]) -> None:
    narrative = {field: (st.session_state.get(key) or "").strip() for field, key in keys.items()}
    ask.act("report.submit", {"period_id": period_id, "unit_id": unit_id, **narrative}, OUTCOME)


def state_of(report: dict[str, Any] | None) -> None:
    if report is None:
        return
    st.markdown(
        T.REPORT_STATE.format(status=T.REPORT_STATUSES.get(report["status"], report["status"]))
    )
    if report["status"] == "returned" and report.get("review_comment"):
        st.warning(T.RETURNED_COMMENT.format(comment=fmt.literal(report["review_comment"])))


def render() -> None:
    st.title(T.MY_REPORTS_TITLE)
    unit_id = session.account().get("unit_id") or ""
    period_id = periods.chosen()
    if period_id is None:
        return
    errors = ask.outcome_errors(OUTCOME, T.REPORT_SENT)
    draft = ask.fetched("report_draft", {"period_id": period_id, "unit_id": unit_id})
    if draft is None:
        return
    st.caption(T.DUE_ON.format(day=fmt.day(draft["period"]["due_on"])))
    report = draft.get("report")
    state_of(report)
    st.subheader(T.FIGURES)
    progress_view.totals(draft["totals"])
    progress_view.by_task(draft["by_task"])
    keys = narrative_keys(period_id, report)
    locked = bool(report and report["status"] == "accepted")
    with st.form(f"report_{period_id}"):
        for field, label in NARRATIVE.items():
            st.text_area(label, (report or {}).get(field, ""), max_chars=5000, key=keys[field])
            ask.field_error(errors, field)
        st.form_submit_button(
            T.SUBMIT_REPORT,
            type="primary",
            disabled=locked,
            on_click=submit,
            args=(period_id, unit_id, keys),
            key="report_submit",
        )
    if locked:
        st.info(T.REPORT_LOCKED)
