"""Identity and access against the system as `make up` starts it: who may do what, enforced by
the services and by NATS; no password anywhere it should not be."""

import base64
import json
import time
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from nats.aio.client import Client

from shared.actor import Actor, bearer
from shared.bus import request
from shared.subjects import STREAM
from shared.tokens import issue
from tests.conftest import eventually
from tests.e2e.system import DEMO_PASSWORD, System, sign_in

pytestmark = pytest.mark.timeout(180)
SUBMISSION = {"period_id": "2024-6-thang", "unit_id": "tgpl", "results": "Đã thực hiện."}


async def count(nc: Client) -> int:
    return (await nc.jetstream().stream_info(STREAM)).state.messages


def tampered(token: str) -> str:
    """The same token with its claims changed to another unit: the signature no longer fits."""
    header, claims, signature = token.split(".")
    data = json.loads(base64.urlsafe_b64decode(claims + "=" * (-len(claims) % 4)))
    data["unit"] = "tgpl"
    forged = base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()
    return f"{header}.{forged}.{signature}"


async def refusals(nc: Client, system: System, activity: dict[str, Any]) -> dict[str, str]:
    officer = await sign_in(nc, "canbo-pbgdpl")
    token = officer["Authorization"].removeprefix("Bearer ")
    expired, _ = issue(
        system.key(),
        Actor(user_id="canbo-pbgdpl", unit_id="pbgdpl", role="unit_officer"),
        "old",
        -60,
    )
    attempts = {
        "log for another unit": ("activity.log", {**activity, "unit_id": "tgpl"}, officer),
        "submit another unit's report": ("report.submit", SUBMISSION, officer),
        "accept a report": ("report.accept", {"report_id": "2024-6-thang_tgpl"}, officer),
        "no token": ("activity.log", activity, {}),
        "expired token": ("activity.log", activity, bearer(expired)),
        "tampered token": (
            "activity.log",
            {**activity, "unit_id": "tgpl"},
            bearer(tampered(token)),
        ),
        "leadership logs": ("activity.log", activity, await sign_in(nc, "lanhdao")),
    }
    codes = {}
    for case, (verb, body, headers) in attempts.items():
        reply = await request(nc, f"planpulse.cmd.{verb}", body, headers=headers)
        assert reply["ok"] is False and reply["error"]["message"], case
        codes[case] = reply["error"]["code"]
    return codes


async def test_the_services_refuse_what_a_role_may_not_do_and_append_nothing(
    system: System, activity: dict[str, Any]
):
    system.up()
    printed = "".join(system.printed)
    assert all(name in printed for name in ("quantri", "vanphong", "lanhdao", "canbo-cc3"))
    nc = await system.connect("dashboard")  # what the browser's session goes through
    operator = await system.connect("operator")  # to look at the stream
    try:
        before = await count(operator)
        assert await refusals(nc, system, activity) == {
            "log for another unit": "forbidden",
            "submit another unit's report": "forbidden",
            "accept a report": "forbidden",
            "no token": "unauthenticated",
            "expired token": "unauthenticated",
            "tampered token": "unauthenticated",
            "leadership logs": "forbidden",
        }
        query = await request(nc, "planpulse.query.progress", {})
        assert query["error"]["code"] == "unauthenticated"
        assert await count(operator) == before
        await a_stranger_learns_nothing_of_another_units_activity(nc, activity)
        await only_campaigns_signs_and_tokens_are_bounded(nc, system)
        await sign_in_is_rate_limited(nc)
        await a_disabled_account_stops_at_once(nc)
        await a_signed_out_session_stops_at_once(nc)
        await the_audit_shows_three_actors(nc, activity)
        await accounts_from_the_command_line(nc, system)
    finally:
        await nc.close()
        await operator.close()
    system.down()
    assert_no_password_anywhere(system)


async def a_stranger_learns_nothing_of_another_units_activity(
    nc: Client, activity: dict[str, Any]
) -> None:
    """`correct` or `withdraw` of another unit's activity, with or without a version, answers
    as for an activity that does not exist: not its existence, not its version."""
    owner = await sign_in(nc, "canbo-pbgdpl")
    logged = await request(nc, "planpulse.cmd.activity.log", activity, headers=owner)
    assert logged["ok"], logged
    stranger = await sign_in(nc, "canbo-tgpl")
    answers = set()
    for activity_id in (logged["id"], "khong-co-hoat-dong-nay"):
        for verb, body in (
            ("correct", {"note": "x", "expected_version": 99}),
            ("correct", {"note": "x", "expected_version": 1}),
            ("correct", {"note": "x"}),
            ("withdraw", {"expected_version": 2}),
        ):
            body = {**body, "activity_id": activity_id}
            reply = await request(nc, f"planpulse.cmd.activity.{verb}", body, headers=stranger)
            error = reply["error"]
            answers.add((error["code"], error["message"].replace(activity_id, "…")))
    assert answers == {
        ("forbidden", "Không có hoạt động «…» trong các hoạt động của phòng, đơn vị bạn.")
    }


