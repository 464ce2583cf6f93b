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
    Narrative,
    OccasionResult,
    TaskResult,
    UnitStatus,
)
from services.reporting.queries import A, ProgressQuery, progress, scope
from shared.vocabulary import ACTIVITY_FORMS

FIGURES = ("activities", "men", "women", "participants", "materials")


def _figures(row: dict[str, Any]) -> Figures:
    return Figures(**{key: int(row[key]) for key in FIGURES})


def _narratives(reports: list[dict[str, Any]], field: str) -> list[Narrative]:
    return [
        Narrative(unit_name=r["name"], text=r[field].strip()) for r in reports if r[field].strip()
    ]


def assemble(
    engine: Engine, period_id: str, today: date, place: str, superior: str, grace_days: int
) -> tuple[ConsolidatedReport, dict[str, Any]]:
    """The report's content, and what went into it (report ids, stream position)."""
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
                select(tables.reports, U.c.name)
                .join(U, U.c.unit_id == tables.reports.c.unit_id)
                .where(
                    and_(
                        tables.reports.c.period_id == period_id,
                        tables.reports.c.status.in_(("submitted", "accepted")),
                    )
                )
                .order_by(U.c.registered_seq)
            )
        ]
    by_form: dict[str, dict[str, int]] = {}
    for task_id, form, count in forms:
        by_form.setdefault(task_id, {})[ACTIVITY_FORMS.get(form, form)] = count
    highlights: dict[str, list[str]] = {}
    for row in sorted(rows, key=lambda r: (-r.total, r.date)):
        picked = highlights.setdefault(row.task_id, [])
        if len(picked) < 3:
            picked.append(f"{row.title} ({row.unit_name}, {row.date:%d/%m/%Y})")
    period = status["period"]
    report = ConsolidatedReport(
        issuer=plan["issuer"],
        superior=superior,
        number_symbol="Số:        /BC-STP",
        place=place,
        report_date=today,
        plan_title=plan["title"],
        plan_year=plan["year"],
        legal_basis=(
            f"Kế hoạch số {plan['legal_basis']['number']} ngày "
            f"{date.fromisoformat(plan['legal_basis']['issued_on']):%d/%m/%Y} của "
            f"{plan['legal_basis']['issuer']}"
        ),
        period_name=period["name"],
        period_start=date.fromisoformat(period["starts_on"]),
        period_end=date.fromisoformat(period["ends_on"]),
        totals=_figures(figures["totals"]),
        tasks=[
            TaskResult(
                task_id=t["task_id"],
                short_title=t["short_title"],
                title=titles[t["task_id"]],
                figures=_figures(t),
                by_form=by_form.get(t["task_id"], {}),
                highlights=highlights.get(t["task_id"], []),
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
            for o in figures["by_occasion"]
        ],
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
        results=_narratives(reports, "results"),
        difficulties=_narratives(reports, "difficulties"),
        proposals=_narratives(reports, "proposals"),
        recipients=plan["recipients"],
        signer_title=plan["signer_title"].replace(" / ", "\n"),
        signer_name=plan["signer_name"],
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
    return report, inputs
