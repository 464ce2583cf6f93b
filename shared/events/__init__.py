"""The v1 event catalogue: the data each event type carries.

Events are facts; an old event is never rewritten. A later version gets a new class
and an upcaster in `UPCASTERS`, applied when an old one is read.
"""

from collections.abc import Callable
from typing import Any

from shared.envelope import Envelope, new_envelope
from shared.events.account import (
    AccountCreated,
    AccountDisabled,
    AccountPasswordSet,
    SessionClosed,
    SignInLimitCleared,
    SignInLimited,
)
from shared.events.activity import (
    ActivityCorrected,
    ActivityLogged,
    ActivityWithdrawn,
    Participants,
)
from shared.events.base import Count, Event, Id, Name, Text
from shared.events.clock import (
    OccasionApproaching,
    OccasionEnded,
    OccasionStarted,
    ReportDeadlineApproaching,
    ReportOverdue,
    Trigger,
)
from shared.events.notification import NotificationFailed, NotificationSent
from shared.events.plan import (
    LegalBasis,
    OccasionScheduled,
    PlanPublished,
    ReportingPeriod,
    Task,
    UnitRegistered,
)
from shared.events.report import (
    CompiledFile,
    ConsolidatedReportCompiled,
    ReportAccepted,
    ReportReturned,
    ReportSubmitted,
)

__all__ = [
    "AccountCreated",
    "AccountDisabled",
    "AccountPasswordSet",
    "ActivityCorrected",
    "ActivityLogged",
    "ActivityWithdrawn",
    "CompiledFile",
    "ConsolidatedReportCompiled",
    "Count",
    "Event",
    "Id",
    "LegalBasis",
    "Name",
    "NotificationFailed",
    "NotificationSent",
    "OccasionApproaching",
    "OccasionEnded",
    "OccasionScheduled",
    "OccasionStarted",
    "Participants",
    "PlanPublished",
    "ReportAccepted",
    "ReportDeadlineApproaching",
    "ReportOverdue",
    "ReportReturned",
    "ReportSubmitted",
    "ReportingPeriod",
    "SessionClosed",
    "SignInLimitCleared",
    "SignInLimited",
    "Task",
    "Text",
    "Trigger",
    "UnitRegistered",
    "UnknownEventType",
    "decode",
    "encode",
]

CATALOGUE: dict[str, type[Event]] = {
    cls.TYPE: cls
    for cls in (
        PlanPublished,
        UnitRegistered,
        OccasionScheduled,
        ActivityLogged,
        ActivityCorrected,
        ActivityWithdrawn,
        ReportSubmitted,
        ReportReturned,
        ReportAccepted,
        ConsolidatedReportCompiled,
        OccasionApproaching,
        OccasionStarted,
        OccasionEnded,
        ReportDeadlineApproaching,
        ReportOverdue,
        AccountCreated,
        AccountDisabled,
        AccountPasswordSet,
        SessionClosed,
        SignInLimited,
        SignInLimitCleared,
        NotificationSent,
        NotificationFailed,
    )
}

# old type -> (new type, data converter); none yet, the place where they go.
UPCASTERS: dict[str, tuple[str, Callable[[dict[str, Any]], dict[str, Any]]]] = {}


class UnknownEventType(Exception):
    pass


def decode(envelope: Envelope) -> Event:
    """The typed event inside an envelope, upcast to the current version."""
    type_, data = envelope.type, envelope.data
    while type_ in UPCASTERS:
        type_, convert = UPCASTERS[type_][0], UPCASTERS[type_][1]
        data = convert(data)
    cls = CATALOGUE.get(type_)
    if cls is None:
        raise UnknownEventType(type_)
    return cls.model_validate(data)


def encode(
    event: Event,
    *,
    source: str,
    actor: str,
    correlationid: str | None = None,
    causationid: str | None = None,
) -> Envelope:
    return new_envelope(
        source=source,
        type=event.TYPE,
        subject=event.aggregate_id,
        data=event.model_dump(mode="json"),
        actor=actor,
        correlationid=correlationid,
        causationid=causationid,
    )
