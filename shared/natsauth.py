"""One NATS user per component, with subject permissions: only the campaigns service may write
history; the dashboard may only ask. Passwords are made on first start, kept under the data dir
with mode 0600, and never committed.

Replies: each user has an inbox prefix of its own (`_INBOX_<user>`, given to nats-py as
`inbox_prefix`) and may subscribe only under it, so no one reads another component's replies;
the services answer requests through `allow_responses` (the one reply subject of each request
they received), never by publishing to inboxes. JetStream API rights are per stream and per
consumer: each component creates, reads and deletes only its own consumers.
"""

import json
import os
import re
import secrets
from pathlib import Path
from typing import Any

from shared.subjects import STREAM

API = "$JS.API"
REPORTS_STREAM = "OBJ_PLANPULSE_REPORTS"  # the object store of the compiled documents
PROJECTIONS = "reporting-projections"  # the reporting service's durable consumer
NOTIFIER = "notifications"  # the notifications service's durable consumer


def inbox_prefix(user: str) -> str:
    """The reply subjects of a user's connections: `_INBOX_<user>.<connection>.<request>`."""
    return f"_INBOX_{user}"


def _inbox(user: str) -> str:
    return f"{inbox_prefix(user)}.>"


def _read_stream(stream: str) -> list[str]:
    """Its state and single messages (the event store's loads, the object store's lookups)."""
    return [
        f"{API}.INFO",
        f"{API}.STREAM.NAMES",  # which stream holds a subject (nats-py's object store asks)
        f"{API}.STREAM.INFO.{stream}",
        f"{API}.STREAM.MSG.GET.{stream}",
        f"{API}.DIRECT.GET.{stream}",
        f"{API}.DIRECT.GET.{stream}.>",
    ]


def _ordered_consumers(stream: str) -> list[str]:
    """Unnamed, short-lived consumers delivering to the caller's own inbox (nats-py's ordered
    consumer): creating one cannot touch a named consumer."""
    return [f"{API}.CONSUMER.CREATE.{stream}", f"$JS.FC.{stream}.>"]


def _durable(stream: str, name: str) -> list[str]:
    """One named pull consumer: create, look at, delete and pull it, and ack what it got."""
    return [
        f"{API}.CONSUMER.CREATE.{stream}.{name}",
        f"{API}.CONSUMER.CREATE.{stream}.{name}.>",
        f"{API}.CONSUMER.DURABLE.CREATE.{stream}.{name}",
        f"{API}.CONSUMER.INFO.{stream}.{name}",
        f"{API}.CONSUMER.DELETE.{stream}.{name}",
        f"{API}.CONSUMER.MSG.NEXT.{stream}.{name}",
        f"$JS.ACK.{stream}.{name}.>",
    ]


def _create_stream(stream: str) -> list[str]:
    """Creating a stream that exists with another configuration fails: only its owner updates."""
    return [f"{API}.STREAM.CREATE.{stream}"]


