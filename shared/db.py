"""Engine creation for every service's own database: SQLite (WAL) by default, PostgreSQL when
given a postgresql+ URL. Sync SQLAlchemy, used from a worker thread (see FIELD-NOTES)."""

import sqlite3
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, MetaData, create_engine, event
from sqlalchemy.exc import DBAPIError


def _wal(cursor: Any, attempts: int = 50) -> None:
    """Switch to WAL. Two processes opening a new file at once can find it locked: the switch
    does not wait on the busy timeout, so wait here."""
    for attempt in range(attempts):
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.05)


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            _wal(cursor)
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


def create_tables(metadata: MetaData, engine: Engine) -> None:
    """Create what is missing. Two instances starting at once may both find a table missing:
    the loser's CREATE fails, and a second look finds everything there."""
    try:
        metadata.create_all(engine)
    except DBAPIError:
        metadata.create_all(engine)
