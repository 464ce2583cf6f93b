"""A follower's position in its own database: one row per follower, read when it starts, locked
and moved in the same transaction as the changes it made (the reporting projections and the
notifications consumer keep theirs this way)."""

from typing import Any

from sqlalchemy import Connection, Engine, Select, Table, select, update


class Checkpoint:
    def __init__(self, table: Table, name: str) -> None:
        self.table, self.name = table, name

    def prepare(self, conn: Connection) -> None:
        """The row at 0 if the database has none yet."""
        if conn.execute(self._select()).first() is None:
            conn.execute(self.table.insert().values(name=self.name, sequence=0))

    def get(self, conn: Connection) -> int | None:
        """The position, or None when the database has no row for it."""
        found = conn.execute(self._select()).first()
        return None if found is None else int(found[0])

    def read(self, engine: Engine) -> int:
        with engine.connect() as conn:
            return int(conn.execute(self._select()).scalar_one())

    def lock(self, conn: Connection) -> int:
        """The position, held until the transaction ends: two writers take turns."""
        return int(conn.execute(self._select().with_for_update()).scalar_one())

    def move(self, conn: Connection, sequence: int) -> None:
        conn.execute(
            update(self.table).where(self.table.c.name == self.name).values(sequence=sequence)
        )

    def _select(self) -> Select[Any]:
        return select(self.table.c.sequence).where(self.table.c.name == self.name)
