"""Gather a period's consolidated report from the read models: query results only."""

from datetime import date
from typing import Any

from sqlalchemy import Engine, and_, func, select

from services.reporting import report_queries, tables
from services.reporting.checkpoint import read_position
from services.reporting.documents.model import (
    ActivityRow,
    Completeness,
    ConsolidatedReport,
    Figures,
    Highlight,
    OccasionResult,
    TaskResult,
    UnitResult,
    UnitStatus,
    plan_heading,
)
from services.reporting.documents.narratives import merge
from services.reporting.queries import A, ProgressQuery, progress, scope
from services.reporting.targets import TargetsQuery, lines_by_task, targets_on
from shared.vocabulary import ACTIVITY_FORMS

FIGURES = ("activities", "men", "women", "participants", "materials")


def _figures(row: dict[str, Any]) -> Figures:
    return Figures(**{key: int(row[key]) for key in FIGURES})


def pending(status: dict[str, Any]) -> list[dict[str, str]]:
    """The reports not accepted yet (sent, returned or missing): the Office confirms first."""
    return [
        {"unit_id": u["unit_id"], "name": u["name"], "status": u["status"]}
        for u in status["units"]
        if u["status"] != "accepted"
    ]


def assemble(
    engine: Engine,
    period_id: str,
    today: date,
    place: str,
    superior: str,
    grace_days: int,
    internal_annex: bool = False,
) -> tuple[ConsolidatedReport, dict[str, Any], list[dict[str, str]]]:
    """The report's content, what went into it (accepted report ids, stream position), and
    the reports still pending."""
    position = read_position(engine)
    in_scope = ProgressQuery(period_id=period_id)
    figures = progress(engine, in_scope)
    status = report_queries.report_status(
        engine, report_queries.ReportStatusQuery(period_id=period_id), grace_days
    )
    _, condition = scope(engine, in_scope)
    U, O, T, P = tables.units, tables.occasions, tables.tasks, tables.plans  # noqa: N806, E741
    with engine.connect() as conn:
        plan = conn.execute(
            select(P.c.document).where(P.c.plan_id == figures["plan_id"])
        ).scalar_one()
        titles = dict(
            conn.execute(
                select(T.c.task_id, T.c.title).where(T.c.plan_id == figures["plan_id"])
            ).all()
        )
        forms = conn.execute(
            select(A.c.task_id, A.c.form, func.count())
            .where(condition)
            .group_by(A.c.task_id, A.c.form)
        ).all()
        units_per_occasion: dict[str, int] = dict(
            conn.execute(
                select(A.c.occasion_id, func.count(func.distinct(A.c.unit_id)))
                .where(condition)
                .group_by(A.c.occasion_id)
            ).all()
        )
        rows = conn.execute(
            select(
                *(c for c in A.c if c.name != "unit_name"),
                # the unit's name on the activity's day: a later rename does not rewrite it
                func.coalesce(A.c.unit_name, U.c.name).label("unit_name"),
                O.c.name.label("occasion_name"),
            )
            .select_from(
                A.join(U, U.c.unit_id == A.c.unit_id).outerjoin(
                    O, O.c.occasion_id == A.c.occasion_id
                )
            )
            .where(condition)
            .order_by(A.c.date, A.c.activity_id)
        ).all()
        reports = [
            dict(r._mapping)
            for r in conn.execute(
                select(tables.reports, U.c.short_name)
                .join(U, U.c.unit_id == tables.reports.c.unit_id)
                .where(
                    and_(
                        tables.reports.c.period_id == period_id,
                        tables.reports.c.status == "accepted",  # the Office's word on them
                    )
                )
                .order_by(U.c.registered_seq)
            )
        ]
        names = dict(conn.execute(select(U.c.short_name, U.c.name)).all())
    by_form: dict[str, dict[str, int]] = {}
    for task_id, form, count in forms:
        by_form.setdefault(task_id, {})[ACTIVITY_FORMS.get(form, form)] = count
    highlights: dict[str, list[Highlight]] = {}
    for row in sorted(rows, key=lambda r: (-r.total, r.date)):
        picked = highlights.setdefault(row.task_id, [])
        if len(picked) < 3:
            picked.append(Highlight(title=row.title, unit=row.unit_name, date=row.date))
    period = status["period"]
    starts_on, ends_on = (date.fromisoformat(period[k]) for k in ("starts_on", "ends_on"))
    until = min(today, ends_on)  # compiled before the period ends: the figures stop today
    in_window = [
        o
        for o in figures["by_occasion"]
        if o["starts_on"] <= until.isoformat() and o["ends_on"] >= starts_on.isoformat()
    ]
    aims = lines_by_task(targets_on(engine, TargetsQuery(plan_id=figures["plan_id"]), until), until)
    report = ConsolidatedReport(
        heading=plan_heading(plan, place, superior),
        report_date=today,
        plan_year=plan["year"],
        period_name=period["name"],
        period_start=starts_on,
        period_end=ends_on,
        data_until=until if until < ends_on else None,
        totals=_figures(figures["totals"]),
        tasks=[
            TaskResult(
                task_id=t["task_id"],
                short_title=t["short_title"],
                title=titles[t["task_id"]],
                figures=_figures(t),
                by_form=by_form.get(t["task_id"], {}),
                highlights=highlights.get(t["task_id"], []),
                targets=aims.get(t["task_id"], []),
            )
            for t in figures["by_task"]
        ],
        occasions=[
            OccasionResult(
                occasion_id=o["occasion_id"],
                name=o["name"],
                starts_on=date.fromisoformat(o["starts_on"]),
                ends_on=date.fromisoformat(o["ends_on"]),
                figures=_figures(o),
                units=units_per_occasion.get(o["occasion_id"], 0),
            )
            for o in in_window
        ],
        by_unit=[UnitResult(name=u["name"], figures=_figures(u)) for u in figures["by_unit"]],
        abbreviations=names,
        completeness=Completeness(
            expected=status["expected"],
            submitted=status["submitted"],
            on_time=status["on_time"],
            completeness_rate=status["completeness_rate"],
            timeliness_rate=status["timeliness_rate"],
        ),
        units=[
            UnitStatus(
                unit_id=u["unit_id"],
                name=u["name"],
                status=u["status_vi"],
                submitted_on=u["first_submitted_on"],
                on_time=u["on_time"],
                activities=u["activities"],
            )
            for u in status["units"]
        ],
        internal_annex=internal_annex,
        results=merge([(r["short_name"], r["results"]) for r in reports]),
        difficulties=merge([(r["short_name"], r["difficulties"]) for r in reports]),
        proposals=merge([(r["short_name"], r["proposals"]) for r in reports]),
        activities=[
            ActivityRow(
                date=r.date,
                unit=r.unit_name,
                task=r.task_id,
                occasion=r.occasion_name or "",
                title=r.title,
                form=ACTIVITY_FORMS.get(r.form, r.form),
                audience=r.audience,
                men=r.men,
                women=r.women,
                total=r.total,
                materials=r.materials,
                evidence_url=r.evidence_url or "",
            )
            for r in rows
        ],
    )
    inputs = {
        "stream_sequence": position,
        "report_ids": [r["report_id"] for r in reports],
        "figures": {
            **report.totals.model_dump(),
            "expected": status["expected"],
            "submitted": status["submitted"],
            "on_time": status["on_time"],
        },
    }
    return report, inputs, pending(status)
