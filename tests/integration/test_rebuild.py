"""`planpulse rebuild` replays the stream into the read models and gives the same answers."""

import asyncio
import os
import sys
from pathlib import Path
from typing import Any

import pytest
from nats.aio.client import Client

from shared.natsserver import NatsServer
from tests.conftest import Asker, eventually

pytestmark = pytest.mark.usefixtures("campaigns", "reporting")


async def test_rebuild_while_the_service_runs_gives_the_same_answers(
    ask: Asker, nc: Client, activity: dict[str, Any], nats_server: NatsServer, tmp_path: Path
):
    ids = []
    for n in range(30):
        body = {
            **activity,
            "title": f"Hoạt động {n}",
            "task_id": str(n % 6 + 1),
            "occasion_id": None,
        }
        ids.append((await ask("planpulse.cmd.activity.log", body))["id"])
    await ask("planpulse.cmd.activity.withdraw", {"activity_id": ids[0]})
    await ask(
        "planpulse.cmd.activity.correct",
        {"activity_id": ids[1], "participants": {"men": 100, "women": 1}},
    )
    last = (await nc.jetstream().stream_info("PLANPULSE_EVENTS")).state.last_seq

    async def caught_up() -> bool:
        return (await ask("planpulse.query.progress", {}))["position"] == last

    await eventually(caught_up)
    before = await ask("planpulse.query.progress", {})
    listing = await ask("planpulse.query.activities", {"page_size": 200})
    env = {
        **os.environ,
        "PLANPULSE_NATS_URL": nats_server.url,
        "PLANPULSE_DATA_DIR": str(tmp_path / "var"),
    }
    # the services run in this event loop: the CLI must not block it
    cli = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "planpulse_cli.main",
        "rebuild",
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(cli.communicate(), 120)
    assert cli.returncode == 0, err.decode()
    assert f"{last} sự kiện" in out.decode()
    after = await ask("planpulse.query.progress", {})
    assert after == before and after["totals"]["activities"] == 29
    assert await ask("planpulse.query.activities", {"page_size": 200}) == listing
    # and it keeps projecting new events after the rebuild
    await ask("planpulse.cmd.activity.log", activity)

    async def counted() -> bool:
        progress = await ask("planpulse.query.progress", {})
        return progress["totals"]["activities"] == 30

    await eventually(counted)
