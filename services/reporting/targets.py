"""Progress against each task's targets: for every target of the plan (at least `count` of
`what`, of one form or any, each year, six months, quarter or month), the activities counted in
each window up to today, and whether it was reached. Windows follow the cut-off rule of Decree
09/2019 (a quarter runs from the 15th of the month before it to the 14th of its last month)."""

from datetime import date
from typing import Any

from sqlalchemy import Engine, and_, func, select

from services.reporting import tables
from services.reporting.queries import Query, _plan_id
from shared.clock import Clock
from shared.events import Id, Task

A = tables.activities
PER_VI = {"year": "năm", "six_month": "6 tháng", "quarter": "quý", "month": "tháng"}
MONTHS = {"year": 12, "six_month": 6, "quarter": 3, "month": 1}


class TargetsQuery(Query):
    plan_id: Id | None = None  # default: the latest plan
    unit_id: Id | None = None  # one unit's part; none: the Department's


def windows(year: int, per: str) -> list[tuple[str, date, date]]:
    """The plan year (15/12 of the year before to 14/12) cut into windows of `per`."""
    step = MONTHS[per]
    found = []
    for n in range(12 // step):
        first_month = n * step  # months after December of the year before
        start = date(year - 1, 12, 15) if first_month == 0 else date(year, first_month, 15)
        last = first_month + step
        end = date(year, last, 14)
        found.append((_label(per, n, last, year), start, end))
    return found


def _label(per: str, n: int, last_month: int, year: int) -> str:
    if per == "year":
        return f"năm {year}"
    if per == "six_month":
        return f"6 tháng {'đầu' if n == 0 else 'cuối'} năm {year}"
    if per == "quarter":
        return f"quý {['I', 'II', 'III', 'IV'][n]}/{year}"
    return f"tháng {last_month}/{year}"


def targets(engine: Engine, query: TargetsQuery, clock: Clock) -> dict[str, Any]:
    return targets_on(engine, query, clock.today())


def targets_on(engine: Engine, query: TargetsQuery, today: date) -> dict[str, Any]:
    """Every target's windows that have begun by `today`, counted."""
    plan_id = _plan_id(engine, query.plan_id)
    with engine.connect() as conn:
        document = conn.execute(
            select(tables.plans.c.document).where(tables.plans.c.plan_id == plan_id)
        ).scalar()
        if document is None:
            return {"plan_id": plan_id, "today": today.isoformat(), "targets": []}
        year, tasks = document["year"], [Task.model_validate(t) for t in document["tasks"]]
        rows = []
        for task in tasks:
            for target in task.targets:
                conditions = [A.c.plan_id == plan_id, A.c.task_id == task.id]
                conditions.append(A.c.withdrawn.is_(False))
                if target.form:
                    conditions.append(A.c.form == target.form)
                if query.unit_id:
                    conditions.append(A.c.unit_id == query.unit_id)
                done = []
                for label, start, end in windows(year, target.per):
                    if start > today:
                        break
                    count = conn.execute(
                        select(func.count()).where(and_(*conditions, A.c.date.between(start, end)))
                    ).scalar_one()
                    done.append(
                        {
                            "window": label,
                            "start": start.isoformat(),
                            "end": end.isoformat(),
                            "done": count,
                            "reached": count >= target.count,
                            "current": start <= today <= end,
                        }
                    )
                rows.append(
                    {
                        "task_id": task.id,
                        "task": task.short_title,
                        "count": target.count,
                        "what": target.what,
                        "per": target.per,
                        "per_vi": PER_VI[target.per],
                        "form": target.form,
                        "windows": done,
                    }
                )
    return {"plan_id": plan_id, "today": today.isoformat(), "targets": rows}


def _how(window: dict[str, Any], until: date) -> str:
    if window["reached"]:
        return "đạt"
    return "đang thực hiện" if date.fromisoformat(window["end"]) > until else "chưa đạt"


def lines_by_task(found: dict[str, Any], until: date) -> dict[str, list[str]]:
    """For a report counting up to `until`: each task's targets and how each window that began
    by then went ("quý I/2025: 3/2, đạt")."""
    lines: dict[str, list[str]] = {}
    for row in found["targets"]:
        windows = [w for w in row["windows"] if date.fromisoformat(w["start"]) <= until]
        went = [f"{w['window']}: {w['done']}/{row['count']}, {_how(w, until)}" for w in windows]
        head = f"Chỉ tiêu: tối thiểu {row['count']:02d} {row['what']} mỗi {row['per_vi']}"
        lines.setdefault(row["task_id"], []).append(
            head + (f" — {'; '.join(went)}" if went else "") + "."
        )
    return lines
