"""What a consolidated report contains: built from query results only, fed to the builders."""

from datetime import date

from pydantic import BaseModel, ConfigDict


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Figures(Model):
    activities: int
    men: int
    women: int
    participants: int
    materials: int


class TaskResult(Model):
    task_id: str
    short_title: str
    title: str
    figures: Figures
    by_form: dict[str, int]  # Vietnamese form name -> activities
    highlights: list[str]  # a few activity titles, with their unit, for the narrative


class OccasionResult(Model):
    occasion_id: str
    name: str
    starts_on: date
    ends_on: date
    figures: Figures
    units: int  # how many units did something for it


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
    unit_name: str
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


class ConsolidatedReport(Model):
    issuer: str  # "Sở Tư pháp"
    superior: str  # the body above it, for the header: "UBND tỉnh"
    number_symbol: str  # "Số:      /BC-STP" (a placeholder the clerk completes)
    place: str  # the place in "…, ngày … tháng … năm …"
    report_date: date
    plan_title: str
    plan_year: int
    legal_basis: str  # "Kế hoạch số 824/KH-UBND ngày 26/02/2024 của Ủy ban nhân dân tỉnh"
    period_name: str
    period_start: date
    period_end: date
    totals: Figures
    tasks: list[TaskResult]
    occasions: list[OccasionResult]
    completeness: Completeness
    units: list[UnitStatus]
    results: list[Narrative]
    difficulties: list[Narrative]
    proposals: list[Narrative]
    recipients: list[str]
    signer_title: str  # "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"
    signer_name: str
    activities: list[ActivityRow]
