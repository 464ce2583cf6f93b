"""The plan editor's fields: drawn from a plan as the campaigns service describes it, and read
back into the `content` its edit and amend commands take. Tables (tasks, targets, occasions,
periods) are edited as data tables; lists (basis, purposes, recipients) one item a line."""

from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from dashboard import texts_vi as T

LINES = {"basis": T.PLAN_BASIS, "purposes": T.PLAN_PURPOSES, "recipients": T.PLAN_RECIPIENTS}
TEXTS = {
    "issuer": T.PLAN_ISSUER,
    "province": T.PLAN_PROVINCE,
    "place": T.PLAN_PLACE,
    "signer_title": T.PLAN_SIGNER_TITLE,
    "signer_name": T.PLAN_SIGNER_NAME,
    "drafter": T.PLAN_DRAFTER,
}
TABLES = ("tasks", "targets", "occasions", "periods")


def _day(value: Any) -> date | None:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
        return None
    if isinstance(value, str):
        return date.fromisoformat(value) if value else None
    return value.date() if hasattr(value, "date") and callable(value.date) else value


def frames(content: dict[str, Any]) -> dict[str, pd.DataFrame]:
    """The plan's tables as the editor shows them."""
    tasks = [{k: t[k] for k in ("id", "short_title", "title", "timing")} for t in content["tasks"]]
    targets = [{"task_id": t["id"], **target} for t in content["tasks"] for target in t["targets"]]
    occasions = [
        {
            **{k: o[k] for k in ("occasion_id", "name", "kind")},
            "starts_on": _day(o["starts_on"]),
            "ends_on": _day(o["ends_on"]),
            "task_ids": ", ".join(o["task_ids"]),
        }
        for o in content["occasions"] or []
    ]
    periods = [
        {
            **{k: p[k] for k in ("id", "name", "kind")},
            **{k: _day(p[k]) for k in ("starts_on", "ends_on", "due_on")},
        }
        for p in content["reporting_periods"]
    ]
    columns = {
        "tasks": ["id", "short_title", "title", "timing"],
        "targets": ["task_id", "count", "what", "per", "form"],
        "occasions": ["occasion_id", "name", "kind", "starts_on", "ends_on", "task_ids"],
        "periods": ["id", "name", "kind", "starts_on", "ends_on", "due_on"],
    }
    found = {"tasks": tasks, "targets": targets, "occasions": occasions, "periods": periods}
    return {name: pd.DataFrame(rows, columns=columns[name]) for name, rows in found.items()}


CONFIG = {
    "tasks": {
        "id": st.column_config.TextColumn(T.PLAN_TASK_ID, required=True, max_chars=64),
        "short_title": st.column_config.TextColumn(T.PLAN_TASK_SHORT, required=True),
        "title": st.column_config.TextColumn(T.PLAN_TASK_TITLE, required=True),
        "timing": st.column_config.TextColumn(T.PLAN_TASK_TIMING, help=T.PLAN_TASK_TIMING_HELP),
    },
    "targets": {
        "task_id": st.column_config.TextColumn(T.PLAN_TASK_ID, required=True),
        "count": st.column_config.NumberColumn(T.PLAN_TARGET_COUNT, min_value=1, step=1),
        "what": st.column_config.TextColumn(T.PLAN_TARGET_WHAT, required=True),
        "per": st.column_config.SelectboxColumn(
            T.PLAN_TARGET_PER, options=list(T.PLAN_PERS), required=True
        ),
        "form": st.column_config.TextColumn(T.PLAN_TARGET_FORM, help=T.PLAN_TARGET_FORM_HELP),
    },
    "occasions": {
        "occasion_id": st.column_config.TextColumn(T.PLAN_OCCASION_ID, required=True),
        "name": st.column_config.TextColumn(T.PLAN_OCCASION_NAME, required=True),
        "kind": st.column_config.SelectboxColumn(
            T.PLAN_OCCASION_KIND, options=["day", "month"], required=True
        ),
        "starts_on": st.column_config.DateColumn(T.PLAN_FROM, format="DD/MM/YYYY"),
        "ends_on": st.column_config.DateColumn(T.PLAN_TO, format="DD/MM/YYYY"),
        "task_ids": st.column_config.TextColumn(T.PLAN_OCCASION_TASKS),
    },
    "periods": {
        "id": st.column_config.TextColumn(T.PLAN_PERIOD_ID, required=True),
        "name": st.column_config.TextColumn(T.PLAN_PERIOD_NAME, required=True),
        "kind": st.column_config.SelectboxColumn(
            T.PLAN_PERIOD_KIND, options=["six_month", "annual"], required=True
        ),
        "starts_on": st.column_config.DateColumn(T.PLAN_FROM, format="DD/MM/YYYY"),
        "ends_on": st.column_config.DateColumn(T.PLAN_TO, format="DD/MM/YYYY"),
        "due_on": st.column_config.DateColumn(T.PLAN_DUE, format="DD/MM/YYYY"),
    },
}
HEADINGS = {
    "tasks": T.PLAN_TASKS,
    "targets": T.PLAN_TARGETS,
    "occasions": T.PLAN_OCCASIONS,
    "periods": T.PLAN_PERIODS,
}


