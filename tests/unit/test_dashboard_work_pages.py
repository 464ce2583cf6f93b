"""The pages where units and the Office act: activities, reports, inbox, review, the consolidated
report, failed notifications, the audit trail and accounts, each in AppTest with a fake send."""

from datetime import date

from dashboard import texts_vi as T
from dashboard.format import literal
from tests.unit.dashboard_fakes import (
    ADMIN,
    LEADERSHIP,
    OFFICE,
    UNIT_OFFICER,
    WAITING,
    keyed,
    page,
    right_after,
)

REFUSED_COMMENT = {
    "ok": False,
    "error": {
        "code": "invalid_command",
        "message": "Thông tin chưa hợp lệ.",
        "fields": {"comment": "Ý kiến phải có ít nhất 3 ký tự."},
    },
}


def test_my_activities_filters_by_the_own_unit_and_shows_the_history(services):
    fake = services()
    at = page("my_activities", UNIT_OFFICER).run()
    at.text_input(key="mine_text").set_value("8/3")
    at.radio(key="mine_action").set_value("history").run()
    assert not at.exception and not at.warning
    assert (
        "planpulse.query.activities",
        {"unit_id": "pbgdpl", "page_size": 50, "text": "8/3", "page": 1},
    ) in (fake.sent)
    history = at.dataframe[-1].value.values.tolist()
    assert history == [
        ["08/03/2024 02:00:00", "Ghi nhận hoạt động", "Hội nghị nhân ngày 8/3 · Phòng PBGDPL"]
        + ["Cán bộ PBGDPL", ""],
        ["09/03/2024 03:30:00", "Sửa hoạt động", T.AN_ACTIVITY, "Cán bộ PBGDPL"]
        + ["Nam: 12; Nữ: 31; Tổng số: 43 — Sai số người"],
    ]
    assert ("planpulse.query.audit", {"kind": "activity", "id": "a1"}) in fake.sent


def test_a_correction_sends_only_what_changed_with_the_version_seen(services):
    fake = services(correct={"ok": True, "id": "a1", "version": 3})
    at = page("my_activities", UNIT_OFFICER).run()
    keyed(at, "number_input", "fix_women").set_value(31)
    keyed(at, "text_input", "fix_reason").set_value("Thiếu một người")
    at.button(key="fix_save").click().run()
    assert fake.commands() == [
        (
            "planpulse.cmd.activity.correct",
            {
                "activity_id": "a1",
                "expected_version": 2,
                "participants": {"men": 12, "women": 31},
                "reason": "Thiếu một người",
            },
        )
    ]
    assert [s.value for s in at.success] == [T.CORRECTED.format(day="08/03/2024")]


def test_a_refused_correction_shows_the_error_beside_its_field(services):
    refusal = {
        "ok": False,
        "error": {
            "code": "invalid_command",
            "message": "Thông tin chưa hợp lệ.",
            "fields": {"title": "Tên hoạt động phải có ít nhất 3 ký tự."},
        },
    }
    services(correct=refusal)
    at = page("my_activities", UNIT_OFFICER).run()
    keyed(at, "text_input", "fix_title").set_value("ab")
    at.button(key="fix_save").click().run()
    title_key = keyed(at, "text_input", "fix_title").key
    assert right_after(at, title_key).value == "Tên hoạt động phải có ít nhất 3 ký tự."


def test_withdrawing_needs_a_confirmation_and_sends_the_reason(services):
    fake = services(withdraw={"ok": True, "id": "a1", "version": 3})
    at = page("my_activities", UNIT_OFFICER).run()
    at.radio(key="mine_action").set_value("withdraw").run()
    assert at.button(key="withdraw_submit").disabled
    keyed(at, "text_input", "withdraw_reason").set_value("Trùng")
    keyed(at, "checkbox", "withdraw_confirm").check().run()
    at.button(key="withdraw_submit").click().run()
    assert fake.commands() == [
        (
            "planpulse.cmd.activity.withdraw",
            {"activity_id": "a1", "expected_version": 2, "reason": "Trùng"},
        )
    ]


