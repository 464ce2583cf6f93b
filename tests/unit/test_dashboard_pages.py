"""The dashboard's pages in Streamlit's AppTest, with the NATS transport replaced by a fake."""

from datetime import date
from typing import Any

import pyarrow as pa
from streamlit.testing.v1 import AppTest

from dashboard import client
from dashboard import texts_vi as T
from tests.unit.dashboard_fakes import TIMEOUT, app, right_after

WIDGETS = {
    "log_title": "text_input",
    "log_audience": "text_input",
    "log_note": "text_area",
    "log_evidence_url": "text_input",
    "log_date": "date_input",
    "log_men": "number_input",
    "log_women": "number_input",
    "log_total": "number_input",
    "log_materials": "number_input",
}


def fill(at: AppTest, **values: Any) -> AppTest:
    for key, value in values.items():
        getattr(at, WIDGETS.get(key, "selectbox"))(key=key).set_value(value)
    return at


def test_a_refused_activity_shows_each_field_error_under_its_field_and_keeps_the_input(services):
    refusal = {
        "ok": False,
        "error": {
            "code": "invalid_command",
            "message": "Thông tin chưa hợp lệ: Tên hoạt động phải có ít nhất 3 ký tự. Tổng số sai.",
            "fields": {
                "title": "Tên hoạt động phải có ít nhất 3 ký tự.",
                "participants.total": "Tổng số người tham dự không được nhỏ hơn số nam cộng số nữ.",
            },
        },
    }
    fake = services(log=refusal)
    at = app().run()
    fill(at, log_unit="pbgdpl", log_task="5", log_title="ab", log_men=5, log_women=7, log_total=3)
    at.button(key="log_submit").click().run()

    assert not at.exception
    assert len(fake.commands()) == 1
    assert right_after(at, "log_title").value == "Tên hoạt động phải có ít nhất 3 ký tự."
    assert right_after(at, "log_total").value == refusal["error"]["fields"]["participants.total"]
    assert refusal["error"]["message"] in [e.value for e in at.error]
    assert not at.success
    assert at.text_input(key="log_title").value == "ab"
    assert at.selectbox(key="log_unit").value == "pbgdpl"
    assert at.selectbox(key="log_task").value == "5"
    assert [at.number_input(key=k).value for k in ("log_men", "log_women", "log_total")] == [
        5,
        7,
        3,
    ]


def test_a_logged_activity_is_confirmed_and_the_command_carries_the_right_json(services):
    fake = services(log={"ok": True, "id": "0193-hoat-dong", "version": 1, "sequence": 31})
    at = app().run()
    plan_end = date(2024, 12, 14)  # by default today, but never after the plan's last day
    assert at.date_input(key="log_date").value == min(date.today(), plan_end)
    fill(
        at,
        log_unit="pbgdpl",
        log_task="5",
        log_occasion="2024-quoc-te-phu-nu",
        log_date=date(2024, 3, 8),
        log_title="  Hội nghị nhân Ngày Quốc tế Phụ nữ ",
        log_form="conference",
        log_audience="Công chức, viên chức",
        log_men=12,
        log_women=30,
        log_materials=50,
        log_evidence_url="https://stp.example.gov.vn/tin/8-3",
    )
    at.button(key="log_submit").click().run()

    assert not at.exception and not at.error
    [(_, sent)] = fake.commands()
    activity_id = sent["activity_id"]  # chosen by the form, so a retry cannot log twice
    assert len(activity_id) == 36
    assert fake.commands() == [
        (
            "planpulse.cmd.activity.log",
            {
                "activity_id": activity_id,
                "unit_id": "pbgdpl",
                "task_id": "5",
                "occasion_id": "2024-quoc-te-phu-nu",
                "date": "2024-03-08",
                "title": "Hội nghị nhân Ngày Quốc tế Phụ nữ",
                "form": "conference",
                "audience": "Công chức, viên chức",
                "participants": {"men": 12, "women": 30},
                "materials": 50,
                "evidence_url": "https://stp.example.gov.vn/tin/8-3",
            },
        )
    ]
    assert [s.value for s in at.success] == [T.LOGGED.format(day="08/03/2024")]
    assert "0193-hoat-dong" not in at.success[0].value  # no internal id shown
    assert at.text_input(key="log_title").value == ""  # ready for the next one
    assert at.selectbox(key="log_unit").value == "pbgdpl"
    assert not at.run().success  # said once, not on every later rerun


