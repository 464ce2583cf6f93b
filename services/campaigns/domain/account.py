"""Accounts as a decider: an administrator creates, disables and resets them."""

from dataclasses import dataclass, replace

from services.campaigns.domain import errors
from services.campaigns.domain.commands import CreateAccount, DisableAccount, SetPassword
from services.campaigns.domain.context import Context
from services.campaigns.domain.decider import Decider
from shared.events import AccountCreated, AccountDisabled, AccountPasswordSet, Event

AccountCommand = CreateAccount | DisableAccount | SetPassword


@dataclass(frozen=True)
class Account:
    version: int = 0  # 0: no such account
    name: str = ""
    role: str = ""
    unit_id: str | None = None
    email: str | None = None
    disabled: bool = False


INITIAL = Account()


def evolve(state: Account, event: Event) -> Account:
    version = state.version + 1
    if isinstance(event, AccountCreated):
        return Account(version, event.name, event.role, event.unit_id, event.email)
    if isinstance(event, AccountDisabled):
        return replace(state, version=version, disabled=True)
    return replace(state, version=version)


def _unit_for(command: CreateAccount, ctx: Context) -> str | None:
    """A unit officer belongs to a unit; the Office to the Office's unit; the others to none."""
    if command.role == "office":
        return next((u.unit_id for u in ctx.catalog.units.values() if u.is_office), None)
    if command.role != "unit_officer":
        return None
    if command.unit_id is None:
        raise errors.unit_required()
    if command.unit_id not in ctx.catalog.units:
        raise errors.unknown_reference("unit_id", command.unit_id)
    return command.unit_id


def _create(command: CreateAccount, state: Account, ctx: Context) -> list[Event]:
    if state.version:
        raise errors.account_exists(command.user_id)
    return [
        AccountCreated(
            user_id=command.user_id,
            name=command.name,
            role=command.role,
            unit_id=_unit_for(command, ctx),
            email=command.email,
        )
    ]


def decide(command: AccountCommand, state: Account, ctx: Context, _new_id: str) -> list[Event]:
    if isinstance(command, CreateAccount):
        return _create(command, state, ctx)
    if not state.version:
        raise errors.account_not_found(command.user_id)
    if state.disabled:
        raise errors.account_disabled(command.user_id)
    if isinstance(command, DisableAccount):
        if command.user_id == ctx.actor.user_id:
            raise errors.own_account()
        return [AccountDisabled(user_id=command.user_id, reason=command.reason)]
    return [AccountPasswordSet(user_id=command.user_id)]


DECIDER: Decider[AccountCommand, Account, Event] = Decider("account", decide, evolve, INITIAL)
