"""Apply a batch of stored events to the read models in one transaction, with its position."""

import itertools
import logging
from collections.abc import Callable
from functools import partial

from pydantic import ValidationError
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from services.reporting import tables
from services.reporting.db import create_tables, drop_tables
from services.reporting.projections import Change, changes_for
from shared.checkpoint import Checkpoint
from shared.envelope import Envelope
from shared.events import UnknownEventType, decode
from shared.follower import RawEvent

log = logging.getLogger(__name__)
NAME = "reporting"


POSITION = Checkpoint(tables.position, NAME)
# The read models' shape: a database made for another shape is dropped and rebuilt from the
# stream at start (the stream is the truth; the read models are a cache of it).
SCHEMA = Checkpoint(tables.position, "schema")
SCHEMA_VERSION = 3


def prepare(engine: Engine) -> None:
    create_tables(engine)
    with engine.connect() as conn:
        made, position = SCHEMA.get(conn), POSITION.get(conn)
    if position is not None and made != SCHEMA_VERSION:
        log.warning(
            "read models of schema %s, not %d: rebuilt from the stream", made, SCHEMA_VERSION
        )
        drop_tables(engine)
        create_tables(engine)
    with engine.begin() as conn:
        POSITION.prepare(conn)
        SCHEMA.prepare(conn)
        SCHEMA.move(conn, SCHEMA_VERSION)


def reset(engine: Engine) -> None:
    drop_tables(engine)
    prepare(engine)


def read_position(engine: Engine) -> int:
    return POSITION.read(engine)


def _set_aside(raw: RawEvent, error: Exception) -> list[Change]:
    sequence, subject, _ = raw
    log.error("event %d on %s cannot be applied: %s", sequence, subject, error)
    row = {"sequence": sequence, "subject": subject, "error": str(error)[:4000]}
    return [(tables.unreadable_events.insert(), row)]


def _changes(raw: RawEvent) -> list[Change]:
    try:
        envelope = Envelope.from_bytes(raw[2])
        return changes_for(decode(envelope), envelope, raw[0])
    except (ValidationError, UnknownEventType, ValueError) as error:
        return _set_aside(raw, error)


def apply_batch(engine: Engine, batch: list[RawEvent]) -> int:
    """Apply the events not applied yet; return the new position. Redelivery is harmless.

    An event the view refuses (say, a second "logged" for one activity) would block every
    later one: the batch is then applied one event at a time, and the refused one is kept in
    `unreadable_events` instead.
    """
    try:
        return _apply(engine, batch, _changes)
    except IntegrityError:
        position = 0
        for raw in batch:
            try:
                position = _apply(engine, [raw], _changes)
            except IntegrityError as error:
                position = _apply(engine, [raw], partial(_set_aside, error=error))
        return position


def _apply(
    engine: Engine, batch: list[RawEvent], to_changes: Callable[[RawEvent], list[Change]]
) -> int:
    with engine.begin() as conn:
        position = POSITION.lock(conn)
        fresh = [raw for raw in batch if raw[0] > position]
        if not fresh:
            return position
        changes = [change for raw in fresh for change in to_changes(raw)]
        # Consecutive changes of one statement go together; order is kept.
        for _, group in itertools.groupby(changes, key=lambda change: id(change[0])):
            rows = list(group)
            conn.execute(rows[0][0], [params for _, params in rows])
        position = max(raw[0] for raw in fresh)
        POSITION.move(conn, position)
    return position