def test_an_unreachable_server_on_submit_says_so_in_vietnamese_and_keeps_the_input(services):
    services(log=client.ServiceUnavailable(T.OFFLINE))
    at = app().run()
    fill(at, log_unit="pbgdpl", log_task="1", log_title="Tin bài về bình đẳng giới")
    at.button(key="log_submit").click().run()

    assert not at.exception
    assert [e.value for e in at.error] == [f"{T.NOT_LOGGED} {T.OFFLINE}"]
    assert "Không kết nối được máy chủ" in at.error[0].value
    assert at.text_input(key="log_title").value == "Tin bài về bình đẳng giới"


def test_a_retry_after_a_lost_reply_sends_the_same_id_and_is_confirmed(services):
    fake = services(log=client.ServiceUnavailable(T.OFFLINE))
    at = app().run()
    fill(at, log_unit="pbgdpl", log_task="1", log_title="Tin bài về bình đẳng giới")
    at.button(key="log_submit").click().run()
    exists = {"code": "activity_exists", "message": "đã ghi nhận", "fields": {}}
    fake.replies["log"] = {"ok": False, "error": exists}  # the first try had gone through
    at.button(key="log_submit").click().run()

    first, second = (payload["activity_id"] for _, payload in fake.commands())
    assert first == second
    day = date.fromisoformat(fake.commands()[-1][1]["date"]).strftime("%d/%m/%Y")
    assert [s.value for s in at.success] == [T.LOGGED.format(day=day)]


def test_without_the_catalog_the_log_page_warns_instead_of_failing(services):
    services(catalog=client.ServiceUnavailable(T.OFFLINE))
    at = app().run()
    assert not at.exception
    assert [w.value for w in at.warning] == [f"{T.OFFLINE} {T.SELF_HEALING}"]
    assert "log_submit" not in [b.key for b in at.button]


def overview_section() -> None:
    from dashboard.views import overview

    overview.show_progress()


def overview_page() -> None:
    from dashboard.views import overview

    overview.render()


def shown(table: Any) -> list[list[str]]:
    """A dataframe's cells as the reader sees them (the Styler's display values)."""
    display = table.proto.arrow_data.styler.display_values
    return pa.ipc.open_stream(display).read_all().to_pandas().astype(str).values.tolist()


TOTALS = (T.ACTIVITIES, T.MEN, T.WOMEN, T.PARTICIPANTS_TOTAL, T.MATERIALS_SHORT)


def total_activities(at: AppTest) -> str:
    return next(m.value for m in at.metric if m.label == T.ACTIVITIES)


def test_the_overview_shows_the_totals_of_the_progress_reply(services):
    fake = services()
    at = AppTest.from_function(overview_section, default_timeout=TIMEOUT).run()

    assert not at.exception and not at.warning
    metrics = {m.label: m.value for m in at.metric}
    assert {label: metrics[label] for label in TOTALS} == {
        T.ACTIVITIES: "1.234",
        T.MEN: "5.000",
        T.WOMEN: "7.345",
        T.PARTICIPANTS_TOTAL: "12.345",
        T.MATERIALS_SHORT: "250",
    }
    by_task, by_unit, by_occasion, latest = (shown(at.dataframe[i]) for i in (0, 1, 2, 4))
    reporting = at.dataframe[3].value.astype(str).values.tolist()  # formatted already
    assert reporting == [["Phòng PBGDPL", "Đã gửi, chờ xem xét", "18/06/2024", "Có", "3"]]
    assert by_task == [["5. Ngày kỷ niệm", "1.234", "5.000", "7.345", "12.345", "250"]]
    assert by_unit[0][:3] == ["Phòng PBGDPL", "PBGDPL", "1.234"]
    assert by_occasion[0][:4] == ["Ngày Quốc tế Phụ nữ", "Ngày kỷ niệm", "08/03/2024", "1.234"]
    assert latest == [
        ["Hội nghị nhân ngày 8/3", "PBGDPL", "08/03/2024 02:00:00", "08/03/2024"]
        + ["5", "12", "30", "42"]
    ]
    assert len(at.get("vega_lite_chart")) == 5  # four bar charts (one by sex) and the heatmap
    # each task's targets in their current window
    assert "Nhiệm vụ 2: tối thiểu 2 tin, bài mỗi quý — quý II/2024: 3/2" in [
        t.value for t in at.text
    ]
    latest_logged = {"page_size": 10, "order": "logged"}  # newest logged first, not by date
    assert ("planpulse.query.activities", latest_logged) in fake.sent
    feed = at.dataframe[5].value.values.tolist()  # the latest events, newest first
    signed_out = "canbo.pbgdpl (Phòng PBGDPL)"  # no accounts to name them: login and unit
    assert feed == [
        ["09/03/2024 03:30:00", "Sửa hoạt động", "Hội nghị nhân ngày 8/3 · Phòng PBGDPL"]
        + [signed_out, "Nam: 12; Nữ: 31; Tổng số: 43 — Sai số người"],
        ["08/03/2024 02:00:00", "Ghi nhận hoạt động", "Hội nghị nhân ngày 8/3 · Phòng PBGDPL"]
        + [signed_out, ""],
    ]


