"""The compose cluster's NATS authorization, run by a real nats-server: the committed file is the
one the code generates, it holds no password, and the server enforces it."""

import asyncio
from pathlib import Path

import nats
import pytest

from planpulse_cli.deploy import AUTH_CONF, compose_env
from shared.bus import connect
from shared.natsauth import PERMISSIONS, password_variable
from shared.natsserver import NatsServer, free_port
from tests.conftest import eventually


def test_the_committed_cluster_config_is_current_and_holds_no_secret():
    from planpulse_cli.deploy import main

    assert main(["--check"]) == 0
    text = AUTH_CONF.read_text()
    assert all(f"${password_variable(name)}" in text for name in PERMISSIONS)


def test_every_generated_password_is_read_by_nats_server_as_the_string_it_is():
    from planpulse_cli.deploy import secret

    made = [secret() for _ in range(2000)]
    assert all(len(p) == 32 and p.isalnum() and p[0].isalpha() for p in made)
    assert len(set(made)) == len(made)


async def test_a_node_started_with_it_enforces_the_permissions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    env = dict(line.split("=", 1) for line in compose_env().splitlines())
    for name, value in env.items():
        monkeypatch.setenv(name, value)  # what compose gives the nats containers
    server = NatsServer(tmp_path / "js", free_port(), free_port(), config=AUTH_CONF).start()
    violations: list[str] = []

    async def on_error(error: Exception) -> None:
        violations.append(str(error).lower())

    try:
        with pytest.raises(nats.errors.Error):
            await nats.connect(server.url, allow_reconnect=False, max_reconnect_attempts=0)
        password = env[password_variable("dashboard")]
        dashboard = await connect(server.url, "d", user="dashboard", password=password,
                                  error_cb=on_error)  # fmt: skip
        await dashboard.publish("planpulse.events.activity.x", b"{}")
        await dashboard.publish("planpulse.cmd.consolidated.record", b"{}")
        await dashboard.flush()

        async def both_refused() -> bool:  # the server's -ERR reaches the callback a bit later
            return len([v for v in violations if "permissions violation" in v]) == 2

        await eventually(both_refused, timeout=5)
        await dashboard.close()
        password = env[password_variable("campaigns")]
        campaigns = await connect(server.url, "c", user="campaigns", password=password,
                                  error_cb=on_error)  # fmt: skip
        await campaigns.publish("planpulse.events.activity.x", b"{}")
        await campaigns.flush()
        await asyncio.sleep(0.2)  # as long as a refusal took to arrive, and more
        await campaigns.close()
        assert len(violations) == 2, violations  # the campaigns service may write history
    finally:
        server.stop()
