"""Password hashes, argon2id, in the campaigns service's own small database.

Never in the event stream, a log or a reply: the stream only says an account exists or that
its password was set.
"""

import asyncio
from datetime import UTC, datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Column, DateTime, MetaData, String, Table, select
from sqlalchemy.engine import Engine

from shared.db import create_tables, make_engine

metadata = MetaData()
credentials = Table(
    "credentials",
    metadata,
    Column("user_id", String(64), primary_key=True),
    Column("hash", String(200), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)


class Credentials:
    """Opened when the service starts (`open`), so building the service touches no file."""

    def __init__(self, url: str, hasher: PasswordHasher | None = None) -> None:
        self.url = url
        self.hasher = hasher or PasswordHasher()
        self._engine: Engine | None = None
        # compared against when the account has no hash, so both answers take as long
        self._decoy = ""

    def _open(self) -> None:
        self._engine = make_engine(self.url)
        create_tables(metadata, self._engine)
        self._decoy = self.hasher.hash("decoy password")

    async def open(self) -> None:
        await asyncio.to_thread(self._open)

    @property
    def engine(self) -> Engine:
        assert self._engine is not None, "Credentials.open() first"
        return self._engine

    def _set(self, user_id: str, password: str) -> None:
        digest = self.hasher.hash(password)
        now = datetime.now(UTC)
        with self.engine.begin() as conn:
            conn.execute(credentials.delete().where(credentials.c.user_id == user_id))
            conn.execute(credentials.insert().values(user_id=user_id, hash=digest, updated_at=now))

    def _verify(self, user_id: str, password: str) -> bool:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(credentials.c.hash).where(credentials.c.user_id == user_id)
            ).first()
        try:
            matched = self.hasher.verify(row.hash if row else self._decoy, password)
        except (VerificationError, InvalidHashError):
            return False
        return matched and row is not None

    async def set(self, user_id: str, password: str) -> None:
        await asyncio.to_thread(self._set, user_id, password)

    async def verify(self, user_id: str, password: str) -> bool:
        return await asyncio.to_thread(self._verify, user_id, password)

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
