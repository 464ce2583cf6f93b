"""Identity's parts: tokens, the sign-in limits (on a real SQLite file), the account decider."""

import time
from datetime import date
from functools import reduce
from pathlib import Path

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from services.campaigns.domain import account
from services.campaigns.domain.catalog import Catalog, evolve
from services.campaigns.domain.commands import CreateAccount, DisableAccount, SetPassword
from services.campaigns.domain.context import Context
from services.campaigns.identity.ratelimit import Policy, SignInLimits
from services.campaigns.plan import read_plan_file
from shared.actor import Actor, bearer
from shared.auth import AccountWatch, Authenticator
from shared.db import make_engine
from shared.events import AccountCreated, AccountDisabled, SessionClosed
from shared.replies import ProblemError
from shared.tokens import InvalidToken, encoded, issue, verify

KEY = Ed25519PrivateKey.generate()  # the campaigns service's; the others hold its public half
PUBLIC = KEY.public_key()
HOUR = 3600.0
OFFICER = Actor(user_id="canbo-tgpl", unit_id="tgpl", role="unit_officer")
ADMIN = Actor(user_id="quantri", role="admin")
CATALOG = reduce(evolve, read_plan_file(), Catalog())


def test_a_token_speaks_for_its_actor_until_it_expires():
    token, _ = issue(KEY, OFFICER, "s1", 60)
    assert verify(PUBLIC, token, HOUR) == OFFICER.model_copy(update={"session_id": "s1"})
    expired, _ = issue(KEY, OFFICER, "s1", -1)
    with pytest.raises(InvalidToken):
        verify(PUBLIC, expired, HOUR)
    with pytest.raises(InvalidToken):
        verify(Ed25519PrivateKey.generate().public_key(), token, HOUR)


def forged(claims: dict[str, object], key: object = KEY, algorithm: str = "EdDSA") -> str:
    now = int(time.time())
    base = {"iss": "planpulse", "sub": "quantri", "role": "admin", "iat": now, "exp": now + 60}
    return jwt.encode({**base, **claims}, key, algorithm=algorithm)  # type: ignore[arg-type]


def test_a_token_without_a_session_or_living_too_long_or_signed_otherwise_is_refused():
    assert verify(PUBLIC, forged({"sid": "s"}), HOUR).role == "admin"
    now = int(time.time())
    refused = {
        "no session": forged({}),
        "empty session": forged({"sid": ""}),
        "a year long": forged({"sid": "s", "exp": now + 365 * 86400}),
        "issued in the future": forged({"sid": "s", "iat": now + 3600, "exp": now + 3700}),
        # the old shared secret, or the public key used as an HMAC secret
        "HS256": forged({"sid": "s"}, b"k" * 32, "HS256"),
        "public key as secret": forged({"sid": "s"}, encoded(PUBLIC).encode(), "HS256"),
        "unsigned": forged({"sid": "s"}, None, "none"),
    }
    for case, token in refused.items():
        with pytest.raises(InvalidToken):
            verify(PUBLIC, token, HOUR)
            pytest.fail(case)
    with pytest.raises(ValueError):
        issue(KEY, OFFICER, "", 60)


def refused_code(auth: Authenticator, headers: dict[str, str]) -> str:
    with pytest.raises(ProblemError) as caught:
        auth.actor(headers)
    return caught.value.problem.code


def test_the_authenticator_refuses_no_token_a_bad_one_and_a_disabled_account():
    watch = AccountWatch()
    auth = Authenticator(lambda: PUBLIC, watch, HOUR)
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
    auth = Authenticator(lambda: PUBLIC, watch, HOUR)
    first, _ = issue(KEY, OFFICER, "0196c1f0-0000-7000-8000-000000000001", 60)
    second, _ = issue(KEY, OFFICER, "0196c1f0-0000-7000-8000-000000000002", 60)
    watch.apply(
        SessionClosed(session_id="0196c1f0-0000-7000-8000-000000000001", user_id="canbo-tgpl")
    )
    assert refused_code(auth, bearer(first)) == "unauthenticated"
    assert auth.actor(bearer(second)).session_id == "0196c1f0-0000-7000-8000-000000000002"


async def test_sign_in_limits_slow_guessing_spare_the_owner_and_survive_a_new_instance(
    tmp_path: Path,
):
    now = [1000.0]
    policy = Policy(account_failures=3, source_failures=5, window=60, delay=1, max_delay=8,
                    trust=3600)  # fmt: skip
    engine = make_engine(f"sqlite:///{tmp_path / 'accounts.db'}")

    def limits() -> SignInLimits:  # a fresh instance each time: all it knows is in the file
        return SignInLimits(lambda: engine, policy, now=lambda: now[0])

    await limits().open()
    await limits().succeed("owner", "address:home")  # the owner signed in from home once
    for n in range(3):  # strangers, each from an address of its own
        assert await limits().wait("owner", f"address:x{n}") == 0
        await limits().fail("owner", f"address:x{n}")
    assert await limits().wait("owner", "address:new") == 1  # the account now waits…
    assert await limits().wait("owner", "address:home") == 0  # …but not at the owner's home
    for n in range(3, 10):  # each further failure doubles the wait, up to the cap
        now[0] += await limits().wait("owner", f"address:x{n}")
        await limits().fail("owner", f"address:x{n}")
    assert await limits().wait("owner", "address:other") == 8
    for _ in range(3):  # one source failing on one account waits there, even if trusted
        await limits().fail("owner", "address:home")
    assert await limits().wait("owner", "address:home") == 1
    now[0] += 61  # the window passed: failures are forgotten
    assert await limits().wait("owner", "address:home") == 0


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
