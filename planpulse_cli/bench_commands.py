"""Commands end to end: `planpulse.cmd.activity.log` requests to a running campaigns service."""

import asyncio
import contextlib
import json
import logging
import os
import sys
import uuid
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from nats.aio.client import Client
from pydantic import SecretStr

from planpulse_cli.bench_append import RawChains, compare, envelope_size
from shared.actor import Actor, bearer
from shared.settings import Settings
from shared.subjects import command_subject
from shared.tokens import encoded, issue

IN_FLIGHT = 64
SUBJECT = command_subject("activity", "log")
COMMAND = (  # each one sent with an id of its own, as every client should: a retry is harmless
    {
        "unit_id": "pbgdpl",
        "task_id": "5",
        "occasion_id": "2024-quoc-te-phu-nu",
        "date": "2024-03-08",
        "title": "Hội nghị tuyên truyền",
        "form": "conference",
        "participants": {"men": 1, "women": 2},
    }
)


def command() -> bytes:
    return json.dumps({**COMMAND, "activity_id": str(uuid.uuid4())}).encode()


# The bench's services sign with this key; its commands carry a unit officer's token.
KEY = Ed25519PrivateKey.generate()
OFFICER = Actor(user_id="bench", unit_id="pbgdpl", role="unit_officer")
HEADERS = bearer(issue(KEY, OFFICER, "bench", 3600)[0])


class Commands:
    """Sends one command per call; every reply must say ok, the others are counted."""

    def __init__(self, nc: Client, timeout: float = 30.0) -> None:
        self.nc = nc
        self.timeout = timeout
        self.sent = 0
        self.failures: Counter[str] = Counter()

    async def __call__(self, _n: int) -> object:
        self.sent += 1
        try:
            sent = await self.nc.request(SUBJECT, command(), self.timeout, headers=HEADERS)
            reply = json.loads(sent.data)
        except Exception as error:  # a timeout, no responders, a broken reply: all failures
            self.failures[f"{type(error).__name__}: {error}"] += 1
            return None
        if not reply.get("ok"):
            self.failures[json.dumps(reply.get("error"), ensure_ascii=False)[:300]] += 1
        return reply


async def command_rates(nc: Client, count: int) -> tuple[float, float, Commands]:
    """(command rate, raw publish rate with as many in flight, the sender with its failures)."""
    js = nc.jetstream()
    raw = RawChains(js, count, 1, envelope_size())
    commands = Commands(nc)
    product, baseline = await compare(count, IN_FLIGHT, raw, commands)
    return product, baseline, commands


@contextlib.asynccontextmanager
async def in_process(url: str, folder: Path) -> AsyncIterator[None]:
    """The campaigns service in this process, on this event loop (shares the CPU time)."""
    from services.campaigns.app import build

    # The service would log at the level of the bench's caller (INFO under `planpulse`).
    loggers = [logging.getLogger(name) for name in ("campaigns", "services", "faststream")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    settings = Settings(
        nats_url=url,
        nats_user=None,
        nats_password=None,
        data_dir=folder,
        token_private_key=SecretStr(encoded(KEY)),
        token_public_key=encoded(KEY.public_key()),
        simulate_start=None,
        log_level="WARNING",
    )
    app = build(settings)
    try:
        await app.start()
        try:
            yield
        finally:
            await app.stop()
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


@contextlib.asynccontextmanager
async def own_process(nc: Client, url: str, folder: Path) -> AsyncIterator[None]:
    """`python -m planpulse_cli.main campaigns` as its own process, as `planpulse up` runs it."""
    folder.mkdir(parents=True, exist_ok=True)
    env = {key: value for key, value in os.environ.items() if not key.startswith("PLANPULSE_")}
    env.update(
        PLANPULSE_NATS_URL=url,
        PLANPULSE_DATA_DIR=str(folder),
        PLANPULSE_LOG_LEVEL="WARNING",
        PLANPULSE_TOKEN_PRIVATE_KEY=encoded(KEY),
        PLANPULSE_TOKEN_PUBLIC_KEY=encoded(KEY.public_key()),
    )
    log_path = folder / "campaigns.log"
    with log_path.open("wb") as log:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "planpulse_cli.main",
            "campaigns",
            env=env,
            stdout=log,
            stderr=log,
            cwd=Path(__file__).resolve().parent.parent,
        )
    try:
        await _until_ready(nc, process, log_path)
        yield
    finally:
        if process.returncode is None:
            process.terminate()
            try:
                await asyncio.wait_for(process.wait(), 10)
            except TimeoutError:
                process.kill()
                await process.wait()


async def _until_ready(nc: Client, process: asyncio.subprocess.Process, log: Path) -> None:
    for _ in range(300):
        if process.returncode is not None:
            break
        try:
            reply = json.loads((await nc.request(SUBJECT, command(), 1, headers=HEADERS)).data)
        except Exception:
            await asyncio.sleep(0.1)
            continue
        if reply.get("ok"):
            return
        raise RuntimeError(f"the campaigns service refused the bench command: {reply}")
    tail = log.read_text(errors="replace")[-2000:]
    raise RuntimeError(f"the campaigns service did not answer; its log ends:\n{tail}")