PERMISSIONS: dict[str, dict[str, Any]] = {
    "campaigns": {
        "publish": {
            "allow": [
                "planpulse.events.>",
                *_read_stream(STREAM),
                *_create_stream(STREAM),
                f"{API}.STREAM.UPDATE.{STREAM}",
                *_ordered_consumers(STREAM),
            ]
        },
        "subscribe": {
            "allow": [
                "planpulse.cmd.activity.>",
                "planpulse.cmd.report.>",
                "planpulse.cmd.consolidated.record",
                "planpulse.cmd.account.>",
                "planpulse.cmd.session.>",
                "planpulse.query.accounts",
                "planpulse.query.signin_limits",
                "planpulse.cmd.signin.>",
                "planpulse.cmd.notification.record",
                "planpulse.cmd.plan.>",
                "planpulse.cmd.unit.>",
                "planpulse.query.plans",
                "planpulse.query.plan",
                _inbox("campaigns"),
            ]
        },
        "allow_responses": True,
    },
    "reporting": {
        "publish": {
            "allow": [
                *_read_stream(STREAM),
                *_create_stream(STREAM),
                *_ordered_consumers(STREAM),
                *_durable(STREAM, PROJECTIONS),
                *_read_stream(REPORTS_STREAM),
                *_create_stream(REPORTS_STREAM),
                *_ordered_consumers(REPORTS_STREAM),
                f"{API}.STREAM.PURGE.{REPORTS_STREAM}",  # a document stored again replaces
                "$O.PLANPULSE_REPORTS.>",
                "planpulse.cmd.consolidated.record",
            ]
        },
        "subscribe": {
            "allow": [
                "planpulse.query.>",
                "planpulse.cmd.consolidated.compile",
                "planpulse.cmd.readmodels.rebuild",
                _inbox("reporting"),
            ],
            # the queries the other services answer
            "deny": [
                "planpulse.query.accounts",
                "planpulse.query.plans",
                "planpulse.query.plan",
                "planpulse.query.signin_limits",
                "planpulse.query.inbox",
                "planpulse.query.notifications.>",
            ],
        },
        "allow_responses": True,
    },
    "notifications": {
        "publish": {
            "allow": [
                *_read_stream(STREAM),
                *_create_stream(STREAM),
                *_ordered_consumers(STREAM),  # the accounts it follows
                *_durable(STREAM, NOTIFIER),
                "planpulse.cmd.notification.record",
            ]
        },
        "subscribe": {
            "allow": [
                "planpulse.query.inbox",
                "planpulse.cmd.inbox.mark_read",
                "planpulse.query.notifications.>",
                _inbox("notifications"),
            ]
        },
        "allow_responses": True,
    },
    "dashboard": {
        "publish": {
            "allow": ["planpulse.cmd.>", "planpulse.query.>"],
            # what one service asks another to record, and operators' commands
            "deny": [
                "planpulse.cmd.consolidated.record",
                "planpulse.cmd.notification.record",
                "planpulse.cmd.readmodels.>",
            ],
        },
        "subscribe": {"allow": [_inbox("dashboard")]},
    },
    # operators' commands (rebuild, users): may send anything, hear only its own replies (a
    # listener on the commands would hear the sign-in requests, passwords and all)
    "operator": {"publish": {"allow": [">"]}, "subscribe": {"allow": [_inbox("operator")]}},
}


def credentials_file(data_dir: Path) -> Path:
    return data_dir / "secrets" / "nats-users.json"


def ensure_credentials(data_dir: Path) -> dict[str, str]:
    """Each component's password: read, or made now and kept with mode 0600."""
    path = credentials_file(data_dir)
    if path.exists():
        known: dict[str, str] = json.loads(path.read_text())
        if set(known) == set(PERMISSIONS):
            return known
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    made = {name: secrets.token_urlsafe(24) for name in PERMISSIONS}
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as out:
        json.dump(made, out)
    return made


def server_config(passwords: dict[str, str]) -> str:
    """A nats-server configuration (JSON is valid config syntax): no anonymous access."""
    users = [
        {"user": name, "password": passwords[name], "permissions": PERMISSIONS[name]}
        for name in PERMISSIONS
    ]
    return json.dumps({"authorization": {"users": users}}, indent=2)


def password_variable(name: str) -> str:
    """The environment variable that holds a component's password in the compose cluster."""
    return f"NATS_{name.upper()}_PASSWORD"


def cluster_config() -> str:
    """The compose cluster's authorization: the same users and permissions, each password an
    environment variable that nats-server reads at start (unquoted: a variable, not a string),
    so the committed file holds no secret."""
    text = server_config({name: f"${password_variable(name)}" for name in PERMISSIONS})
    return re.sub(r'"(\$NATS_[A-Z]+_PASSWORD)"', r"\1", text) + "\n"


def write_server_config(data_dir: Path) -> Path:
    path = data_dir / "secrets" / "nats-server.conf"
    text = server_config(ensure_credentials(data_dir))
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as out:
        out.write(text)
    return path


def operator_login(data_dir: Path) -> tuple[str, str] | None:
    """The operator's user and password, when this data dir has an embedded server's secrets."""
    path = credentials_file(data_dir)
    if not path.exists():
        return None
    return "operator", json.loads(path.read_text())["operator"]
