"""The reporting service's database: its engine and its tables."""

from sqlalchemy import Engine

from services.reporting.tables import metadata
from shared.database import make_engine

__all__ = ["create_tables", "drop_tables", "make_engine"]


def create_tables(engine: Engine) -> None:
    metadata.create_all(engine)


def drop_tables(engine: Engine) -> None:
    metadata.drop_all(engine)
