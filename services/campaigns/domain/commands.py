"""Commands as they arrive at the edge: strict pydantic models with explicit limits."""

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    SecretStr,
    UrlConstraints,
    model_validator,
)
from pydantic_core import PydanticCustomError

from shared.events import Count, Id, PlanContent
from shared.events.account import Email
from shared.events.account import Role as AccountRole
from shared.textrules import ERROR, Kind, checked, kept_as

Title = Annotated[str, Field(max_length=300), kept_as(Kind.NAME, min_length=3)]
ShortText = Annotated[str, Field(max_length=500), kept_as(Kind.LINE)]
LongText = Annotated[str, Field(max_length=2000), kept_as(Kind.TEXT)]
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


class SetActivityAside(Command):
    """The Office keeps a unit's activity out of the figures until the unit corrects it."""

    activity_id: Id
    reason: Annotated[str, Field(min_length=3, max_length=2000)]
    expected_version: Annotated[int, Field(ge=1, le=1_000_000)] | None = None


class WithdrawActivity(Command):
    activity_id: Id
    expected_version: Annotated[int, Field(ge=1, le=1_000_000)] | None = None
    reason: LongText = ""


Narrative = Annotated[str, Field(max_length=5000), kept_as(Kind.TEXT)]
Version = Annotated[int, Field(ge=1, le=1_000_000)]


class SubmitReport(Command):
    """A unit's 6-month or annual report: its narrative; the figures come from its activities."""

    period_id: Id
    unit_id: Id
    results: Narrative = ""
    difficulties: Narrative = ""
    proposals: Narrative = ""
    expected_version: Version | None = None

    @property
    def report_id(self) -> str:
        return report_id(self.period_id, self.unit_id)


class WithdrawReport(Command):
    """The unit takes back its submitted report before the Office reviews it, to send it again."""

    report_id: Id
    reason: LongText = ""
    expected_version: Version | None = None


class ReturnReport(Command):
    report_id: Id
    comment: Annotated[str, Field(max_length=2000), kept_as(Kind.TEXT, min_length=3)]
    expected_version: Version | None = None


class AcceptReport(Command):
    report_id: Id
    comment: LongText = ""
    expected_version: Version | None = None


class FileDigest(Command):
    name: Annotated[str, Field(min_length=1, max_length=200)]
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    size: Annotated[int, Field(ge=0, le=1_000_000_000)]


class RecordConsolidatedReport(Command):
    """Sent by the reporting service after it compiled the documents for the Office."""

    period_id: Id
    stream_sequence: Annotated[int, Field(ge=0)]
    report_ids: Annotated[list[Id], Field(max_length=500)]
    files: Annotated[list[FileDigest], Field(min_length=1, max_length=10)]
    figures: dict[str, Annotated[int, Field(ge=0)]]


def report_id(period_id: str, unit_id: str) -> str:
    return f"{period_id}_{unit_id}"


Password = Annotated[SecretStr, Field(min_length=8, max_length=128)]


class CreateAccount(Command):
    """An administrator opens an account; the password is hashed, never recorded."""

    user_id: Id
    name: Annotated[str, Field(max_length=200), kept_as(Kind.NAME, min_length=2)]
    role: AccountRole
    unit_id: Id | None = None
    email: Email | None = None
    password: Password


class DisableAccount(Command):
    user_id: Id
    reason: LongText = ""


class SetPassword(Command):
    user_id: Id
    password: Password


class ListAccounts(Command):
    """Every account: nothing to say."""


class CloseSession(Command):
    """Sign-out: the session is the one the token names; nothing else to say."""


class ListSignInLimits(Command):
    """An administrator's view of the sign-in limits: nothing to say."""


class ClearSignInLimit(Command):
    """An administrator clears one key of the sign-in limits (as `signin_limits` lists it)."""

    key: Annotated[str, Field(min_length=1, max_length=400)]


class OpenSession(Command):
    """Sign-in. Not strict about the id's shape: a mistyped id is just a failed sign-in."""

    user_id: Annotated[str, Field(min_length=1, max_length=64)]
    password: Annotated[SecretStr, Field(min_length=1, max_length=128)]


class RecordNotification(Command):
    """Sent by the notifications service once a digest went out, or after its last try."""

    notification_id: Id
    outcome: Literal["sent", "failed"]
    recipient: Id
    channel: Literal["inbox", "email", "webhook"]
    day: dt.date
    subjects: Annotated[list[Annotated[str, Field(max_length=200)]], Field(max_length=500)]
    attempts: Annotated[int, Field(ge=1, le=1000)]
    error: LongText = ""


Reason = Annotated[str, Field(max_length=2000), kept_as(Kind.TEXT, min_length=3)]


def _plan_text(value: Any, where: str) -> Any:
    """Every text of a plan kept as the edge keeps text (NFC, no control or bidi characters)."""
    if isinstance(value, str):
        try:
            return checked(value, Kind.TEXT)
        except PydanticCustomError as error:
            reason = (error.context or {}).get("reason", "")
            context = {"reason": f"(mục {where}) {reason}"}
            raise PydanticCustomError(ERROR, "{reason}", context) from None
    if isinstance(value, dict):
        return {key: _plan_text(item, f"{where}.{key}".strip(".")) for key, item in value.items()}
    if isinstance(value, list):
        return [_plan_text(item, f"{where}.{n + 1}") for n, item in enumerate(value)]
    return value


def _kept_plan(content: PlanContent) -> PlanContent:
    return PlanContent.model_validate(_plan_text(content.model_dump(), ""))


PlanText = Annotated[PlanContent, AfterValidator(_kept_plan)]
Year = Annotated[int, Field(ge=2000, le=2100)]


class CreatePlan(Command):
    """A new draft: blank, or cloned from a plan in force with its dates moved to `year`."""

    year: Year
    plan_id: Id | None = None  # omitted: kh-<year>
    clone_from: Id | None = None
    title: Annotated[str, Field(min_length=3, max_length=1000)] | None = None

    @model_validator(mode="after")
    def _named(self) -> "CreatePlan":
        if self.plan_id is None:
            object.__setattr__(self, "plan_id", f"kh-{self.year}")
        return self


class EditPlanDraft(Command):
    plan_id: Id
    content: PlanText
    note: LongText = ""
    expected_version: Version | None = None


class PublishPlan(Command):
    plan_id: Id
    expected_version: Version | None = None


class AmendPlan(Command):
    """The published plan's new content; the reason is part of its history."""

    plan_id: Id
    content: PlanText
    reason: Reason
    expected_version: Version | None = None


class ClosePlan(Command):
    plan_id: Id
    reason: LongText = ""
    expected_version: Version | None = None


UnitName = Annotated[str, Field(max_length=300), kept_as(Kind.NAME, min_length=2)]
ShortName = Annotated[str, Field(max_length=50), kept_as(Kind.NAME, min_length=1)]


class RegisterUnit(Command):
    unit_id: Id
    name: UnitName
    short_name: ShortName
    effective_from: dt.date | None = None


class RenameUnit(Command):
    """From `effective_from` the unit has another name; earlier activities keep the old one."""

    unit_id: Id
    name: UnitName
    short_name: ShortName
    effective_from: dt.date
    reason: LongText = ""


class RetireUnit(Command):
    """Dissolved, or merged into another unit, from `effective_from`."""

    unit_id: Id
    effective_from: dt.date
    merged_into: Id | None = None
    reason: LongText = ""
