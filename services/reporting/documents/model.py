"""What a consolidated report contains: built from query results only, fed to the builders."""

from collections.abc import Mapping
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict

# Recipients a report is sent to "for their information as superiors" (để báo cáo).
LEADERSHIP = "Lãnh đạo Sở"
FOR_SUPERIORS = "(để b/c)"


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Figures(Model):
    activities: int
    men: int
    women: int
    participants: int
    materials: int

    @property
    def unspecified(self) -> int:
        """Participants not counted by sex: men + women + these = participants."""
        return max(0, self.participants - self.men - self.women)


class Highlight(Model):
    title: str
    unit: str  # the unit's short name, spelled out at its first use
    date: date


class TaskResult(Model):
    task_id: str
    short_title: str
    title: str
    figures: Figures
    by_form: dict[str, int]  # Vietnamese form name -> activities
    highlights: list[Highlight]  # a few activities, for the narrative
    targets: list[str] = []  # the plan's targets for the task, and how far each window went


class OccasionResult(Model):
    occasion_id: str
    name: str
    starts_on: date
    ends_on: date
    figures: Figures
    units: int  # how many units did something for it


class UnitResult(Model):
    """A unit's figures in the period: every unit, the Office included, so they add up."""

    name: str
    figures: Figures


class UnitStatus(Model):
    unit_id: str
    name: str
    status: str  # Vietnamese: "Đã tiếp nhận", "Đã gửi", "Bị trả lại", "Chưa gửi"
    submitted_on: date | None
    on_time: bool | None  # None: not submitted
    activities: int


class Completeness(Model):
    expected: int
    submitted: int
    on_time: int
    completeness_rate: float  # submitted / expected, 0..1
    timeliness_rate: float  # on time / submitted, 0..1 (0 when none submitted)


class Narrative(Model):
    units: list[str]  # short names of the units that wrote it (several: the same sentences)
    text: str


class ActivityRow(Model):
    date: date
    unit: str
    task: str  # "1" .. "6"
    occasion: str  # name, or ""
    title: str
    form: str  # Vietnamese form name
    audience: str
    men: int
    women: int
    total: int
    materials: int
    evidence_url: str


class Heading(Model):
    """What the document says about who issues it, under which plan, to whom, signed by whom."""

    superior: str  # the body above the Department, for the header: "UBND tỉnh"
    issuer: str  # "Sở Tư pháp"
    number_symbol: str  # "Số:      /BC-STP" (a placeholder the clerk completes)
    place: str  # the place in "…, ngày … tháng … năm …"
    plan_title: str  # "Kế hoạch truyền thông … năm 2024"
    plan_reference: str  # how the opening names the plan: its number and date when known
    legal_basis: str  # "Kế hoạch số 824/KH-UBND ngày 26/02/2024 của Ủy ban nhân dân tỉnh"
    recipients: list[str]  # "Nơi nhận", each as written ("UBND tỉnh (để b/c)")
    signer_title: str  # "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"
    signer_name: str


def _noted(recipient: str, superiors: set[str]) -> str:
    name = recipient.strip().rstrip(".;").strip()
    if name.casefold() in superiors and "(" not in name:
        return f"{name} {FOR_SUPERIORS}"
    return name


def plan_heading(plan: Mapping[str, Any], place: str, superior: str) -> Heading:
    """The heading from a PlanPublished document (and the place and superior settings).

    The one place the plan's own facts reach the document. Read when the plan carries them
    (issue 13): `number` and `issued_on` (the plan's own "Kế hoạch số … ngày …"), `province`
    ("UBND tỉnh Tây Ninh"), `place` (before the date), `drafter` ("Lưu: VT, VP, NTT").
    """
    basis = plan.get("legal_basis")
    province = plan.get("province")
    superior = f"{superior} {province}" if province else superior
    superiors = {superior.casefold(), LEADERSHIP.casefold(), "ubnd tỉnh"}
    title = plan["title"]
    reference = title
    if plan.get("number") and plan.get("issued_on"):
        about = title.removeprefix("Kế hoạch ").strip()
        reference = f"Kế hoạch số {plan['number']} ngày {_day(plan['issued_on'])} về {about}"
    recipients = [_noted(r, superiors) for r in plan["recipients"] if r.strip(" .;")]
    if plan.get("drafter"):
        archive = [r for r in recipients if r.startswith("Lưu")] or ["Lưu: VT, VP"]
        recipients = [r for r in recipients if not r.startswith("Lưu")]
        recipients.append(f"{archive[0]}, {plan['drafter']}")
    return Heading(
        superior=superior,
        issuer=plan["issuer"],
        number_symbol="Số:        /BC-STP",
        place=plan.get("place") or place,
        plan_title=title,
        plan_reference=reference,
        legal_basis=(
            f"Kế hoạch số {basis['number']} ngày {_day(basis['issued_on'])} của {basis['issuer']}"
            if basis
            else next(iter(plan.get("basis") or []), "")
        ),
        recipients=recipients,
        signer_title=plan["signer_title"].replace(" / ", "\n"),
        signer_name=plan["signer_name"],
    )


def _day(value: object) -> str:
    return f"{date.fromisoformat(str(value)):%d/%m/%Y}"


class ConsolidatedReport(Model):
    heading: Heading
    report_date: date
    plan_year: int
    period_name: str
    period_start: date
    period_end: date
    data_until: date | None  # compiled before the period ended: the figures stop here
    totals: Figures
    tasks: list[TaskResult]
    occasions: list[OccasionResult]  # only those in the period's window (up to data_until)
    by_unit: list[UnitResult]
    abbreviations: dict[str, str]  # a unit's short name -> its name
    completeness: Completeness
    units: list[UnitStatus]  # who reported, when: the internal annex
    internal_annex: bool  # add the units' reporting list, for internal use only
    results: list[Narrative]
    difficulties: list[Narrative]
    proposals: list[Narrative]
    activities: list[ActivityRow]

    @property
    def counted_until(self) -> date:
        return self.data_until or self.period_end