def test_my_report_is_prefilled_shows_the_offices_comment_and_submits_the_narrative(services):
    fake = services(submit={"ok": True, "id": "2024-6-thang_pbgdpl", "version": 3})
    at = page("my_reports", UNIT_OFFICER).run()
    assert not at.exception
    assert [w.value for w in at.warning] == [
        T.RETURNED_COMMENT.format(comment=literal("Bổ sung số liệu tháng 6."))
    ]
    assert {m.label: m.value for m in at.metric}[T.ACTIVITIES] == "1.234"
    results = keyed(at, "text_area", "report_results")
    assert results.value == "Tổ chức 3 hội nghị."
    results.set_value("Tổ chức 3 hội nghị, 2 tọa đàm.")
    at.button(key="report_submit").click().run()
    assert fake.commands() == [
        (
            "planpulse.cmd.report.submit",
            {
                "period_id": "2024-6-thang",
                "unit_id": "pbgdpl",
                "results": "Tổ chức 3 hội nghị, 2 tọa đàm.",
                "difficulties": "",
                "proposals": "",
            },
        )
    ]
    assert [s.value for s in at.success] == [T.REPORT_SENT]


def test_the_inbox_lists_messages_and_marks_them_read(services):
    fake = services()
    at = page("inbox", UNIT_OFFICER).run()
    assert not at.exception
    assert "**Sắp đến hạn gửi báo cáo 6 tháng** · :red[Mới]" in [m.value for m in at.markdown]
    at.button(key="read_n1").click().run()
    at.button(key="read_all").click().run()
    assert fake.commands() == [
        ("planpulse.cmd.inbox.mark_read", {"ids": ["n1"]}),
        ("planpulse.cmd.inbox.mark_read", {"all": True}),
    ]


def test_the_review_queue_returns_with_a_comment_and_shows_a_refusal_beside_it(services):
    status = {"units": [WAITING]}
    fake = services(report_status={"ok": True, **status}, **{"return": REFUSED_COMMENT})
    at = page("review", OFFICE).run()
    assert not at.exception
    comment = keyed(at, "text_area", "review_comment_")
    comment.set_value("x")
    at.button(key="return_2024-6-thang_pbgdpl").click().run()
    assert fake.commands() == [
        ("planpulse.cmd.report.return", {"report_id": "2024-6-thang_pbgdpl", "comment": "x"})
    ]
    assert right_after(at, comment.key).value == "Ý kiến phải có ít nhất 3 ký tự."
    fake.replies["accept"] = {"ok": True, "id": "2024-6-thang_pbgdpl", "version": 3}
    at.button(key="accept_2024-6-thang_pbgdpl").click().run()
    assert fake.commands()[-1] == (
        "planpulse.cmd.report.accept",
        {"report_id": "2024-6-thang_pbgdpl", "comment": "x"},
    )


def test_the_office_compiles_and_both_download_but_leadership_cannot_compile(services):
    fake = services(compile={"ok": True, "files": [], "sequence": 9})
    at = page("documents", OFFICE).run()
    assert not at.exception
    assert [b.proto.label for b in at.get("download_button")] == [
        T.DOWNLOAD.format(name="bao-cao.docx"),
        T.DOWNLOAD.format(name="bao-cao.xlsx"),
    ]
    assert ("planpulse.query.consolidated_file", {"object": "a/bao-cao.docx"}) in fake.sent
    at.button(key="compile").click().run()
    assert fake.commands() == [
        ("planpulse.cmd.consolidated.compile", {"period_id": "2024-6-thang"})
    ]
    leadership = page("documents", LEADERSHIP).run()
    assert not leadership.exception
    assert "compile" not in [b.key for b in leadership.button]
    assert len(leadership.get("download_button")) == 2


def test_failed_notifications_and_dead_letters_are_listed_for_the_office(services):
    dead = {
        "sequence": 1234,
        "subject": "planpulse.events.report.x",
        "error": "không đọc được",
        "data": "{}",
        "created_at": "2024-06-18T03:00:00+00:00",
    }
    services(dead_letters={"ok": True, "items": [dead]})
    at = page("failed_notifications", OFFICE).run()
    assert not at.exception
    [row] = at.dataframe[0].value.values.tolist()
    assert row == ["18/06/2024 02:00:00", "pbgdpl", "smtp", "18/06/2024", "5", "Connection refused"]
    [row] = at.dataframe[1].value.values.tolist()
    assert row == ["18/06/2024 03:00:00", "1.234", "planpulse.events.report.x", "không đọc được"]


