"""Events as people read them: when, what was done, to which activity, report or unit, by
whom (a name, not a login), and what a correction changed."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pandas as pd

from dashboard import format as fmt
from dashboard import texts_vi as T

SYSTEM_ACTORS = {"system", "operator"}


def when(moment: str) -> str:
    """An RFC 3339 instant as the reader's clock shows it: dd/mm/yyyy hh:mm:ss."""
    return datetime.fromisoformat(moment.replace("Z", "+00:00")).strftime("%d/%m/%Y %H:%M:%S")


@dataclass(frozen=True)
class Names:
    """What the ids in events stand for, as far as the caller may know."""

    people: dict[str, str] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)
    periods: dict[str, str] = field(default_factory=dict)
    occasions: dict[str, str] = field(default_factory=dict)
    activities: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(
        cls,
        catalog: dict[str, Any] | None,
        accounts: dict[str, Any] | None = None,
        activities: dict[str, Any] | None = None,
    ) -> "Names":
        catalog = catalog or {}
        units = {u["unit_id"]: u["name"] for u in catalog.get("units", [])}
        return cls(
            people={a["user_id"]: a["name"] for a in (accounts or {}).get("accounts", [])},
            units=units,
            periods={p["period_id"]: p["name"] for p in catalog.get("periods", [])},
            occasions={o["occasion_id"]: o["name"] for o in catalog.get("occasions", [])},
            activities={
                a["activity_id"]: cls._joined(a["title"], units.get(a["unit_id"]))
                for a in (activities or {}).get("items", [])
            },
        )

    def actor(self, label: str) -> str:
        """ "canbo-pbgdpl@pbgdpl" -> the person's name, else the login and the unit's name."""
        if label in SYSTEM_ACTORS or label.startswith("planpulse"):
            return T.SYSTEM
        user, _, unit = label.partition("@")
        if user in self.people:
            return self.people[user]
        return f"{user} ({self.units[unit]})" if unit in self.units else user

    def touched(self, data: dict[str, Any]) -> str:
        """The activity (and its unit), report, period, unit, occasion or account an event is
        about."""
        activity = data.get("activity_id")
        if activity:
            title = data.get("title") or (data.get("changes") or {}).get("title")
            return self.activities.get(activity) or self._joined(
                title or T.AN_ACTIVITY, self.units.get(data.get("unit_id") or "")
            )
        period, unit = data.get("period_id"), data.get("unit_id")
        if data.get("report_id") and "_" in data["report_id"]:
            period, unit = data["report_id"].split("_", 1)
        return self._joined(
            self.periods.get(period or ""),
            self.units.get(unit or ""),
            self.occasions.get(data.get("occasion_id") or ""),
            self.people.get(data.get("user_id") or "", data.get("name") or data.get("user_id")),
        )

    @staticmethod
    def _joined(*parts: str | None) -> str:
        return " · ".join(part for part in parts if part)


CHANGED = {  # a correction's fields, as the form names them
    "title": T.TITLE,
    "date": T.DATE,
    "task_id": T.TASK,
    "occasion_id": T.OCCASION,
    "form": T.FORM,
    "audience": T.AUDIENCE,
    "materials": T.MATERIALS,
    "evidence_url": T.EVIDENCE_URL,
    "note": T.NOTE,
}


def changes(data: dict[str, Any], names: Names) -> str:
    """What a correction set: "Nữ: 31; Ngày thực hiện: 09/03/2024"."""
    changed = data.get("changes") or {}
    said = []
    for key, value in changed.items():
        if key == "participants":
            counts = value or {}
            said += [f"{T.MEN}: {fmt.number(counts.get('men'))}"]
            said += [f"{T.WOMEN}: {fmt.number(counts.get('women'))}"]
            said += [f"{T.TOTAL}: {fmt.number(counts.get('total'))}"]
        elif key == "date" and value:
            said.append(f"{T.DATE}: {fmt.day(value)}")
        elif key == "occasion_id":
            said.append(f"{T.OCCASION}: {names.occasions.get(value, value) or T.NO_OCCASION}")
        elif key in CHANGED:
            said.append(f"{CHANGED[key]}: {value if value not in (None, '') else '—'}")
    return "; ".join(said)


def row(event: dict[str, Any], names: Names) -> dict[str, str]:
    data = event.get("data") or {}
    why = data.get("reason") or data.get("comment") or ""
    return {
        T.WHEN: when(event["time"]),
        T.WHAT: T.EVENT_NAMES.get(event["type"], event["type"]),
        T.TOUCHED: names.touched(data),
        T.WHO: names.actor(event["actor"]),
        T.DETAILS: " — ".join(part for part in (changes(data, names), why) if part),
    }


def events_table(events: list[dict[str, Any]], names: Names | None = None) -> pd.DataFrame:
    names = names or Names()
    return pd.DataFrame(
        [row(event, names) for event in events],
        columns=[T.WHEN, T.WHAT, T.TOUCHED, T.WHO, T.DETAILS],
    )
