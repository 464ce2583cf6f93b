"""The inbox, marking read, failed notifications and dead letters: request/reply handlers."""

from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Engine, func, select, update

from services.notifications import tables
from services.notifications.consumer import load_catalog
from services.notifications.outbox import subjects_of
from services.notifications.rules import LEADERSHIP
from shared.actor import Actor
from shared.replies import refuse

LABELS = {"limit": "Số dòng", "unread_only": "Chỉ thư chưa đọc", "ids": "Mã thông báo"}
Limit = Annotated[int, Field(ge=1, le=200)]


class InboxQuery(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)
    limit: Limit = 50
    unread_only: bool = False


class MarkRead(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)
    ids: Annotated[list[Annotated[str, Field(max_length=100)]], Field(max_length=500)] = []
    all: bool = False


class ListQuery(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)
    limit: Limit = 50


def rfc3339(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).isoformat()


def inbox_owner(engine: Engine, actor: Actor) -> str:
    """Whose inbox the caller reads: its unit's, the Office's, or leadership's."""
    if actor.role == "leadership":
        return LEADERSHIP
    if actor.role == "office":
        with engine.connect() as conn:
            return load_catalog(conn).office_id()
    if actor.role == "unit_officer" and actor.unit_id:
        return actor.unit_id
    raise refuse("forbidden", "Bạn không có hộp thư thông báo trong hệ thống.")


def inbox(engine: Engine, actor: Actor, query: InboxQuery) -> dict[str, Any]:
    owner = inbox_owner(engine, actor)
    T = tables.inbox  # noqa: N806
    mine = select(T).where(T.c.recipient == owner)
    if query.unread_only:
        mine = mine.where(T.c.read.is_(False))
    with engine.connect() as conn:
        rows = conn.execute(mine.order_by(T.c.day.desc(), T.c.id).limit(query.limit)).all()
        unread = conn.execute(
            select(func.count()).where(T.c.recipient == owner, T.c.read.is_(False))
        ).scalar_one()
    items = [
        {
            "id": row.id,
            "day": row.day.isoformat(),
            "title": row.title,
            "body": row.body,
            "created_at": rfc3339(row.created_at),
            "read": row.read,
        }
        for row in rows
    ]
    return {"unread": unread, "items": items}


def mark_read(engine: Engine, actor: Actor, command: MarkRead) -> dict[str, Any]:
    if not command.ids and not command.all:
        message = "Chọn ít nhất một thông báo, hoặc đánh dấu tất cả là đã đọc."
        raise refuse("invalid_command", message, ids=message)
    owner = inbox_owner(engine, actor)
    T = tables.inbox  # noqa: N806
    statement = update(T).where(T.c.recipient == owner, T.c.read.is_(False))
    if not command.all:
        statement = statement.where(T.c.id.in_(command.ids))
    with engine.begin() as conn:
        marked = conn.execute(statement.values(read=True)).rowcount
    return {"marked": marked}


def failed(engine: Engine, actor: Actor, query: ListQuery) -> dict[str, Any]:
    D = tables.digests  # noqa: N806
    with engine.connect() as conn:
        rows = conn.execute(
            select(D).where(D.c.state == "failed").order_by(D.c.done_at.desc()).limit(query.limit)
        ).all()
        subjects = subjects_of(conn, [row.id for row in rows])
    items = [
        {
            "id": row.id,
            "recipient": row.recipient,
            "channel": row.channel,
            "day": row.day.isoformat(),
            "attempts": row.attempts,
            "error": row.error,
            "failed_at": rfc3339(row.done_at),
            "subjects": subjects[row.id],
        }
        for row in rows
    ]
    return {"items": items}


def dead_letters(engine: Engine, actor: Actor, query: ListQuery) -> dict[str, Any]:
    T = tables.dead_letters  # noqa: N806
    with engine.connect() as conn:
        rows = conn.execute(select(T).order_by(T.c.sequence.desc()).limit(query.limit)).all()
    items = [
        {
            "sequence": row.sequence,
            "subject": row.subject,
            "error": row.error,
            "data": row.data,
            "created_at": rfc3339(row.created_at),
        }
        for row in rows
    ]
    return {"items": items}
