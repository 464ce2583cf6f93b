"""Which trigger reaches whom, on which channel, with which line. Pure: no I/O but reading the
rules and contacts files."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo

import yaml
from pydantic import BaseModel, ConfigDict, Field

from services.notifications.days import deadline_note, enclosing_month, inside_sentence, vn_date
from shared.catalog import Catalog
from shared.events import (
    Event,
    Id,
    OccasionApproaching,
    ReportAccepted,
    ReportDeadlineApproaching,
    ReportOverdue,
    ReportReturned,
    ReportSubmitted,
    Trigger,
)
from shared.events.clock import OccasionTrigger, ReportTrigger

RULES_FILE = Path(__file__).parent / "rules.yaml"
CONTACTS_FILE = Path(__file__).parent / "contacts.yaml"
LEADERSHIP = "leadership"
Channel = Literal["inbox", "email", "webhook"]
EventName = Literal[
    "occasion.approaching",
    "occasion.started",
    "occasion.ended",
    "report.deadline_approaching",
    "report.overdue",
    "report.submitted",
    "report.returned",
    "report.accepted",
]
MOVES = {ReportSubmitted.TYPE, ReportReturned.TYPE, ReportAccepted.TYPE}
Recipients = Literal["units", "unit", "office", "leadership"]
Address = Annotated[str, Field(max_length=254, pattern=r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")]


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Id
    event: EventName
    lead_days: list[Annotated[int, Field(ge=1, le=366)]] | None = None
    reminders: list[Annotated[int, Field(ge=1, le=1000)]] | None = None
    recipients: Annotated[list[Recipients], Field(min_length=1)]
    channels: Annotated[list[Channel], Field(min_length=1)]
    line: Annotated[str, Field(min_length=1, max_length=2000)]
    several_days_only: bool = False  # not for a one-day occasion (its start said it all)

    @property
    def event_type(self) -> str:
        return f"planpulse.{self.event}.v1"

    def matches(self, trigger: "Trigger | ReportMoved") -> bool:
        if self.event_type != trigger.TYPE:
            return False
        if isinstance(trigger, OccasionApproaching | ReportDeadlineApproaching):
            return self.lead_days is None or trigger.lead_days in self.lead_days
        if isinstance(trigger, ReportOverdue):
            return self.reminders is None or trigger.reminder in self.reminders
        return True


class RuleBook(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    rules: list[Rule]
    holidays: dict[date, Annotated[str, Field(min_length=1, max_length=200)]] = {}


class Contacts(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    recipients: dict[Id, list[Address]]

    def addresses(self, recipient: str) -> list[str]:
        return list(self.recipients.get(recipient, []))


def _yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text("utf-8"))


def load_rules(path: Path | None = None) -> RuleBook:
    return RuleBook.model_validate(_yaml(path or RULES_FILE))


def load_contacts(path: Path | None = None) -> Contacts:
    return Contacts.model_validate(_yaml(path or CONTACTS_FILE))


@dataclass(frozen=True)
class ReportMoved:
    """A report changed hands (sent to the Office, returned, accepted): a notice, sent at once
    rather than in the day's digest. `due_on` is the day it happened, for the horizon."""

    TYPE: str
    report_id: str
    unit_id: str
    period_id: str
    due_on: date
    revision: int = 0
    comment: str = ""


def report_moved(event: Event, at: datetime, zone: str, catalog: Catalog) -> ReportMoved:
    """The notice's facts; a return or an acceptance names its report only (period_unit)."""
    day = at.astimezone(ZoneInfo(zone)).date()
    if isinstance(event, ReportSubmitted):
        return ReportMoved(
            event.TYPE, event.report_id, event.unit_id, event.period_id, day, event.revision
        )
    assert isinstance(event, ReportReturned | ReportAccepted)
    periods = [p.id for plan in catalog.plans.values() for p in plan.reporting_periods]
    period = next(p for p in periods if event.report_id.startswith(f"{p}_"))
    unit = event.report_id.removeprefix(f"{period}_")
    return ReportMoved(event.TYPE, event.report_id, unit, period, day, comment=event.comment)


@dataclass(frozen=True)
class Item:
    """One line for one recipient on one channel: it joins that recipient's digest."""

    rule_id: str
    recipient: str
    channel: Channel
    due_on: date
    line: str


def fields(
    trigger: "Trigger | ReportMoved", catalog: Catalog, holidays: dict[date, str] | None = None
) -> dict[str, Any]:
    """What a rule's line may say about a trigger."""
    found: dict[str, Any] = {"lead_days": getattr(trigger, "lead_days", "")}
    if isinstance(trigger, OccasionTrigger):
        occasion = catalog.occasions[trigger.occasion_id]
        starts, ends = vn_date(occasion.starts_on), vn_date(occasion.ends_on)
        found |= {
            "occasion": occasion.name,
            "starts_on": starts,
            "ends_on": ends,
            "when": starts if starts == ends else f"từ {starts} đến {ends}",
            "tasks": "; ".join(catalog.task_title(trigger.plan_id, t) for t in occasion.task_ids),
            "inside": inside_sentence(occasion, catalog),
        }
    if isinstance(trigger, ReportTrigger):
        found |= {
            "unit": catalog.unit_name(trigger.unit_id),
            "period": catalog.period_name(trigger.period_id),
            "deadline": vn_date(trigger.deadline),
            "deadline_note": deadline_note(trigger.deadline, holidays or {}),
            "days_overdue": (trigger.due_on - trigger.deadline).days,
            "reminder": getattr(trigger, "reminder", ""),
        }
    if isinstance(trigger, ReportMoved):
        comment = " ".join(trigger.comment.split())
        found |= {
            "unit": catalog.unit_name(trigger.unit_id),
            "period": catalog.period_name(trigger.period_id),
            "revision": trigger.revision,
            "comment": comment,
            "remark": f" Ý kiến của Văn phòng Sở: «{comment}»." if comment else "",
        }
    return found


def recipients_of(who: Recipients, trigger: "Trigger | ReportMoved", catalog: Catalog) -> list[str]:
    if who == "units":
        return sorted(catalog.units)
    if who == "unit":
        return [trigger.unit_id] if isinstance(trigger, ReportTrigger | ReportMoved) else []
    if who == "office":
        return [catalog.office_id()]
    return [LEADERSHIP]


def items_for(
    trigger: "Trigger | ReportMoved",
    catalog: Catalog,
    book: RuleBook,
    reachable: Callable[[str, Channel], bool],
) -> list[Item]:
    """Every (recipient, channel) line the rules ask for, on the channels that can reach them.

    Raises KeyError when a line names an unknown placeholder or the trigger an unknown
    occasion: the caller sets the event aside as a dead letter.
    """
    found: list[Item] = []
    occasion = None
    if isinstance(trigger, OccasionTrigger):
        occasion = catalog.occasions[trigger.occasion_id]
        if enclosing_month(occasion, catalog) is not None:
            return []  # said in its month's notices (the month lists the days inside it)
    for rule in book.rules:
        if not rule.matches(trigger):
            continue
        if rule.several_days_only and occasion and occasion.starts_on == occasion.ends_on:
            continue
        line = " ".join(rule.line.format(**fields(trigger, catalog, book.holidays)).split())
        for who in rule.recipients:
            for recipient in recipients_of(who, trigger, catalog):
                for channel in rule.channels:
                    if reachable(recipient, channel):
                        found.append(Item(rule.id, recipient, channel, trigger.due_on, line))
    return found
