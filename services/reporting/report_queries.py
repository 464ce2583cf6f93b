"""The reporting cycle's views: who reported, on time or not; a unit's draft; occasion coverage."""

from datetime import date, timedelta
from typing import Any

from sqlalchemy import Engine, and_, func, or_, select

from services.reporting import tables
from services.reporting.checkpoint import read_position
from services.reporting.queries import (
    A,
    ProgressQuery,
    Query,
    Scope,
    period_row,
    progress,
    scope,
)
from shared.events import Id

R = tables.reports
STATUS_VI = {
    "submitted": "Đã gửi, chờ xem xét",
    "withdrawn": "Đơn vị đã rút lại để sửa",
    "returned": "Bị trả lại",
    "accepted": "Đã tiếp nhận",
    "missing": "Chưa gửi",
}


class ReportStatusQuery(Query):
    period_id: Id
    unit_id: Id | None = None


class ReportDraftQuery(Query):
    period_id: Id
    unit_id: Id


class CoverageQuery(Scope):
    pass


def _iso(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in row.items()}


def report_status(engine: Engine, query: ReportStatusQuery, grace_days: int) -> dict[str, Any]:
    """Completeness (submitted / expected) and timeliness (on time / submitted), DHIS2-style:
    a report counts as submitted while it is with the Office or accepted (a returned one waits
    for its resubmission); it is on time if first sent by the due date plus the grace."""
    U = tables.units  # noqa: N806
    position = read_position(engine)  # read first: the rows below are at least this fresh
    with engine.connect() as conn:
        period = period_row(conn, query.period_id)
        reports = {
            row.unit_id: dict(row._mapping)
            for row in conn.execute(select(R).where(R.c.period_id == query.period_id))
        }
        # expected: the units that exist on the period's last day (and any that reported)
        end = period["ends_on"]
        exists = and_(
            or_(U.c.effective_from.is_(None), U.c.effective_from <= end),
            or_(U.c.retired_on.is_(None), U.c.retired_on > end),
        )
        units = conn.execute(
            select(U.c.unit_id, U.c.name)
            .where(U.c.is_office.is_(False), or_(exists, U.c.unit_id.in_(list(reports))))
            .order_by(U.c.registered_seq)
        ).all()
        counts: dict[str, int] = dict(
            conn.execute(
                select(A.c.unit_id, func.count())
                .where(
                    and_(
                        A.c.withdrawn.is_(False),
                        A.c.plan_id == period["plan_id"],
                        A.c.date >= period["starts_on"],
                        A.c.date <= period["ends_on"],
                    )
                )
                .group_by(A.c.unit_id)
            ).all()
        )
    deadline = period["due_on"] + timedelta(days=grace_days)
    rows = []
    for unit in units:
        if query.unit_id and unit.unit_id != query.unit_id:
            continue
        report = reports.get(unit.unit_id)
        status = report["status"] if report else "missing"
        rows.append(
            {
                "unit_id": unit.unit_id,
                "name": unit.name,
                "status": status,
                "status_vi": STATUS_VI[status],
                "activities": counts.get(unit.unit_id, 0),
                "first_submitted_on": report and report["first_submitted_on"].isoformat(),
                "submitted_on": report and report["submitted_on"].isoformat(),
                "revision": report["revision"] if report else 0,
                "late": report["late"] if report else None,
                "on_time": report["first_submitted_on"] <= deadline if report else None,
                "review_comment": report["review_comment"] if report else "",
                "report_id": report["report_id"] if report else None,
            }
        )
    submitted = [r for r in rows if r["status"] in ("submitted", "accepted")]
    on_time = [r for r in submitted if r["on_time"]]
    return {
        "position": position,
        "period": _iso(period),
        "grace_days": grace_days,
        "expected": len(rows),
        "submitted": len(submitted),
        "on_time": len(on_time),
        "completeness_rate": len(submitted) / len(rows) if rows else 0.0,
        "timeliness_rate": len(on_time) / len(submitted) if submitted else 0.0,
        "units": rows,
    }


def report_draft(engine: Engine, query: ReportDraftQuery) -> dict[str, Any]:
    """A unit's report for a period, pre-filled from its own activities in the cut-off window."""
    in_scope = ProgressQuery(period_id=query.period_id, unit_id=query.unit_id)
    figures = progress(engine, in_scope)
    _, condition = scope(engine, in_scope)
    with engine.connect() as conn:
        period = period_row(conn, query.period_id)
        by_form: dict[str, int] = dict(
            conn.execute(select(A.c.form, func.count()).where(condition).group_by(A.c.form)).all()
        )
        report = conn.execute(
            select(R).where(and_(R.c.period_id == query.period_id, R.c.unit_id == query.unit_id))
        ).first()
    return {
        "position": figures["position"],
        "period": _iso(period),
        "unit_id": query.unit_id,
        "totals": figures["totals"],
        "by_task": figures["by_task"],
        "by_occasion": [row for row in figures["by_occasion"] if row["activities"]],
        "by_form": by_form,
        "articles": by_form.get("news_article", 0),
        "legal_aid": by_form.get("legal_aid", 0),
        "report": _iso(dict(report._mapping)) if report else None,
    }


def coverage(engine: Engine, query: CoverageQuery) -> dict[str, Any]:
    """Which unit did something for which occasion: activities per (unit, occasion)."""
    plan_id, condition = scope(engine, query)
    with engine.connect() as conn:
        cells = [
            dict(row._mapping)
            for row in conn.execute(
                select(A.c.unit_id, A.c.occasion_id, func.count().label("activities"))
                .where(and_(condition, A.c.occasion_id.is_not(None)))
                .group_by(A.c.unit_id, A.c.occasion_id)
            )
        ]
        units = [
            dict(r._mapping)
            for r in conn.execute(
                select(tables.units.c.unit_id, tables.units.c.short_name).order_by(
                    tables.units.c.registered_seq
                )
            )
        ]
        occasions = [
            dict(r._mapping)
            for r in conn.execute(
                select(tables.occasions.c.occasion_id, tables.occasions.c.name)
                .where(tables.occasions.c.plan_id == plan_id)
                .order_by(tables.occasions.c.starts_on)
            )
        ]
    return {"plan_id": plan_id, "units": units, "occasions": occasions, "cells": cells}