def draw(plan: dict[str, Any], key: str) -> None:
    """The editor; what the tables hold after each edit is kept for the buttons' callbacks."""
    content = plan["content"]
    st.session_state[f"{key}_original"] = content
    left, right = st.columns(2)
    left.text_input(T.PLAN_NUMBER, value=content["number"], max_chars=100, key=f"{key}_number")
    right.date_input(
        T.PLAN_ISSUED_ON,
        value=_day(content["issued_on"]),
        format="DD/MM/YYYY",
        key=f"{key}_issued_on",
    )
    st.text_area(T.PLAN_TITLE, value=content["title"], max_chars=1000, key=f"{key}_title")
    for name, label in LINES.items():
        st.text_area(
            label, value="\n".join(content[name]), help=T.PLAN_ONE_A_LINE, key=f"{key}_{name}"
        )
    left, right = st.columns(2)
    for n, (name, label) in enumerate(TEXTS.items()):
        (left if n % 2 == 0 else right).text_input(
            label, value=content[name], max_chars=500, key=f"{key}_{name}"
        )
    edited = {}
    for name, frame in frames(content).items():
        st.markdown(f"**{HEADINGS[name]}**")
        edited[name] = st.data_editor(
            frame,
            column_config=CONFIG[name],
            num_rows="dynamic",
            hide_index=True,
            width="stretch",
            key=f"{key}_{name}_table",
        )
    st.session_state[f"{key}_tables"] = edited


def _blank(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, float) and pd.isna(value))


def _rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows a person filled in, blanks as None."""
    return [
        {k: None if _blank(v) else v for k, v in row.items()}
        for row in frame.to_dict("records")
        if not all(_blank(v) for v in row.values())
    ]


def _lines(text: Any) -> list[str]:
    return [line.strip() for line in str(text or "").splitlines() if line.strip()]


def _iso(value: Any) -> str | None:
    day = _day(value)
    return day.isoformat() if day else None


def content_from(state: Any, key: str) -> dict[str, Any]:
    """What the editor holds now, as the plan commands' `content`."""
    original = state[f"{key}_original"]
    tables = state.get(f"{key}_tables") or frames(original)
    targets: dict[str, list[dict[str, Any]]] = {}
    for row in _rows(tables["targets"]):
        target = {
            "count": int(row["count"] or 0),
            "what": str(row["what"] or ""),
            "per": row["per"] or "year",
            "form": (str(row["form"]).strip() or None) if row.get("form") else None,
        }
        targets.setdefault(str(row["task_id"]), []).append(target)
    tasks = [
        {
            "id": str(row["id"]),
            "short_title": str(row["short_title"] or ""),
            "title": str(row["title"] or ""),
            "timing": str(row["timing"] or ""),
            "targets": targets.get(str(row["id"]), []),
        }
        for row in _rows(tables["tasks"])
    ]
    occasions = [
        {
            "occasion_id": str(row["occasion_id"]),
            "name": str(row["name"] or ""),
            "kind": row["kind"] or "day",
            "starts_on": _iso(row["starts_on"]),
            "ends_on": _iso(row["ends_on"]) or _iso(row["starts_on"]),
            "task_ids": [t.strip() for t in str(row["task_ids"] or "").split(",") if t.strip()],
        }
        for row in _rows(tables["occasions"])
    ]
    periods = [
        {
            "id": str(row["id"]),
            "name": str(row["name"] or ""),
            "kind": row["kind"],
            "starts_on": _iso(row["starts_on"]),
            "ends_on": _iso(row["ends_on"]),
            "due_on": _iso(row["due_on"]),
        }
        for row in _rows(tables["periods"])
    ]
    lines = {name: _lines(state.get(f"{key}_{name}", "")) for name in LINES}
    return {
        **original,
        "number": str(state.get(f"{key}_number", "")).strip(),
        "issued_on": _iso(state.get(f"{key}_issued_on")),
        "title": str(state.get(f"{key}_title", "")).strip(),
        **lines,
        **{name: str(state.get(f"{key}_{name}", "")).strip() for name in TEXTS},
        "tasks": tasks,
        "occasions": occasions,
        "reporting_periods": periods,
    }


PARTS = {
    "tasks": T.PLAN_TASKS,
    "occasions": T.PLAN_OCCASIONS,
    "reporting_periods": T.PLAN_PERIODS,
    "targets": T.PLAN_TARGETS,
}


def where(path: str) -> str:
    """'content.reporting_periods.1.due_on' as a person reads it: 'Kỳ báo cáo, dòng 2 (due_on)'."""
    parts = path.removeprefix("content.").split(".")
    if parts and parts[0] in PARTS:
        label = PARTS[parts[0]]
        if len(parts) > 1 and parts[1].isdigit():
            label += f", {T.PLAN_ROW} {int(parts[1]) + 1}"
        return label
    names = {**LINES, **TEXTS, "number": T.PLAN_NUMBER, "title": T.PLAN_TITLE}
    return names.get(parts[0], path) if parts else path
