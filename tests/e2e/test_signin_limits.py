"""Guessing passwords against the system as `make up` starts it: strangers' failures slow the
guessing, never lock the owner out; rotating the client address gains nothing; clients without
one are limited per connection; only the dashboard may ask for a sign-in; and a restart of the
campaigns service forgets nothing."""

import os
import signal
from collections import Counter

import nats.errors
import pytest
from nats.aio.client import Client

from shared.actor import SOURCE_HEADER
from shared.bus import request
from tests.conftest import eventually
from tests.e2e.system import DEMO_PASSWORD, System, processes_of, sign_in

pytestmark = pytest.mark.timeout(240)
FIRST_WAIT = 60  # seconds, set for this system: long enough to outlive a restart


async def attempt(nc: Client, user_id: str, password: str, source: str | None = None) -> str:
    headers = {SOURCE_HEADER: source} if source else None
    body = {"user_id": user_id, "password": password}
    reply = await request(nc, "planpulse.cmd.session.open", body, 10, headers=headers)
    return "ok" if reply["ok"] else str(reply["error"]["code"])


async def test_strangers_slow_guessing_but_never_lock_the_owner_out(system: System):
    system.env["PLANPULSE_SIGNIN_DELAY_SECONDS"] = str(FIRST_WAIT)
    system.up()
    nc = await system.connect("dashboard")
    try:
        home = "198.51.100.7"
        assert await attempt(nc, "canbo-cc2", DEMO_PASSWORD, home) == "ok"
        # 50 strangers' guesses, each from an address of its own
        rotating = Counter(
            [await attempt(nc, "canbo-cc2", f"sai-{n}", f"203.0.113.{n}") for n in range(50)]
        )
        # the same 50 guesses from one address, on another account
        one_source = Counter(
            [await attempt(nc, "canbo-cc3", f"sai-{n}", "192.0.2.1") for n in range(50)]
        )
        print(f"checked guesses: rotating addresses {rotating}, one address {one_source}")
        assert rotating["invalid_credentials"] <= one_source["invalid_credentials"] == 5
        assert rotating["too_many_attempts"] >= 45
        # the owner at home is not slowed; from an address never used, told how long to wait
        assert await attempt(nc, "canbo-cc2", DEMO_PASSWORD, home) == "ok"
        body = {"user_id": "canbo-cc2", "password": DEMO_PASSWORD}
        away = await request(nc, "planpulse.cmd.session.open", body, headers={SOURCE_HEADER: "x"})
        assert away["error"]["code"] == "too_many_attempts" and "giây" in away["error"]["message"]
        await the_administrator_sees_and_clears_a_limit(nc)
        await per_connection_without_an_address(system)
        await only_the_dashboard_may_ask(system)
        await limits_survive_a_restart(system, nc)
    finally:
        await nc.close()
    system.down()


async def the_administrator_sees_and_clears_a_limit(nc: Client) -> None:
    """Each lock is in the stream; the administrator lists the limits and clears one, after
    which the owner signs in from anywhere; no one else may look."""
    admin = await sign_in(nc, "quantri")
    listed = await request(nc, "planpulse.query.signin_limits", {}, headers=admin)
    waits = {item["key"]: item["wait_seconds"] for item in listed["limits"]}
    assert 0 < waits["account:canbo-cc2"] <= FIRST_WAIT and "account:canbo-cc3" in waits
    office = await sign_in(nc, "vanphong")
    peek = await request(nc, "planpulse.query.signin_limits", {}, headers=office)
    assert peek["error"]["code"] == "forbidden"
    body = {"key": "account:canbo-cc2"}
    assert (await request(nc, "planpulse.cmd.signin.clear", body, headers=admin))["ok"]
    assert await attempt(nc, "canbo-cc2", DEMO_PASSWORD, "203.0.113.250") == "ok"
    feed = await request(nc, "planpulse.query.latest_events", {"limit": 50}, headers=admin)
    types = [event["type"] for event in feed["events"]]
    assert "planpulse.signin.cleared.v1" in types and "planpulse.signin.limited.v1" in types


async def per_connection_without_an_address(system: System) -> None:
    """20 failures over 20 accounts from one connection make that connection wait; another
    connection's guesses are still checked (no shared bucket for every header-less client)."""
    noisy, quiet = await system.connect("dashboard"), await system.connect("dashboard")
    try:
        units = ["pbgdpl", "tgpl", "hctp", "btp", "xdkt", "cc1", "dgts", "qlxlvp"]
        names = [f"khong-co-{n}" for n in range(20 - len(units))] + [f"canbo-{u}" for u in units]
        outcomes = Counter([await attempt(noisy, name, "sai") for name in names])
        assert outcomes == {"invalid_credentials": 20}
        assert await attempt(noisy, "khong-co-khac", "sai") == "too_many_attempts"
        assert await attempt(quiet, "khong-co-khac", "sai") == "invalid_credentials"
    finally:
        await noisy.close()
        await quiet.close()


async def only_the_dashboard_may_ask(system: System) -> None:
    """The client address is taken from sign-ins only the dashboard's NATS user may send."""
    for user in ("reporting", "notifications"):
        nc = await system.connect(user)
        try:
            with pytest.raises((nats.errors.TimeoutError, nats.errors.NoRespondersError)):
                await attempt(nc, "canbo-cc2", DEMO_PASSWORD, "198.51.100.7")
        finally:
            await nc.close()


async def limits_survive_a_restart(system: System, nc: Client) -> None:
    guesses = [await attempt(nc, "canbo-thanh-tra", f"sai-{n}", f"198.18.0.{n}") for n in range(5)]
    assert guesses == ["invalid_credentials"] * 5
    [campaigns] = [p for p, c in processes_of(system.data_dir).items() if "main campaigns" in c]
    os.kill(campaigns, signal.SIGKILL)

    async def restarted() -> bool:  # the supervisor starts it again
        try:
            return await attempt(nc, "khong-co-ai", "sai", "192.0.2.99") == "invalid_credentials"
        except nats.errors.Error:
            return False

    waited = await eventually(restarted, timeout=60, every=0.5)
    print(f"campaigns answered again {waited:.1f} s after SIGKILL")
    assert (
        await attempt(nc, "canbo-thanh-tra", DEMO_PASSWORD, "198.18.0.200") == "too_many_attempts"
    )
    assert await attempt(nc, "canbo-cc2", DEMO_PASSWORD, "198.51.100.7") == "ok"
