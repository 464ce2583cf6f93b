"""The notifications service's own database: plan facts, items, digests, inbox, dead letters.

Unique keys carry the idempotency: an item per (event id, recipient, channel), a digest per
(recipient, channel, day), a notice per (recipient, channel, event). The consumer's position
lives here too, written with its changes.
"""

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

position = Table(
    "notify_position",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("sequence", Integer, nullable=False),
)

facts = Table(
    "notify_facts",
    metadata,
    Column("sequence", Integer, primary_key=True),  # stream order: replayed as is
    Column("type", String(200), nullable=False),
    Column("data", JSON, nullable=False),
)

items = Table(
    "notify_items",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(64), nullable=False),
    # the trigger's subject (its id); for a notice, its report's stream subject
    Column("subject", String(200), nullable=False),
    Column("sequence", Integer, nullable=False),
    Column("rule_id", String(64), nullable=False),
    Column("recipient", String(64), nullable=False),
    Column("channel", String(16), nullable=False),
    Column("due_on", Date, nullable=False),
    Column("line", Text, nullable=False),
    Column("digest_id", String(100), index=True),
    UniqueConstraint("event_id", "recipient", "channel", name="uq_item_once"),
)

digests = Table(
    "notify_digests",
    metadata,
    Column("id", String(100), primary_key=True),
    Column("recipient", String(64), nullable=False),
    Column("channel", String(16), nullable=False),
    Column("day", Date, nullable=False),
    # pending -> sending -> sent | failed (sending left by a crash goes back to pending)
    Column("state", String(16), nullable=False, index=True),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", Float, nullable=False, default=0.0),  # real UNIX time
    Column("claimed_at", Float),
    Column("error", Text, nullable=False, default=""),
    Column("done_at", DateTime(timezone=True)),
    Column("recorded", Boolean, nullable=False, default=False),
    # "" for the day's digest; a notice (a report changing hands) has its event's own slot
    Column("slot", String(32), nullable=False, default=""),
    UniqueConstraint("recipient", "channel", "day", "slot", name="uq_digest_slot"),
)

inbox = Table(
    "notify_inbox",
    metadata,
    Column("id", String(100), primary_key=True),  # the digest's id
    Column("recipient", String(64), nullable=False, index=True),
    Column("day", Date, nullable=False),
    Column("title", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("read", Boolean, nullable=False, default=False),
)

# Who reads the e-mails of a recipient (a unit, the Office's unit, `leadership`): the accounts
# with an address, as AccountCreated and AccountDisabled say.
accounts = Table(
    "notify_accounts",
    metadata,
    Column("user_id", String(64), primary_key=True),
    Column("recipient", String(64), nullable=False, index=True),
    Column("email", String(254)),
    Column("disabled", Boolean, nullable=False, default=False),
)

dead_letters = Table(
    "notify_dead_letters",
    metadata,
    Column("sequence", Integer, primary_key=True),
    Column("subject", String(300), nullable=False),
    Column("error", Text, nullable=False),
    Column("data", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)
