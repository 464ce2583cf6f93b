"""The dashboard's services, faked: canned replies by subject, sessions of each role, and the
helpers that find what a page drew. Shared by the dashboard's AppTest tests."""

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import client
from shared.vocabulary import ACTIVITY_FORMS

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
TIMEOUT = 30  # the first run imports pandas and altair

CATALOG = {
    "ok": True,
    "plans": [{"plan_id": "kh-2024", "year": 2024, "title": "Kế hoạch truyền thông năm 2024"}],
    "tasks": [
        {"plan_id": "kh-2024", "task_id": "1", "short_title": "Phổ biến pháp luật", "title": "…"},
        {"plan_id": "kh-2024", "task_id": "5", "short_title": "Ngày kỷ niệm", "title": "…"},
    ],
    "units": [
        {"unit_id": "van-phong", "name": "Văn phòng Sở", "short_name": "VP", "is_office": True},
        {"unit_id": "pbgdpl", "name": "Phòng PBGDPL", "short_name": "PBGDPL", "is_office": False},
    ],
    "occasions": [
        {
            "occasion_id": "2024-quoc-te-phu-nu",
            "plan_id": "kh-2024",
            "name": "Ngày Quốc tế Phụ nữ",
            "kind": "day",
            "starts_on": "2024-03-08",
            "ends_on": "2024-03-08",
            "task_ids": ["5"],
        },
    ],
    "forms": ACTIVITY_FORMS,
    "periods": [
        {
            "period_id": "2024-6-thang",
            "plan_id": "kh-2024",
            "name": "Báo cáo 6 tháng",
            "kind": "six_months",
            "starts_on": "2023-12-15",
            "ends_on": "2024-06-14",
            "due_on": "2099-06-20",
        }
    ],
}
COUNTS = {"activities": 1234, "men": 5000, "women": 7345, "participants": 12345, "materials": 250}
PROGRESS = {
    "ok": True,
    "position": 42,
    "plan_id": "kh-2024",
    "totals": COUNTS,
    "by_task": [{"task_id": "5", "short_title": "Ngày kỷ niệm", **COUNTS}],
    "by_unit": [{"unit_id": "pbgdpl", "name": "Phòng PBGDPL", "short_name": "PBGDPL", **COUNTS}],
    "by_occasion": [
        {
            "occasion_id": "2024-quoc-te-phu-nu",
            "name": "Ngày Quốc tế Phụ nữ",
            "kind": "day",
            "starts_on": "2024-03-08",
            "ends_on": "2024-03-08",
            **COUNTS,
        },
    ],
}
LATEST = {
    "ok": True,
    "total": 1,
    "items": [
        {
            "activity_id": "a1",
            "date": "2024-03-08",
            "title": "Hội nghị nhân ngày 8/3",
            "unit_id": "pbgdpl",
            "task_id": "5",
            "participants": {"men": 12, "women": 30, "total": 42},
            "materials": 50,
            "note": "",
            "form": "conference",
            "withdrawn": False,
            "version": 2,
            "logged_at": "2024-03-08T02:00:00+00:00",
        },
    ],
}


CALENDAR = {
    "ok": True,
    "today": "2024-06-18",
    "under_way": [
        {
            "occasion_id": "2024-thang-6",
            "name": "Tháng hành động tháng 6",
            "starts_on": "2024-06-01",
            "ends_on": "2024-06-30",
            "days": -17,
        }
    ],
    "next_occasion": {
        "occasion_id": "2024-gia-dinh",
        "name": "Ngày Gia đình Việt Nam",
        "starts_on": "2024-06-28",
        "ends_on": "2024-06-28",
        "days": 10,
    },
    "next_deadline": {
        "period_id": "2024-6-thang",
        "name": "Báo cáo 6 tháng",
        "due_on": "2024-06-20",
        "days": 2,
    },
    "current_period_id": "2024-6-thang",
}
REPORT_STATUS = {
    "ok": True,
    "period": {"period_id": "2024-6-thang", "name": "Báo cáo 6 tháng"},
    "expected": 11,
    "submitted": 4,
    "on_time": 3,
    "completeness_rate": 4 / 11,
    "timeliness_rate": 0.75,
    "units": [
        {
            "unit_id": "pbgdpl",
            "name": "Phòng PBGDPL",
            "status_vi": "Đã gửi, chờ xem xét",
            "first_submitted_on": "2024-06-18",
            "on_time": True,
            "activities": 3,
        }
    ],
}
COVERAGE = {
    "ok": True,
    "units": [{"unit_id": "pbgdpl", "short_name": "PBGDPL"}],
    "occasions": [{"occasion_id": "2024-quoc-te-phu-nu", "name": "Ngày Quốc tế Phụ nữ"}],
    "cells": [{"unit_id": "pbgdpl", "occasion_id": "2024-quoc-te-phu-nu", "activities": 2}],
}


