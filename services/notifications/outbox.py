"""The outbox in the database: items gathered into digests, claimed, delivered, recorded.

Synchronous SQLAlchemy, called from a worker thread. A digest is claimed (state `sending`)
in its own transaction before it goes out and marked `sent` right after: a crash between the
two leaves it `sending`, and it goes out again after `stale` seconds (at least once).
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine, or_, select, update

from services.notifications import tables
from services.notifications.consumer import insert_once, load_catalog
from services.notifications.digest import Message, compose, digest_day, digest_id, notice

D = tables.digests
ITEM = tables.items
EXPIRED = "expired"  # the digest id of items too old to be worth sending
NOTICES = "planpulse.events.report."  # the subjects of a report's own events


@dataclass(frozen=True)
class Due:
    id: str
    recipient: str
    channel: str
    day: date
    attempts: int


def is_notice(subject: str) -> bool:
    """A report's own event (not a clock trigger): a notice, sent at once on its own."""
    return subject.startswith(NOTICES)


def assign(engine: Engine, today: date, horizon: int, real_today: date | None = None) -> int:
    """Put every item due by today into its digest, and every notice into its own; return how
    many were placed. One due more than `horizon` days ago is set aside unsent: a reminder of
    a date long past (after a replay from an empty database, say) helps nobody. A notice's day
    is when it happened in real time (`real_today`); it goes out on the clock's today."""
    real_today = real_today or today
    with engine.begin() as conn:
        waiting = conn.execute(
            select(ITEM.c.id, ITEM.c.recipient, ITEM.c.channel, ITEM.c.due_on, ITEM.c.subject)
            .add_columns(ITEM.c.sequence)
            .where(
                ITEM.c.digest_id.is_(None),
                or_(ITEM.c.due_on <= today, ITEM.c.subject.startswith(NOTICES)),
            )
            .order_by(ITEM.c.due_on, ITEM.c.sequence)
        ).all()
        if not waiting:
            return 0
        closed: dict[tuple[str, str], set[date]] = defaultdict(set)
        for row in conn.execute(
            select(D.c.recipient, D.c.channel, D.c.day).where(
                D.c.state != "pending", D.c.slot == ""
            )
        ):
            closed[(row.recipient, row.channel)].add(row.day)
        for item in waiting:
            notice = is_notice(item.subject)
            if ((real_today if notice else today) - item.due_on).days > horizon:
                conn.execute(update(ITEM).where(ITEM.c.id == item.id).values(digest_id=EXPIRED))
                continue
            slot = f"n{item.sequence}" if notice else ""
            day = (
                today
                if notice
                else digest_day(item.due_on, today, closed[(item.recipient, item.channel)])
            )
            key = digest_id(item.recipient, item.channel, day) + (f"_{slot}" if slot else "")
            head = {"id": key, "recipient": item.recipient, "channel": item.channel, "day": day}
            head["slot"] = slot
            insert_once(conn, D, [{**head, "state": "pending", "attempts": 0, "error": ""}])
            conn.execute(update(ITEM).where(ITEM.c.id == item.id).values(digest_id=key))
    return len(waiting)


def due(engine: Engine, today: date, now: float, stale: float) -> list[Due]:
    """Digests to send now, oldest day first; a claim older than `stale` s is taken back."""
    with engine.begin() as conn:
        conn.execute(
            update(D)
            .where(D.c.state == "sending", D.c.claimed_at < now - stale)
            .values(state="pending")
        )
        rows = conn.execute(
            select(D.c.id, D.c.recipient, D.c.channel, D.c.day, D.c.attempts)
            .where(D.c.state == "pending", D.c.day <= today, D.c.next_attempt_at <= now)
            .order_by(D.c.day, D.c.channel, D.c.recipient)
        ).all()
    return [Due(r.id, r.recipient, r.channel, r.day, r.attempts) for r in rows]


def claim(engine: Engine, digest: str, now: float) -> tuple[Message, list[str]] | None:
    """Take a pending digest for sending; None when another instance has it."""
    with engine.begin() as conn:
        taken = conn.execute(
            update(D)
            .where(D.c.id == digest, D.c.state == "pending")
            .values(state="sending", claimed_at=now)
        ).rowcount
        if not taken:
            return None
        head = conn.execute(select(D.c.recipient, D.c.day, D.c.slot).where(D.c.id == digest)).one()
        lines = conn.execute(
            select(ITEM.c.line, ITEM.c.subject)
            .where(ITEM.c.digest_id == digest)
            .order_by(ITEM.c.sequence)
        ).all()
        catalog = load_catalog(conn)
    name = catalog.recipient_name(head.recipient)
    said = list(dict.fromkeys(row.line for row in lines))
    message = notice(name, said) if head.slot else compose(name, head.day, said)
    return message, [row.subject for row in lines]


def sent(engine: Engine, digest: str, at: datetime, inbox: dict[str, Any] | None = None) -> None:
    """Mark a digest delivered; an inbox message is written in the same transaction."""
    with engine.begin() as conn:
        if inbox is not None:
            insert_once(conn, tables.inbox, [inbox])
        conn.execute(
            update(D)
            .where(D.c.id == digest)
            .values(
                state="sent",
                attempts=D.c.attempts + 1,
                done_at=at,
                recorded=inbox is not None,  # the inbox is its own record
            )
        )


def release(engine: Engine, digest: str) -> None:
    """The channel is down: nothing went out, the digest waits as it was."""
    with engine.begin() as conn:
        conn.execute(update(D).where(D.c.id == digest).values(state="pending"))


def refused(engine: Engine, digest: str, error: str, retry_at: float | None, at: datetime) -> None:
    """A failed attempt: try again at `retry_at`, or give up (None)."""
    values: dict[str, Any] = {"attempts": D.c.attempts + 1, "error": error[:4000]}
    if retry_at is None:
        values |= {"state": "failed", "done_at": at}
    else:
        values |= {"state": "pending", "next_attempt_at": retry_at}
    with engine.begin() as conn:
        conn.execute(update(D).where(D.c.id == digest).values(**values))


def unrecorded(engine: Engine) -> list[dict[str, Any]]:
    """Outcomes not yet in the event history, as record commands."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(D)
            .where(D.c.state.in_(["sent", "failed"]), D.c.recorded.is_(False))
            .order_by(D.c.day, D.c.id)
        ).all()
        subjects = subjects_of(conn, [row.id for row in rows])
    return [
        {
            "notification_id": row.id,
            "outcome": row.state,
            "recipient": row.recipient,
            "channel": row.channel,
            "day": row.day.isoformat(),
            "subjects": subjects[row.id][:500],
            "attempts": max(1, row.attempts),
            "error": row.error[:2000],
        }
        for row in rows
    ]


def subjects_of(conn: Any, digests: list[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    if digests:
        query = select(ITEM.c.digest_id, ITEM.c.subject).where(ITEM.c.digest_id.in_(digests))
        for row in conn.execute(query.order_by(ITEM.c.sequence)):
            found[row.digest_id].append(row.subject)
    return found


def recorded(engine: Engine, digest: str) -> None:
    with engine.begin() as conn:
        conn.execute(update(D).where(D.c.id == digest).values(recorded=True))
