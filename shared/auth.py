"""The edge every command and query passes: verify the token, know who acts.

`AccountWatch` keeps each service's view of the accounts and of the sessions signed out (from
their events, replayed at start and followed live), so a disabled account's tokens, and a
signed-out session's token, stop working at once everywhere.
"""

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from nats.js import JetStreamContext

from shared.actor import AUTH_HEADER, Actor
from shared.events import AccountCreated, AccountDisabled, Event, SessionClosed
from shared.replies import ProblemError, refuse
from shared.settings import Settings
from shared.subjects import EVENTS_ROOT
from shared.tokens import InvalidToken, verify, verifying_key
from shared.watch import follow

ACCOUNT_EVENTS = f"{EVENTS_ROOT}.account.*"
SESSION_EVENTS = f"{EVENTS_ROOT}.session.*"


@dataclass(frozen=True)
class Account:
    user_id: str
    name: str
    role: str
    unit_id: str | None
    email: str | None
    disabled: bool = False


class AccountWatch:
    """Every account, as the stream says now."""

    def __init__(self) -> None:
        self.accounts: dict[str, Account] = {}
        self.closed: set[str] = set()  # session ids signed out

    def apply(self, event: Event) -> None:
        if isinstance(event, AccountCreated):
            self.accounts[event.user_id] = Account(
                event.user_id, event.name, event.role, event.unit_id, event.email
            )
        elif isinstance(event, AccountDisabled) and event.user_id in self.accounts:
            self.accounts[event.user_id] = replace(self.accounts[event.user_id], disabled=True)
        elif isinstance(event, SessionClosed):
            self.closed.add(event.session_id)

    def disabled(self, user_id: str) -> bool:
        account = self.accounts.get(user_id)
        return account is not None and account.disabled

    async def follow(self, js: JetStreamContext) -> None:
        for subjects in (ACCOUNT_EVENTS, SESSION_EVENTS):
            await follow(js, subjects, self.apply)


def unauthenticated(message: str) -> ProblemError:
    return refuse("unauthenticated", message)


def forbidden(message: str) -> ProblemError:
    return refuse("forbidden", message)


class Authenticator:
    """Headers in, the verified actor out; a refusal (`unauthenticated`) otherwise.

    The public key is read when first needed, so building a service (for the AsyncAPI document,
    say) touches no file."""

    def __init__(
        self, key: Callable[[], Ed25519PublicKey], watch: AccountWatch, max_lifetime: float
    ) -> None:
        self._key = cache(key)
        self.watch = watch
        self.max_lifetime = max_lifetime

    @classmethod
    def of(cls, settings: Settings) -> "Authenticator":
        """A service's authenticator: the settings' (or the data dir's) public key, a fresh
        watch, tokens living at most a session."""
        return cls(lambda: verifying_key(settings), AccountWatch(), settings.session_hours * 3600)

    @property
    def key(self) -> Ed25519PublicKey:
        return self._key()

    async def start(self, js: JetStreamContext) -> None:
        """At a service's start: read the key now (not on the first request) and follow the
        accounts and sessions."""
        self._key()
        await self.watch.follow(js)

    def actor(self, headers: dict[str, str] | None) -> Actor:
        value = (headers or {}).get(AUTH_HEADER, "")
        scheme, _, token = value.partition(" ")
        if scheme != "Bearer" or not token:
            raise unauthenticated("Bạn chưa đăng nhập. Vui lòng đăng nhập để tiếp tục.")
        try:
            actor = verify(self.key, token.strip(), self.max_lifetime)
        except InvalidToken:
            raise unauthenticated(
                "Phiên đăng nhập không hợp lệ hoặc đã hết hạn. Vui lòng đăng nhập lại."
            ) from None
        if self.watch.disabled(actor.user_id):
            raise unauthenticated("Tài khoản này đã bị vô hiệu hóa.")
        if actor.session_id in self.watch.closed:
            raise unauthenticated("Phiên đăng nhập này đã đăng xuất. Vui lòng đăng nhập lại.")
        return actor
