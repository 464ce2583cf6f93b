"""The campaigns service's table and command pipeline on the in-memory event store: the edge
(token, role, body), optimistic locking with retry, and the `busy` refusal. No broker."""

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from services.campaigns.app import Runtime, signing_in, table
from services.campaigns.identity.credentials import Credentials
from services.campaigns.plan import load_catalog, publish_once, read_plan_file
from shared.actor import Actor, bearer
from shared.auth import AccountWatch, Authenticator
from shared.endpoints import Endpoint, respond
from shared.envelope import Envelope, new_envelope
from shared.events import ActivityCorrected, encode
from shared.eventstore import ConcurrencyConflict
from shared.memstore import InMemoryEventStore
from shared.settings import Settings
from shared.tokens import issue

KEY = Ed25519PrivateKey.generate()  # the campaigns service's signing key
OFFICER = Actor(user_id="canbo-tgpl", unit_id="tgpl", role="unit_officer", session_id="s1")
LEADER = Actor(user_id="lanhdao", role="leadership", session_id="s2")
LOG = "planpulse.cmd.activity.log"
ACTIVITY = {
    "unit_id": "tgpl",
    "task_id": "3",
    "date": "2024-11-25",
    "title": "Tư vấn trợ giúp pháp lý",
    "form": "legal_aid",
    "participants": {"men": 4, "women": 11},
}


class FixedClock:
    def now(self) -> datetime:
        return datetime(2024, 12, 1, 3, 0, tzinfo=UTC)

    def today(self) -> date:
        return date(2024, 12, 1)


class Racing(InMemoryEventStore):
    """Another writer corrects the same activity just before each of the next `races`
    appends of ours."""

    def __init__(self, races: int) -> None:
        super().__init__()
        self.races = races

    async def append(self, subject: str, events: list[Envelope], expected_sequence: int) -> int:
        if self.races and subject.startswith("planpulse.events.activity."):
            self.races -= 1
            rival = ActivityCorrected(
                activity_id=subject.rsplit(".", 1)[1], changes={"note": f"khác {self.races}"}
            )
            envelope = encode(rival, source="rival", actor="rival")
            await super().append(subject, [envelope], await self._last_of(subject))
        return await super().append(subject, events, expected_sequence)

    async def _last_of(self, subject: str) -> int:
        stored = await self.load(subject)
        return stored[-1].sequence if stored else 0


class Service:
    """The campaigns table over an in-memory store, asked as the broker would ask it."""

    def __init__(self, store: InMemoryEventStore, tmp: Path) -> None:
        self.store = store
        settings = Settings(data_dir=tmp)
        self.runtime = Runtime(clock=FixedClock())
        self.runtime.repository.open(store)
        self.auth = Authenticator(KEY.public_key, AccountWatch(), 24 * 3600)
        credentials = Credentials(f"sqlite:///{tmp / 'accounts.db'}")
        sign_in = signing_in(settings, self.runtime, self.auth, credentials)
        served = table(self.runtime, self.auth, credentials, sign_in)
        self.table = {e.subject: e for e in served}

    async def start(self) -> "Service":
        await publish_once(self.runtime.repository, read_plan_file())
        self.runtime.catalog = await load_catalog(self.runtime.repository)
        return self

    async def ask(self, subject: str, body: Any, actor: Actor | None = OFFICER) -> dict[str, Any]:
        headers = bearer(issue(KEY, actor, actor.session_id or "s", 600)[0]) if actor else {}
        raw = body if isinstance(body, bytes) else json.dumps(body).encode()
        endpoint: Endpoint = self.table[subject]
        return await respond(endpoint, (raw, headers), self.auth, {"title": "Tên hoạt động"})


@pytest.fixture
async def service(tmp_path: Path) -> Service:
    return await Service(InMemoryEventStore(), tmp_path).start()


async def test_a_logged_activity_is_appended_once_with_its_sequence(service: Service) -> None:
    before = await service.store.last_sequence()
    reply = await service.ask(LOG, ACTIVITY)
    assert reply["ok"], reply
    assert reply["version"] == 1
    assert reply["sequence"] == before + 1 == await service.store.last_sequence()
    [stored] = await service.store.load(f"planpulse.events.activity.{reply['id']}")
    assert stored.envelope.type == "planpulse.activity.logged.v1"
    assert stored.envelope.actor == "canbo-tgpl@tgpl"


async def test_no_token_and_a_forged_token_are_refused_before_anything_is_read(
    service: Service,
) -> None:
    before = await service.store.last_sequence()
    anonymous = await service.ask(LOG, ACTIVITY, actor=None)
    assert anonymous["error"]["code"] == "unauthenticated"
    endpoint = service.table[LOG]
    forged = issue(Ed25519PrivateKey.generate(), OFFICER, "s1", 600)[0]
    reply = await respond(
        endpoint, (json.dumps(ACTIVITY).encode(), bearer(forged)), service.auth, {}
    )
    assert reply["error"]["code"] == "unauthenticated"
    assert await service.store.last_sequence() == before


async def test_a_role_not_in_the_table_is_refused_with_the_tables_words(service: Service) -> None:
    reply = await service.ask(LOG, ACTIVITY, actor=LEADER)
    assert reply["error"]["code"] == "forbidden"
    review = await service.ask("planpulse.cmd.report.accept", {"report_id": "x"}, actor=OFFICER)
    assert review["error"] == {
        "code": "forbidden",
        "message": "Chỉ Văn phòng Sở mới được trả lại hoặc tiếp nhận báo cáo.",
        "fields": {},
    }


