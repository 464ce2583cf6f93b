"""Page "Hoạt động của đơn vị": the unit's activities, searched and paged by the reporting
service; correct, withdraw, history of the one chosen."""

import hashlib
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from dashboard import ask, session
from dashboard import format as fmt
from dashboard import texts_vi as T
from dashboard.views import activity_correction, audit_trail

OUTCOME = activity_correction.OUTCOME
PAGE_SIZE = 50
PAGE = "mine_page"
CHOSEN = "mine_chosen"  # the id of the activity acted on
ASKED = "mine_asked"  # the filters the page number belongs to: new filters, first page


def filters(unit_id: str) -> dict[str, Any]:
    text_column, from_column, to_column, withdrawn_column = st.columns([3, 1, 1, 1])
    text = text_column.text_input(
        T.SEARCH, max_chars=200, placeholder=T.SEARCH_PLACEHOLDER, key="mine_text"
    ).strip()
    date_from = from_column.date_input(T.FROM_DATE, None, format="DD/MM/YYYY", key="mine_from")
    date_to = to_column.date_input(T.TO_DATE, None, format="DD/MM/YYYY", key="mine_to")
    withdrawn = withdrawn_column.checkbox(T.SHOW_WITHDRAWN, key="mine_withdrawn")
    query: dict[str, Any] = {"unit_id": unit_id, "page_size": PAGE_SIZE}
    if text:
        query["text"] = text
    for name, value in (("date_from", date_from), ("date_to", date_to)):
        if isinstance(value, date):
            query[name] = value.isoformat()
    if withdrawn:
        query["include_withdrawn"] = True
    return query


def page_of(query: dict[str, Any]) -> int:
    """The page asked for; the first one whenever the filters change."""
    state = st.session_state
    if state.get(ASKED) != query:
        state[ASKED], state[PAGE] = query, 1
    return int(state.get(PAGE) or 1)


def pager(total: int, page: int) -> None:
    """Previous, the page number, next: the service sends one page at a time."""
    pages = max(1, -(-total // PAGE_SIZE))
    if pages == 1:
        return
    back, number, forward = st.columns([1, 1, 1], vertical_alignment="bottom")
    back.button(
        T.PREVIOUS_PAGE, disabled=page <= 1, on_click=_turn, args=(page - 1,), key="mine_back"
    )
    number.number_input(T.PAGE_OF.format(pages=fmt.number(pages)), 1, pages, step=1, key=PAGE)
    forward.button(
        T.NEXT_PAGE, disabled=page >= pages, on_click=_turn, args=(page + 1,), key="mine_next"
    )


def _turn(page: int) -> None:
    st.session_state[PAGE] = page


def table(items: list[dict[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                T.TITLE: item["title"],
                T.DATE: fmt.day(item["date"]),
                T.TASK: item["task_id"],
                T.MEN: fmt.number(item["participants"]["men"]),
                T.WOMEN: fmt.number(item["participants"]["women"]),
                T.PARTICIPANTS_TOTAL: fmt.number(item["participants"]["total"]),
                T.STATUS: status(item),
            }
            for item in items
        ],
        columns=[T.TITLE, T.DATE, T.TASK, T.MEN, T.WOMEN, T.PARTICIPANTS_TOTAL, T.STATUS],
    )


def status(item: dict[str, Any]) -> str:
    if item.get("set_aside"):
        return T.SET_ASIDE
    return T.WITHDRAWN if item.get("withdrawn") else ""


def withdraw_keys(item: dict[str, Any]) -> dict[str, str]:
    """The withdrawal's reason and confirmation belong to one activity as it stands: once it
    is withdrawn, whichever activity comes next starts with them empty and the button off."""
    suffix = f"{item['activity_id']}_{item['version']}"
    return {"reason": f"withdraw_reason_{suffix}", "confirm": f"withdraw_confirm_{suffix}"}


def withdraw(item: dict[str, Any]) -> None:
    keys = withdraw_keys(item)
    command = {"activity_id": item["activity_id"], "expected_version": item["version"]}
    reason = (st.session_state.get(keys["reason"]) or "").strip()
    said = T.WITHDRAWN_DONE.format(day=fmt.day(item["date"]))
    reply = ask.act(
        "activity.withdraw", command | ({"reason": reason} if reason else {}), OUTCOME, said
    )
    if reply.get("ok"):
        for key in keys.values():
            st.session_state.pop(key, None)


def withdraw_form(item: dict[str, Any]) -> None:
    keys = withdraw_keys(item)
    st.text_input(T.REASON, max_chars=2000, key=keys["reason"])
    confirmed = st.checkbox(T.WITHDRAW_CONFIRM, key=keys["confirm"])
    st.button(
        T.WITHDRAW, disabled=not confirmed, on_click=withdraw, args=(item,), key="withdraw_submit"
    )


def actions(item: dict[str, Any], errors: dict[str, str]) -> None:
    # a radio, not tabs: the choice is state, so it survives the reruns its widgets cause
    choices = {"fix": T.CORRECT, "withdraw": T.WITHDRAW, "history": T.HISTORY}
    action = st.radio(
        T.ACTION, list(choices), format_func=choices.get, horizontal=True, key="mine_action"
    )
    if action == "history":
        audit_trail.show("activity", item["activity_id"])
    elif item.get("set_aside") and action != "fix":
        st.warning(T.SET_ASIDE_BY_OFFICE)
        st.text(item["set_aside"])  # the Office's words, shown as typed
    elif item.get("withdrawn") and not item.get("set_aside"):
        st.info(T.WITHDRAWN)
    elif action == "fix":
        catalog = ask.fetched("catalog")
        if catalog is not None:
            activity_correction.form(item, catalog, errors)
    else:
        withdraw_form(item)


def render() -> None:
    st.title(T.MY_ACTIVITIES_TITLE)
    unit_id = session.account().get("unit_id") or ""
    query = filters(unit_id)
    page = page_of(query)
    errors = ask.outcome_errors(OUTCOME)
    reply = ask.fetched("activities", query | {"page": page})
    if reply is None:
        return
    pages = max(1, -(-reply["total"] // PAGE_SIZE))
    if page > pages:  # fewer activities than when the page was chosen: show the last page
        st.session_state[PAGE] = page = pages
        reply = ask.fetched("activities", query | {"page": page})
        if reply is None:
            return
    items = reply["items"]
    first = (page - 1) * PAGE_SIZE + 1
    shown = {"total": fmt.number(reply["total"]), "first": fmt.number(first)}
    st.caption(T.FOUND.format(**shown, last=fmt.number(first + len(items) - 1)))
    pager(reply["total"], page)
    ask.table(table(items), T.NO_ACTIVITIES)
    if not items:
        return
    item = choose(items)
    if item is not None:
        actions(item, errors)


def choose(items: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The activity to act on, kept by id. The box is keyed by its labels too: Streamlit keeps
    a box's old label when only the labels change (after a correction of the title or date)."""
    labels = {item["activity_id"]: f"{fmt.day(item['date'])} — {item['title']}" for item in items}
    ids = list(labels)
    remembered = st.session_state.get(CHOSEN)
    signature = hashlib.sha256("\n".join(labels.values()).encode()).hexdigest()[:16]
    chosen = st.selectbox(
        T.CHOOSE_ACTIVITY,
        ids,
        index=ids.index(remembered) if remembered in labels else 0,
        format_func=labels.__getitem__,
        key=f"mine_chosen_{signature}",
    )
    st.session_state[CHOSEN] = chosen
    return next((item for item in items if item["activity_id"] == chosen), None)