def test_the_audit_page_asks_for_any_kind_and_id(services):
    fake = services()
    at = page("audit_trail", OFFICE).run()
    at.selectbox(key="audit_kind").set_value("report")
    at.text_input(key="audit_id").set_value("2024-6-thang_pbgdpl")
    at.button(key="audit_show").click().run()
    assert ("planpulse.query.audit", {"kind": "report", "id": "2024-6-thang_pbgdpl"}) in fake.sent
    assert len(at.dataframe[0].value) == 2


def test_the_administrator_creates_an_account_with_errors_beside_fields_and_disables_one(services):
    refusal = {
        "ok": False,
        "error": {
            "code": "invalid_command",
            "message": "Thông tin chưa hợp lệ.",
            "fields": {"password": "Mật khẩu phải có ít nhất 12 ký tự."},
        },
    }
    fake = services(create=refusal, disable={"ok": True})
    at = page("accounts", ADMIN).run()
    assert not at.exception
    assert at.dataframe[0].value.values.tolist()[0][:3] == [
        "canbo.pbgdpl",
        "Cán bộ PBGDPL",
        T.ROLES["unit_officer"],
    ]
    at.text_input(key="new_user_id").set_value("canbo.moi")
    at.text_input(key="new_name").set_value("Cán bộ mới")
    at.selectbox(key="new_role").set_value("unit_officer")
    at.selectbox(key="new_unit_id").set_value("pbgdpl")
    at.text_input(key="new_password").set_value("ngan")
    at.button(key="account_create").click().run()
    assert fake.commands() == [
        (
            "planpulse.cmd.account.create",
            {
                "user_id": "canbo.moi",
                "name": "Cán bộ mới",
                "role": "unit_officer",
                "unit_id": "pbgdpl",
                "password": "ngan",
            },
        )
    ]
    assert right_after(at, "new_password").value == "Mật khẩu phải có ít nhất 12 ký tự."
    assert at.text_input(key="new_user_id").value == "canbo.moi"  # kept on error
    at.selectbox(key="disable_user").set_value("canbo.pbgdpl")
    at.button(key="account_disable").click().run()
    assert fake.commands()[-1] == ("planpulse.cmd.account.disable", {"user_id": "canbo.pbgdpl"})


def test_a_unit_officer_logs_only_for_its_own_unit(services):
    services()
    at = page("log_activity")
    at.run()
    unit = at.selectbox(key="log_unit")
    assert unit.options == ["Phòng PBGDPL"] and unit.value == "pbgdpl"
    assert at.date_input(key="log_date").value <= date(2024, 12, 14)


def test_a_compilation_not_yet_in_the_list_is_offered_from_the_compile_reply(services):
    fresh = {"name": "moi.docx", "sha256": "c" * 64, "size": 4, "object": "c/moi.docx"}
    fake = services(
        compile={"ok": True, "files": [fresh], "sequence": 12},
        consolidated={"ok": True, "bucket": "B", "compiled": []},  # not projected yet
    )
    at = page("documents", OFFICE).run()
    at.button(key="compile").click().run()
    assert [b.proto.label for b in at.get("download_button")] == [
        T.DOWNLOAD.format(name="moi.docx")
    ]
    assert ("planpulse.query.consolidated_file", {"object": "c/moi.docx"}) in fake.sent


def test_an_activity_set_aside_by_the_office_shows_its_reason_to_the_unit_as_typed(services):
    from tests.unit.dashboard_fakes import LATEST

    reason = "**Sửa** tên: [xem](http://x.invalid) <b>gấp</b>"
    aside = {**LATEST["items"][0], "withdrawn": True, "set_aside": reason}
    services(activities={**LATEST, "items": [aside]})
    at = page("my_activities", UNIT_OFFICER).run()
    at.radio(key="mine_action").set_value("withdraw").run()
    assert not at.exception
    assert at.dataframe[0].value[T.STATUS].tolist() == [T.SET_ASIDE]
    assert [w.value for w in at.warning] == [T.SET_ASIDE_BY_OFFICE]
    assert reason in [t.value for t in at.text]  # literal: no bold, no link, no HTML
