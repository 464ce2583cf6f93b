"""Queries over the read models: validated requests in, plain JSON-ready dicts out."""

from datetime import UTC, date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Engine, and_, func, or_, select

from services.reporting import tables
from services.reporting.checkpoint import read_position
from shared.events import Id
from shared.replies import refuse
from shared.vocabulary import ACTIVITY_FORMS

A = tables.activities


class Query(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Scope(Query):
    """Which activities a view counts: a plan (default the latest), a reporting period's cut-off
    window, a unit, a task, an occasion."""

    plan_id: Id | None = None
    period_id: Id | None = None
    unit_id: Id | None = None
    task_id: Id | None = None
    occasion_id: Id | None = None


class ProgressQuery(Scope):
    pass


class ActivitiesQuery(Scope):
    date_from: date | None = None
    date_to: date | None = None
    text: Annotated[str, Field(max_length=200)] | None = None
    include_withdrawn: bool = False
    activity_ids: Annotated[list[Id], Field(max_length=200)] | None = None
    order: Literal["date", "logged"] = "date"  # by the day it happened, or newest logged first
    page: Annotated[int, Field(ge=1, le=100_000)] = 1
    page_size: Annotated[int, Field(ge=1, le=200)] = 50


class CatalogQuery(Query):
    pass


def _plan_id(engine: Engine, requested: str | None) -> str | None:
    if requested:
        return requested
    with engine.connect() as conn:
        query = select(tables.plans.c.plan_id).order_by(tables.plans.c.year.desc()).limit(1)
        return conn.execute(query).scalar()


def period_row(conn: Any, period_id: str) -> dict[str, Any]:
    """A reporting period's row, or a refusal naming it."""
    found = conn.execute(
        select(tables.periods).where(tables.periods.c.period_id == period_id)
    ).first()
    if found is None:
        message = f"Kỳ báo cáo «{period_id}» không có."
        raise refuse("unknown_period", message, period_id=message)
    return dict(found._mapping)


def scope(engine: Engine, query: Scope, withdrawn: bool = False) -> tuple[str | None, Any]:
    """The plan in view and the condition selecting its activities in scope (live ones only,
    unless `withdrawn`)."""
    conditions: list[Any] = [] if withdrawn else [A.c.withdrawn.is_(False)]
    plan_id = query.plan_id
    if query.period_id is not None:
        with engine.connect() as conn:
            period = period_row(conn, query.period_id)
        plan_id = period["plan_id"]
        conditions += [A.c.date >= period["starts_on"], A.c.date <= period["ends_on"]]
    plan_id = _plan_id(engine, plan_id)
    conditions.append(A.c.plan_id == plan_id)
    for name in ("unit_id", "task_id", "occasion_id"):
        if getattr(query, name) is not None:
            conditions.append(A.c[name] == getattr(query, name))
    return plan_id, and_(*conditions)


def _sums() -> list[Any]:
    return [
        func.count(A.c.activity_id).label("activities"),
        func.coalesce(func.sum(A.c.men), 0).label("men"),
        func.coalesce(func.sum(A.c.women), 0).label("women"),
        func.coalesce(func.sum(A.c.total), 0).label("participants"),
        func.coalesce(func.sum(A.c.materials), 0).label("materials"),
    ]


def _rows(conn: Any, query: Any) -> list[dict[str, Any]]:
    return [dict(row._mapping) for row in conn.execute(query)]


def progress(engine: Engine, query: ProgressQuery) -> dict[str, Any]:
    position = read_position(engine)
    plan_id, live = scope(engine, query)
    T, U, O = tables.tasks, tables.units, tables.occasions  # noqa: E741, N806
    with engine.connect() as conn:
        totals = dict(conn.execute(select(*_sums()).where(live)).one()._mapping)
        by_task = _rows(
            conn,
            select(T.c.task_id, T.c.short_title, *_sums())
            .select_from(T.outerjoin(A, and_(A.c.task_id == T.c.task_id, live)))
            .where(T.c.plan_id == plan_id)
            .group_by(T.c.task_id, T.c.short_title)
            .order_by(T.c.task_id),
        )
        by_unit = _rows(
            conn,
            select(U.c.unit_id, U.c.name, U.c.short_name, *_sums())
            .select_from(U.outerjoin(A, and_(A.c.unit_id == U.c.unit_id, live)))
            .group_by(U.c.unit_id, U.c.name, U.c.short_name, U.c.registered_seq)
            .order_by(U.c.registered_seq),
        )
        by_occasion = _rows(
            conn,
            select(O.c.occasion_id, O.c.name, O.c.kind, O.c.starts_on, O.c.ends_on, *_sums())
            .select_from(O.outerjoin(A, and_(A.c.occasion_id == O.c.occasion_id, live)))
            .where(O.c.plan_id == plan_id)
            .group_by(O.c.occasion_id, O.c.name, O.c.kind, O.c.starts_on, O.c.ends_on)
            .order_by(O.c.starts_on, O.c.occasion_id),
        )
    for row in by_occasion:
        row["starts_on"], row["ends_on"] = row["starts_on"].isoformat(), row["ends_on"].isoformat()
    return {
        "position": position,
        "plan_id": plan_id,
        "totals": totals,
        "by_task": by_task,
        "by_unit": by_unit,
        "by_occasion": by_occasion,
    }


def activities(engine: Engine, query: ActivitiesQuery) -> dict[str, Any]:
    position = read_position(engine)
    _, in_scope = scope(engine, query, withdrawn=True)
    conditions = [in_scope]
    if not query.include_withdrawn:  # one set aside is listed: its unit must see it, and why
        conditions.append(or_(A.c.withdrawn.is_(False), A.c.set_aside.is_not(None)))
    if query.date_from:
        conditions.append(A.c.date >= query.date_from)
    if query.date_to:
        conditions.append(A.c.date <= query.date_to)
    if query.text:
        conditions.append(A.c.title.ilike(f"%{query.text}%"))
    if query.activity_ids is not None:
        conditions.append(A.c.activity_id.in_(query.activity_ids))
    where = and_(*conditions)
    order = A.c.date.desc() if query.order == "date" else A.c.logged_at.desc()
    with engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(A).where(where)).scalar_one()
        page = conn.execute(
            select(A)
            .where(where)
            .order_by(order, A.c.activity_id)
            .limit(query.page_size)
            .offset((query.page - 1) * query.page_size)
        )
        items = [_activity_json(dict(row._mapping)) for row in page]
    return {
        "position": position,
        "total": total,
        "page": query.page,
        "page_size": query.page_size,
        "items": items,
    }


