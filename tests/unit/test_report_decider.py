"""A unit's report: given events / when command / then events, against the 2024 plan."""

from datetime import date
from functools import reduce

import pytest

from services.campaigns.domain import report
from services.campaigns.domain.catalog import Catalog, evolve
from services.campaigns.domain.commands import (
    AcceptReport,
    ReturnReport,
    SubmitReport,
    WithdrawReport,
)
from services.campaigns.domain.context import Context
from services.campaigns.plan import read_plan_file
from shared.actor import Actor
from shared.events import ReportAccepted, ReportReturned, ReportSubmitted
from shared.events.report import ReportWithdrawn
from shared.replies import ProblemError

CATALOG = reduce(evolve, read_plan_file(), Catalog())
OFFICER = Actor(user_id="cb1", unit_id="tgpl", role="unit_officer")
OFFICE = Actor(user_id="vp1", unit_id="van-phong", role="office")
PERIOD = "2024-6-thang"  # 15/12/2023 – 14/06/2024, due 20/06/2024


def ctx(actor: Actor = OFFICER, today: date = date(2024, 6, 18)) -> Context:
    return Context(catalog=CATALOG, today=today, actor=actor)


def submit(**changes: object) -> SubmitReport:
    fields = {
        "period_id": PERIOD,
        "unit_id": "tgpl",
        "results": "Đã tư vấn 40 lượt.",
        "difficulties": "Thiếu kinh phí.",
        "proposals": "Bổ sung tài liệu.",
    }
    return SubmitReport.model_validate({**fields, **changes})


def fold(events: list) -> report.Report:
    return reduce(report.evolve, events, report.INITIAL)


def refusal(command, events: list, context: Context) -> str:
    with pytest.raises(ProblemError) as caught:
        report.decide(command, fold(events), context, "")
    return caught.value.problem.code


def submitted(today: date = date(2024, 6, 18)) -> list:
    return report.decide(submit(), report.INITIAL, ctx(today=today), "")


def test_a_unit_submits_its_report_on_time():
    [event] = submitted()
    assert isinstance(event, ReportSubmitted)
    assert (event.report_id, event.unit_id, event.plan_id) == (f"{PERIOD}_tgpl", "tgpl", "kh-2024")
    assert (event.submitted_on, event.due_on, event.late, event.revision) == (
        date(2024, 6, 18),
        date(2024, 6, 20),
        False,
        1,
    )


def test_a_report_after_its_due_date_is_marked_late():
    [event] = submitted(today=date(2024, 6, 25))
    assert event.late is True


def test_a_unit_cannot_submit_for_another_unit():
    other = Actor(user_id="cb2", unit_id="pbgdpl", role="unit_officer")
    assert refusal(submit(), [], ctx(actor=other)) == "forbidden"
    assert refusal(submit(), [], ctx(actor=OFFICE)) == "forbidden"


def test_a_report_cannot_be_sent_before_its_period_starts():
    assert refusal(submit(), [], ctx(today=date(2023, 12, 1))) == "period_not_started"


def test_unknown_period_and_the_office_itself_are_refused():
    assert refusal(submit(period_id="2099-nam"), [], ctx()) == "unknown_period"
    office_officer = Actor(user_id="x", unit_id="van-phong", role="unit_officer")
    assert refusal(submit(unit_id="van-phong"), [], ctx(actor=office_officer)) == (
        "not_a_reporting_unit"
    )


def test_the_office_returns_then_the_unit_resubmits_as_revision_two():
    returned = report.decide(
        ReturnReport(report_id=f"{PERIOD}_tgpl", comment="Bổ sung số liệu"),
        fold(submitted()),
        ctx(actor=OFFICE),
        "",
    )
    assert returned == [ReportReturned(report_id=f"{PERIOD}_tgpl", comment="Bổ sung số liệu")]
    [again] = report.decide(submit(), fold(submitted() + returned), ctx(), "")
    assert again.revision == 2


def test_a_submitted_report_waits_for_review_before_being_sent_again():
    assert refusal(submit(), submitted(), ctx()) == "report_awaiting_review"


def test_an_accepted_report_is_locked():
    accepted = [ReportAccepted(report_id=f"{PERIOD}_tgpl")]
    history = submitted() + accepted
    assert refusal(submit(), history, ctx()) == "report_locked"
    assert (
        refusal(
            ReturnReport(report_id=f"{PERIOD}_tgpl", comment="sửa lại"), history, ctx(actor=OFFICE)
        )
        == "report_locked"
    )


def test_the_office_accepts_a_submitted_report():
    command = AcceptReport(report_id=f"{PERIOD}_tgpl")  # who may send it: the campaigns table
    assert report.decide(command, fold(submitted()), ctx(actor=OFFICE), "") == [
        ReportAccepted(report_id=f"{PERIOD}_tgpl")
    ]


def test_a_report_never_submitted_cannot_be_reviewed():
    command = AcceptReport(report_id=f"{PERIOD}_tgpl")
    assert refusal(command, [], ctx(actor=OFFICE)) == "report_not_found"


def test_a_unit_withdraws_its_submitted_report_and_sends_it_again():
    take_back = WithdrawReport(report_id=f"{PERIOD}_tgpl", reason="Quên số liệu tháng 6.")
    [withdrawn] = report.decide(take_back, fold(submitted()), ctx(), "")
    assert withdrawn == ReportWithdrawn(report_id=f"{PERIOD}_tgpl", reason="Quên số liệu tháng 6.")
    history = submitted() + [withdrawn]
    assert fold(history).status == "withdrawn"
    # the Office has nothing to review any more
    assert refusal(AcceptReport(report_id=f"{PERIOD}_tgpl"), history, ctx(OFFICE)) == (
        "report_not_submitted"
    )
    [again] = report.decide(submit(results="Đã tư vấn 45 lượt."), fold(history), ctx(), "")
    assert isinstance(again, ReportSubmitted) and again.revision == 2


def test_a_report_can_be_withdrawn_only_while_it_waits_for_review():
    take_back = WithdrawReport(report_id=f"{PERIOD}_tgpl")
    accepted = submitted() + [ReportAccepted(report_id=f"{PERIOD}_tgpl")]
    returned = submitted() + [ReportReturned(report_id=f"{PERIOD}_tgpl", comment="Bổ sung")]
    assert refusal(take_back, accepted, ctx()) == "report_locked"
    assert refusal(take_back, returned, ctx()) == "report_not_submitted"
    assert refusal(take_back, [], ctx()) == "report_not_found"
    stale = WithdrawReport(report_id=f"{PERIOD}_tgpl", expected_version=7)
    assert refusal(stale, submitted(), ctx()) == "conflict"


def test_another_unit_learns_nothing_about_a_report_it_tries_to_withdraw():
    stranger = Actor(user_id="cb2", unit_id="pbgdpl", role="unit_officer")
    take_back = WithdrawReport(report_id=f"{PERIOD}_tgpl")
    assert refusal(take_back, submitted(), ctx(stranger)) == "report_not_found"
    assert refusal(take_back, [], ctx(stranger)) == "report_not_found"
