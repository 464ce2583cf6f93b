"""A year's plan as a decider: drafted (blank or cloned), edited as a draft, published, amended
with a reason, closed. Every step is an event with the plan's whole content."""

from dataclasses import dataclass
from datetime import date

from services.campaigns.domain import errors
from services.campaigns.domain.commands import (
    AmendPlan,
    ClosePlan,
    CreatePlan,
    EditPlanDraft,
    PublishPlan,
)
from services.campaigns.domain.context import Context
from services.campaigns.domain.decider import Decider
from shared.catalog import Catalog
from shared.events import (
    Event,
    PlanAmended,
    PlanClosed,
    PlanContent,
    PlanDraftChanged,
    PlanDrafted,
    PlanFacts,
    PlanOccasion,
    PlanPublished,
    ReportingPeriod,
)
from shared.replies import ProblemError, refuse

PlanCommand = CreatePlan | EditPlanDraft | PublishPlan | AmendPlan | ClosePlan


@dataclass(frozen=True)
class Plan:
    version: int = 0
    status: str = "none"  # none | draft | published | closed
    year: int = 0
    content: PlanContent | None = None


INITIAL = Plan()


def evolve(state: Plan, event: Event) -> Plan:
    version = state.version + 1
    if isinstance(event, PlanDrafted | PlanDraftChanged):
        return Plan(version, "draft", event.year, event.content())
    if isinstance(event, PlanPublished | PlanAmended):
        return Plan(version, "published", event.year, event.content())
    if isinstance(event, PlanClosed):
        return Plan(version, "closed", state.year, state.content)
    return Plan(version, state.status, state.year, state.content)


