"""What the pages say: the rule before the mistake, what was done after an action (never
"Đã thực hiện." alone, never an internal id), and no rate where there is nothing to rate."""

from dashboard import texts_vi as T
from tests.unit.dashboard_fakes import ADMIN, OFFICE, REPORT_STATUS, WAITING, keyed, page


def successes(at) -> list[str]:
    return [s.value for s in at.success]


def test_accepting_and_returning_a_report_say_whose_report(services):
    services(
        report_status={"ok": True, "units": [WAITING]},
        accept={"ok": True, "id": "2024-6-thang_pbgdpl", "version": 2, "sequence": 5},
        **{"return": {"ok": True, "id": "2024-6-thang_pbgdpl", "version": 2, "sequence": 5}},
    )
    at = page("review", OFFICE).run()
    at.button(key="accept_2024-6-thang_pbgdpl").click().run()
    assert successes(at) == [T.ACCEPTED_DONE.format(unit="Phòng PBGDPL")]
    keyed(at, "text_area", "review_comment_").set_value("Bổ sung số liệu.")
    at.button(key="return_2024-6-thang_pbgdpl").click().run()
    assert successes(at) == [T.RETURNED_DONE.format(unit="Phòng PBGDPL")]
    assert T.DONE not in successes(at)


def test_the_account_form_states_its_rules_and_a_creation_names_the_account(services):
    services(create={"ok": True, "id": "canbo-moi", "version": 1, "sequence": 7})
    at = page("accounts", ADMIN).run()
    assert at.text_input(key="new_password").help == T.PASSWORD_RULE == "Từ 8 đến 128 ký tự."
    assert "hoa@stp.example.gov.vn" in at.text_input(key="new_email").help
    at.text_input(key="new_user_id").set_value("canbo-moi")
    at.text_input(key="new_name").set_value("Cán bộ mới")
    at.text_input(key="new_password").set_value("mat-khau-du-dai")
    at.button(key="account_create").click().run()
    assert successes(at) == [T.ACCOUNT_CREATED.format(user_id="canbo-moi")]


def test_a_compilation_is_confirmed_with_the_periods_name_not_its_id(services):
    services(compile={"ok": True, "files": [], "sequence": 9})
    at = page("documents", OFFICE).run()
    at.button(key="compile").click().run()
    assert successes(at) == [T.COMPILED.format(period="Báo cáo 6 tháng")]
    assert "2024-6-thang" not in successes(at)[0]


def test_no_report_sent_yet_reads_as_no_rate_not_zero_percent(services):
    nothing = {**REPORT_STATUS, "submitted": 0, "on_time": 0, "timeliness_rate": 0.0}
    services(report_status=nothing)
    at = page("overview", OFFICE).run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[T.TIMELINESS] == "—"
    assert metrics[T.COMPLETENESS] == "0,0%"  # 0 of 11 is a rate: none of them sent
    assert T.NOTHING_SUBMITTED in [c.value for c in at.caption]


def test_accounts_show_unit_names_and_the_administrator_sets_a_new_password(services):
    fake = services(password={"ok": True, "id": "canbo.pbgdpl", "version": 2, "sequence": 8})
    at = page("accounts", ADMIN).run()
    assert at.dataframe[0].value[T.UNIT].tolist() == ["Phòng PBGDPL"]  # the name, not "pbgdpl"
    assert at.selectbox(key="password_user").format_func("canbo.pbgdpl") == (
        "Cán bộ PBGDPL (canbo.pbgdpl)"
    )
    at.selectbox(key="password_user").set_value("canbo.pbgdpl")
    at.text_input(key="password_new").set_value("mat-khau-moi-dai")
    at.button(key="account_password").click().run()
    assert fake.commands() == [
        (
            "planpulse.cmd.account.password",
            {"user_id": "canbo.pbgdpl", "password": "mat-khau-moi-dai"},
        )
    ]
    assert successes(at) == [T.PASSWORD_SET.format(user_id="canbo.pbgdpl")]
    assert at.text_input(key="password_new").value == ""
