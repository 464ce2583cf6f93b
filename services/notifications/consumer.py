"""Apply a batch of stored events: plan facts kept, triggers turned into items by the rules,
the unprocessable set aside as dead letters; all with the position, in one transaction."""

import logging
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, Table, inspect, select, text, update
from sqlalchemy.dialects import postgresql, sqlite

from services.notifications import tables
from services.notifications.rules import (
    LEADERSHIP,
    MOVES,
    Channel,
    RuleBook,
    items_for,
    report_moved,
)
from shared.catalog import FACT_TYPES, Catalog, evolve
from shared.checkpoint import Checkpoint
from shared.db import create_tables
from shared.envelope import Envelope
from shared.events import AccountCreated, AccountDisabled, Event, Trigger, decode
from shared.follower import RawEvent

log = logging.getLogger(__name__)
NAME = "notifications"
TRIGGER_TYPES = {
    "planpulse.occasion.approaching.v1",
    "planpulse.occasion.started.v1",
    "planpulse.occasion.ended.v1",
    "planpulse.report.deadline_approaching.v1",
    "planpulse.report.overdue.v1",
}
Reachable = Callable[[str, Channel], bool]


POSITION = Checkpoint(tables.position, NAME)


def prepare(engine: Engine) -> None:
    _add_slots(engine)
    create_tables(tables.metadata, engine)
    with engine.begin() as conn:
        POSITION.prepare(conn)


def _add_slots(engine: Engine) -> None:
    """A database made before notices had slots: its digests are copied into the new table
    (the old one is dropped first: its index names would clash on PostgreSQL)."""
    D = tables.digests  # noqa: N806
    found = inspect(engine)
    if not found.has_table(D.name) or "slot" in {c["name"] for c in found.get_columns(D.name)}:
        return
    with engine.begin() as conn:
        before = [column for column in D.columns if column.name != "slot"]
        kept = [dict(row._mapping) for row in conn.execute(select(*before))]
        conn.execute(text(f"DROP TABLE {D.name}"))
        D.create(conn)
        insert_once(conn, D, [{**row, "slot": ""} for row in kept])
    log.info("notification digests given notice slots (%d kept)", len(kept))


def read_position(engine: Engine) -> int:
    return POSITION.read(engine)


def insert_once(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert, skipping rows whose unique key is already there (a redelivery, a twin)."""
    if not rows:
        return
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    conn.execute(dialect.insert(table).on_conflict_do_nothing(), rows)


@dataclass
class _Known:
    catalog: Catalog = field(default_factory=Catalog)
    last: int = 0  # the highest fact sequence folded in


_KNOWN: "weakref.WeakKeyDictionary[Engine, _Known]" = weakref.WeakKeyDictionary()
_KNOWN_LOCK = threading.Lock()


def load_catalog(conn: Connection) -> Catalog:
    """The plan's facts as this database holds them: folded once, then only what is new (every
    instance stores every fact in stream order, so nothing arrives below what was read)."""
    with _KNOWN_LOCK:
        known = _KNOWN.setdefault(conn.engine, _Known())
        F = tables.facts  # noqa: N806
        for row in conn.execute(select(F).where(F.c.sequence > known.last).order_by(F.c.sequence)):
            known.catalog = evolve(known.catalog, decode(Envelope.model_validate(row.data)))
            known.last = row.sequence
        return known.catalog


@dataclass
class Changes:
    catalog: Catalog
    facts: list[dict[str, Any]] = field(default_factory=list)
    items: list[dict[str, Any]] = field(default_factory=list)
    dead: list[dict[str, Any]] = field(default_factory=list)
    accounts: list[dict[str, Any]] = field(default_factory=list)
    disabled: list[str] = field(default_factory=list)


def interpret(
    raw: RawEvent, changes: Changes, book: RuleBook, reachable: Reachable, zone: str
) -> None:
    """What one stored event changes. Anything that fails here makes it a dead letter."""
    sequence, subject, data = raw
    try:
        envelope = Envelope.from_bytes(data)
        if envelope.type in FACT_TYPES:
            changes.catalog = evolve(changes.catalog, decode(envelope))
            data_json = envelope.model_dump(mode="json")
            changes.facts.append({"sequence": sequence, "type": envelope.type, "data": data_json})
        elif envelope.type in (AccountCreated.TYPE, AccountDisabled.TYPE):
            account(decode(envelope), changes)
        elif envelope.type in TRIGGER_TYPES | MOVES:
            event = decode(envelope)
            key = envelope.subject  # a trigger's id; a notice: its report's stream subject
            if isinstance(event, Trigger):
                found = items_for(event, changes.catalog, book, reachable)
            else:
                moved = report_moved(event, envelope.time, zone, changes.catalog)
                found, key = items_for(moved, changes.catalog, book, reachable), subject
            for item in found:
                changes.items.append(
                    {
                        "event_id": envelope.id,
                        "subject": key,
                        "sequence": sequence,
                        "rule_id": item.rule_id,
                        "recipient": item.recipient,
                        "channel": item.channel,
                        "due_on": item.due_on,
                        "line": item.line,
                    }
                )
    except Exception as error:  # a rule crash or a poison message: kept, visible, passed by
        log.error("event %d on %s cannot be processed: %r", sequence, subject, error)
        changes.dead.append(
            {
                "sequence": sequence,
                "subject": subject,
                "error": repr(error)[:4000],
                "data": data[:20_000].decode("utf-8", "replace"),
                "created_at": datetime.now(UTC),
            }
        )


def account(event: Event, changes: Changes) -> None:
    """Whose e-mails an account reads: its unit's, the Office's, or leadership's."""
    if isinstance(event, AccountDisabled):
        changes.disabled.append(event.user_id)
        return
    assert isinstance(event, AccountCreated)
    recipient = {
        "unit_officer": event.unit_id,
        "office": changes.catalog.office_id(),
        "leadership": LEADERSHIP,
    }.get(event.role)
    if recipient:
        row = {"user_id": event.user_id, "recipient": recipient, "email": event.email}
        changes.accounts.append({**row, "disabled": False})


def addresses(engine: Engine, recipient: str) -> list[str]:
    """The e-mail addresses of a recipient's enabled accounts."""
    A = tables.accounts  # noqa: N806
    with engine.connect() as conn:
        return list(
            conn.execute(
                select(A.c.email)
                .where(A.c.recipient == recipient, A.c.disabled.is_(False), A.c.email.is_not(None))
                .order_by(A.c.user_id)
            ).scalars()
        )


def apply_batch(
    engine: Engine,
    book: RuleBook,
    reachable: Reachable,
    batch: list[RawEvent],
    zone: str = "Asia/Ho_Chi_Minh",
) -> int:
    """Apply a batch; return the new position (the highest sequence applied).

    Every row has a unique key (a fact and a dead letter their sequence, an item its event,
    recipient and channel), so an event applied again changes nothing: no event is skipped for
    being below the position, which a second instance may have moved past it.
    """
    with engine.begin() as conn:
        position = POSITION.lock(conn)
        changes = Changes(load_catalog(conn))
        for raw in batch:
            interpret(raw, changes, book, reachable, zone)
        insert_once(conn, tables.facts, changes.facts)
        insert_once(conn, tables.items, changes.items)
        insert_once(conn, tables.dead_letters, changes.dead)
        insert_once(conn, tables.accounts, changes.accounts)
        if changes.disabled:
            A = tables.accounts  # noqa: N806
            conn.execute(update(A).where(A.c.user_id.in_(changes.disabled)).values(disabled=True))
        position = max([position, *(raw[0] for raw in batch)])
        POSITION.move(conn, position)
    return position
