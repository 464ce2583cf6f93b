"""Reply theft against the system as `make up` starts it: holding one component's NATS password
must not give anyone's session. No user may listen on another's replies, and no component may
touch another's JetStream consumer."""

import asyncio

import nats.errors
import pytest
from nats.aio.client import Client
from nats.aio.msg import Msg

from shared.bus import request
from shared.natsauth import NOTIFIER, PERMISSIONS, PROJECTIONS, inbox_prefix
from shared.subjects import STREAM
from tests.conftest import eventually
from tests.e2e.system import System, sign_in

pytestmark = pytest.mark.timeout(180)
LISTENED = ["_INBOX.>", ">", *(f"{inbox_prefix(user)}.>" for user in PERMISSIONS)]


async def listener(system: System, user: str, violations: list[str]) -> tuple[Client, list[Msg]]:
    """A connection as `user` subscribing to every reply subject it should not see."""

    async def on_error(error: Exception) -> None:
        violations.append(str(error))

    nc = await system.connect(user, error_cb=on_error)
    heard: list[Msg] = []

    async def keep(msg: Msg) -> None:
        heard.append(msg)

    for subject in LISTENED:
        if subject != f"{inbox_prefix(user)}.>":
            await nc.subscribe(subject, cb=keep)
    await nc.flush()
    return nc, heard


async def test_no_component_hears_a_sign_in_reply_or_touches_another_consumer(system: System):
    system.up()
    violations: list[str] = []
    thieves = {
        user: await listener(system, user, violations)
        for user in ("dashboard", "reporting", "notifications", "campaigns", "operator")
    }
    browser = await system.connect("dashboard")  # the real dashboard's connection
    try:
        refusals = len(thieves) * (len(LISTENED) - 1)

        async def all_refused() -> bool:  # each refusal arrives as an -ERR on its connection
            return sum("permissions violation" in v.lower() for v in violations) == refusals

        await eventually(all_refused, timeout=10)
        token = (await sign_in(browser, "vanphong"))["Authorization"]
        office = {"Authorization": token}
        assert (await request(browser, "planpulse.query.accounts", {}, headers=office))["ok"]
        await asyncio.sleep(0.3)  # as long as a stolen reply would take to arrive, and more
        stolen = [(user, m.subject) for user, (_, heard) in thieves.items() for m in heard]
        assert stolen == []
        print(f"{len(violations)} subscriptions refused; 0 replies heard by {len(thieves)} users")
        await consumers_are_their_owners_alone(system)
    finally:
        for nc, _ in thieves.values():
            await nc.close()
        await browser.close()
    system.down()


async def consumers_are_their_owners_alone(system: System) -> None:
    """The notifications user may not delete the reporting service's consumer, nor the
    reporting user the notifications service's; the stream's configuration is the campaigns
    service's alone."""
    attempts = [
        ("notifications", f"$JS.API.CONSUMER.DELETE.{STREAM}.{PROJECTIONS}"),
        ("reporting", f"$JS.API.CONSUMER.DELETE.{STREAM}.{NOTIFIER}"),
        ("reporting", f"$JS.API.STREAM.UPDATE.{STREAM}"),
        ("dashboard", f"$JS.API.STREAM.INFO.{STREAM}"),
    ]
    for user, subject in attempts:
        nc = await system.connect(user)
        try:
            with pytest.raises((nats.errors.TimeoutError, nats.errors.NoRespondersError)):
                await nc.request(subject, b"{}", timeout=1)
        finally:
            await nc.close()
    operator = await system.connect("operator")
    try:
        js = operator.jetstream()
        for durable in (PROJECTIONS, NOTIFIER):
            assert (await js.consumer_info(STREAM, durable)).name == durable
    finally:
        await operator.close()
