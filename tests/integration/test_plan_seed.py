"""The plan is published once, whatever restarts or second instances happen."""

import asyncio
from collections import Counter

from nats.aio.client import Client

from services.campaigns.app import build
from shared.envelope import Envelope
from shared.settings import Settings
from shared.subjects import STREAM


async def types_in_stream(nc: Client) -> Counter[str]:
    js = nc.jetstream()
    last = (await js.stream_info(STREAM)).state.last_seq
    kinds: Counter[str] = Counter()
    for seq in range(1, last + 1):
        kinds[Envelope.from_bytes((await js.get_msg(STREAM, seq=seq)).data).type] += 1
    return kinds


async def test_starting_twice_and_two_at_once_publishes_the_plan_once(
    nc: Client, settings: Settings
):
    first = build(settings)
    await first.start()
    await first.stop()
    twins = [build(settings), build(settings)]
    await asyncio.gather(*(app.start() for app in twins))
    await asyncio.gather(*(app.stop() for app in twins))
    assert await types_in_stream(nc) == Counter(
        {"planpulse.plan.published.v2": 1, "planpulse.unit.registered.v1": 12}
    )
    info = await nc.jetstream().stream_info(STREAM)
    assert info.config.deny_delete and info.config.deny_purge
    assert info.config.storage == "file" and info.config.subjects == ["planpulse.events.>"]


async def test_two_instances_starting_today_make_this_years_plan_once(
    nc: Client, settings: Settings
):
    live = settings.model_copy(update={"auto_current_plan": True})
    twins = [build(live), build(live)]
    await asyncio.gather(*(app.start() for app in twins))
    await asyncio.gather(*(app.stop() for app in twins))
    kinds = await types_in_stream(nc)
    # the seed's plan, and this year's cloned from it: drafted and published once
    assert (kinds["planpulse.plan.drafted.v1"], kinds["planpulse.plan.published.v2"]) == (1, 2)
