"""The CloudEvents envelope and the catalogue."""

import uuid

import pytest
from pydantic import ValidationError

from shared.envelope import Envelope, uuid7
from shared.events import ActivityWithdrawn, decode, encode


def test_event_ids_are_uuid_version_7_and_time_ordered():
    ids = [uuid7() for _ in range(50)]
    assert all(uuid.UUID(i).version == 7 for i in ids)
    assert [i[:13] for i in ids] == sorted(i[:13] for i in ids)


def test_an_event_travels_as_a_cloudevent_and_comes_back_typed():
    event = ActivityWithdrawn(activity_id="a1", reason="nhập trùng")
    envelope = encode(event, source="planpulse/campaigns", actor="u1", correlationid="c1")
    raw = envelope.to_bytes()
    back = Envelope.from_bytes(raw)
    assert back.specversion == "1.0" and back.datacontenttype == "application/json"
    assert back.type == "planpulse.activity.withdrawn.v1" and back.subject == "a1"
    assert (back.actor, back.correlationid, back.causationid) == ("u1", "c1", "c1")
    assert decode(back) == event


def test_an_envelope_with_an_unknown_field_is_rejected():
    envelope = encode(ActivityWithdrawn(activity_id="a1"), source="s", actor="a")
    with pytest.raises(ValidationError):
        Envelope.model_validate({**envelope.model_dump(), "extra": 1})