WAITING = {  # a unit report in the Office's review queue
    "unit_id": "pbgdpl",
    "name": "Phòng PBGDPL",
    "status": "submitted",
    "submitted_on": "2024-06-18",
    "revision": 1,
    "report_id": "2024-6-thang_pbgdpl",
}
INBOX = {
    "ok": True,
    "unread": 1,
    "items": [
        {
            "id": "n1",
            "day": "2024-06-18",
            "title": "Sắp đến hạn gửi báo cáo 6 tháng",
            "body": "Hạn gửi báo cáo 6 tháng là 20/06/2024.",
            "created_at": "2024-06-18T01:00:00+00:00",
            "read": False,
        }
    ],
}
REPORT_DRAFT = {
    "ok": True,
    "period": {"period_id": "2024-6-thang", "name": "Báo cáo 6 tháng", "due_on": "2024-06-20"},
    "unit_id": "pbgdpl",
    "totals": COUNTS,
    "by_task": [{"task_id": "5", "short_title": "Ngày kỷ niệm", **COUNTS}],
    "by_occasion": [],
    "by_form": {"conference": 3},
    "articles": 0,
    "legal_aid": 0,
    "report": {
        "report_id": "2024-6-thang_pbgdpl",
        "status": "returned",
        "revision": 1,
        "results": "Tổ chức 3 hội nghị.",
        "difficulties": "",
        "proposals": "",
        "review_comment": "Bổ sung số liệu tháng 6.",
    },
}
AUDIT = {
    "ok": True,
    "kind": "activity",
    "id": "a1",
    "events": [
        {
            "sequence": 7,
            "type": "planpulse.activity.logged.v1",
            "time": "2024-03-08T02:00:00+00:00",
            "actor": "canbo.pbgdpl@pbgdpl",
            "event_id": "e1",
            "data": {"activity_id": "a1", "unit_id": "pbgdpl", "title": "Hội nghị nhân ngày 8/3"},
        },
        {
            "sequence": 9,
            "type": "planpulse.activity.corrected.v1",
            "time": "2024-03-09T03:30:00+00:00",
            "actor": "canbo.pbgdpl@pbgdpl",
            "event_id": "e2",
            "data": {
                "activity_id": "a1",
                "changes": {"participants": {"men": 12, "women": 31, "total": 43}},
                "reason": "Sai số người",
            },
        },
    ],
}
CONSOLIDATED = {
    "ok": True,
    "bucket": "PLANPULSE_REPORTS",
    "compiled": [
        {
            "period_id": "2024-6-thang",
            "sequence": 9,
            "compiled_at": "2024-06-25T03:00:00+00:00",
            "report_ids": ["2024-6-thang_pbgdpl"],
            "figures": {"activities": 1234},
            "files": [
                {"name": "bao-cao.docx", "sha256": "a" * 64, "size": 4, "object": "a/bao-cao.docx"},
                {"name": "bao-cao.xlsx", "sha256": "b" * 64, "size": 4, "object": "b/bao-cao.xlsx"},
            ],
        }
    ],
}
FAILED = {
    "ok": True,
    "items": [
        {
            "id": "f1",
            "recipient": "pbgdpl",
            "channel": "smtp",
            "day": "2024-06-18",
            "attempts": 5,
            "error": "Connection refused",
            "failed_at": "2024-06-18T02:00:00+00:00",
            "subjects": ["planpulse.events.report.x"],
        }
    ],
}
ACCOUNTS = {
    "ok": True,
    "accounts": [
        {
            "user_id": "canbo.pbgdpl",
            "name": "Cán bộ PBGDPL",
            "role": "unit_officer",
            "unit_id": "pbgdpl",
            "email": None,
            "disabled": False,
        }
    ],
}
UNIT_OFFICER = {
    "token": "t-canbo",
    "expires_at": "2099-01-01T00:00:00Z",
    "account": {
        "user_id": "canbo.pbgdpl",
        "name": "Cán bộ PBGDPL",
        "role": "unit_officer",
        "unit_id": "pbgdpl",
        "email": None,
    },
    "unit_name": "Phòng PBGDPL",
}


