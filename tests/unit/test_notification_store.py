"""The notifications database fed with events by hand, on SQLite and on PostgreSQL: items once,
digests one a day, the inbox written with the digest, dead letters kept."""

from datetime import UTC, date, datetime
from functools import partial

from sqlalchemy import Engine, func, select

from services.campaigns.plan import read_plan_file
from services.notifications import outbox, queries, tables
from services.notifications.consumer import apply_batch, prepare, read_position
from services.notifications.rules import load_rules
from shared.actor import Actor
from shared.db import make_engine
from shared.events import Event, ReportOverdue, encode
from shared.follower import RawEvent

DAY = date(2024, 6, 21)
PBGDPL = Actor(user_id="cb", unit_id="pbgdpl", role="unit_officer")


def inbox_only(_recipient: str, channel: str) -> bool:
    return channel == "inbox"


def raw(events: list[Event], first: int = 1) -> list[RawEvent]:
    return [
        (first + n, f"planpulse.events.{e.AGGREGATE}.{e.aggregate_id}", _bytes(e))
        for n, e in enumerate(events)
    ]


def _bytes(event: Event) -> bytes:
    return encode(event, source="test", actor="system").to_bytes()


def overdue(unit: str) -> ReportOverdue:
    return ReportOverdue(
        trigger_id=f"2024-6-thang_{unit}_overdue-1",
        due_on=DAY,
        late=False,
        report_id=f"2024-6-thang_{unit}",
        period_id="2024-6-thang",
        unit_id=unit,
        deadline=date(2024, 6, 20),
        reminder=1,
    )


def count(engine: Engine, table: tables.Table) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def test_events_become_items_once_and_one_inbox_digest_a_day(db_url: str):
    engine = make_engine(db_url)
    prepare(engine)
    apply = partial(apply_batch, engine, load_rules(), inbox_only)
    plan = raw(read_plan_file())
    triggers = raw([overdue("pbgdpl"), overdue("tgpl")], first=len(plan) + 1)
    poison = [(len(plan) + 3, "planpulse.events.junk.x", b"\xff not json")]
    assert apply(plan + triggers + poison) == len(plan) + 3
    assert apply(triggers + poison) == len(plan) + 3  # redelivered: nothing new
    assert read_position(engine) == len(plan) + 3
    # pbgdpl and tgpl each once; the Office once per overdue unit
    assert count(engine, tables.items) == 4
    assert count(engine, tables.dead_letters) == 1

    assert outbox.assign(engine, DAY, horizon=7) == 4
    due = outbox.due(engine, DAY, now=0.0, stale=60)
    assert sorted(d.recipient for d in due) == ["pbgdpl", "tgpl", "van-phong"]
    office = next(d for d in due if d.recipient == "van-phong")
    claimed = outbox.claim(engine, office.id, now=0.0)
    assert claimed is not None and outbox.claim(engine, office.id, now=0.0) is None
    message, subjects = claimed
    assert message.body.count("chưa nộp") == 2 and len(subjects) == 2
    inbox_row = {
        "id": office.id,
        "recipient": "van-phong",
        "day": DAY,
        "title": message.title,
        "body": message.body,
        "created_at": datetime.now(UTC),
        "read": False,
    }
    outbox.sent(engine, office.id, datetime.now(UTC), inbox_row)
    office_actor = Actor(user_id="vp", unit_id="van-phong", role="office")
    listed = queries.inbox(engine, office_actor, queries.InboxQuery())
    assert listed["unread"] == 1 and listed["items"][0]["title"] == message.title

    # a late trigger for a day whose digest went out joins the next one
    late = raw([overdue("cc1")], first=len(plan) + 4)
    apply(late)
    outbox.assign(engine, date(2024, 6, 23), horizon=7)
    later = outbox.due(engine, date(2024, 6, 23), now=0.0, stale=60)
    assert ("van-phong", date(2024, 6, 23)) in {(d.recipient, d.day) for d in later}
    assert queries.inbox(engine, PBGDPL, queries.InboxQuery())["unread"] == 0

    # replayed long after its day (an empty database, say): a reminder too old is not sent
    apply(raw([overdue("cc2")], first=len(plan) + 5))
    outbox.assign(engine, date(2024, 7, 1), horizon=7)
    days = {(d.recipient, d.day) for d in outbox.due(engine, date(2024, 7, 1), 0.0, 60)}
    assert ("cc2", DAY) not in days and ("van-phong", date(2024, 7, 1)) not in days
    engine.dispose()


def test_a_database_made_before_notices_keeps_its_digests_and_gets_slots(db_url: str):
    from sqlalchemy import text

    engine = make_engine(db_url)
    with engine.begin() as conn:  # the digests table as it was, with one digest sent
        conn.execute(
            text(
                "CREATE TABLE notify_digests (id VARCHAR(100) PRIMARY KEY, recipient VARCHAR(64)"
                " NOT NULL, channel VARCHAR(16) NOT NULL, day DATE NOT NULL, state VARCHAR(16) "
                "NOT NULL, attempts INTEGER NOT NULL, next_attempt_at FLOAT NOT NULL, claimed_at "
                "FLOAT, error TEXT NOT NULL, done_at TIMESTAMP, recorded BOOLEAN NOT NULL, "
                "CONSTRAINT uq_digest_per_day UNIQUE (recipient, channel, day))"
            )
        )
        conn.execute(
            text(
                "INSERT INTO notify_digests VALUES ('2024-06-21_email_pbgdpl', 'pbgdpl', 'email',"
                " '2024-06-21', 'sent', 1, 0, NULL, '', NULL, TRUE)"
            )
        )
    prepare(engine)
    prepare(engine)  # once is enough: a second start changes nothing
    with engine.connect() as conn:
        rows = conn.execute(select(tables.digests.c.id, tables.digests.c.slot)).all()
    assert [tuple(r) for r in rows] == [("2024-06-21_email_pbgdpl", "")]
    engine.dispose()


def test_accounts_give_their_recipients_addresses_until_disabled(db_url: str):
    from services.notifications.consumer import addresses
    from shared.events import AccountCreated, AccountDisabled

    engine = make_engine(db_url)
    prepare(engine)
    people = [
        AccountCreated(user_id="cb-tgpl", name="A", role="unit_officer", unit_id="tgpl",
                       email="a@stp.example.gov.vn"),
        AccountCreated(user_id="cb2-tgpl", name="B", role="unit_officer", unit_id="tgpl"),
        AccountCreated(user_id="vp", name="C", role="office", email="c@stp.example.gov.vn"),
        AccountCreated(user_id="ld", name="D", role="leadership", email="d@stp.example.gov.vn"),
        AccountCreated(user_id="qt", name="E", role="admin", email="e@stp.example.gov.vn"),
    ]  # fmt: skip
    apply_batch(engine, load_rules(), inbox_only, raw([*read_plan_file(), *people]))
    assert addresses(engine, "tgpl") == ["a@stp.example.gov.vn"]  # B has no address
    assert addresses(engine, "van-phong") == ["c@stp.example.gov.vn"]
    assert addresses(engine, "leadership") == ["d@stp.example.gov.vn"]
    assert read_position(engine) == len(read_plan_file()) + len(people)
    apply_batch(engine, load_rules(), inbox_only, raw([AccountDisabled(user_id="cb-tgpl")], 100))
    assert addresses(engine, "tgpl") == []
    engine.dispose()
