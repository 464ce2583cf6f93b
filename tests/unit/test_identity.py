"""Identity's pure parts: tokens, the failure window, the account decider."""

from datetime import date
from functools import reduce

import pytest

from services.campaigns.domain import account
from services.campaigns.domain.catalog import Catalog, evolve
from services.campaigns.domain.commands import CreateAccount, DisableAccount, SetPassword
from services.campaigns.domain.context import Context
from services.campaigns.identity.ratelimit import FailureWindow
from services.campaigns.plan import read_plan_file
from shared.actor import Actor, bearer
from shared.auth import AccountWatch, Authenticator
from shared.events import AccountCreated, AccountDisabled, SessionClosed
from shared.replies import ProblemError
from shared.tokens import InvalidToken, issue, verify

KEY = b"k" * 32
OFFICER = Actor(user_id="canbo-tgpl", unit_id="tgpl", role="unit_officer")
ADMIN = Actor(user_id="quantri", role="admin")
CATALOG = reduce(evolve, read_plan_file(), Catalog())


def test_a_token_speaks_for_its_actor_until_it_expires():
    token, _ = issue(KEY, OFFICER, "s1", 60)
    assert verify(KEY, token) == OFFICER.model_copy(update={"session_id": "s1"})
    expired, _ = issue(KEY, OFFICER, "s1", -1)
    with pytest.raises(InvalidToken):
        verify(KEY, expired)
    with pytest.raises(InvalidToken):
        verify(b"another key" * 3, token)


def refused_code(auth: Authenticator, headers: dict[str, str]) -> str:
    with pytest.raises(ProblemError) as caught:
        auth.actor(headers)
    return caught.value.problem.code


def test_the_authenticator_refuses_no_token_a_bad_one_and_a_disabled_account():
    watch = AccountWatch()
    auth = Authenticator(lambda: KEY, watch)
    token, _ = issue(KEY, OFFICER, "s1", 60)
    assert auth.actor(bearer(token)).user_id == OFFICER.user_id
    assert refused_code(auth, {}) == "unauthenticated"
    assert refused_code(auth, {"Authorization": token}) == "unauthenticated"  # no scheme
    assert refused_code(auth, bearer(token[:-2] + "xx")) == "unauthenticated"
    watch.apply(AccountCreated(user_id="canbo-tgpl", name="A", role="unit_officer", unit_id="tgpl"))
    assert auth.actor(bearer(token)).unit_id == "tgpl"
    watch.apply(AccountDisabled(user_id="canbo-tgpl"))
    assert refused_code(auth, bearer(token)) == "unauthenticated"


def test_a_signed_out_session_is_refused_and_the_others_of_the_user_are_not():
    watch = AccountWatch()
    auth = Authenticator(lambda: KEY, watch)
    first, _ = issue(KEY, OFFICER, "0196c1f0-0000-7000-8000-000000000001", 60)
    second, _ = issue(KEY, OFFICER, "0196c1f0-0000-7000-8000-000000000002", 60)
    watch.apply(
        SessionClosed(session_id="0196c1f0-0000-7000-8000-000000000001", user_id="canbo-tgpl")
    )
    assert refused_code(auth, bearer(first)) == "unauthenticated"
    assert auth.actor(bearer(second)).session_id == "0196c1f0-0000-7000-8000-000000000002"


def test_the_failure_window_blocks_past_the_limit_and_forgets_with_time():
    now = [0.0]
    window = FailureWindow(limit=3, window_seconds=60, now=lambda: now[0])
    for _ in range(3):
        assert not window.blocked("a")
        window.fail("a")
    assert window.blocked("a") and not window.blocked("b")
    now[0] = 61
    assert not window.blocked("a")
    window.fail("a")
    window.clear("a")
    assert not window.blocked("a")


def decide(command, events=(), actor: Actor = ADMIN) -> list:
    state = reduce(account.evolve, events, account.INITIAL)
    return account.decide(command, state, Context(CATALOG, date(2024, 3, 1), actor), "")


def create(**changes) -> CreateAccount:
    fields = {
        "user_id": "canbo-tgpl",
        "name": "Cán bộ TGPL",
        "role": "unit_officer",
        "unit_id": "tgpl",
        "password": "mat-khau-dai",
    }
    return CreateAccount.model_validate({**fields, **changes})


def code(command, events=(), actor: Actor = ADMIN) -> str:
    with pytest.raises(ProblemError) as caught:
        decide(command, events, actor)
    return caught.value.problem.code


def test_an_administrator_creates_an_account_without_its_password():
    [event] = decide(create())
    assert isinstance(event, AccountCreated)
    assert "password" not in event.model_dump() and "mat-khau-dai" not in event.model_dump_json()
    [office] = decide(create(user_id="vp", role="office", unit_id=None))
    assert office.unit_id == "van-phong"  # the Office belongs to the Office's unit
    [leader] = decide(create(user_id="ld", role="leadership", unit_id="tgpl"))
    assert leader.unit_id is None


def test_account_rules():
    created = decide(create())
    assert code(create(), created) == "account_exists"
    assert code(create(unit_id=None)) == "unit_required"
    assert code(create(unit_id="khong-co")) == "unknown_unit"
    assert code(DisableAccount(user_id="ai-do")) == "account_not_found"
    disabled = decide(DisableAccount(user_id="canbo-tgpl"), created)
    assert code(DisableAccount(user_id="canbo-tgpl"), created + disabled) == "account_disabled"
    assert code(SetPassword(user_id="canbo-tgpl", password="mat-khau-moi"), created + disabled) == (
        "account_disabled"
    )
    admin = decide(create(user_id="quantri", role="admin", unit_id=None))
    assert code(DisableAccount(user_id="quantri"), admin) == "own_account"


def test_a_short_password_is_refused_at_the_edge():
    with pytest.raises(ValueError):
        create(password="ngan")
