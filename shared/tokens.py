"""Signed, expiring session tokens (JWT, EdDSA over Ed25519) and their keys.

Only the campaigns service signs (at sign-in), with the private key; every service verifies with
the public key, so a service's settings leaked give no power to mint a token. A token must name
its session (so it can be signed out), and one that lives longer than `PLANPULSE_SESSION_HOURS`
is refused whoever signed it. The keys are settings (base64 of the 32 raw bytes), or made once
under `data_dir/secrets` (`token-signing-key` and `token-verifying-key`, mode 0600). The dashboard
holds neither: it only carries the token it was given.
"""

import base64
import os
import time
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from shared.actor import Actor
from shared.settings import Settings

ALGORITHM = "EdDSA"
ISSUER = "planpulse"
CLOCK_SKEW = 60  # seconds a token's issue time may lie ahead of this machine's clock


class InvalidToken(Exception):
    """Missing, malformed, tampered with, expired, sessionless or too long-lived."""


def encoded(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    """The key's 32 raw bytes, base64 (a setting's or a key file's form)."""
    if isinstance(key, Ed25519PrivateKey):
        raw = key.private_bytes_raw()
    else:
        raw = key.public_bytes(Encoding.Raw, PublicFormat.Raw)
    return base64.urlsafe_b64encode(raw).decode()


def _raw(text: str) -> bytes:
    return base64.urlsafe_b64decode(text.strip() + "=" * (-len(text.strip()) % 4))


def key_files(data_dir: Path) -> tuple[Path, Path]:
    secrets = data_dir / "secrets"
    return secrets / "token-signing-key", secrets / "token-verifying-key"


def _write_new(path: Path, text: str) -> bool:
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    with os.fdopen(descriptor, "w") as out:
        out.write(text)
    return True


def _read(path: Path) -> str:
    for _ in range(50):  # another process may be writing it this instant
        text = path.read_text().strip()
        if text:
            return text
        time.sleep(0.01)
    raise RuntimeError(f"{path} is empty")


def signing_key(settings: Settings) -> Ed25519PrivateKey:
    """The campaigns service's (and this machine's operator's): the setting, or the data dir's
    key, made now with its public half if there is none."""
    if settings.token_private_key is not None:
        return Ed25519PrivateKey.from_private_bytes(
            _raw(settings.token_private_key.get_secret_value())
        )
    private, public = key_files(settings.data_dir)
    private.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    made = Ed25519PrivateKey.generate()
    if _write_new(private, encoded(made)):
        _write_new(public, encoded(made.public_key()))
        return made
    return Ed25519PrivateKey.from_private_bytes(_raw(_read(private)))


def verifying_key(settings: Settings) -> Ed25519PublicKey:
    """Every service's: the setting, or the data dir's public key (made with the pair if this
    is the first process of a fresh data dir)."""
    if settings.token_public_key is not None:
        return Ed25519PublicKey.from_public_bytes(_raw(settings.token_public_key))
    _, public = key_files(settings.data_dir)
    if public.exists():
        return Ed25519PublicKey.from_public_bytes(_raw(_read(public)))
    return signing_key(settings).public_key()


def issue(
    key: Ed25519PrivateKey, actor: Actor, session_id: str, ttl_seconds: float
) -> tuple[str, float]:
    """A token for `actor` in session `session_id`, and the UNIX time it expires."""
    if not session_id:
        raise ValueError("a token names its session")
    now = time.time()
    expires = now + ttl_seconds
    claims: dict[str, Any] = {
        "iss": ISSUER,
        "sub": actor.user_id,
        "unit": actor.unit_id,
        "role": actor.role,
        "sid": session_id,
        "iat": int(now),
        "exp": int(expires),
    }
    return jwt.encode(claims, key, algorithm=ALGORITHM), expires


def verify(key: Ed25519PublicKey, token: str, max_lifetime: float) -> Actor:
    """The actor a token speaks for; InvalidToken if it is malformed, tampered with, expired,
    names no session or was made to live longer than `max_lifetime` seconds."""
    try:
        claims = jwt.decode(
            token,
            key,
            algorithms=[ALGORITHM],
            issuer=ISSUER,
            options={"require": ["sub", "exp", "iat", "iss", "sid"]},
        )
        issued, expires = int(claims["iat"]), int(claims["exp"])
        if not claims["sid"] or not isinstance(claims["sid"], str):
            raise InvalidToken("no session")
        if expires - issued > max_lifetime + 1 or issued > time.time() + CLOCK_SKEW:
            raise InvalidToken("lifetime beyond the limit")
        return Actor(
            user_id=claims["sub"],
            unit_id=claims.get("unit"),
            role=claims.get("role"),
            session_id=claims["sid"],
        )
    except (jwt.PyJWTError, ValueError, TypeError) as error:
        raise InvalidToken(str(error)) from None
