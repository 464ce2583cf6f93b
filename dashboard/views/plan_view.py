"""The overview's other sections: the plan's calendar, the units' reports, the coverage heatmap."""

from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from dashboard import ask
from dashboard import format as fmt
from dashboard import texts_vi as T
from dashboard.views.progress_view import LABEL_LIMIT, VIETNAMESE_NUMBERS


def _when(days: int, day: str) -> str:
    return (
        T.TODAY_SHORT.format(day=fmt.day(day))
        if days == 0
        else T.IN_DAYS.format(days=fmt.number(days), day=fmt.day(day))
    )


def _slot(column: Any, label: str, name: str, when: str | None) -> None:
    """A label, a name kept whole (a metric would cut it), and when."""
    column.caption(label)
    column.markdown(f"**{name}**")
    if when:
        column.caption(when)


def calendar(reply: dict[str, Any]) -> None:
    st.subheader(T.CALENDAR)
    st.caption(T.TODAY.format(day=fmt.day(reply["today"])))
    now, coming, deadline = st.columns(3)
    under_way = ", ".join(o["name"] for o in reply["under_way"]) or T.NOTHING_UNDER_WAY
    _slot(now, T.UNDER_WAY, under_way, None)
    following = reply["next_occasion"]
    _slot(
        coming,
        T.NEXT_OCCASION,
        following["name"] if following else T.NONE_LEFT,
        _when(following["days"], following["starts_on"]) if following else None,
    )
    due = reply["next_deadline"]
    _slot(
        deadline,
        T.NEXT_DEADLINE,
        due["name"] if due else T.NONE_LEFT,
        _when(due["days"], due["due_on"]) if due else None,
    )


def reporting(reply: dict[str, Any]) -> None:
    st.subheader(T.REPORTING.format(period=reply["period"]["name"]))
    done, timely = st.columns(2)
    done.metric(T.COMPLETENESS, fmt.share(reply["submitted"], reply["expected"]))
    done.caption(T.SUBMITTED_OF.format(**reply))
    timely.metric(T.TIMELINESS, fmt.share(reply["on_time"], reply["submitted"]))
    timely.caption(T.ON_TIME_OF.format(**reply) if reply["submitted"] else T.NOTHING_SUBMITTED)
    frame = pd.DataFrame(
        [
            {
                T.UNIT: u["name"],
                T.STATUS: u["status_vi"],
                T.SUBMITTED_ON: fmt.day(u["first_submitted_on"]) if u["first_submitted_on"] else "",
                T.ON_TIME: {True: T.YES, False: T.NO, None: ""}[u["on_time"]],
                T.ACTIVITIES: fmt.number(u["activities"]),
            }
            for u in reply["units"]
        ]
    )
    ask.table(frame, T.NO_UNITS)


def coverage(reply: dict[str, Any], unit_names: dict[str, str] | None = None) -> None:
    """Activities per unit and occasion: occasions down the side, units across by their short
    names (the full ones in the tooltip and the key below), whole numbers only."""
    st.subheader(T.COVERAGE)
    names = unit_names or {}
    counts = {(c["unit_id"], c["occasion_id"]): c["activities"] for c in reply["cells"]}
    frame = pd.DataFrame(
        [
            {
                T.SHORT_NAME: u["short_name"],
                T.UNIT: names.get(u["unit_id"], u["short_name"]),
                T.OCCASION_SHORT: o["name"],
                T.ACTIVITIES: counts.get((u["unit_id"], o["occasion_id"]), 0),
            }
            for u in reply["units"]
            for o in reply["occasions"]
        ]
    )
    if frame.empty:
        return
    most = max(1, int(frame[T.ACTIVITIES].max()))
    base = alt.Chart(frame, height=alt.Step(26)).encode(
        y=alt.Y(
            field=T.OCCASION_SHORT,
            type="nominal",
            sort=[o["name"] for o in reply["occasions"]],
            title=None,
            axis=alt.Axis(labelLimit=LABEL_LIMIT),
        ),
        x=alt.X(
            field=T.SHORT_NAME,
            type="nominal",
            sort=[u["short_name"] for u in reply["units"]],
            title=None,
            axis=alt.Axis(labelAngle=-90, labelOverlap=False, orient="top"),
        ),
    )
    cells = base.mark_rect(stroke="white").encode(
        color=alt.Color(
            field=T.ACTIVITIES,
            type="quantitative",
            scale=alt.Scale(scheme="greens", domain=[0, most]),
            legend=alt.Legend(
                format=",d",
                tickMinStep=1,
                title=T.ACTIVITIES,
                orient="bottom",
                direction="horizontal",
            ),
        ),
        tooltip=[alt.Tooltip(field=c) for c in (T.UNIT, T.OCCASION_SHORT, T.ACTIVITIES)],
    )
    # dark cells get white figures; empty cells stay blank
    labels = (
        base.mark_text(fontSize=11)
        .encode(
            text=alt.Text(field=T.ACTIVITIES, type="quantitative", format=",d"),
            color=alt.condition(
                alt.datum[T.ACTIVITIES] > most / 2, alt.value("white"), alt.value("black")
            ),
        )
        .transform_filter(alt.datum[T.ACTIVITIES] > 0)
    )
    st.altair_chart((cells + labels).configure(locale=VIETNAMESE_NUMBERS), width="stretch")
    key = " · ".join(
        f"{u['short_name']}: {names[u['unit_id']]}" for u in reply["units"] if u["unit_id"] in names
    )
    if key:
        st.caption(key)
