"""How the operator's commands (rebuild, users) reach the services: as the `operator` NATS user
of an embedded server, carrying an administrator's token signed with this machine's key."""

import contextlib
import json
from collections.abc import AsyncIterator
from typing import Any

from nats.aio.client import Client

from shared.actor import Actor, bearer
from shared.bus import connect
from shared.natsauth import operator_login
from shared.settings import Settings
from shared.tokens import issue, signing_key

OPERATOR = Actor(user_id="operator", role="admin")
# plans are the Office's: an operator's script acts for it
OPERATOR_FOR_OFFICE = Actor(user_id="operator", role="office")


def operator_headers(
    settings: Settings, ttl_seconds: float = 3600, actor: Actor = OPERATOR
) -> dict[str, str]:
    token, _expires = issue(signing_key(settings), actor, "operator", ttl_seconds)
    return bearer(token)


@contextlib.asynccontextmanager
async def operator_connection(settings: Settings, name: str) -> AsyncIterator[Client]:
    login = settings.nats_login()
    if not login and (operator := operator_login(settings.data_dir)) is not None:
        login = {"user": operator[0], "password": operator[1]}
    nc = await connect(settings.nats_server_url(), name, max_reconnect_attempts=3, **login)
    try:
        yield nc
    finally:
        await nc.close()


async def ask(
    nc: Client,
    settings: Settings,
    subject: str,
    body: dict[str, Any],
    timeout: float = 30,
    actor: Actor = OPERATOR,
) -> dict[str, Any]:
    """One request as the operator; the JSON reply."""
    headers = operator_headers(settings, actor=actor)
    reply = await nc.request(subject, json.dumps(body).encode(), timeout, headers=headers)
    answer: dict[str, Any] = json.loads(reply.data)
    return answer
