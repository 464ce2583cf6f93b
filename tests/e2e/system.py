"""The system as `make up` starts it, for the end-to-end tests: start, stop, connect, sign in."""

import json
import os
import signal
import subprocess
import sys
import time
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from nats.aio.client import Client

from shared.actor import bearer
from shared.bus import connect, request
from shared.natsauth import ensure_credentials
from shared.natsserver import free_port
from shared.settings import Settings
from shared.tokens import signing_key

DEMO_PASSWORD = "planpulse-demo"


def department_today() -> date:
    """Today where the Department is (the system's default time zone)."""
    return datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()


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
    def __init__(self, tmp: Path, current_plan: bool = False) -> None:
        self.data_dir = tmp / "var"
        self.nats_port, self.dashboard_port = free_port(), free_port()
        env = {k: v for k, v in os.environ.items() if k != "PLANPULSE_NATS_URL"}
        self.env = {
            **env,
            "PLANPULSE_DATA_DIR": str(self.data_dir),
            "PLANPULSE_EMBEDDED_NATS_PORT": str(self.nats_port),
            "PLANPULSE_EMBEDDED_NATS_MONITOR_PORT": str(free_port()),
            "PLANPULSE_DASHBOARD_PORT": str(self.dashboard_port),
            # the 2024 plan alone, unless a test asks for this year's (as `make up` makes it)
            "PLANPULSE_AUTO_CURRENT_PLAN": str(current_plan).lower(),
        }
        self.process: subprocess.Popen[str] | None = None
        self.printed: list[str] = []  # what `up` printed until it was ready

    def up(self) -> float:
        started = time.monotonic()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "planpulse_cli.main", "up"],
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,  # its own process group, as a terminal gives it
        )
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.printed.append(line)
            if "PlanPulse đã sẵn sàng" in line:
                assert f"http://127.0.0.1:{self.dashboard_port}" in line
                return time.monotonic() - started
        raise AssertionError("planpulse up ended before the dashboard was ready")

    def planpulse(self, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        """A `planpulse …` command beside the running system, as an operator types it."""
        return subprocess.run(
            [sys.executable, "-m", "planpulse_cli.main", *args],
            env=self.env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=60,
        )

    def down(self) -> None:
        """Ctrl-C, as a terminal sends it: SIGINT to the whole foreground process group."""
        if self.process is not None:
            os.killpg(self.process.pid, signal.SIGINT)
            self.process.wait(30)
            self.process = None

    @property
    def nats_url(self) -> str:
        return f"nats://127.0.0.1:{self.nats_port}"

    async def connect(self, user: str, **options: Any) -> Client:
        """Connect as one of the components' NATS users, whose passwords `up` made."""
        password = ensure_credentials(self.data_dir)[user]
        return await connect(self.nats_url, f"e2e-{user}", user=user, password=password, **options)

    def key(self) -> Ed25519PrivateKey:
        """The campaigns service's signing key, as this machine's operator may read it."""
        return signing_key(Settings(data_dir=self.data_dir))


async def sign_in(nc: Client, user_id: str, password: str = DEMO_PASSWORD) -> dict[str, str]:
    """Sign in as the dashboard does; the headers that carry the session's token."""
    reply = await request(
        nc, "planpulse.cmd.session.open", {"user_id": user_id, "password": password}
    )
    assert reply["ok"], reply
    assert password not in json.dumps(reply)
    return bearer(reply["token"])