async def only_campaigns_signs_and_tokens_are_bounded(nc: Client, system: System) -> None:
    """Tokens every service refuses, although some are signed with the real key: no session,
    a year long; and signed otherwise: the old shared-secret kind, a key of its own, none."""
    now = int(time.time())
    admin = {"iss": "planpulse", "sub": "quantri", "role": "admin", "iat": now, "exp": now + 60}
    key = system.key()
    forged = {
        "no session": jwt.encode(admin, key, algorithm="EdDSA"),
        "a year long": jwt.encode(
            {**admin, "sid": "s", "exp": now + 365 * 86400}, key, algorithm="EdDSA"
        ),
        "shared secret": jwt.encode({**admin, "sid": "s"}, b"k" * 32, algorithm="HS256"),
        "another key": jwt.encode(
            {**admin, "sid": "s"}, Ed25519PrivateKey.generate(), algorithm="EdDSA"
        ),
        "unsigned": jwt.encode({**admin, "sid": "s"}, None, algorithm="none"),
    }
    asks = {  # one request to each service
        "campaigns": ("planpulse.query.accounts", {}),
        "reporting": ("planpulse.query.audit", {"kind": "account", "id": "quantri"}),
        "notifications": ("planpulse.query.notifications.failed", {}),
    }
    for case, token in forged.items():
        for service, (subject, body) in asks.items():
            reply = await request(nc, subject, body, headers=bearer(token))
            assert reply["error"]["code"] == "unauthenticated", (case, service, reply)
    fair = jwt.encode({**admin, "sid": "s"}, key, algorithm="EdDSA")  # the control
    assert all([(await request(nc, s, b, headers=bearer(fair)))["ok"] for s, b in asks.values()])


async def sign_in_is_rate_limited(nc: Client) -> None:
    async def attempt(password: str) -> str:
        body = {"user_id": "canbo-cc1", "password": password}
        reply = await request(nc, "planpulse.cmd.session.open", body)
        return "ok" if reply["ok"] else reply["error"]["code"]

    wrong = [await attempt(f"sai-{n}") for n in range(5)]
    assert wrong == ["invalid_credentials"] * 5
    # the right password now waits too: the account is blocked for the window
    assert await attempt(DEMO_PASSWORD) == "too_many_attempts"
    unknown = await request(nc, "planpulse.cmd.session.open", {"user_id": "x.*", "password": "p"})
    assert unknown["error"]["code"] == "invalid_credentials"


async def a_disabled_account_stops_at_once(nc: Client) -> None:
    admin = await sign_in(nc, "quantri")
    create = {
        "user_id": "canbo2-hctp",
        "name": "Cán bộ 2",
        "role": "unit_officer",
        "unit_id": "hctp",
        "password": "mat-khau-moi-2024",
    }
    assert (await request(nc, "planpulse.cmd.account.create", create, headers=admin))["ok"]
    user = await sign_in(nc, "canbo2-hctp", "mat-khau-moi-2024")
    body = {"period_id": "2024-6-thang", "unit_id": "hctp"}
    draft = await request(nc, "planpulse.query.report_draft", body, headers=user)
    assert draft["ok"], draft
    disabled = await request(
        nc, "planpulse.cmd.account.disable", {"user_id": "canbo2-hctp"}, headers=admin
    )
    assert disabled["ok"], disabled
    # the very next command on the same token is refused
    logged = await request(nc, "planpulse.cmd.activity.log", {"unit_id": "hctp"}, headers=user)
    assert logged["error"]["code"] == "unauthenticated"

    async def query_refused() -> bool:  # the reporting service follows within moments
        reply = await request(nc, "planpulse.query.report_draft", body, headers=user)
        return reply.get("error", {}).get("code") == "unauthenticated"

    waited = await eventually(query_refused, timeout=2, every=0.01)
    print(f"reporting refused the disabled account's token {waited * 1000:.0f} ms later")
    again = await request(
        nc,
        "planpulse.cmd.session.open",
        {"user_id": "canbo2-hctp", "password": "mat-khau-moi-2024"},
    )
    assert again["error"]["code"] == "account_disabled"


async def a_signed_out_session_stops_at_once(nc: Client) -> None:
    kept = await sign_in(nc, "canbo-tgpl")
    leaving = await sign_in(nc, "canbo-tgpl")
    closed = await request(nc, "planpulse.cmd.session.close", {}, headers=leaving)
    assert closed["ok"], closed
    body = {"period_id": "2024-6-thang", "unit_id": "tgpl"}
    after = await request(nc, "planpulse.cmd.report.submit", body, headers=leaving)
    assert after["error"]["code"] == "unauthenticated"

    async def query_refused() -> bool:
        reply = await request(nc, "planpulse.query.report_draft", body, headers=leaving)
        return reply.get("error", {}).get("code") == "unauthenticated"

    await eventually(query_refused, timeout=2, every=0.01)
    # the same officer's other session goes on
    draft = await request(nc, "planpulse.query.report_draft", body, headers=kept)
    assert draft["ok"], draft


