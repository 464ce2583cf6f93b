"""The whole system as `make up` starts it: embedded NATS, three processes, one dashboard."""

import asyncio
import os
import signal
import urllib.request
from typing import Any

import nats
import pytest

from shared.bus import request
from shared.subjects import STREAM
from tests.conftest import eventually
from tests.e2e.system import System, processes_of, sign_in


def http_status(url: str) -> int:
    with urllib.request.urlopen(url, timeout=5) as response:
        return int(response.status)


async def test_up_serves_the_dashboard_takes_commands_restarts_and_stops_clean(
    system: System, activity: dict[str, Any]
):
    ready_after = system.up()
    print(f"dashboard ready {ready_after:.1f} s after `planpulse up` started")
    assert ready_after < 60
    assert http_status(f"http://127.0.0.1:{system.dashboard_port}/") == 200
    components = processes_of(system.data_dir).values()
    for name in (
        "nats-server",
        "main campaigns",
        "main reporting",
        "main notifications",
        "streamlit",
    ):
        assert any(name in cmd for cmd in components), (name, components)

    nc = await system.connect("dashboard")
    try:
        officer = await sign_in(nc, "canbo-pbgdpl")  # a demo account `up` created
        await eventually(lambda: _answers(nc, officer), timeout=30, every=0.2)
        reply = await request(nc, "planpulse.cmd.activity.log", activity, headers=officer)
        assert reply["ok"], reply

        async def counted() -> bool:
            progress = await request(nc, "planpulse.query.progress", {}, headers=officer)
            return progress["totals"]["activities"] == 1

        latency = await eventually(counted, timeout=1.0, every=0.02)
        print(f"progress reflected the command after {latency * 1000:.0f} ms")

        # kill -9 one service: the supervisor starts it again
        [campaigns] = [p for p, c in processes_of(system.data_dir).items() if "main campaigns" in c]
        os.kill(campaigns, signal.SIGKILL)
        await eventually(lambda: _logs(nc, activity, officer), timeout=30, every=0.2)
    finally:
        await nc.close()

    await only_the_campaigns_service_writes_history(system)
    nc = await system.connect("operator")
    count = (await nc.jetstream().stream_info(STREAM)).state.messages
    await nc.close()
    system.down()
    assert processes_of(system.data_dir) == {}
    # the services stopped before NATS did: none lost it while shutting down
    logs = {p.name: p.read_text() for p in (system.data_dir / "logs").glob("*.log")}
    assert [name for name, text in logs.items() if "Traceback" in text] == []

    # a second `up` publishes nothing new: the plan is already there
    system.up()
    nc = await system.connect("operator")
    try:
        await eventually(lambda: _answers(nc, officer), timeout=30, every=0.2)
        assert (await nc.jetstream().stream_info(STREAM)).state.messages == count
    finally:
        await nc.close()
    system.down()
    assert processes_of(system.data_dir) == {}


async def _answers(nc: Any, auth: dict[str, str]) -> bool:
    try:
        reply = await request(nc, "planpulse.query.catalog", {}, timeout=1, headers=auth)
        return bool(reply["ok"] and reply["units"])
    except Exception:
        return False


async def _logs(nc: Any, activity: dict[str, Any], auth: dict[str, str]) -> bool:
    try:
        reply = await request(nc, "planpulse.cmd.activity.log", activity, timeout=1, headers=auth)
        return bool(reply["ok"])
    except Exception:
        await asyncio.sleep(0.1)
        return False


async def only_the_campaigns_service_writes_history(system: System) -> None:
    with pytest.raises(nats.errors.Error):  # anonymous: refused
        await nats.connect(
            system.nats_url, allow_reconnect=False, max_reconnect_attempts=0, connect_timeout=2
        )
    violations: list[str] = []

    async def on_error(error: Exception) -> None:
        violations.append(str(error))

    dashboard = await system.connect("dashboard", error_cb=on_error)
    operator = await system.connect("operator")
    try:
        count = (await operator.jetstream().stream_info(STREAM)).state.messages
        with pytest.raises(nats.errors.Error):
            await dashboard.jetstream().publish("planpulse.events.activity.x", b"{}", timeout=1)
        await dashboard.flush()
        assert any("permissions violation" in v.lower() for v in violations), violations
        assert (await operator.jetstream().stream_info(STREAM)).state.messages == count
        # what the dashboard may do, it still does, down to the Office's compilation
        office = await sign_in(dashboard, "vanphong")
        reply = await request(dashboard, "planpulse.query.catalog", {}, headers=office)
        assert reply["ok"]
        compiled = await request(
            dashboard,
            "planpulse.cmd.consolidated.compile",
            {"period_id": "2024-6-thang"},
            timeout=60,
            headers=office,
        )
        assert compiled["ok"], compiled
        assert compiled["figures"]["activities"] == 2
        # the notifications service, under its own NATS user, follows the stream and answers
        inbox = await request(dashboard, "planpulse.query.inbox", {}, headers=office)
        assert inbox["ok"] and inbox["unread"] == len(inbox["items"]), inbox
        letters = await request(
            dashboard, "planpulse.query.notifications.dead_letters", {}, headers=office
        )
        assert letters == {"ok": True, "items": []}

        async def followed() -> bool:
            info = await operator.jetstream().consumer_info(STREAM, "notifications")
            return info.num_pending == 0 and info.delivered.stream_seq > 0

        await eventually(followed, timeout=10, every=0.2)
    finally:
        await dashboard.close()
        await operator.close()
    secrets = system.data_dir / "secrets"
    assert oct(secrets.joinpath("nats-users.json").stat().st_mode & 0o777) == "0o600"