def _activity_json(row: dict[str, Any]) -> dict[str, Any]:
    row["date"] = row["date"].isoformat()
    for key in ("logged_at", "updated_at"):  # SQLite drops the zone; every time here is UTC
        row[key] = row[key].replace(tzinfo=row[key].tzinfo or UTC).isoformat()
    row["participants"] = {key: row.pop(key) for key in ("men", "women", "total")}
    return row


def catalog(engine: Engine, _query: CatalogQuery) -> dict[str, Any]:
    with engine.connect() as conn:
        plans = _rows(
            conn,
            select(
                tables.plans.c.plan_id,
                tables.plans.c.year,
                tables.plans.c.title,
                tables.plans.c.status,
            ).order_by(tables.plans.c.year),
        )
        tasks = _rows(conn, select(tables.tasks).order_by(tables.tasks.c.task_id))
        units = _rows(conn, select(tables.units).order_by(tables.units.c.registered_seq))
        occasions = _rows(conn, select(tables.occasions).order_by(tables.occasions.c.starts_on))
        periods = _rows(conn, select(tables.periods).order_by(tables.periods.c.starts_on))
    for plan in plans:
        # the days whose activities belong to the plan: its periods' cut-off windows
        starts = [p["starts_on"] for p in periods if p["plan_id"] == plan["plan_id"]]
        ends = [p["ends_on"] for p in periods if p["plan_id"] == plan["plan_id"]]
        plan["starts_on"] = min(starts).isoformat() if starts else None
        plan["ends_on"] = max(ends).isoformat() if ends else None
    for row in periods:
        for key in ("starts_on", "ends_on", "due_on"):
            row[key] = row[key].isoformat()
    for row in occasions:
        row["starts_on"], row["ends_on"] = row["starts_on"].isoformat(), row["ends_on"].isoformat()
    for row in units:
        row.pop("registered_seq")
    return {
        "plans": plans,
        "tasks": tasks,
        "units": units,
        "occasions": occasions,
        "periods": periods,
        "forms": ACTIVITY_FORMS,
    }
