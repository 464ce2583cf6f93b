"""The read models' tables (SQLAlchemy Core). Every one can be dropped and rebuilt from events."""

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

# The tracking record: the last stream sequence applied, written with every change.
position = Table(
    "projection_position",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("sequence", Integer, nullable=False),
)

# Events the projection could not read; kept in sight instead of dropped.
unreadable_events = Table(
    "unreadable_events",
    metadata,
    Column("sequence", Integer, primary_key=True),
    Column("subject", String(300), nullable=False),
    Column("error", Text, nullable=False),
)

plans = Table(
    "plans",
    metadata,
    Column("plan_id", String(64), primary_key=True),
    Column("year", Integer, nullable=False),
    Column("title", Text, nullable=False),
    Column("document", JSON, nullable=False),
    Column("status", String(16), nullable=False),  # published | closed
)

tasks = Table(
    "tasks",
    metadata,
    Column("plan_id", String(64), primary_key=True),
    Column("task_id", String(64), primary_key=True),
    Column("short_title", String(500), nullable=False),
    Column("title", Text, nullable=False),
)

periods = Table(
    "reporting_periods",
    metadata,
    Column("period_id", String(64), primary_key=True),
    Column("plan_id", String(64), nullable=False),
    Column("name", String(500), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("starts_on", Date, nullable=False),
    Column("ends_on", Date, nullable=False),
    Column("due_on", Date, nullable=False),
)

units = Table(
    "units",
    metadata,
    Column("unit_id", String(64), primary_key=True),
    Column("name", String(500), nullable=False),
    Column("short_name", String(500), nullable=False),
    Column("is_office", Boolean, nullable=False),
    Column("registered_seq", Integer, nullable=False),
    Column("effective_from", Date),  # none: since before any plan
    Column("retired_on", Date),  # from this day no report is expected of it
    Column("merged_into", String(64)),
)

occasions = Table(
    "occasions",
    metadata,
    Column("occasion_id", String(64), primary_key=True),
    Column("plan_id", String(64), nullable=False),
    Column("name", String(500), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("starts_on", Date, nullable=False),
    Column("ends_on", Date, nullable=False),
    Column("task_ids", JSON, nullable=False),
)

activities = Table(
    "activities",
    metadata,
    Column("activity_id", String(64), primary_key=True),
    Column("plan_id", String(64), nullable=False),
    Column("unit_id", String(64), nullable=False),
    Column("unit_name", String(500)),  # the unit's name on the activity's day
    Column("task_id", String(64), nullable=False),
    Column("occasion_id", String(64)),
    Column("date", Date, nullable=False),
    Column("title", String(500), nullable=False),
    Column("form", String(64), nullable=False),
    Column("audience", Text, nullable=False),
    Column("men", Integer, nullable=False),
    Column("women", Integer, nullable=False),
    Column("total", Integer, nullable=False),
    Column("materials", Integer, nullable=False),
    Column("evidence_url", Text),
    Column("note", Text, nullable=False),
    # not counted: withdrawn by its unit, or set aside by the Office until the unit corrects it
    Column("withdrawn", Boolean, nullable=False),
    Column("set_aside", Text),  # the Office's reason, while it is set aside
    Column("version", Integer, nullable=False),
    Column("logged_at", DateTime(timezone=True), nullable=False),
    Column("logged_by", String(200), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("sequence", Integer, nullable=False),
    Index("ix_activities_plan_unit", "plan_id", "unit_id"),
    Index("ix_activities_plan_task", "plan_id", "task_id"),
    Index("ix_activities_occasion", "occasion_id"),
    Index("ix_activities_date", "date"),
    Index("ix_activities_logged_at", "logged_at"),  # the overview's newest logged first
)

# One row per unit report (period, unit), as the Office's review left it.
reports = Table(
    "unit_reports",
    metadata,
    Column("report_id", String(140), primary_key=True),
    Column("plan_id", String(64), nullable=False),
    Column("period_id", String(64), nullable=False),
    Column("unit_id", String(64), nullable=False),
    Column("status", String(16), nullable=False),  # submitted | returned | accepted
    Column("revision", Integer, nullable=False),
    Column("first_submitted_on", Date, nullable=False),
    Column("submitted_on", Date, nullable=False),
    Column("due_on", Date, nullable=False),
    Column("late", Boolean, nullable=False),
    Column("results", Text, nullable=False),
    Column("difficulties", Text, nullable=False),
    Column("proposals", Text, nullable=False),
    Column("review_comment", Text, nullable=False),
    Column("submitted_by", String(200), nullable=False),
    Column("reviewed_by", String(200)),
    Column("reviewed_at", DateTime(timezone=True)),
    Column("sequence", Integer, nullable=False),
    Index("ix_unit_reports_period", "period_id"),
)

consolidated_reports = Table(
    "consolidated_reports",
    metadata,
    Column("sequence", Integer, primary_key=True),
    Column("period_id", String(64), nullable=False),
    Column("plan_id", String(64), nullable=False),
    Column("compiled_by", String(200), nullable=False),
    Column("compiled_at", DateTime(timezone=True), nullable=False),
    Column("stream_sequence", Integer, nullable=False),
    Column("report_ids", JSON, nullable=False),
    Column("files", JSON, nullable=False),
    Column("figures", JSON, nullable=False),
)