def signed_in(role: str, user_id: str, unit_id: str | None, name: str) -> dict[str, Any]:
    account = {"user_id": user_id, "name": name, "role": role, "unit_id": unit_id, "email": None}
    return {"token": f"t-{user_id}", "expires_at": "2099-01-01T00:00:00Z", "account": account}


OFFICE = signed_in("office", "vanphong", "van-phong", "Văn phòng Sở")
LEADERSHIP = signed_in("leadership", "lanhdao", None, "Lãnh đạo Sở")
ADMIN = signed_in("admin", "quantri", None, "Quản trị hệ thống")
EXPIRED = {**UNIT_OFFICER, "expires_at": "2020-01-01T00:00:00Z"}


def app(session: dict[str, Any] | None = UNIT_OFFICER) -> AppTest:
    """The whole app, signed in (as the unit officer by default) before its first run."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    if session is not None:
        at.session_state["session"] = session
    return at


Reply = dict[str, Any] | Exception | Callable[[dict[str, Any]], dict[str, Any]]


def page(module: str, session: dict[str, Any] = UNIT_OFFICER) -> AppTest:
    """One page of the dashboard on its own, signed in with `session`."""
    at = AppTest.from_string(
        f"from dashboard.views import {module}\n{module}.render()", default_timeout=TIMEOUT
    )
    at.session_state["session"] = session
    return at


def keyed(at: AppTest, kind: str, prefix: str) -> Any:
    """The first widget of `kind` whose key starts with `prefix` (keys carry ids, versions)."""
    return next(w for w in getattr(at, kind) if str(w.key).startswith(prefix))


TARGETS = {
    "ok": True,
    "targets": [
        {
            "task_id": "2",
            "count": 2,
            "what": "tin, bài",
            "per_vi": "quý",
            "windows": [{"window": "quý II/2024", "done": 3, "current": True}],
        }
    ],
}


class FakeServices:
    """Stands in for client.send: canned replies by subject (or a function of the request, for
    services whose answers change), every request recorded."""

    def __init__(self, **replies: Reply) -> None:
        self.replies = {
            "catalog": CATALOG,
            "progress": PROGRESS,
            "activities": LATEST,
            "calendar": CALENDAR,
            "report_status": REPORT_STATUS,
            "coverage": COVERAGE,
            "inbox": INBOX,
            "report_draft": REPORT_DRAFT,
            "audit": AUDIT,
            "latest_events": {"ok": True, "events": AUDIT["events"][::-1]},
            "consolidated": CONSOLIDATED,
            "consolidated_file": {"ok": True, "content_base64": "UEsDBA=="},
            "failed": FAILED,
            "dead_letters": {"ok": True, "items": []},
            "accounts": ACCOUNTS,
            "targets": TARGETS,
            "mark_read": {"ok": True, "marked": 1},
            "close": {"ok": True},
            **replies,
        }
        self.sent: list[tuple[str, dict[str, Any]]] = []

    def __call__(self, subject: str, payload: dict[str, Any]) -> dict[str, Any]:
        self.sent.append((subject, json.loads(json.dumps(payload))))  # what goes on the wire
        reply = self.replies[subject.rsplit(".", 1)[-1]]
        if isinstance(reply, Exception):
            raise reply
        return reply(payload) if callable(reply) else reply

    def asked(self, name: str) -> list[dict[str, Any]]:
        """The payloads of every `name` query, in order."""
        return [p for s, p in self.sent if s == f"planpulse.query.{name}"]

    def commands(self) -> list[tuple[str, dict[str, Any]]]:
        return [(s, p) for s, p in self.sent if s.startswith("planpulse.cmd.")]


def services_installer(monkeypatch: pytest.MonkeyPatch) -> Callable[..., FakeServices]:
    """`services(**replies)` replaces client.send with a fake answering those (and the rest)."""

    def install(**replies: Reply) -> FakeServices:
        fake = FakeServices(**replies)
        monkeypatch.setattr(client, "send", fake)
        return fake

    return install


def flat(node: Any) -> list[Any]:
    """The page's elements in the order they are drawn."""
    out = []
    for child in getattr(node, "children", {}).values():
        out += [child, *flat(child)]
    return out


def right_after(at: AppTest, key: str) -> Any:
    elements = flat(at.main)
    index = next(i for i, e in enumerate(elements) if getattr(e, "key", None) == key)
    return elements[index + 1]