# Who may send each command, as the Department works: the table says it in one place.
WHO_MAY_SEND = {
    "planpulse.cmd.activity.log": {"unit_officer", "office"},
    "planpulse.cmd.activity.correct": {"unit_officer", "office"},
    "planpulse.cmd.activity.withdraw": {"unit_officer", "office"},
    "planpulse.cmd.activity.set_aside": {"office", "admin"},
    "planpulse.cmd.report.submit": {"unit_officer"},
    "planpulse.cmd.report.withdraw": {"unit_officer"},
    "planpulse.cmd.report.return": {"office"},
    "planpulse.cmd.report.accept": {"office"},
    "planpulse.cmd.consolidated.record": {"office"},
    "planpulse.cmd.notification.record": {"service"},
    "planpulse.cmd.account.create": {"admin"},
    "planpulse.cmd.account.disable": {"admin"},
    "planpulse.cmd.account.password": {"admin"},
    "planpulse.cmd.plan.create": {"office"},
    "planpulse.cmd.plan.edit": {"office"},
    "planpulse.cmd.plan.publish": {"office"},
    "planpulse.cmd.plan.amend": {"office"},
    "planpulse.cmd.plan.close": {"office"},
    "planpulse.cmd.unit.register": {"office"},
    "planpulse.cmd.unit.rename": {"office"},
    "planpulse.cmd.unit.retire": {"office"},
    "planpulse.query.plans": {"unit_officer", "office", "leadership", "admin"},
    "planpulse.query.plan": {"unit_officer", "office", "leadership", "admin"},
    "planpulse.cmd.session.open": {"public"},
    "planpulse.cmd.session.close": {"unit_officer", "office", "leadership", "admin"},
    "planpulse.query.accounts": {"admin", "office"},
    "planpulse.query.signin_limits": {"admin"},
    "planpulse.cmd.signin.clear": {"admin"},
}


async def test_the_table_says_who_may_send_what_and_the_edge_enforces_it(
    service: Service,
) -> None:
    assert {s: set(e.roles) for s, e in service.table.items()} == WHO_MAY_SEND
    roles = ("unit_officer", "office", "leadership", "admin", "service")
    # a service's request carries no token: only its NATS user may publish the subject
    vouched = {s: e.sender.user_id for s, e in service.table.items() if e.sender}
    assert vouched == {"planpulse.cmd.notification.record": "notifications"}
    for subject, allowed in WHO_MAY_SEND.items():
        if "public" in allowed or subject in vouched:
            continue
        for role in set(roles) - allowed:
            actor = Actor(user_id=f"u-{role}", unit_id="tgpl", role=role, session_id="s")
            reply = await service.ask(subject, {}, actor=actor)
            assert reply["error"]["code"] == "forbidden", (subject, role, reply)


async def test_an_invalid_body_is_explained_field_by_field(service: Service) -> None:
    reply = await service.ask(LOG, {**ACTIVITY, "title": "", "extra": 1})
    assert reply["error"]["code"] == "invalid_command"
    assert reply["error"]["fields"]["title"] == "Tên hoạt động không được để trống."
    assert "extra" in reply["error"]["fields"]
    assert (await service.ask(LOG, b"{not json"))["error"]["code"] == "invalid_json"


async def test_a_lost_race_is_decided_again_on_fresh_state(tmp_path: Path) -> None:
    store = Racing(races=0)
    service = await Service(store, tmp_path).start()
    logged = await service.ask(LOG, ACTIVITY)
    store.races = 2
    correction = {"activity_id": logged["id"], "note": "bổ sung"}
    reply = await service.ask("planpulse.cmd.activity.correct", correction)
    # two rivals appended before our append: we reloaded and won on the third try
    assert reply["ok"], reply
    history = await service.store.load(f"planpulse.events.activity.{logged['id']}")
    assert reply["version"] == len(history) == 4


async def test_a_caller_who_names_a_stale_version_gets_a_conflict(service: Service) -> None:
    logged = await service.ask(LOG, ACTIVITY)
    first = {"activity_id": logged["id"], "note": "một", "expected_version": 1}
    assert (await service.ask("planpulse.cmd.activity.correct", first))["ok"]
    again = {**first, "note": "hai"}
    reply = await service.ask("planpulse.cmd.activity.correct", again)
    assert reply["error"]["code"] == "conflict"
    assert "phiên bản 2, bạn đang sửa phiên bản 1" in reply["error"]["message"]


async def test_an_aggregate_always_contended_ends_in_busy(tmp_path: Path) -> None:
    store = Racing(races=0)
    service = await Service(store, tmp_path).start()
    logged = await service.ask(LOG, ACTIVITY)
    store.races = 1000
    reply = await service.ask(
        "planpulse.cmd.activity.correct", {"activity_id": logged["id"], "note": "x"}
    )
    assert reply["error"]["code"] == "conflict"
    assert reply["error"]["message"].startswith("Hoạt động đang được cập nhật đồng thời")
    assert store.races == 1000 - 5  # five tries, then the caller is told


async def test_the_in_memory_store_refuses_a_stale_expected_sequence() -> None:
    store = InMemoryEventStore()
    envelope = new_envelope(
        source="test", type="planpulse.x.happened.v1", subject="1", data={}, actor="system"
    )
    assert await store.append("planpulse.events.x.1", [envelope], 0) == 1
    with pytest.raises(ConcurrencyConflict):
        await store.append("planpulse.events.x.1", [envelope], 0)
    assert await store.append("planpulse.events.x.2", [envelope], 0) == 2
    assert [e.sequence for e in await store.load("planpulse.events.x.*")] == [1, 2]
    assert [e.sequence for e in await store.load("planpulse.events.>")] == [1, 2]
    assert await store.load("planpulse.events.x") == []
