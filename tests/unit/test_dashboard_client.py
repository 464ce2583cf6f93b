"""The dashboard's request helper, its formats and the command its form makes, without NATS."""

import time
from datetime import date

import pytest

from dashboard import client
from dashboard import format as fmt
from dashboard import texts_vi as T
from dashboard.views.activity_form import payload
from shared.natsserver import free_port


def test_commands_and_queries_go_to_their_subjects_as_given(monkeypatch):
    sent = []
    monkeypatch.setattr(
        client, "send", lambda subject, body: sent.append((subject, body)) or {"ok": True}
    )
    assert client.command("activity.withdraw", {"activity_id": "a1"}) == {"ok": True}
    assert client.query("progress") == {"ok": True}
    client.query("activities", {"page_size": 10})
    assert sent == [
        ("planpulse.cmd.activity.withdraw", {"activity_id": "a1"}),
        ("planpulse.query.progress", {}),
        ("planpulse.query.activities", {"page_size": 10}),
    ]


def test_an_unreachable_nats_is_a_vietnamese_service_unavailable_soon_and_close_stops_the_loop():
    connection = client.Connection(f"nats://127.0.0.1:{free_port()}", timeout=5.0)
    try:
        for _ in range(2):  # the second attempt finds the first connect still retrying
            started = time.perf_counter()
            with pytest.raises(client.ServiceUnavailable) as raised:
                connection.request("planpulse.query.progress", {})
            assert str(raised.value) == T.OFFLINE
            assert time.perf_counter() - started < client.CONNECT_WAIT_SECONDS + 1.0
    finally:
        connection.close()
    assert not connection.thread.is_alive() and connection.loop.is_closed()


def test_numbers_and_dates_read_the_vietnamese_way():
    assert [fmt.number(n) for n in (0, 999, 1000, 1234567, None)] == [
        "0",
        "999",
        "1.000",
        "1.234.567",
        "",
    ]
    assert fmt.day("2024-03-08") == fmt.day(date(2024, 3, 8)) == "08/03/2024"
    assert fmt.span("2024-11-15", "2024-12-15") == "15/11/2024 – 15/12/2024"
    assert fmt.span("2024-03-08", "2024-03-08") == "08/03/2024"


def test_a_plans_window_is_its_own_or_the_annual_reporting_period():
    assert fmt.plan_window({"year": 2024}) == (date(2023, 12, 15), date(2024, 12, 14))
    given = {"year": 2025, "starts_on": "2025-01-01", "ends_on": "2025-12-31"}
    assert fmt.plan_window(given) == (date(2025, 1, 1), date(2025, 12, 31))
    start, end = date(2023, 12, 15), date(2024, 12, 14)
    assert fmt.clamp(date(2026, 11, 27), start, end) == end
    assert fmt.clamp(date(2024, 6, 1), start, end) == date(2024, 6, 1)


def test_the_form_leaves_empty_optional_fields_out_and_keeps_a_given_total():
    entered = {
        "unit_id": "pbgdpl",
        "task_id": None,
        "occasion_id": None,
        "date": date(2024, 6, 28),
        "title": " Tọa đàm ",
        "form": "conference",
        "audience": "  ",
        "men": 3,
        "women": 4,
        "total": 9,
        "materials": None,
        "evidence_url": "",
        "note": None,
    }
    assert payload(entered) == {
        "unit_id": "pbgdpl",
        "date": "2024-06-28",
        "title": "Tọa đàm",
        "form": "conference",
        "participants": {"men": 3, "women": 4, "total": 9},
        "materials": 0,
    }


def test_every_request_carries_the_sessions_token_and_a_refused_token_ends_the_session(
    monkeypatch,
):
    monkeypatch.setattr(client.session, "token", lambda: "abc.def")
    assert client.headers() == {"Authorization": "Bearer abc.def"}
    monkeypatch.setattr(client.session, "token", lambda: None)
    assert client.headers() == {}  # signing in: no token yet

    refusal = {"ok": False, "error": {"code": "unauthenticated", "message": "Hết hạn."}}
    monkeypatch.setattr(client, "send", lambda subject, body: refusal)
    ended = []
    monkeypatch.setattr(client.session, "end", ended.append)
    with pytest.raises(client.SessionExpired) as raised:
        client.query("progress")
    assert str(raised.value) == T.SESSION_EXPIRED
    assert ended == [T.SESSION_EXPIRED]
    forbidden = {"ok": False, "error": {"code": "forbidden", "message": "Không được phép."}}
    monkeypatch.setattr(client, "send", lambda subject, body: forbidden)
    assert client.command("report.accept", {"report_id": "r"}) == forbidden  # the page says so
