"""What the notifications service delivered, or gave up on: recorded through campaigns."""

from datetime import date
from typing import Annotated, Literal

from pydantic import Field

from shared.events.base import Event, Id, Text

Channel = Literal["inbox", "email", "webhook"]
Subjects = Annotated[list[Annotated[str, Field(max_length=200)]], Field(max_length=500)]


class NotificationOutcome(Event):
    """One digest: one recipient, one channel, one day, covering these trigger subjects."""

    AGGREGATE = "notification"
    ID_FIELD = "notification_id"

    notification_id: Id
    recipient: Id
    channel: Channel
    day: date
    subjects: Subjects
    attempts: Annotated[int, Field(ge=1, le=1000)]


class NotificationSent(NotificationOutcome):
    TYPE = "planpulse.notification.sent.v1"


class NotificationFailed(NotificationOutcome):
    TYPE = "planpulse.notification.failed.v1"
    error: Text
