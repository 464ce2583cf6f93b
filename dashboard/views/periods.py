"""The reporting period a page is about: chosen from the plan's periods, by default the one the
services' calendar calls current (the next deadline; the last period once all have passed)."""

import streamlit as st

from dashboard import ask
from dashboard import format as fmt
from dashboard import texts_vi as T


def name(period_id: str) -> str:
    """A period's name as the plan gives it (never its id)."""
    catalog = ask.fetched("catalog") or {}
    found = [p["name"] for p in catalog.get("periods", []) if p["period_id"] == period_id]
    return found[0] if found else T.THIS_PERIOD


def chosen() -> str | None:
    catalog = ask.fetched("catalog")
    if catalog is None:
        return None
    periods = catalog.get("periods", [])
    if not periods:
        st.info(T.NO_PERIODS)
        return None
    names = {
        p["period_id"]: T.PERIOD_DUE.format(name=p["name"], day=fmt.day(p["due_on"]))
        for p in periods
    }
    current = (ask.fetched("calendar") or {}).get("current_period_id")
    index = list(names).index(current) if current in names else len(names) - 1
    return st.selectbox(
        T.PERIOD, list(names), index=index, format_func=names.__getitem__, key="period"
    )
