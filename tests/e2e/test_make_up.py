"""The whole system as `make up` starts it: embedded NATS, three processes, one dashboard."""

import asyncio
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nats
import pytest
from nats.aio.client import Client

from shared.actor import Actor
from shared.bus import connect, request
from shared.natsauth import ensure_credentials
from shared.natsserver import free_port
from shared.subjects import STREAM
from tests.conftest import eventually


def processes_of(data_dir: Path) -> dict[int, str]:
    """Every live process started for this data dir (found by its environment), with its
    command line."""
    marker = f"PLANPULSE_DATA_DIR={data_dir}".encode()
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            environ = (entry / "environ").read_bytes()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            state = (entry / "stat").read_text().split(") ", 1)[1][0]
        except OSError:
            continue
        if marker in environ.split(b"\0") and state != "Z":
            found[int(entry.name)] = cmdline
    return found


class System:
    def __init__(self, tmp: Path) -> None:
        self.data_dir = tmp / "var"
        self.nats_port, self.dashboard_port = free_port(), free_port()
        env = {k: v for k, v in os.environ.items() if k != "PLANPULSE_NATS_URL"}
        self.env = {
            **env,
            "PLANPULSE_DATA_DIR": str(self.data_dir),
            "PLANPULSE_EMBEDDED_NATS_PORT": str(self.nats_port),
            "PLANPULSE_EMBEDDED_NATS_MONITOR_PORT": str(free_port()),
            "PLANPULSE_DASHBOARD_PORT": str(self.dashboard_port),
        }
        self.process: subprocess.Popen[str] | None = None

    def up(self) -> float:
        started = time.monotonic()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "planpulse_cli.main", "up"],
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if "PlanPulse đã sẵn sàng" in line:
                assert f"http://127.0.0.1:{self.dashboard_port}" in line
                return time.monotonic() - started
        raise AssertionError("planpulse up ended before the dashboard was ready")

    def down(self) -> None:
        if self.process is not None:
            self.process.send_signal(signal.SIGINT)
            self.process.wait(30)
            self.process = None

    @property
    def nats_url(self) -> str:
        return f"nats://127.0.0.1:{self.nats_port}"

    async def connect(self, user: str, **options: Any) -> Client:
        """Connect as one of the components' NATS users, whose passwords `up` made."""
        password = ensure_credentials(self.data_dir)[user]
        return await connect(self.nats_url, f"e2e-{user}", user=user, password=password, **options)


@pytest.fixture
def system(tmp_path: Path) -> Iterator[System]:
    running = System(tmp_path)
    yield running
    if running.process is not None:
        running.process.kill()
    for pid in processes_of(running.data_dir):
        os.kill(pid, signal.SIGKILL)


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

    nc = await system.connect("operator")
    try:
        await eventually(lambda: _answers(nc), timeout=30, every=0.2)
        reply = await request(nc, "planpulse.cmd.activity.log", activity)
        assert reply["ok"], reply

        async def counted() -> bool:
            return (await request(nc, "planpulse.query.progress", {}))["totals"]["activities"] == 1

        latency = await eventually(counted, timeout=1.0, every=0.02)
        print(f"progress reflected the command after {latency * 1000:.0f} ms")

        # kill -9 one service: the supervisor starts it again
        [campaigns] = [p for p, c in processes_of(system.data_dir).items() if "main campaigns" in c]
        os.kill(campaigns, signal.SIGKILL)
        await eventually(lambda: _logs(nc, activity), timeout=30, every=0.2)
    finally:
        await nc.close()

    await only_the_campaigns_service_writes_history(system)
    nc = await system.connect("operator")
    count = (await nc.jetstream().stream_info(STREAM)).state.messages
    await nc.close()
    system.down()
    assert processes_of(system.data_dir) == {}

    # a second `up` publishes nothing new: the plan is already there
    system.up()
    nc = await system.connect("operator")
    try:
        await eventually(lambda: _answers(nc), timeout=30, every=0.2)
        assert (await nc.jetstream().stream_info(STREAM)).state.messages == count
    finally:
        await nc.close()
    system.down()
    assert processes_of(system.data_dir) == {}


async def _answers(nc: Any) -> bool:
    try:
        reply = await request(nc, "planpulse.query.catalog", {}, timeout=1)
        return bool(reply["ok"] and reply["units"])
    except Exception:
        return False


async def _logs(nc: Any, activity: dict[str, Any]) -> bool:
    try:
        reply = await request(nc, "planpulse.cmd.activity.log", activity, timeout=1)
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
        reply = await request(dashboard, "planpulse.query.catalog", {})
        assert reply["ok"]
        office = Actor(user_id="vp", unit_id="van-phong", role="office")
        compiled = await request(
            dashboard,
            "planpulse.cmd.consolidated.compile",
            {"period_id": "2024-6-thang"},
            timeout=60,
            headers=office.header(),
        )
        assert compiled["ok"], compiled
        assert compiled["figures"]["activities"] == 2
        # the notifications service, under its own NATS user, follows the stream and answers
        inbox = await request(dashboard, "planpulse.query.inbox", {}, headers=office.header())
        assert inbox["ok"] and inbox["unread"] == len(inbox["items"]), inbox
        letters = await request(
            dashboard, "planpulse.query.notifications.dead_letters", {}, headers=office.header()
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
