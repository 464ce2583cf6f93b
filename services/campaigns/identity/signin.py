"""Sign-in: check the password against the hash, respect the attempt limits, issue a token."""

import logging
import math
import re
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from functools import cache
from typing import Any

from services.campaigns.domain import account as accounts
from services.campaigns.domain import errors
from services.campaigns.domain.commands import (
    ClearSignInLimit,
    CloseSession,
    ListSignInLimits,
    OpenSession,
)
from services.campaigns.identity.credentials import Credentials
from services.campaigns.identity.ratelimit import Policy, SignInLimits
from shared.actor import SOURCE_HEADER, Actor
from shared.auth import Authenticator
from shared.bus import REPLY_SUBJECT
from shared.endpoints import Call
from shared.envelope import uuid7
from shared.events import Event, SessionClosed, SignInLimitCleared, SignInLimited
from shared.replies import ProblemError, ok, refuse
from shared.settings import Settings
from shared.textrules import printable
from shared.tokens import issue, signing_key

log = logging.getLogger(__name__)
LoadAccount = Callable[[str], Awaitable[accounts.Account]]
Record = Callable[[Event, Actor], Awaitable[None]]
SYSTEM = Actor(user_id="system")
USER_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")  # the shape of an account id


def invalid_credentials() -> ProblemError:
    return refuse("invalid_credentials", "Tên đăng nhập hoặc mật khẩu không đúng.")


def too_many_attempts(seconds: float) -> ProblemError:
    wait = f"{math.ceil(seconds)} giây" if seconds < 120 else f"{math.ceil(seconds / 60)} phút"
    return refuse("too_many_attempts", f"Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau {wait}.")


def source_of(headers: dict[str, str]) -> str:
    """Who tries: the browser's address the dashboard sends (only the dashboard's NATS user may
    send a sign-in), else the asking connection, named by its reply subject's prefix."""
    address = headers.get(SOURCE_HEADER, "").strip()
    if address:
        return f"address:{address[:100]}"
    connection = headers.get(REPLY_SUBJECT, "").rsplit(".", 1)[0]
    return f"connection:{connection[:150]}"


class SignIn:
    """Opens sessions (sign-in) and closes them (sign-out)."""

    def __init__(
        self,
        credentials: Credentials,
        load: LoadAccount,
        record: Record,
        auth: Authenticator,
        settings: Settings,
    ) -> None:
        self.credentials, self.load, self.record, self.auth = credentials, load, record, auth
        self.ttl = settings.session_hours * 3600
        self.limits = SignInLimits(lambda: credentials.engine, Policy.of(settings))
        self.key = cache(lambda: signing_key(settings))  # the only holder of the signing key

    async def start(self) -> None:
        """Once the accounts database is open: its tables of failures and trusted sources; and
        the signing key, read now rather than at the first sign-in."""
        await self.limits.open()
        self.key()

    async def open(self, request: OpenSession, call: Call) -> dict[str, Any]:
        user_id = request.user_id.strip().lower()
        source = source_of(call.headers)
        wait = await self.limits.wait(user_id, source)
        if wait > 0:
            log.warning("sign-in of %s from %s must wait %.0f s", user_id, source, wait)
            raise too_many_attempts(wait)
        known = USER_ID.fullmatch(user_id) is not None  # never a wildcard in a subject
        state = await self.load(user_id) if known else accounts.INITIAL
        password = request.password.get_secret_value()
        if not await self.credentials.verify(user_id, password) or not state.version:
            for key, failures, wait in await self.limits.fail(user_id, source):
                log.warning("sign-in limit reached: %s waits %.0f s", key, wait)
                limited = SignInLimited(
                    record_id=uuid7(), key=printable(key)[:400], failures=failures,
                    wait_seconds=wait,
                )  # fmt: skip
                await self.record(limited, SYSTEM)
            log.info("failed sign-in for %s from %s", user_id, source)
            raise invalid_credentials()
        if state.disabled:
            raise errors.account_disabled(user_id)
        await self.limits.succeed(user_id, source)
        actor = Actor(user_id=user_id, unit_id=state.unit_id, role=state.role)  # type: ignore[arg-type]
        token, expires = issue(self.key(), actor, uuid7(), self.ttl)
        log.info("%s signed in from %s", user_id, source)
        return ok(
            token=token,
            expires_at=datetime.fromtimestamp(expires, UTC).isoformat(),
            account={
                "user_id": user_id,
                "name": state.name,
                "role": state.role,
                "unit_id": state.unit_id,
                "email": state.email,
            },
        )

    async def list_limits(self, _query: ListSignInLimits, _call: Call) -> dict[str, Any]:
        """For an administrator: every key with failures still counted, and its wait."""
        return ok(limits=await self.limits.listed())

    async def clear_limit(self, command: ClearSignInLimit, call: Call) -> dict[str, Any]:
        """An administrator clears a key: its next try is checked at once; the stream says so."""
        actor = call.actor
        if not await self.limits.clear(command.key):
            message = "Không có giới hạn đăng nhập này."
            raise refuse("not_found", message, key=message)
        await self.record(SignInLimitCleared(record_id=uuid7(), key=command.key), actor)
        log.info("%s cleared the sign-in limit %s", actor.user_id, command.key)
        return ok()

    async def close(self, _request: CloseSession, call: Call) -> dict[str, Any]:
        """Sign out: from now on every service refuses this session's token."""
        actor = call.actor
        if actor.session_id is None:
            raise refuse("no_session", "Yêu cầu này không thuộc một phiên đăng nhập nào.")
        closed = SessionClosed(session_id=actor.session_id, user_id=actor.user_id)
        await self.record(closed, actor)
        self.auth.watch.apply(closed)  # this instance refuses it at once; the others follow
        log.info("%s signed out", actor.user_id)
        return ok()
