"""Commands as they arrive at the edge: strict pydantic models with explicit limits."""

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, UrlConstraints

from shared.events import Count, Id

Title = Annotated[str, Field(min_length=3, max_length=300)]
ShortText = Annotated[str, Field(max_length=500)]
LongText = Annotated[str, Field(max_length=2000)]
EvidenceUrl = Annotated[HttpUrl, UrlConstraints(max_length=2000)]
Form = Literal[
    "news_article",
    "conference",
    "training",
    "legal_aid",
    "print",
    "social_media",
    "contest",
    "other",
]


class Command(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class ParticipantCounts(Command):
    men: Count = 0
    women: Count = 0
    total: Count | None = None  # omitted: men + women


class LogActivity(Command):
    activity_id: Id | None = None  # a caller's own id makes a retried log harmless
    plan_id: Id | None = None  # omitted: the latest plan
    unit_id: Id
    task_id: Id
    occasion_id: Id | None = None
    date: dt.date
    title: Title
    form: Form
    audience: ShortText = ""
    participants: ParticipantCounts = ParticipantCounts()
    materials: Count = 0
    evidence_url: EvidenceUrl | None = None
    note: LongText = ""


class CorrectActivity(Command):
    """Only the fields present are corrected."""

    activity_id: Id
    expected_version: Annotated[int, Field(ge=1, le=1_000_000)] | None = None
    reason: LongText = ""
    task_id: Id | None = None
    occasion_id: Id | None = None
    date: dt.date | None = None
    title: Title | None = None
    form: Form | None = None
    audience: ShortText | None = None
    participants: ParticipantCounts | None = None
    materials: Count | None = None
    evidence_url: EvidenceUrl | None = None
    note: LongText | None = None

    def changes(self) -> dict[str, object]:
        meta = {"activity_id", "expected_version", "reason"}
        return {name: getattr(self, name) for name in self.model_fields_set - meta}


class WithdrawActivity(Command):
    activity_id: Id
    expected_version: Annotated[int, Field(ge=1, le=1_000_000)] | None = None
    reason: LongText = ""
