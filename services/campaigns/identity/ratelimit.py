"""Failed sign-ins, kept in the accounts database: every campaigns instance sees them and a
restart keeps them.

Past a limit a key must wait before its next try is checked, longer after each further failure
(1 s, 2 s, 4 s … up to a cap): guessing slows to a crawl and nobody is locked out for good. Keys:
the account from one source, the source across accounts, and the account from every source it
is not trusted from. A source the account signed in from lately is trusted (OWASP's "device
cookie", with the client's address or connection as the device): strangers' failures elsewhere
never slow the owner there, and rotating sources only meets the account's own limit.
"""

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Column, Float, Integer, MetaData, String, Table, delete, select
from sqlalchemy.engine import Connection, Engine

from shared.db import create_tables
from shared.settings import Settings

metadata = MetaData()
failures = Table(
    "signin_failures",
    metadata,
    Column("key", String(400), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("last_failure", Float, nullable=False),  # UNIX time
    Column("wait_until", Float, nullable=False),
)
trusted = Table(
    "signin_trusted",
    metadata,
    Column("user_id", String(64), primary_key=True),
    Column("source", String(300), primary_key=True),
    Column("last_success", Float, nullable=False),
)


@dataclass(frozen=True)
class Policy:
    account_failures: int  # failures of an account (from one source, or untrusted ones)
    source_failures: int  # failures from one source, whatever the accounts
    window: float  # seconds after which a key's failures are forgotten
    delay: float  # the first wait, doubled after each further failure…
    max_delay: float  # …up to this
    trust: float  # how long a source stays trusted after a sign-in

    @classmethod
    def of(cls, settings: Settings) -> "Policy":
        return cls(
            settings.signin_account_failures,
            settings.signin_source_failures,
            settings.signin_window_minutes * 60,
            settings.signin_delay_seconds,
            settings.signin_max_delay_seconds,
            settings.signin_trust_days * 86400,
        )

    def wait(self, failed: int, limit: int) -> float:
        if failed < limit:
            return 0.0
        return float(min(self.max_delay, self.delay * 2 ** min(failed - limit, 60)))


class SignInLimits:
    def __init__(
        self, engine: Callable[[], Engine], policy: Policy, now: Callable[[], float] = time.time
    ) -> None:
        self._engine, self.policy, self.now = engine, policy, now

    async def open(self) -> None:
        await asyncio.to_thread(create_tables, metadata, self._engine())

    def _keys(self, conn: Connection, user_id: str, source: str) -> dict[str, int]:
        """The keys an attempt counts against, each with its limit."""
        keys = {
            f"pair:{user_id}|{source}": self.policy.account_failures,
            f"source:{source}": self.policy.source_failures,
        }
        since = self.now() - self.policy.trust
        known = conn.execute(
            select(trusted.c.last_success).where(
                trusted.c.user_id == user_id, trusted.c.source == source
            )
        ).scalar()
        if known is None or known < since:
            keys[f"account:{user_id}"] = self.policy.account_failures
        return keys

    def _wait(self, user_id: str, source: str) -> float:
        with self._engine().connect() as conn:
            keys = self._keys(conn, user_id, source)
            rows = conn.execute(select(failures).where(failures.c.key.in_(keys))).all()
        now = self.now()
        return max([0.0, *(float(row.wait_until - now) for row in rows)])

    def _fail(self, user_id: str, source: str) -> list[tuple[str, int, float]]:
        """Count a failure against every key; the keys this failure made wait (reached their
        limit), each with its failures and wait."""
        now, waiting = self.now(), []
        with self._engine().begin() as conn:
            for key, limit in self._keys(conn, user_id, source).items():
                row = conn.execute(select(failures).where(failures.c.key == key)).first()
                fresh = row is None or now - row.last_failure > self.policy.window
                failed = 1 if fresh or row is None else row.failures + 1
                wait = self.policy.wait(failed, limit)
                values = {"failures": failed, "last_failure": now, "wait_until": now + wait}
                if row is None:
                    conn.execute(failures.insert().values(key=key, **values))
                else:
                    conn.execute(failures.update().where(failures.c.key == key).values(**values))
                if failed == limit:
                    waiting.append((key, failed, wait))
        return waiting

    def _succeed(self, user_id: str, source: str) -> None:
        """The owner is in: this source is trusted from now on; its own failures are forgiven."""
        with self._engine().begin() as conn:
            conn.execute(delete(failures).where(failures.c.key == f"pair:{user_id}|{source}"))
            conn.execute(
                delete(trusted).where(trusted.c.user_id == user_id, trusted.c.source == source)
            )
            conn.execute(
                trusted.insert().values(user_id=user_id, source=source, last_success=self.now())
            )

    async def wait(self, user_id: str, source: str) -> float:
        """Seconds before an attempt on this account from this source may be checked."""
        return await asyncio.to_thread(self._wait, user_id, source)

    async def fail(self, user_id: str, source: str) -> list[tuple[str, int, float]]:
        return await asyncio.to_thread(self._fail, user_id, source)

    def _listed(self) -> list[dict[str, Any]]:
        since = self.now() - self.policy.window
        with self._engine().connect() as conn:
            rows = conn.execute(
                select(failures).where(failures.c.last_failure >= since).order_by(failures.c.key)
            ).all()
        now = self.now()
        return [
            {"key": r.key, "failures": r.failures, "wait_seconds": max(0.0, r.wait_until - now)}
            for r in rows
        ]

    def _clear(self, key: str) -> bool:
        with self._engine().begin() as conn:
            return bool(conn.execute(delete(failures).where(failures.c.key == key)).rowcount)

    async def listed(self) -> list[dict[str, Any]]:
        """Every key whose failures are still counted, with its wait (0: none)."""
        return await asyncio.to_thread(self._listed)

    async def clear(self, key: str) -> bool:
        """Forget a key's failures; False if there were none."""
        return await asyncio.to_thread(self._clear, key)

    async def succeed(self, user_id: str, source: str) -> None:
        await asyncio.to_thread(self._succeed, user_id, source)
