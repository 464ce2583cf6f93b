"""What a projection is: the read model (view) it writes and, per event type, the row changes
it makes. The one way it changes a row: one statement object per (table, columns), so the batch
writer can send alike rows together."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import Table, bindparam
from sqlalchemy.sql import ColumnElement, Executable

Change = tuple[Executable, dict[str, Any]]
Projector = Callable[[Any, Any, int], list[Change]]  # (event, envelope, stream sequence)


@dataclass(frozen=True)
class Projection:
    view: str  # the read model it alone writes
    projectors: Mapping[type, Projector]  # event type -> its changes


@lru_cache(maxsize=512)
def _update(table: Table, key: str, columns: frozenset[str], counter: str | None) -> Executable:
    values: dict[str, Any] = {name: bindparam(f"new_{name}") for name in sorted(columns)}
    if counter is not None:
        column: ColumnElement[Any] = table.c[counter]
        values[counter] = column + 1
    return table.update().where(table.c[key] == bindparam("key")).values(**values)


def set_columns(
    table: Table, key: str, key_value: str, row: dict[str, Any], counter: str | None = None
) -> Change:
    """UPDATE table SET row WHERE key = key_value (and counter = counter + 1)."""
    params = {f"new_{name}": value for name, value in row.items()}
    return _update(table, key, frozenset(row), counter), {**params, "key": key_value}
