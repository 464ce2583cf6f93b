"""Which trigger reaches whom, on which channel, with which line. Pure: no I/O but reading the
rules and contacts files."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

from shared.catalog import Catalog
from shared.events import (
    Id,
    OccasionApproaching,
    ReportDeadlineApproaching,
    ReportOverdue,
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
]
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

    @property
    def event_type(self) -> str:
        return f"planpulse.{self.event}.v1"

    def matches(self, trigger: Trigger) -> bool:
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
class Item:
    """One line for one recipient on one channel: it joins that recipient's digest."""

    rule_id: str
    recipient: str
    channel: Channel
    due_on: date
    line: str


def vn_date(day: date) -> str:
    return f"{day:%d/%m/%Y}"


def fields(trigger: Trigger, catalog: Catalog) -> dict[str, Any]:
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
        }
    if isinstance(trigger, ReportTrigger):
        found |= {
            "unit": catalog.unit_name(trigger.unit_id),
            "period": catalog.period_name(trigger.period_id),
            "deadline": vn_date(trigger.deadline),
            "days_overdue": (trigger.due_on - trigger.deadline).days,
            "reminder": getattr(trigger, "reminder", ""),
        }
    return found


def recipients_of(who: Recipients, trigger: Trigger, catalog: Catalog) -> list[str]:
    if who == "units":
        return sorted(catalog.units)
    if who == "unit":
        return [trigger.unit_id] if isinstance(trigger, ReportTrigger) else []
    if who == "office":
        return [catalog.office_id()]
    return [LEADERSHIP]


def items_for(
    trigger: Trigger,
    catalog: Catalog,
    book: RuleBook,
    reachable: Callable[[str, Channel], bool],
) -> list[Item]:
    """Every (recipient, channel) line the rules ask for, on the channels that can reach them.

    Raises KeyError when a line names an unknown placeholder or the trigger an unknown
    occasion: the caller sets the event aside as a dead letter.
    """
    found: list[Item] = []
    for rule in book.rules:
        if not rule.matches(trigger):
            continue
        line = " ".join(rule.line.format(**fields(trigger, catalog)).split())
        for who in rule.recipients:
            for recipient in recipients_of(who, trigger, catalog):
                for channel in rule.channels:
                    if reachable(recipient, channel):
                        found.append(Item(rule.id, recipient, channel, trigger.due_on, line))
    return found
