"""The read-model database: the shared engine factory, and this service's tables."""

from sqlalchemy import Engine

from services.reporting.tables import metadata
from shared import db as shared_db
from shared.db import make_engine

__all__ = ["create_tables", "drop_tables", "make_engine"]


def create_tables(engine: Engine) -> None:
    shared_db.create_tables(metadata, engine)


def drop_tables(engine: Engine) -> None:
    metadata.drop_all(engine)
