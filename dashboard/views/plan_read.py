"""Page "Kế hoạch năm": the plan in force as everyone reads it: its tasks with their timing and
targets (and how far each target is in its current window), its occasions, the reports' due
dates, and what comes next."""

from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from dashboard import ask
from dashboard import format as fmt
from dashboard import texts_vi as T


def in_force(plans: list[dict[str, Any]], today: date) -> dict[str, Any] | None:
    """The plan whose year holds today (a plan year runs to 14/12), else the latest in force."""
    live = [p for p in plans if p["status"] == "published"]
    year = today.year + 1 if (today.month, today.day) >= (12, 15) else today.year
    return next((p for p in live if p["year"] == year), live[0] if live else None)


def targets_of(progress: list[dict[str, Any]]) -> list[str]:
    """A line per target, with its current window's count: the overview's and the plan's."""
    lines = []
    for row in progress:
        line = T.PLAN_TARGET_LINE.format(
            task=row["task_id"], count=row["count"], what=row["what"], per=row["per_vi"]
        )
        current = [w for w in row["windows"] if w["current"]]
        if current:
            window = current[0]
            line += " — " + T.PLAN_TARGET_WINDOW.format(
                window=window["window"], done=window["done"], count=row["count"]
            )
        lines.append(line)
    return lines


def coming(calendar: dict[str, Any]) -> None:
    """What is under way, the next occasion and the next report deadline, with days to go."""
    lines = [T.PLAN_UNDER_WAY.format(name=o["name"]) for o in calendar.get("under_way", [])]
    if calendar.get("next_occasion"):
        o = calendar["next_occasion"]
        lines.append(
            T.PLAN_NEXT_OCCASION.format(name=o["name"], day=fmt.day(o["starts_on"]), days=o["days"])
        )
    if calendar.get("next_deadline"):
        d = calendar["next_deadline"]
        lines.append(
            T.PLAN_NEXT_DEADLINE.format(name=d["name"], day=fmt.day(d["due_on"]), days=d["days"])
        )
    if lines:
        st.markdown(f"**{T.PLAN_DUE_NEXT}**")
        for line in lines:
            st.text(line)


def render() -> None:
    st.title(T.PAGE_PLAN_READ)
    listed = ask.fetched("plans", {})
    calendar = ask.fetched("calendar", {})
    if listed is None or calendar is None:
        return
    chosen = in_force(listed["plans"], date.fromisoformat(calendar["today"]))
    if chosen is None:
        st.info(T.PLAN_NO_PLAN_TODAY)
        return
    shown = ask.fetched("plan", {"plan_id": chosen["plan_id"]})
    if shown is None:
        return
    plan = shown["plan"]
    coming(calendar)
    st.subheader(fmt.literal(plan["title"]))
    if plan["number"]:
        issued = f", {fmt.day(plan['issued_on'])}" if plan["issued_on"] else ""
        st.caption(f"{T.PLAN_NUMBER}: {fmt.literal(plan['number'])}{issued}")
    tasks = [
        {
            T.PLAN_TASK_ID: t["id"],
            T.PLAN_TASK_TITLE: t["short_title"],
            T.PLAN_TASK_TIMING: t["timing"],
        }
        for t in plan["tasks"]
    ]
    st.markdown(f"**{T.PLAN_TASKS}**")
    st.dataframe(pd.DataFrame(tasks), hide_index=True, width="stretch")
    progress = ask.fetched("targets", {"plan_id": plan["plan_id"]})
    if progress and progress["targets"]:
        st.markdown(f"**{T.PLAN_TARGET_PROGRESS}**")
        for line in targets_of(progress["targets"]):
            st.text(line)
    occasions = [
        {T.PLAN_OCCASION_NAME: o["title"], T.PLAN_FROM: fmt.span(o["start"], o["end"])}
        for o in plan["occasions"]
    ]
    st.markdown(f"**{T.PLAN_OCCASIONS}**")
    st.dataframe(pd.DataFrame(occasions), hide_index=True, width="stretch")
    periods = [
        {T.PLAN_PERIOD_NAME: p["name"], T.PLAN_DUE: fmt.day(p["due"])} for p in plan["periods"]
    ]
    st.markdown(f"**{T.PLAN_PERIODS}**")
    st.dataframe(pd.DataFrame(periods), hide_index=True, width="stretch")
