"""Accounts: who may sign in, in which role. Never a password or its hash."""

from typing import Annotated, Literal

from pydantic import Field

from shared.events.base import Count, Event, Id, Name, Text

Role = Literal["unit_officer", "office", "leadership", "admin"]
Email = Annotated[str, Field(max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]


class AccountCreated(Event):
    TYPE = "planpulse.account.created.v1"
    AGGREGATE = "account"
    ID_FIELD = "user_id"

    user_id: Id
    name: Name
    role: Role
    unit_id: Id | None = None
    email: Email | None = None


class AccountDisabled(Event):
    TYPE = "planpulse.account.disabled.v1"
    AGGREGATE = "account"
    ID_FIELD = "user_id"

    user_id: Id
    reason: Text = ""


class AccountPasswordSet(Event):
    """An administrator set a new password; the hash is kept by the campaigns service only."""

    TYPE = "planpulse.account.password_set.v1"
    AGGREGATE = "account"
    ID_FIELD = "user_id"

    user_id: Id


class SessionClosed(Event):
    """Signed out: the session's token is refused from now on, though it has not expired."""

    TYPE = "planpulse.session.closed.v1"
    AGGREGATE = "session"
    ID_FIELD = "session_id"

    session_id: Id
    user_id: Id


SignInKey = Annotated[str, Field(max_length=400)]  # "account:<id>", "source:<address>", …


class SignInLimited(Event):
    """Failed sign-ins reached a limit: the next tries of this key wait (an audit record)."""

    TYPE = "planpulse.signin.limited.v1"
    AGGREGATE = "signin"
    ID_FIELD = "record_id"

    record_id: Id
    key: SignInKey
    failures: Count
    wait_seconds: Annotated[float, Field(ge=0)]


class SignInLimitCleared(Event):
    """An administrator cleared a key's failures: its next try is checked at once."""

    TYPE = "planpulse.signin.cleared.v1"
    AGGREGATE = "signin"
    ID_FIELD = "record_id"

    record_id: Id
    key: SignInKey
