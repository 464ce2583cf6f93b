"""The unit's list as a daily tool, in AppTest with fake services whose answers change as
commands are accepted: a withdrawal leaves nothing armed, a page shows the state after the action,
the list pages through everything the service has, and every field can be corrected."""

from typing import Any

from streamlit.testing.v1 import AppTest

from dashboard import texts_vi as T
from tests.unit.dashboard_fakes import CATALOG, LATEST, REPORT_DRAFT, keyed, page


def activity(number: int, **changes: Any) -> dict[str, Any]:
    return {
        **LATEST["items"][0],
        "activity_id": f"a{number}",
        "title": f"Hoạt động số {number}",
        "plan_id": "kh-2024",
        "occasion_id": None,
        "audience": "",
        "evidence_url": None,
        **changes,
    }


class Unit:
    """A unit's activities as the reporting service holds them, changed by the commands; the
    read model lags `lag` answers behind each command, as a projection does."""

    def __init__(self, count: int, lag: int = 0) -> None:
        self.items = {f"a{n}": activity(n) for n in range(1, count + 1)}
        self.position, self.applied, self.lag, self.pending = 10, 10, lag, 0
        self.later: list[Any] = []

    def activities(self, query: dict[str, Any]) -> dict[str, Any]:
        if self.pending:
            self.pending -= 1
        elif self.later:
            for change in self.later:
                change()
            self.later, self.applied = [], self.position
        everything = query.get("include_withdrawn")
        live = [i for i in self.items.values() if everything or not i["withdrawn"]]
        size, number = query["page_size"], query.get("page", 1)
        chosen = live[(number - 1) * size : number * size]
        return {"ok": True, "position": self.applied, "total": len(live), "items": chosen}

    def command(self, change: Any, activity_id: str) -> dict[str, Any]:
        self.position += 1
        self.later.append(change)
        self.pending = self.lag
        version = self.items[activity_id]["version"] + 1
        return {"ok": True, "id": activity_id, "version": version, "sequence": self.position}

    def withdraw(self, command: dict[str, Any]) -> dict[str, Any]:
        item = self.items[command["activity_id"]]

        def change() -> None:
            item.update(withdrawn=True, version=item["version"] + 1)

        return self.command(change, item["activity_id"])

    def correct(self, command: dict[str, Any]) -> dict[str, Any]:
        item = self.items[command["activity_id"]]
        fields = {k: v for k, v in command.items() if k not in ("activity_id", "expected_version")}
        if "participants" in fields:
            counts = fields["participants"]
            fields["participants"] = {"total": counts["men"] + counts["women"], **counts}

        def change() -> None:
            item.update(fields, version=item["version"] + 1)

        return self.command(change, item["activity_id"])


def serve(services: Any, unit: Unit) -> Any:
    return services(activities=unit.activities, withdraw=unit.withdraw, correct=unit.correct)


def withdraw_chosen(at: AppTest, reason: str) -> None:
    keyed(at, "text_input", "withdraw_reason").set_value(reason)
    keyed(at, "checkbox", "withdraw_confirm").check().run()
    at.button(key="withdraw_submit").click().run()


def test_after_a_withdrawal_the_next_activity_comes_unarmed_and_needs_its_own_confirmation(
    services,
):
    unit = Unit(3)
    fake = serve(services, unit)
    at = page("my_activities").run()
    at.radio(key="mine_action").set_value("withdraw").run()
    assert keyed(at, "selectbox", "mine_chosen").value == "a1"
    withdraw_chosen(at, "Ghi trùng")
    assert [s.value for s in at.success] == [T.WITHDRAWN_DONE.format(day="08/03/2024")]
    # the list moved on to the next activity: nothing of the withdrawal is carried over
    assert keyed(at, "selectbox", "mine_chosen").value == "a2"
    assert keyed(at, "text_input", "withdraw_reason").value == ""
    assert keyed(at, "checkbox", "withdraw_confirm").value is False
    assert at.button(key="withdraw_submit").disabled
    withdraw_chosen(at, "Cũng ghi trùng")
    assert [p["activity_id"] for _, p in fake.commands()] == ["a1", "a2"]
    assert [p["reason"] for _, p in fake.commands()] == ["Ghi trùng", "Cũng ghi trùng"]
    assert not unit.items["a3"]["withdrawn"]
    assert keyed(at, "selectbox", "mine_chosen").value == "a3"
    assert at.button(key="withdraw_submit").disabled