async def the_audit_shows_three_actors(nc: Client, activity: dict[str, Any]) -> None:
    admin = await sign_in(nc, "quantri")
    people = ["canbo-pbgdpl"]
    for n in (2, 3):
        create = {
            "user_id": f"canbo{n}-pbgdpl",
            "name": f"Cán bộ {n}",
            "role": "unit_officer",
            "unit_id": "pbgdpl",
            "password": f"mat-khau-{n}-2024",
        }
        assert (await request(nc, "planpulse.cmd.account.create", create, headers=admin))["ok"]
        people.append(create["user_id"])
    first = await sign_in(nc, "canbo-pbgdpl")
    second = await sign_in(nc, "canbo2-pbgdpl", "mat-khau-2-2024")
    third = await sign_in(nc, "canbo3-pbgdpl", "mat-khau-3-2024")
    logged = await request(nc, "planpulse.cmd.activity.log", activity, headers=first)
    changes = {"activity_id": logged["id"], "note": "Bổ sung"}
    assert (await request(nc, "planpulse.cmd.activity.correct", changes, headers=second))["ok"]
    withdraw = {"activity_id": logged["id"], "reason": "Nhập trùng"}
    assert (await request(nc, "planpulse.cmd.activity.withdraw", withdraw, headers=third))["ok"]
    office = await sign_in(nc, "vanphong")
    trail = await request(
        nc, "planpulse.query.audit", {"kind": "activity", "id": logged["id"]}, headers=office
    )
    assert [(e["type"], e["actor"]) for e in trail["events"]] == [
        ("planpulse.activity.logged.v1", "canbo-pbgdpl@pbgdpl"),
        ("planpulse.activity.corrected.v1", "canbo2-pbgdpl@pbgdpl"),
        ("planpulse.activity.withdrawn.v1", "canbo3-pbgdpl@pbgdpl"),
    ]
    times = [e["time"] for e in trail["events"]]
    assert times == sorted(times)
    for event in trail["events"]:
        print(f"audit: {event['time']} {event['actor']} {event['type']}")
    account = await request(
        nc, "planpulse.query.audit", {"kind": "account", "id": "canbo2-hctp"}, headers=office
    )
    assert [(e["type"], e["actor"]) for e in account["events"]] == [
        ("planpulse.account.created.v1", "quantri"),
        ("planpulse.account.disabled.v1", "quantri"),
    ]
    stranger = await sign_in(nc, "canbo-tgpl")
    peek = await request(
        nc, "planpulse.query.audit", {"kind": "activity", "id": logged["id"]}, headers=stranger
    )
    assert peek["error"]["code"] == "forbidden"


async def accounts_from_the_command_line(nc: Client, system: System) -> None:
    made = system.planpulse(
        "users", "create", "canbo9-btp", "--name", "Cán bộ 9", "--role", "unit_officer",
        "--unit", "btp", "--password-stdin", stdin="mat-khau-cli-2024\n",
    )  # fmt: skip
    assert made.returncode == 0, made.stdout + made.stderr
    await sign_in(nc, "canbo9-btp", "mat-khau-cli-2024")
    assert system.planpulse("users", "disable", "canbo9-btp").returncode == 0
    listed = system.planpulse("users", "list").stdout
    [line] = [row for row in listed.splitlines() if row.startswith("canbo9-btp")]
    assert "btp" in line and "đã vô hiệu hóa" in line
    twice = system.planpulse("users", "disable", "canbo9-btp")
    assert twice.returncode == 1 and "vô hiệu hóa" in twice.stdout


def assert_no_password_anywhere(system: System) -> None:
    """The stream's files, the logs, the databases, the secrets: every byte under var/."""
    passwords = [DEMO_PASSWORD, "mat-khau-moi-2024", "mat-khau-2-2024", "mat-khau-3-2024",
                 "mat-khau-cli-2024"]  # fmt: skip
    files = [p for p in system.data_dir.rglob("*") if p.is_file()]
    assert any(p.suffix == ".db" for p in files) and any("logs" in p.parts for p in files)
    assert any("jetstream" in p.parts or "nats" in p.parts for p in files)
    found = [
        (str(p), pw)
        for p in files
        for pw in passwords
        if pw.encode() in p.read_bytes() or pw.encode("utf-16-le") in p.read_bytes()
    ]
    print(f"searched {len(files)} files under var/ for {len(passwords)} passwords")
    assert found == []