def test_the_overview_page_runs_its_live_fragment(services):
    services()
    at = AppTest.from_function(overview_page, default_timeout=TIMEOUT).run()
    assert not at.exception
    assert at.title[0].value == T.OVERVIEW_TITLE
    assert total_activities(at) == "1.234"


def test_a_service_outage_shows_a_warning_and_the_next_refresh_recovers(services):
    services(progress=client.ServiceUnavailable(T.NO_ANSWER))
    at = AppTest.from_function(overview_section, default_timeout=TIMEOUT).run()

    assert not at.exception and not at.error and not at.metric
    assert [w.value for w in at.warning] == [f"{T.NO_ANSWER} {T.SELF_HEALING}"]
    assert "Không kết nối được máy chủ" in at.warning[0].value

    services()  # the service is back
    at.run()
    assert not at.warning and total_activities(at) == "1.234"


def test_a_refused_query_is_a_warning_with_the_services_message(services):
    refusal = {
        "ok": False,
        "error": {"code": "internal_error", "message": "Hệ thống gặp sự cố.", "fields": {}},
    }
    services(activities=refusal)
    at = AppTest.from_function(overview_section, default_timeout=TIMEOUT).run()
    assert not at.exception
    assert [w.value for w in at.warning] == [T.QUERY_FAILED.format(message="Hệ thống gặp sự cố.")]


def test_the_overview_counts_down_to_the_next_occasion_and_deadline_and_shows_reporting(
    services,
):
    fake = services()
    at = AppTest.from_function(overview_section, default_timeout=TIMEOUT).run()
    assert not at.exception
    texts = [e.value for e in at.main if e.type in ("markdown", "caption")]
    assert texts[texts.index("Đợt tiếp theo") :][:3] == [
        "Đợt tiếp theo",
        "**Ngày Gia đình Việt Nam**",
        "còn 10 ngày (28/06/2024)",
    ]
    assert texts[texts.index("Hạn gửi báo cáo") :][:3] == [
        "Hạn gửi báo cáo",
        "**Báo cáo 6 tháng**",
        "còn 2 ngày (20/06/2024)",
    ]
    assert "**Tháng hành động tháng 6**" in texts
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["Tỷ lệ đầy đủ"], metrics["Tỷ lệ đúng hạn"]) == ("36,4%", "75,0%")
    assert {"4/11 đã gửi", "3/4 đúng hạn"} <= set(texts)
    assert ("planpulse.query.report_status", {"period_id": "2024-6-thang"}) in fake.sent


def test_with_two_plans_in_force_the_form_offers_the_one_of_today_and_names_it(services):
    from dashboard import format as fmt
    from tests.unit.dashboard_fakes import CATALOG

    today = fmt.today()
    year = today.year + 1 if (today.month, today.day) >= (12, 15) else today.year

    def plan(y: int) -> dict[str, Any]:
        window = {"starts_on": f"{y - 1}-12-15", "ends_on": f"{y}-12-14"}
        return {
            "plan_id": f"kh-{y}",
            "year": y,
            "title": f"KH {y}",
            "status": "published",
            **window,
        }

    catalog = {**CATALOG, "plans": [plan(year - 1), plan(year)]}
    catalog["tasks"] = [
        {**t, "plan_id": f"kh-{y}"} for y in (year - 1, year) for t in CATALOG["tasks"]
    ]
    fake = services(catalog=catalog, log={"ok": True, "id": "x", "version": 1, "sequence": 2})
    at = app().run()
    assert at.selectbox(key="log_plan").value == f"kh-{year}"
    at.selectbox(key="log_plan").set_value(f"kh-{year - 1}").run()
    assert at.date_input(key="log_date").value <= date(year - 1, 12, 14)  # last year's window
    fill(at, log_task="5", log_title="Tọa đàm cuối năm", log_form="conference")
    at.date_input(key="log_date").set_value(date(year - 1, 12, 10))
    at.button(key="log_submit").click().run()
    [(_, sent)] = fake.commands()
    assert (sent["plan_id"], sent["date"]) == (f"kh-{year - 1}", f"{year - 1}-12-10")
