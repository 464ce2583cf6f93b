"""The dashboard's client against a real nats-server and the real services, started in-process.

The services run on the test's event loop and the client blocks its caller, so every client call
goes through asyncio.to_thread: blocking the loop would starve the services of their replies.
"""

import asyncio
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from nats.aio.msg import Msg

from dashboard import client
from dashboard import texts_vi as T
from shared.bus import connect
from shared.natsserver import NatsServer, free_port
from shared.settings import get_settings
from tests.conftest import OFFICER, Asker, eventually


@contextmanager
def pointed_at(monkeypatch: pytest.MonkeyPatch, url: str) -> Iterator[None]:
    """Point the client at `url`; no cached settings or connection outlives the block."""
    monkeypatch.setenv("PLANPULSE_NATS_URL", url)
    get_settings.cache_clear()
    client.connection.clear()
    try:
        yield
    finally:
        client.connection.clear()  # closes the connection and stops its loop thread
        get_settings.cache_clear()


@pytest.fixture
def live_client(settings, monkeypatch) -> Iterator[None]:
    with pointed_at(monkeypatch, settings.nats_server_url()):
        yield


@pytest.fixture
def signed_in(ask: Asker, monkeypatch: pytest.MonkeyPatch) -> None:
    """The client speaks for a pbgdpl officer, as after sign-in."""
    monkeypatch.setattr(client, "headers", lambda: ask.headers(OFFICER))


async def query(name: str, payload: dict[str, Any] | None = None) -> dict[str, Any]:
    return await asyncio.to_thread(client.query, name, payload)


async def command(verb_subject: str, payload: dict[str, Any]) -> dict[str, Any]:
    return await asyncio.to_thread(client.command, verb_subject, payload)


@pytest.mark.usefixtures("campaigns", "reporting", "live_client", "signed_in")
async def test_the_dashboard_client_logs_an_activity_and_sees_it_in_progress(activity):
    async def catalog_projected() -> bool:  # the read model fills in just after start-up
        catalog = await query("catalog")
        return catalog["ok"] and "pbgdpl" in {unit["unit_id"] for unit in catalog["units"]}

    await eventually(catalog_projected)

    refused = await command("activity.log", {**activity, "title": "ab"})
    assert refused["ok"] is False and refused["error"]["code"] == "invalid_command"
    assert refused["error"]["fields"] == {"title": "Tên hoạt động phải có ít nhất 3 ký tự."}

    logged = await command("activity.log", activity)
    assert logged["ok"] is True, logged

    async def counted() -> bool:
        progress = await query("progress")
        return progress["totals"]["activities"] == 1

    await eventually(counted)
    progress = await query("progress")
    assert progress["totals"] == {
        "activities": 1,
        "men": 12,
        "women": 30,
        "participants": 42,
        "materials": 50,
    }
    by_unit = {row["unit_id"]: row["activities"] for row in progress["by_unit"]}
    assert by_unit["pbgdpl"] == 1 and by_unit["van-phong"] == 0
    latest = await query("activities", {"page_size": 10})
    assert [(item["activity_id"], item["logged_by"]) for item in latest["items"]] == [
        (logged["id"], "cb-pbgdpl@pbgdpl")
    ]


@pytest.mark.usefixtures("live_client")
async def test_nats_up_but_no_service_is_service_unavailable():
    with pytest.raises(client.ServiceUnavailable) as raised:
        await query("progress")
    assert str(raised.value) == T.NO_ANSWER


async def test_the_client_waits_out_a_nats_outage_and_recovers_on_its_own(monkeypatch, tmp_path):
    server = NatsServer(tmp_path / "nats", free_port(), free_port())

    async def reporting_stand_in(msg: Msg) -> None:
        await msg.respond(b'{"ok": true, "position": 7}')

    async def answered() -> bool:
        try:
            return (await query("progress")) == {"ok": True, "position": 7}
        except client.ServiceUnavailable:
            return False

    with pointed_at(monkeypatch, server.url):
        try:
            with pytest.raises(client.ServiceUnavailable) as raised:
                await query("progress")
            assert str(raised.value) == T.OFFLINE

            server.start()
            nc = await connect(server.url, "reporting-stand-in")
            await nc.subscribe("planpulse.query.progress", cb=reporting_stand_in)
            await eventually(answered, timeout=10)

            server.stop()  # NATS goes away under a live connection: say so at once
            started = time.perf_counter()
            with pytest.raises(client.ServiceUnavailable) as raised:
                await query("progress")
            assert str(raised.value) == T.OFFLINE
            assert time.perf_counter() - started < 1.5

            server.start()  # and back: both connections find it again on their own
            await eventually(answered, timeout=10)
            await nc.close()
        finally:
            server.stop()
