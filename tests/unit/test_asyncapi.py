"""The committed AsyncAPI document is what the code generates; it names the contract's subjects."""

import json
import socket
from pathlib import Path
from typing import Any

import pytest

from planpulse_cli.asyncapi import DOCUMENT, build_document, render

REGENERATE = "python -m planpulse_cli.asyncapi"
SUBJECTS = [
    "planpulse.cmd.activity.log",
    "planpulse.cmd.activity.correct",
    "planpulse.cmd.activity.withdraw",
    "planpulse.query.progress",
    "planpulse.query.activities",
    "planpulse.query.catalog",
    "planpulse.cmd.notification.record",
    "planpulse.query.inbox",
    "planpulse.cmd.inbox.mark_read",
    "planpulse.query.notifications.failed",
    "planpulse.query.notifications.dead_letters",
]


@pytest.fixture(scope="module")
def committed() -> dict[str, Any]:
    assert DOCUMENT.exists(), f"{DOCUMENT} is missing: run `{REGENERATE}`"
    document: dict[str, Any] = json.loads(DOCUMENT.read_text("utf-8"))
    return document


def _payload(document: dict[str, Any], subject: str) -> dict[str, Any]:
    [channel] = [c for c in document["channels"].values() if c["address"] == subject]
    [reference] = channel["messages"].values()
    name = reference["$ref"].removeprefix("#/components/messages/")
    payload_ref = document["components"]["messages"][name]["payload"]["$ref"]
    schema: dict[str, Any] = document["components"]["schemas"][
        payload_ref.removeprefix("#/components/schemas/")
    ]
    return schema


def test_the_committed_document_is_current():
    assert DOCUMENT.read_text("utf-8") == render(build_document()), (
        f"docs/asyncapi is stale: run `{REGENERATE}` and commit the result"
    )


@pytest.mark.parametrize("subject", SUBJECTS)
def test_the_document_names_each_command_and_query_subject(committed: dict[str, Any], subject: str):
    addresses = {channel["address"] for channel in committed["channels"].values()}
    assert subject in addresses
    assert committed["asyncapi"] == "3.0.0"
    assert committed["servers"], "the document names no server"


def test_commands_and_queries_document_their_request_body(committed: dict[str, Any]):
    log = _payload(committed, "planpulse.cmd.activity.log")
    assert {"unit_id", "task_id", "date", "title", "form"} <= set(log["required"])
    assert log["additionalProperties"] is False
    assert "activity_id" in _payload(committed, "planpulse.cmd.activity.withdraw")["required"]
    assert "page_size" in _payload(committed, "planpulse.query.activities")["properties"]
    for subject in SUBJECTS:
        assert _payload(committed, subject)["type"] == "object", subject


def test_every_schema_reference_resolves(committed: dict[str, Any]):
    text = json.dumps(committed)
    for kind in ("schemas", "messages"):
        prefix = f'"#/components/{kind}/'
        names = {part.split('"', 1)[0] for part in text.split(prefix)[1:]}
        assert names <= set(committed["components"][kind]), kind


def test_generating_connects_nowhere_and_writes_nothing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("building the document opened a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PLANPULSE_NATS_URL", "nats://elsewhere.invalid:4222")
    monkeypatch.setenv("PLANPULSE_EMBEDDED_NATS_PORT", "4999")

    under_other_settings = render(build_document())
    monkeypatch.delenv("PLANPULSE_NATS_URL")
    monkeypatch.delenv("PLANPULSE_EMBEDDED_NATS_PORT")

    assert list(tmp_path.iterdir()) == [], "building the document wrote files"
    assert under_other_settings == render(build_document()), "the environment leaked in"
