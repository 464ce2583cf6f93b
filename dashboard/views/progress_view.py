"""The pieces of the overview: totals, one table and chart per breakdown, the latest activities."""

from collections.abc import Mapping
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from dashboard import ask
from dashboard import format as fmt
from dashboard import texts_vi as T
from dashboard.views import feed

COUNTS = {
    "activities": T.ACTIVITIES,
    "men": T.MEN,
    "women": T.WOMEN,
    "participants": T.PARTICIPANTS_TOTAL,
    "materials": T.MATERIALS_SHORT,
}

VIETNAMESE_NUMBERS = {
    "number": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " đ"]}
}
# Long Vietnamese names kept whole on a desktop, cut to leave the bars room on a phone.
LABEL_LIMIT = alt.expr("clamp(containerSize()[0] * 0.45, 90, 420)")
LONG_LABELS = alt.Axis(labelLimit=LABEL_LIMIT)


def totals(values: Mapping[str, int]) -> None:
    for column, (key, label) in zip(st.columns(len(COUNTS)), COUNTS.items(), strict=True):
        column.metric(label, fmt.number(values.get(key, 0)))


def _table(frame: pd.DataFrame) -> None:
    numeric = [column for column in frame.columns if column in COUNTS.values()]
    ask.table(frame.style.format(fmt.number, subset=numeric), T.NO_ACTIVITIES)


def _chart(frame: pd.DataFrame, name: str) -> None:
    """Activities per row, bars in the table's order, long Vietnamese labels kept whole."""
    chart = (
        alt.Chart(frame, height=alt.Step(22))
        .mark_bar()
        .encode(
            x=alt.X(
                field=T.ACTIVITIES, type="quantitative", axis=alt.Axis(format=",d", tickMinStep=1)
            ),
            y=alt.Y(field=name, type="nominal", sort=None, title=None, axis=LONG_LABELS),
            tooltip=[alt.Tooltip(field=column) for column in frame.columns],
        )
        .configure(locale=VIETNAMESE_NUMBERS)
    )
    st.altair_chart(chart, width="stretch")


def breakdown(rows: list[dict[str, Any]], labels: Mapping[str, str], name: str) -> None:
    """A table of `rows` (columns named by `labels`, then the counts) and a bar chart by `name`."""
    frame = pd.DataFrame(
        [
            {label: row[key] for key, label in labels.items()}
            | {label: row.get(key, 0) for key, label in COUNTS.items()}
            for row in rows
        ],
        columns=[*labels.values(), *COUNTS.values()],
    )
    _table(frame)
    if not frame.empty:
        _chart(frame, name)


def by_sex(rows: list[dict[str, Any]], key: str, name: str) -> None:
    """Participants per row, men and women side by side in one bar."""
    frame = pd.DataFrame(
        [
            {name: row[key], T.SEX: label, T.PARTICIPANTS_TOTAL: row.get(count, 0)}
            for row in rows
            for count, label in (("men", T.MEN), ("women", T.WOMEN))
        ]
    )
    if frame.empty:
        return
    chart = (
        alt.Chart(frame, height=alt.Step(22))
        .mark_bar()
        .encode(
            x=alt.X(field=T.PARTICIPANTS_TOTAL, type="quantitative", axis=alt.Axis(format=",d")),
            y=alt.Y(field=name, type="nominal", sort=None, title=None, axis=LONG_LABELS),
            color=alt.Color(
                field=T.SEX,
                type="nominal",
                sort=[T.MEN, T.WOMEN],
                legend=alt.Legend(orient="bottom"),
            ),
            tooltip=[alt.Tooltip(field=column) for column in frame.columns],
        )
        .configure(locale=VIETNAMESE_NUMBERS)
    )
    st.altair_chart(chart, width="stretch")


def by_task(rows: list[dict[str, Any]], participants: bool = False) -> None:
    st.subheader(T.BY_TASK)
    named = [{**row, "task": f"{row['task_id']}. {row['short_title']}"} for row in rows]
    breakdown(named, {"task": T.TASK}, T.TASK)
    if participants:
        st.caption(T.BY_SEX)
        by_sex(named, "task", T.TASK)


def by_unit(rows: list[dict[str, Any]]) -> None:
    st.subheader(T.BY_UNIT)
    breakdown(rows, {"name": T.UNIT, "short_name": T.SHORT_NAME}, T.SHORT_NAME)


def by_occasion(rows: list[dict[str, Any]]) -> None:
    st.subheader(T.BY_OCCASION)
    named = [
        {
            **row,
            "when": fmt.span(row["starts_on"], row["ends_on"]),
            "kind": T.KINDS.get(row["kind"], row["kind"]),
        }
        for row in rows
    ]
    labels = {"name": T.OCCASION_SHORT, "kind": T.KIND, "when": T.TIME}
    breakdown(named, labels, T.OCCASION_SHORT)


def latest(items: list[dict[str, Any]], progress: Mapping[str, Any]) -> None:
    st.subheader(T.LATEST)
    if not items:
        st.info(T.NO_ACTIVITIES)
        return
    units = {row["unit_id"]: row["short_name"] for row in progress.get("by_unit", [])}
    frame = pd.DataFrame(
        [
            {
                T.TITLE: item["title"],
                T.UNIT: units.get(item["unit_id"], item["unit_id"]),
                T.LOGGED_AT: feed.when(item["logged_at"]),
                T.DATE: fmt.day(item["date"]),
                T.TASK: item["task_id"],
                T.MEN: item["participants"]["men"],
                T.WOMEN: item["participants"]["women"],
                T.PARTICIPANTS_TOTAL: item["participants"]["total"],
            }
            for item in items
        ]
    )
    _table(frame)
