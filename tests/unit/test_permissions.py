"""The NATS permissions agree with the services' tables: each service may listen on every subject
its table answers, and no other component may listen on it."""

import pytest

from planpulse_cli.asyncapi import service_brokers
from shared.endpoints import served
from shared.memstore import subject_matches
from shared.natsauth import PERMISSIONS


def may_subscribe(user: str, subject: str) -> bool:
    rules = PERMISSIONS[user].get("subscribe", {})
    allowed = any(subject_matches(p, subject) for p in rules.get("allow", []))
    return allowed and not any(subject_matches(p, subject) for p in rules.get("deny", []))


@pytest.fixture(scope="module")
def tables() -> dict[str, list[str]]:
    return {name: [e.subject for e in served(b)] for name, b in service_brokers().items()}


def test_each_service_may_listen_on_what_its_table_answers(tables: dict[str, list[str]]) -> None:
    for service, subjects in tables.items():
        assert [s for s in subjects if not may_subscribe(service, s)] == [], service


def test_no_other_component_may_listen_on_a_service_subject(tables: dict[str, list[str]]) -> None:
    for service, subjects in tables.items():
        for other in (user for user in PERMISSIONS if user != service):
            assert [s for s in subjects if may_subscribe(other, s)] == [], (service, other)
