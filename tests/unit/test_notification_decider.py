"""Recording a notification's outcome: only the notifications service, once per outcome."""

from datetime import date
from functools import reduce

import pytest

from services.campaigns.domain import notification
from services.campaigns.domain.catalog import Catalog
from services.campaigns.domain.commands import RecordNotification
from services.campaigns.domain.context import Context
from shared.actor import Actor
from shared.events import NotificationFailed, NotificationSent
from shared.replies import ProblemError

NOTIFIER = Actor(user_id="notifications", role="service")  # its own token says so
SENT = {
    "notification_id": "2024-06-21_email_pbgdpl",
    "outcome": "sent",
    "recipient": "pbgdpl",
    "channel": "email",
    "day": date(2024, 6, 21),
    "subjects": ["2024-6-thang_pbgdpl_20240620_overdue-1"],
    "attempts": 1,
}


def decide(command: dict, given: list, actor: Actor = NOTIFIER) -> list:
    state = reduce(notification.evolve, given, notification.INITIAL)
    ctx = Context(catalog=Catalog(), today=date(2024, 6, 21), actor=actor)
    return notification.decide(
        RecordNotification.model_validate(command), state, ctx, command["notification_id"]
    )


def test_a_sent_digest_is_recorded_once():
    [sent] = decide(SENT, [])
    assert isinstance(sent, NotificationSent)
    assert sent.subjects == ["2024-6-thang_pbgdpl_20240620_overdue-1"] and sent.channel == "email"
    assert decide(SENT, [sent]) == []  # a retried record adds nothing


def test_a_failure_keeps_its_error():
    command = {**SENT, "outcome": "failed", "attempts": 5, "error": "HTTP 500"}
    [failed] = decide(command, [])
    assert isinstance(failed, NotificationFailed) and failed.error == "HTTP 500"
    assert failed.attempts == 5


@pytest.mark.parametrize(
    "actor",
    [
        Actor(user_id="vp", unit_id="van-phong", role="office"),
        # an account that merely has the service's name is still a person's account
        Actor(user_id="notifications", unit_id="tgpl", role="unit_officer"),
    ],
)
def test_nobody_else_records_notifications(actor):
    with pytest.raises(ProblemError) as refused:
        decide(SENT, [], actor=actor)
    assert refused.value.problem.code == "forbidden"
