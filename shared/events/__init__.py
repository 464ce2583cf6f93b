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
from shared.events.base import CATALOGUE, Count, Event, Id, Name, Text
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
    PlanAmended,
    PlanClosed,
    PlanContent,
    PlanDraftChanged,
    PlanDrafted,
    PlanFacts,
    PlanOccasion,
    PlanPublished,
    ReportingPeriod,
    Target,
    Task,
    UnitRegistered,
    UnitRenamed,
    UnitRetired,
)
from shared.events.report import (
    CompiledFile,
    ConsolidatedReportCompiled,
    ReportAccepted,
    ReportReturned,
    ReportSubmitted,
)

__all__ = [
    "CATALOGUE",
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
    "PlanAmended",
    "PlanClosed",
    "PlanContent",
    "PlanDraftChanged",
    "PlanDrafted",
    "PlanFacts",
    "PlanOccasion",
    "Target",
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
    "UnitRenamed",
    "UnitRetired",
    "UnknownEventType",
    "decode",
    "encode",
    "types_of",
]


# old type -> (new type, data converter); none yet, the place where they go.
UPCASTERS: dict[str, tuple[str, Callable[[dict[str, Any]], dict[str, Any]]]] = {
    # v2 holds the whole plan document; a v1 plan reads as v2 whose occasions were scheduled
    # as separate events (occasions: None)
    "planpulse.plan.published.v1": ("planpulse.plan.published.v2", lambda data: data),
}


def types_of(*classes: type[Event]) -> set[str]:
    """Every stored type that decodes into one of these classes, older versions included."""
    wanted = {cls.TYPE for cls in classes}
    found = set(wanted)
    for old in UPCASTERS:
        new = old
        while new in UPCASTERS:
            new = UPCASTERS[new][0]
        if new in wanted:
            found.add(old)
    return found


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