def test_a_correction_shows_the_new_value_though_the_read_model_lags(services):
    unit = Unit(1, lag=2)  # the next two answers still show the activity as it was
    fake = serve(services, unit)
    at = page("my_activities").run()
    keyed(at, "number_input", "fix_women").set_value(31)
    at.button(key="fix_save").click().run()
    assert not at.exception
    assert at.dataframe[0].value[T.WOMEN].tolist() == ["31"]
    assert keyed(at, "number_input", "fix_women").value == 31
    assert [q["page"] for q in fake.asked("activities")][-3:] == [1, 1, 1]  # asked until current


def test_a_resubmitted_report_shows_its_new_status(services):
    answers = {"position": 10, "status": "returned"}

    def draft(_query: dict[str, Any]) -> dict[str, Any]:
        report = {**REPORT_DRAFT["report"], "status": answers["status"]}
        reply = {**REPORT_DRAFT, "position": answers["position"], "report": report}
        answers.update(position=12, status="submitted")  # applied by the next answer
        return reply

    services(report_draft=draft, submit={"ok": True, "id": "x", "version": 3, "sequence": 12})
    at = page("my_reports").run()
    assert T.REPORT_STATE.format(status=T.REPORT_STATUSES["returned"]) in _texts(at)
    answers.update(position=10, status="returned")  # the first answer after the submit lags
    at.button(key="report_submit").click().run()
    assert T.REPORT_SENT in [s.value for s in at.success]
    assert T.REPORT_STATE.format(status=T.REPORT_STATUSES["submitted"]) in _texts(at)


def _texts(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown]


def test_the_list_pages_through_every_activity_and_a_new_search_starts_at_page_one(services):
    unit = Unit(120)
    fake = serve(services, unit)
    at = page("my_activities").run()
    shown = T.FOUND.format(total="120", first="1", last="50")
    assert shown in [c.value for c in at.caption]
    at.button(key="mine_next").click().run()
    at.button(key="mine_next").click().run()
    assert T.FOUND.format(total="120", first="101", last="120") in [c.value for c in at.caption]
    assert at.dataframe[0].value[T.TITLE].tolist()[0] == "Hoạt động số 101"
    assert at.button(key="mine_next").disabled
    at.number_input(key="mine_page").set_value(2).run()
    assert at.dataframe[0].value[T.TITLE].tolist()[0] == "Hoạt động số 51"
    at.text_input(key="mine_text").set_value("số").run()
    assert fake.asked("activities")[-1] == {
        "unit_id": "pbgdpl",
        "page_size": 50,
        "text": "số",
        "page": 1,
    }
    assert {q["page"] for q in fake.asked("activities")} == {1, 2, 3}
    assert all(q["page_size"] == 50 for q in fake.asked("activities"))


def test_every_field_of_an_activity_can_be_corrected(services):
    unit = Unit(1)
    fake = serve(services, unit)
    at = page("my_activities").run()
    keyed(at, "selectbox", "fix_task_id").set_value("1")
    keyed(at, "selectbox", "fix_occasion_id").set_value("2024-quoc-te-phu-nu")
    keyed(at, "selectbox", "fix_form").set_value("training")
    keyed(at, "text_input", "fix_audience").set_value("Hội viên phụ nữ")
    keyed(at, "text_input", "fix_evidence_url").set_value("https://stp.example.gov.vn/tin/1")
    keyed(at, "number_input", "fix_total").set_value(50)
    at.button(key="fix_save").click().run()
    [(subject, command)] = fake.commands()
    assert subject == "planpulse.cmd.activity.correct"
    assert command == {
        "activity_id": "a1",
        "expected_version": 2,
        "task_id": "1",
        "occasion_id": "2024-quoc-te-phu-nu",
        "form": "training",
        "audience": "Hội viên phụ nữ",
        "evidence_url": "https://stp.example.gov.vn/tin/1",
        "participants": {"men": 12, "women": 30, "total": 50},
    }
    assert CATALOG["forms"]["training"] in keyed(at, "selectbox", "fix_form").options


def test_an_emptied_evidence_link_and_occasion_are_removed(services):
    unit = Unit(0)
    unit.items["a1"] = activity(
        1, occasion_id="2024-quoc-te-phu-nu", evidence_url="https://stp.example.gov.vn/tin/1"
    )
    fake = serve(services, unit)
    at = page("my_activities").run()
    keyed(at, "text_input", "fix_evidence_url").set_value("")
    keyed(at, "selectbox", "fix_occasion_id").select_index(0)  # no occasion
    at.button(key="fix_save").click().run()
    [(_, command)] = fake.commands()
    assert command == {
        "activity_id": "a1",
        "expected_version": 2,
        "occasion_id": None,
        "evidence_url": None,
    }
