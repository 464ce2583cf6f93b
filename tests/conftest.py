"""Fixtures shared by the layers: a real nats-server per test, a real database, the services."""

import asyncio
import os
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from datetime import UTC, date, datetime
from datetime import time as clock_time
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from nats.aio.client import Client
from sqlalchemy import create_engine, text

from shared.actor import Actor, bearer
from shared.bus import connect, request
from shared.natsserver import NatsServer, free_port
from shared.settings import Settings
from shared.tokens import issue, signing_key

POSTGRES_URL = os.environ.get("PLANPULSE_TEST_POSTGRES_URL")

ACTIVITY = {
    "unit_id": "pbgdpl",
    "task_id": "5",
    "occasion_id": "2024-quoc-te-phu-nu",
    "date": "2024-03-08",
    "title": "Hội nghị tuyên truyền nhân Ngày Quốc tế Phụ nữ",
    "form": "conference",
    "audience": "Công chức, viên chức của Sở",
    "participants": {"men": 12, "women": 30},
    "materials": 50,
    "evidence_url": "https://stp.example.gov.vn/tin-tuc/hoi-nghi-8-3",
    "note": "",
}


@pytest.fixture
def activity() -> dict[str, Any]:
    """A valid activity.log command, copied so each test may change it."""
    return {**ACTIVITY, "participants": dict(ACTIVITY["participants"])}


@pytest.fixture
def nats_server(tmp_path: Path) -> Iterator[NatsServer]:
    server = NatsServer(tmp_path / "jetstream", free_port(), free_port()).start()
    yield server
    server.stop()


def _fresh_postgres(url: str) -> str:
    """A database of its own for one test, on the server PLANPULSE_TEST_POSTGRES_URL names."""
    name = f"planpulse_t{os.getpid()}_{time.monotonic_ns()}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return url.rsplit("/", 1)[0] + f"/{name}"


def _drop_postgres(url: str, database_url: str) -> None:
    name = database_url.rsplit("/", 1)[1]
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Each projection test runs on SQLite, and on PostgreSQL when it is given."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'reporting.db'}"
        return
    if not POSTGRES_URL:
        pytest.skip("PLANPULSE_TEST_POSTGRES_URL is not set: PostgreSQL run skipped")
    url = _fresh_postgres(POSTGRES_URL)
    yield url
    _drop_postgres(POSTGRES_URL, url)


@pytest.fixture
def settings(nats_server: NatsServer, tmp_path: Path) -> Settings:
    return Settings(
        nats_url=nats_server.url,
        data_dir=tmp_path / "var",
        reporting_db_url=f"sqlite:///{tmp_path / 'reporting.db'}",
        auto_current_plan=False,  # these tests live in 2024 on manual clocks
    )


@pytest.fixture
async def nc(nats_server: NatsServer) -> AsyncIterator[Client]:
    client = await connect(nats_server.url, "tests")
    yield client
    await client.close()


OFFICER = Actor(user_id="cb-pbgdpl", unit_id="pbgdpl", role="unit_officer")
OFFICE = Actor(user_id="vp-chuyenvien", unit_id="van-phong", role="office")
ADMIN = Actor(user_id="quantri", role="admin")


class Asker:
    """Requests as a signed-in user: `await ask(subject, body)` as a pbgdpl officer, or
    `await ask(subject, body, as_=OFFICE)`. Tokens are signed with the services' own key."""

    def __init__(self, nc: Client, key: Ed25519PrivateKey) -> None:
        self.nc, self.key = nc, key

    def headers(self, actor: Actor, ttl: float = 600) -> dict[str, str]:
        return bearer(issue(self.key, actor, "test-session", ttl)[0])

    async def __call__(
        self, subject: str, body: dict[str, Any], as_: Actor = OFFICER, timeout: float = 5.0
    ) -> dict[str, Any]:
        return await request(self.nc, subject, body, timeout, headers=self.headers(as_))


@pytest.fixture
def ask(nc: Client, settings: Settings) -> Asker:
    return Asker(nc, signing_key(settings))


@pytest.fixture
async def campaigns(settings: Settings) -> AsyncIterator[None]:
    from services.campaigns.app import build

    app = build(settings)
    await app.start()
    yield
    await app.stop()


@pytest.fixture
async def reporting(settings: Settings) -> AsyncIterator[None]:
    from services.reporting.app import build

    app = build(settings)
    await app.start()
    yield
    await app.stop()


class ManualClock:
    """A clock the test moves by hand: `clock.day = ...`."""

    def __init__(self, day: date) -> None:
        self.day = day

    def today(self) -> date:
        return self.day

    def now(self) -> datetime:
        return datetime.combine(self.day, clock_time(9), UTC)


async def eventually(
    check: Callable[[], Awaitable[bool]], timeout: float = 5.0, every: float = 0.05
) -> float:
    """Wait until `check` is true; return how long it took. Fails the test on timeout."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if await check():
            return time.perf_counter() - started
        await asyncio.sleep(every)
    raise AssertionError(f"not true within {timeout} s")


def start_component(name: str, env: dict[str, str], log: Path) -> "subprocess.Popen[bytes]":
    """`planpulse <name>` as a real process of its own (one a test may kill -9)."""
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "planpulse_cli.main", name],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
