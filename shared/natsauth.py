"""One NATS user per component, with subject permissions: only the campaigns service may write
history; the dashboard may only ask. Passwords are made on first start, kept under the data dir
with mode 0600, and never committed."""

import json
import os
import re
import secrets
from pathlib import Path
from typing import Any

JS_API = "$JS.API.>"
INBOX = "_INBOX.>"
FLOW_CONTROL = "$JS.FC.>"
PERMISSIONS: dict[str, dict[str, Any]] = {
    "campaigns": {
        "publish": {"allow": ["planpulse.events.>", JS_API, FLOW_CONTROL, INBOX]},
        "subscribe": {
            "allow": [
                "planpulse.cmd.activity.>",
                "planpulse.cmd.report.>",
                "planpulse.cmd.consolidated.record",
                "planpulse.cmd.account.>",
                "planpulse.cmd.session.>",
                "planpulse.query.accounts",
                "planpulse.cmd.notification.record",
                INBOX,
            ]
        },
        "allow_responses": True,
    },
    "reporting": {
        "publish": {
            "allow": [
                JS_API,
                "$JS.ACK.>",
                FLOW_CONTROL,
                "$O.PLANPULSE_REPORTS.>",
                "planpulse.cmd.consolidated.record",
                INBOX,
            ]
        },
        "subscribe": {
            "allow": [
                "planpulse.query.>",
                "planpulse.cmd.consolidated.compile",
                "planpulse.cmd.readmodels.rebuild",
                INBOX,
            ],
            # the queries the other services answer
            "deny": [
                "planpulse.query.accounts",
                "planpulse.query.inbox",
                "planpulse.query.notifications.>",
            ],
        },
        "allow_responses": True,
    },
    "notifications": {
        "publish": {
            "allow": [
                # its own durable consumer on the events stream, and the stream's state
                "$JS.API.INFO",
                "$JS.API.STREAM.INFO.PLANPULSE_EVENTS",
                "$JS.API.STREAM.CREATE.PLANPULSE_EVENTS",
                "$JS.API.STREAM.UPDATE.PLANPULSE_EVENTS",
                "$JS.API.CONSUMER.*.PLANPULSE_EVENTS.notifications",
                "$JS.API.CONSUMER.CREATE.PLANPULSE_EVENTS.notifications.>",
                "$JS.API.CONSUMER.MSG.NEXT.PLANPULSE_EVENTS.notifications",
                "$JS.API.CONSUMER.DURABLE.CREATE.PLANPULSE_EVENTS.notifications",
                "$JS.ACK.PLANPULSE_EVENTS.notifications.>",
                # the accounts it follows to know disabled ones (read, and an ordered consumer)
                "$JS.API.STREAM.MSG.GET.PLANPULSE_EVENTS",
                "$JS.API.CONSUMER.CREATE.PLANPULSE_EVENTS",
                "$JS.API.CONSUMER.CREATE.PLANPULSE_EVENTS.>",
                "$JS.API.CONSUMER.DELETE.PLANPULSE_EVENTS.*",
                FLOW_CONTROL,
                "planpulse.cmd.notification.record",
                INBOX,
            ]
        },
        "subscribe": {
            "allow": [
                "planpulse.query.inbox",
                "planpulse.cmd.inbox.mark_read",
                "planpulse.query.notifications.>",
                INBOX,
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
        "subscribe": {"allow": [INBOX]},
    },
    # operators' commands (rebuild, bench): everything
    "operator": {"publish": {"allow": [">"]}, "subscribe": {"allow": [">"]}},
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
