"""Commands over a real nats-server, through the campaigns and reporting services."""

import json
import time
from typing import Any

import pytest
from nats.aio.client import Client

from shared.actor import Actor
from shared.envelope import Envelope
from shared.subjects import STREAM
from tests.conftest import OFFICE, OFFICER, Asker, eventually

pytestmark = pytest.mark.usefixtures("campaigns", "reporting")


async def stream_count(nc: Client) -> int:
    return (await nc.jetstream().stream_info(STREAM)).state.messages


async def test_a_logged_activity_is_stored_as_a_cloudevent_and_counted_within_a_second(
    ask: Asker, nc: Client, activity: dict[str, Any]
):
    reply = await ask("planpulse.cmd.activity.log", activity)
    logged_at = time.perf_counter()
    assert reply["ok"] is True, reply
    stored = await nc.jetstream().get_msg(STREAM, seq=reply["sequence"])
    envelope = Envelope.from_bytes(stored.data)
    assert stored.subject == f"planpulse.events.activity.{reply['id']}"
    assert stored.headers["Nats-Msg-Id"] == envelope.id == reply["event_ids"][0]
    assert envelope.type == "planpulse.activity.logged.v1" and envelope.actor == "cb-pbgdpl@pbgdpl"
    assert envelope.data["participants"] == {"men": 12, "women": 30, "total": 42}

    async def counted() -> bool:
        progress = await ask("planpulse.query.progress", {})
        return progress["totals"]["activities"] == 1 and progress["totals"]["men"] == 12

    await eventually(counted, timeout=1.0, every=0.02)
    latency = time.perf_counter() - logged_at
    print(f"activity counted by planpulse.query.progress {latency * 1000:.0f} ms after its reply")
    assert latency < 1.0


def malformed(activity: dict[str, Any]) -> dict[str, bytes]:
    def with_(**changes: Any) -> bytes:
        return json.dumps({**activity, **changes}).encode()

    missing = {k: v for k, v in activity.items() if k not in ("unit_id", "title")}
    return {
        "missing fields": json.dumps(missing).encode(),
        "unknown unit": with_(unit_id="phong-khong-ton-tai"),
        "unknown task": with_(task_id="42"),
        "future date": with_(date="2099-01-01"),
        "negative count": with_(participants={"men": -5, "women": 3}),
        "absurd count": with_(materials=10**12),
        "1 MB title": with_(title="x" * 1_000_000),
        "wrong types": with_(participants={"men": "mười", "women": [1]}, date=20240308),
        "not JSON": b"\xff\xfe{not json",
        "bad URL": with_(evidence_url="javascript:alert(1)"),
        "extra field": with_(approved_by="giam-doc"),
    }


async def test_malformed_commands_get_a_clear_error_and_append_nothing(
    ask: Asker, nc: Client, activity: dict[str, Any]
):
    before = await stream_count(nc)
    codes = {}
    for case, payload in malformed(activity).items():
        sent = await nc.request(
            "planpulse.cmd.activity.log", payload, 5, headers=ask.headers(OFFICER)
        )
        reply = json.loads(sent.data)
        assert reply["ok"] is False, case
        assert reply["error"]["code"] and reply["error"]["message"], case
        codes[case] = reply["error"]["code"]
    assert await stream_count(nc) == before
    assert codes == {
        "missing fields": "invalid_command",
        "unknown unit": "forbidden",  # a pbgdpl officer may log for pbgdpl only
        "unknown task": "unknown_task",
        "future date": "future_date",
        "negative count": "invalid_command",
        "absurd count": "invalid_command",
        "1 MB title": "payload_too_large",
        "wrong types": "invalid_command",
        "not JSON": "invalid_json",
        "bad URL": "invalid_command",
        "extra field": "invalid_command",
    }
    # the service is still there and still works
    assert (await ask("planpulse.cmd.activity.log", activity))["ok"] is True
    assert await stream_count(nc) == before + 1


async def test_field_errors_name_the_field_in_vietnamese(
    ask: Asker, nc: Client, activity: dict[str, Any]
):
    reply = await ask(
        "planpulse.cmd.activity.log", {**activity, "participants": {"men": -1, "women": 0}}
    )
    assert reply["error"]["fields"] == {
        "participants.men": "Số người tham dự nam không được nhỏ hơn 0."
    }


async def test_correct_then_withdraw_updates_the_read_model(
    ask: Asker, nc: Client, activity: dict[str, Any]
):
    logged = await ask("planpulse.cmd.activity.log", activity)
    corrected = await ask(
        "planpulse.cmd.activity.correct",
        {
            "activity_id": logged["id"],
            "expected_version": 1,
            "participants": {"men": 20, "women": 30},
        },
    )
    assert corrected["ok"] and corrected["version"] == 2
    withdrawn = await ask(
        "planpulse.cmd.activity.withdraw", {"activity_id": logged["id"], "reason": "Nhập trùng"}
    )
    assert withdrawn["ok"] and withdrawn["version"] == 3
    again = await ask("planpulse.cmd.activity.correct", {"activity_id": logged["id"], "note": "x"})
    assert again["error"]["code"] == "activity_withdrawn"

    async def gone() -> bool:
        listing = await ask("planpulse.query.activities", {"include_withdrawn": True})
        return listing["total"] == 1 and listing["items"][0]["withdrawn"] is True

    await eventually(gone)
    item = await ask("planpulse.query.activities", {"include_withdrawn": True})
    assert item["items"][0]["participants"] == {"men": 20, "women": 30, "total": 50}
    assert (await ask("planpulse.query.progress", {}))["totals"]["activities"] == 0


async def test_a_bad_query_gets_an_error_reply(ask: Asker, nc: Client):
    reply = await ask("planpulse.query.activities", {"page_size": 100000})
    assert reply["ok"] is False and reply["error"]["code"] == "invalid_query"
    assert "page_size" in reply["error"]["fields"]


async def test_the_audit_trail_shows_who_logged_corrected_and_withdrew_an_activity(
    ask: Asker, nc: Client, activity: dict[str, Any]
):
    people = [Actor(user_id=f"cb{n}", unit_id="pbgdpl", role="unit_officer") for n in range(3)]
    logged = await ask("planpulse.cmd.activity.log", activity, as_=people[0])
    await ask(
        "planpulse.cmd.activity.correct",
        {"activity_id": logged["id"], "note": "x"},
        as_=people[1],
    )
    await ask(
        "planpulse.cmd.activity.withdraw",
        {"activity_id": logged["id"]},
        as_=people[2],
    )
    trail = await ask("planpulse.query.audit", {"kind": "activity", "id": logged["id"]})
    assert [(e["type"].split(".")[2], e["actor"]) for e in trail["events"]] == [
        ("logged", "cb0@pbgdpl"),
        ("corrected", "cb1@pbgdpl"),
        ("withdrawn", "cb2@pbgdpl"),
    ]
    times = [e["time"] for e in trail["events"]]
    assert times == sorted(times) and all(t.endswith("+00:00") for t in times)
    # the overview's feed: the newest events of the whole stream, newest first, not for units
    feed = await ask("planpulse.query.latest_events", {"limit": 2}, as_=OFFICE)
    assert [(e["type"].split(".")[2], e["actor"]) for e in feed["events"]] == [
        ("withdrawn", "cb2@pbgdpl"),
        ("corrected", "cb1@pbgdpl"),
    ]
    refused = await ask("planpulse.query.latest_events", {}, as_=people[0])
    assert refused["error"]["code"] == "forbidden"
