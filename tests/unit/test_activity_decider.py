"""The activity decider, given events / when command / then events. No broker, no database."""

from datetime import date
from functools import reduce

import pytest

from services.campaigns.domain import activity
from services.campaigns.domain.catalog import Catalog, evolve
from services.campaigns.domain.commands import CorrectActivity, LogActivity, WithdrawActivity
from services.campaigns.domain.context import Context
from services.campaigns.plan import read_plan_file
from shared.actor import Actor
from shared.events import ActivityCorrected, ActivityLogged, ActivityWithdrawn
from shared.replies import ProblemError

CATALOG = reduce(evolve, read_plan_file(), Catalog())
OFFICER = Actor(user_id="cb-tgpl", unit_id="tgpl", role="unit_officer")
CTX = Context(catalog=CATALOG, today=date(2024, 12, 1), actor=OFFICER)


def log(**changes: object) -> LogActivity:
    fields = {
        "unit_id": "tgpl",
        "task_id": "3",
        "date": date(2024, 11, 25),
        "title": "Tư vấn trợ giúp pháp lý",
        "form": "legal_aid",
        "occasion_id": "2024-xoa-bo-bao-luc-phu-nu",
        "participants": {"men": 4, "women": 11},
    }
    return LogActivity.model_validate({**fields, **changes}, strict=False)


def fold(events: list) -> activity.Activity:
    return reduce(activity.evolve, events, activity.INITIAL)


def logged() -> list:
    return activity.decide(log(), activity.INITIAL, CTX, "a1")


def refusal(command, events: list, ctx: Context = CTX) -> str:
    with pytest.raises(ProblemError) as caught:
        activity.decide(command, fold(events), ctx, "new")
    return caught.value.problem.code


def test_logging_records_the_activity_in_the_latest_plan_with_total_participants():
    [event] = logged()
    assert isinstance(event, ActivityLogged)
    assert (event.activity_id, event.plan_id, event.unit_id) == ("a1", "kh-2024", "tgpl")
    assert event.participants.model_dump() == {"men": 4, "women": 11, "total": 15}


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"task_id": "7"}, "unknown_task"),
        ({"occasion_id": "2024-khong-co"}, "unknown_occasion"),
        ({"date": date(2024, 12, 2)}, "future_date"),
        ({"date": date(2023, 12, 14)}, "no_plan"),
        ({"date": date(2023, 12, 14), "plan_id": "kh-2024"}, "date_outside_plan"),
        ({"participants": {"men": 5, "women": 5, "total": 9}}, "invalid_participants"),
        ({"plan_id": "kh-1999"}, "unknown_plan"),
    ],
)
def test_logging_refuses_what_the_plan_does_not_allow(changes, code):
    assert refusal(log(**changes), []) == code


def test_an_officer_of_a_unit_the_plan_does_not_know_cannot_log():
    stray = Actor(user_id="cb-x", unit_id="phong-khong-co", role="unit_officer")
    ctx = Context(catalog=CATALOG, today=CTX.today, actor=stray)
    assert refusal(log(unit_id="phong-khong-co"), [], ctx) == "unknown_unit"


@pytest.mark.parametrize(
    "actor",
    [
        Actor(user_id="cb-pbgdpl", unit_id="pbgdpl", role="unit_officer"),
        Actor(user_id="lanhdao", role="leadership"),
        Actor(user_id="quantri", role="admin"),
        Actor(user_id="vanphong", unit_id="van-phong", role="office"),
    ],
)
def test_only_the_units_own_people_log_correct_or_withdraw_its_activities(actor):
    other = Context(catalog=CATALOG, today=CTX.today, actor=actor)
    assert refusal(log(), [], other) == "forbidden"
    assert refusal(CorrectActivity(activity_id="a1", note="x"), logged(), other) == "forbidden"
    assert refusal(WithdrawActivity(activity_id="a1"), logged(), other) == "forbidden"


def problem(command, events: list, ctx: Context = CTX):  # type: ignore[no-untyped-def]
    with pytest.raises(ProblemError) as caught:
        activity.decide(command, fold(events), ctx, "new")
    return caught.value.problem


@pytest.mark.parametrize("expected_version", [None, 1, 7])
def test_a_stranger_learns_nothing_of_another_units_activity(expected_version):
    stranger = Context(catalog=CATALOG, today=CTX.today, actor=Actor(
        user_id="cb-pbgdpl", unit_id="pbgdpl", role="unit_officer"))  # fmt: skip
    history = [*logged(), ActivityWithdrawn(activity_id="a1", reason="x")]
    answers = {
        (kind.__name__, len(events)): problem(
            kind(activity_id=id_, expected_version=expected_version), events, stranger
        )
        for kind in (CorrectActivity, WithdrawActivity)
        for id_, events in (("a1", logged()), ("a1", history), ("a1", []))
    }
    # existing, withdrawn or never logged: the same answer, word for word but the id
    assert {(p.code, p.message) for p in answers.values()} == {
        ("forbidden", "Không có hoạt động «a1» trong các hoạt động của phòng, đơn vị bạn.")
    }


def test_the_office_logs_its_own_activities():
    office = Actor(user_id="vanphong", unit_id="van-phong", role="office")
    ctx = Context(catalog=CATALOG, today=CTX.today, actor=office)
    [event] = activity.decide(log(unit_id="van-phong"), activity.INITIAL, ctx, "a2")
    assert event.unit_id == "van-phong"


def test_an_activity_is_logged_once():
    assert refusal(log(activity_id="a1"), logged()) == "activity_exists"


def test_a_correction_records_only_what_changed():
    command = CorrectActivity(
        activity_id="a1", title="Tư vấn trợ giúp pháp lý (bổ sung)", form="legal_aid"
    )
    [event] = activity.decide(command, fold(logged()), CTX, "x")
    assert isinstance(event, ActivityCorrected)
    assert event.changes == {"title": "Tư vấn trợ giúp pháp lý (bổ sung)"}
    state = fold(logged() + [event])
    assert (state.version, state.fields["title"]) == (2, "Tư vấn trợ giúp pháp lý (bổ sung)")


def test_a_correction_checks_the_plan_again():
    command = CorrectActivity(activity_id="a1", task_id="9")
    assert refusal(command, logged()) == "unknown_task"


def test_a_correction_that_changes_nothing_is_refused():
    command = CorrectActivity(activity_id="a1", form="legal_aid")
    assert refusal(command, logged()) == "nothing_to_correct"


def test_a_correction_on_a_stale_version_is_a_conflict():
    corrected = activity.decide(
        CorrectActivity(activity_id="a1", note="x"), fold(logged()), CTX, ""
    )
    command = CorrectActivity(activity_id="a1", note="y", expected_version=1)
    assert refusal(command, logged() + corrected) == "conflict"


def test_a_withdrawn_activity_cannot_be_corrected_or_withdrawn_again():
    withdrawn = [ActivityWithdrawn(activity_id="a1", reason="nhập trùng")]
    assert fold(logged() + withdrawn).withdrawn
    assert refusal(CorrectActivity(activity_id="a1", note="x"), logged() + withdrawn) == (
        "activity_withdrawn"
    )
    assert refusal(WithdrawActivity(activity_id="a1"), logged() + withdrawn) == (
        "activity_withdrawn"
    )


def test_an_unknown_activity_cannot_be_corrected():
    assert refusal(CorrectActivity(activity_id="zz", note="x"), []) == "forbidden"
