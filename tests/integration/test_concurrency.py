"""Two writers of one aggregate, against the real server's expected-sequence check."""

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
from nats.aio.client import Client

from services.campaigns.app import build
from shared.envelope import Envelope
from shared.settings import Settings
from shared.subjects import STREAM
from tests.conftest import Asker

pytestmark = pytest.mark.usefixtures("campaigns")


async def history(nc: Client, activity_id: str) -> list[Envelope]:
    js = nc.jetstream()
    subject = f"planpulse.events.activity.{activity_id}"
    events, seq = [], 1
    while True:
        try:
            raw = await js.get_msg(STREAM, seq=seq, subject=subject, next=True)
        except Exception:
            return events
        events.append(Envelope.from_bytes(raw.data))
        seq = raw.seq + 1


@pytest.fixture
async def second_instance(settings: Settings) -> AsyncIterator[None]:
    """A second campaigns service beside the first, so requests really race."""
    other = build(settings)
    await other.start()
    yield
    await other.stop()


@pytest.mark.usefixtures("second_instance")
async def test_two_corrections_of_the_same_version_one_wins_one_conflicts(
    ask: Asker, nc: Client, activity: dict[str, Any]
):
    logged = await ask("planpulse.cmd.activity.log", activity)
    corrections = [
        {"activity_id": logged["id"], "expected_version": 1, "title": f"Tiêu đề {n}"}
        for n in range(2)
    ]
    for _ in range(10):  # several rounds: each must have exactly one winner
        replies = await asyncio.gather(
            *(ask("planpulse.cmd.activity.correct", body) for body in corrections)
        )
        wins = [r for r in replies if r["ok"]]
        losses = [r for r in replies if not r["ok"]]
        assert len(wins) == 1 and len(losses) == 1, replies
        assert losses[0]["error"]["code"] == "conflict"
        version = wins[0]["version"]
        corrections = [
            {**body, "expected_version": version, "title": body["title"] + "."}
            for body in corrections
        ]
    assert len(await history(nc, logged["id"])) == 11


@pytest.mark.usefixtures("second_instance")
async def test_corrections_without_a_version_are_retried_and_none_is_lost(
    ask: Asker, nc: Client, activity: dict[str, Any]
):
    logged = await ask("planpulse.cmd.activity.log", activity)
    fields = {
        "title": "Hội nghị (đã sửa tên)",
        "audience": "Cán bộ toàn Sở",
        "note": "Bổ sung ghi chú",
        "materials": 75,
        "evidence_url": "https://stp.example.gov.vn/a",
    }
    replies = await asyncio.gather(
        *(
            ask("planpulse.cmd.activity.correct", {"activity_id": logged["id"], k: v})
            for k, v in fields.items()
        )
    )
    assert all(reply["ok"] for reply in replies), replies
    events = await history(nc, logged["id"])
    assert len(events) == 1 + len(fields)
    merged = {}
    for envelope in events[1:]:
        merged.update(envelope.data["changes"])
    assert merged == fields
