"""Units as a roster with dates: a renamed unit's earlier activities keep the name they had; a
retired unit is not expected in the periods after it (completeness counts it out). And the
Office setting a unit's activity aside from the figures until the unit corrects it."""

from pathlib import Path

from services.reporting import queries, report_queries
from services.reporting.checkpoint import apply_batch, prepare
from shared.actor import Actor
from shared.db import make_engine
from shared.memstore import InMemoryEventStore
from tests.unit.test_command_pipeline import ACTIVITY, LOG, OFFICER, Service

OFFICE = Actor(user_id="vanphong", unit_id="van-phong", role="office", session_id="s3")


async def test_a_renamed_unit_keeps_its_old_name_on_earlier_activities(tmp_path: Path) -> None:
    service = await Service(InMemoryEventStore(), tmp_path).start()
    before = await service.ask(LOG, {**ACTIVITY, "date": "2024-05-10"})
    renamed = await service.ask(
        "planpulse.cmd.unit.rename",
        {
            "unit_id": "tgpl",
            "name": "Trung tâm Trợ giúp pháp lý và Hòa giải",
            "short_name": "TTTGPL-HG",
            "effective_from": "2024-07-01",
            "reason": "Quyết định kiện toàn tổ chức",
        },
        actor=OFFICE,
    )
    assert renamed["ok"], renamed
    after = await service.ask(LOG, {**ACTIVITY, "date": "2024-08-10"})
    late_entry = await service.ask(LOG, {**ACTIVITY, "date": "2024-06-20"})  # logged later
    names = {}
    for reply in (before, after, late_entry):
        [stored] = await service.store.load(f"planpulse.events.activity.{reply['id']}")
        names[stored.envelope.data["date"]] = stored.envelope.data["unit_name"]
    assert names == {
        "2024-05-10": "Trung tâm Trợ giúp pháp lý nhà nước",
        "2024-08-10": "Trung tâm Trợ giúp pháp lý và Hòa giải",
        "2024-06-20": "Trung tâm Trợ giúp pháp lý nhà nước",
    }
    refused = await service.ask("planpulse.cmd.unit.rename", {"unit_id": "x"}, actor=OFFICER)
    assert refused["error"]["code"] == "forbidden"


async def test_a_retired_unit_is_not_expected_in_the_periods_after_it(tmp_path: Path) -> None:
    service = await Service(InMemoryEventStore(), tmp_path).start()
    retired = await service.ask(
        "planpulse.cmd.unit.retire",
        {
            "unit_id": "cc3",
            "effective_from": "2024-08-01",
            "merged_into": "cc1",
            "reason": "Sáp nhập Phòng Công chứng số 3 vào Phòng Công chứng số 1",
        },
        actor=OFFICE,
    )
    assert retired["ok"], retired
    again = await service.ask(
        "planpulse.cmd.unit.retire", {"unit_id": "cc3", "effective_from": "2024-09-01"}, OFFICE
    )
    assert again["error"]["code"] == "unit_retired"
    office = await service.ask(
        "planpulse.cmd.unit.retire",
        {"unit_id": "van-phong", "effective_from": "2024-09-01"},
        OFFICE,
    )
    assert office["error"]["code"] == "office_unit"
    # the read model, fed the stream as the reporting service is
    engine = make_engine(f"sqlite:///{tmp_path / 'reporting.db'}")
    prepare(engine)
    batch = [(n, s, e.to_bytes()) for n, (s, e) in enumerate(service.store.stream, start=1)]
    apply_batch(engine, batch)

    def expected(period_id: str) -> set[str]:
        query = report_queries.ReportStatusQuery(period_id=period_id)
        status = report_queries.report_status(engine, query, grace_days=0)
        assert status["expected"] == len(status["units"])
        return {row["unit_id"] for row in status["units"]}

    assert "cc3" in expected("2024-6-thang")  # ends 14/06, before the merger
    assert "cc3" not in expected("2024-nam")  # ends 14/12, after it
    assert len(expected("2024-6-thang")) == len(expected("2024-nam")) + 1 == 11


async def test_the_office_sets_an_activity_aside_and_the_units_correction_counts_it_again(
    tmp_path: Path,
) -> None:
    service = await Service(InMemoryEventStore(), tmp_path).start()
    logged = await service.ask(LOG, {**ACTIVITY, "title": '=HYPERLINK("http://x")'})
    aside = {"activity_id": logged["id"], "reason": "Tên hoạt động không rõ, đề nghị sửa."}
    by_unit = await service.ask("planpulse.cmd.activity.set_aside", aside)
    assert by_unit["error"]["code"] == "forbidden"  # a unit may not set its own figures aside
    assert (await service.ask("planpulse.cmd.activity.set_aside", aside, OFFICE))["ok"]
    twice = await service.ask("planpulse.cmd.activity.set_aside", aside, OFFICE)
    assert twice["error"]["code"] == "already_set_aside"
    engine = make_engine(f"sqlite:///{tmp_path / 'reporting.db'}")
    prepare(engine)

    def fed() -> None:
        batch = [(n, s, e.to_bytes()) for n, (s, e) in enumerate(service.store.stream, start=1)]
        apply_batch(engine, batch)

    fed()
    assert queries.progress(engine, queries.ProgressQuery())["totals"]["activities"] == 0
    [listed] = queries.activities(engine, queries.ActivitiesQuery(unit_id="tgpl"))["items"]
    assert listed["set_aside"] == "Tên hoạt động không rõ, đề nghị sửa."  # the unit sees why
    fix = {"activity_id": logged["id"], "title": "Tư vấn pháp luật cho phụ nữ"}
    assert (await service.ask("planpulse.cmd.activity.correct", fix))["ok"]
    fed()
    assert queries.progress(engine, queries.ProgressQuery())["totals"]["activities"] == 1
    [listed] = queries.activities(engine, queries.ActivitiesQuery(unit_id="tgpl"))["items"]
    assert listed["set_aside"] is None