def moved(day: date, years: int) -> date:
    """The same day and month in another year (29/02 becomes 28/02)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _renamed(text: str, old: int, new: int) -> str:
    return text.replace(str(old), str(new)) if str(old) in text else f"{text}-{new}"


def _occasions_of(catalog: Catalog, source: PlanFacts) -> list[PlanOccasion]:
    if source.occasions is not None:
        return list(source.occasions)
    scheduled = [o for o in catalog.occasions.values() if o.plan_id == source.plan_id]
    fields = set(PlanOccasion.model_fields)
    return [PlanOccasion.model_validate(o.model_dump(include=fields)) for o in scheduled]


def cloned(catalog: Catalog, source: PlanFacts, year: int) -> PlanContent:
    """The source plan moved to `year`: same days and months, ids and names with the new year;
    its own number and date of issue left for the Office to fill in."""
    shift = year - source.year
    periods = [
        ReportingPeriod(
            id=_renamed(p.id, source.year, year),
            name=p.name.replace(str(source.year), str(year)),
            kind=p.kind,
            starts_on=moved(p.starts_on, shift),
            ends_on=moved(p.ends_on, shift),
            due_on=moved(p.due_on, shift),
        )
        for p in source.reporting_periods
    ]
    occasions = [
        o.model_copy(
            update={
                "occasion_id": _renamed(o.occasion_id, source.year, year),
                "starts_on": moved(o.starts_on, shift),
                "ends_on": moved(o.ends_on, shift),
            }
        )
        for o in _occasions_of(catalog, source)
    ]
    return source.content().model_copy(
        update={
            "title": source.title.replace(str(source.year), str(year)),
            "number": "",
            "issued_on": None,
            "reporting_periods": periods,
            "occasions": occasions,
        }
    )


def blank(catalog: Catalog, year: int, title: str | None) -> PlanContent:
    """An empty plan with the Decree 09/2019 periods and the Department's identity as the
    latest plan states it."""
    latest = catalog.latest_plan()
    identity = (
        latest.content().model_dump(
            include={"issuer", "recipients", "signer_title", "signer_name", "province", "place"}
        )
        if latest
        else {}
    )
    periods = [
        ReportingPeriod(
            id=f"{year}-6-thang",
            name=f"Báo cáo 6 tháng đầu năm {year}",
            kind="six_month",
            starts_on=date(year - 1, 12, 15),
            ends_on=date(year, 6, 14),
            due_on=date(year, 6, 20),
        ),
        ReportingPeriod(
            id=f"{year}-nam",
            name=f"Báo cáo năm {year}",
            kind="annual",
            starts_on=date(year - 1, 12, 15),
            ends_on=date(year, 12, 14),
            due_on=date(year, 12, 20),
        ),
    ]
    return PlanContent.model_validate(
        {
            **identity,
            "title": title or f"Kế hoạch truyền thông năm {year}",
            "reporting_periods": periods,
            "occasions": [],
        }
    )


def _problem(field: str, message: str) -> ProblemError:
    return refuse("plan_incomplete", f"Kế hoạch chưa thể ban hành: {message}", **{field: message})


def check_publishable(content: PlanContent, year: int, plan_id: str, catalog: Catalog) -> None:
    """What a plan in force must hold, so that units can log against it and the clock can
    remind from it."""
    if not content.title.strip():
        raise _problem("content.title", "chưa có tên kế hoạch.")
    if not content.tasks:
        raise _problem("content.tasks", "chưa có nhiệm vụ nào.")
    if not content.reporting_periods:
        raise _problem("content.reporting_periods", "chưa có kỳ báo cáo nào.")
    task_ids = {task.id for task in content.tasks}
    for n, period in enumerate(content.reporting_periods):
        if not period.starts_on <= period.ends_on <= moved(period.due_on, 1):
            field = f"content.reporting_periods.{n}"
            raise _problem(field, f"kỳ «{period.name}» có ngày bắt đầu, kết thúc hoặc hạn nộp sai.")
    for n, occasion in enumerate(content.occasions or []):
        if occasion.starts_on > occasion.ends_on:
            raise _problem(
                f"content.occasions.{n}", f"«{occasion.name}» kết thúc trước khi bắt đầu."
            )
        if not set(occasion.task_ids) <= task_ids:
            message = f"«{occasion.name}» gắn với nhiệm vụ không có trong kế hoạch."
            raise _problem(f"content.occasions.{n}.task_ids", message)
    for other in catalog.plans.values():
        if other.plan_id != plan_id and other.plan_id not in catalog.closed and other.year == year:
            message = (
                f"Kế hoạch năm {year} ({other.plan_id}) đang áp dụng; hãy điều chỉnh kế hoạch đó."
            )
            raise refuse("plan_year_taken", message, year=message)


def _check_version(state: Plan, expected: int | None) -> None:
    if expected is not None and expected != state.version:
        raise errors.stale_version(expected, state.version)


def _create(command: CreatePlan, state: Plan, ctx: Context) -> list[Event]:
    assert command.plan_id is not None
    if state.version:
        message = f"Đã có kế hoạch «{command.plan_id}»."
        raise refuse("plan_exists", message, plan_id=message)
    if command.clone_from is None:
        content = blank(ctx.catalog, command.year, command.title)
    else:
        source = ctx.catalog.plans.get(command.clone_from)
        if source is None:
            raise errors.unknown_reference("plan_id", command.clone_from)
        content = cloned(ctx.catalog, source, command.year)
        if command.title:
            content = content.model_copy(update={"title": command.title})
    return [
        PlanDrafted(
            plan_id=command.plan_id,
            year=command.year,
            cloned_from=command.clone_from,
            **content.model_dump(),
        )
    ]


def _current(plan_id: str, state: Plan, wanted: str, expected: int | None) -> PlanContent:
    if state.content is None:
        raise errors.unknown_reference("plan_id", plan_id)
    if state.status != wanted:
        words = {
            "draft": "chỉ sửa được kế hoạch đang là dự thảo; kế hoạch đã ban hành thì điều chỉnh"
            " (kèm lý do)",
            "published": "chỉ điều chỉnh hoặc kết thúc được kế hoạch đang áp dụng",
        }
        message = f"Kế hoạch «{plan_id}»: {words[wanted]}."
        raise refuse(f"plan_not_{wanted}", message, plan_id=message)
    _check_version(state, expected)
    return state.content


def decide(command: PlanCommand, state: Plan, ctx: Context, _new_id: str) -> list[Event]:
    if isinstance(command, CreatePlan):
        return _create(command, state, ctx)
    plan_id, year = command.plan_id, state.year
    if isinstance(command, EditPlanDraft):
        _current(plan_id, state, "draft", command.expected_version)
        fields = command.content.model_dump()
        return [PlanDraftChanged(plan_id=plan_id, year=year, note=command.note, **fields)]
    if isinstance(command, PublishPlan):
        content = _current(plan_id, state, "draft", command.expected_version)
        check_publishable(content, year, plan_id, ctx.catalog)
        return [PlanPublished(plan_id=plan_id, year=year, **content.model_dump())]
    if isinstance(command, AmendPlan):
        current = _current(plan_id, state, "published", command.expected_version)
        check_publishable(command.content, year, plan_id, ctx.catalog)
        if command.content == current:
            raise errors.nothing_to_correct()
        fields = command.content.model_dump()
        amended = PlanAmended(
            plan_id=plan_id, year=year, reason=command.reason, effective_on=ctx.today, **fields
        )
        return [amended]
    _current(plan_id, state, "published", command.expected_version)
    return [PlanClosed(plan_id=plan_id, reason=command.reason)]


DECIDER: Decider[PlanCommand, Plan, Event] = Decider("plan", decide, evolve, INITIAL)
