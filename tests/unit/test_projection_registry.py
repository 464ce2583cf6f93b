"""Read models and their writers: an event feeds every read model that asks for it; a read model
written by two projections is refused when the service starts."""

import pytest
from sqlalchemy import Executable, text

from services.reporting.projections import PROJECTIONS, Change, Projection, changes_for, index
from services.reporting.projections.statements import Projector
from shared.events import ActivityLogged, encode

LOGGED = ActivityLogged.model_validate(
    {
        "activity_id": "a1",
        "plan_id": "kh-2024",
        "unit_id": "tgpl",
        "task_id": "3",
        "date": "2024-11-25",
        "title": "Tư vấn pháp luật",
        "form": "legal_aid",
        "participants": {"men": 1, "women": 2, "total": 3},
        "occasion_id": None,
        "audience": "",
        "materials": 0,
        "evidence_url": None,
        "note": "",
    }
)
ENVELOPE = encode(LOGGED, source="test", actor="system")
COUNT: Executable = text("UPDATE counts SET n = n + 1")


def count_logged(_event: ActivityLogged, _envelope: object, sequence: int) -> list[Change]:
    return [(COUNT, {"sequence": sequence})]


def test_a_second_read_model_of_an_event_runs_beside_the_first() -> None:
    counts = Projection("logged_counts", {ActivityLogged: count_logged})
    projectors = index([*PROJECTIONS, counts])
    assert len(projectors[ActivityLogged]) == 2
    changes = [c for p in projectors[ActivityLogged] for c in p(LOGGED, ENVELOPE, 7)]
    assert changes[-1] == (COUNT, {"sequence": 7})
    assert any(statement is not COUNT for statement, _ in changes)  # the activities view too


def test_two_writers_of_one_read_model_stop_the_start_with_both_named() -> None:
    rival: Projector = count_logged
    with pytest.raises(ValueError, match="read model 'activities' has two writers") as refused:
        index([*PROJECTIONS, Projection("activities", {ActivityLogged: rival})])
    assert "projections.activities.logged" in str(refused.value)
    assert "count_logged" in str(refused.value)


def test_the_shipped_registry_feeds_each_event_to_its_read_models() -> None:
    assert changes_for(LOGGED, ENVELOPE, 3)
    assert {p.view for p in PROJECTIONS} == {
        "catalog",
        "activities",
        "reports",
        "consolidated_reports",
    }
