"""Signed, expiring session tokens (JWT, HS256) and the key the services share.

The campaigns service issues a token at sign-in; every service verifies it on every command and
query. The key is a setting, or made on first start under `data_dir/secrets` with mode 0600. The
dashboard never holds it: it only carries the token it was given.
"""

import os
import secrets
import time
from pathlib import Path
from typing import Any

import jwt

from shared.actor import Actor
from shared.settings import Settings

ALGORITHM = "HS256"
ISSUER = "planpulse"


class InvalidToken(Exception):
    """Missing, malformed, tampered with or expired."""


def key_file(data_dir: Path) -> Path:
    return data_dir / "secrets" / "token-key"


def token_key(settings: Settings) -> bytes:
    """The signing key: the setting, or the data dir's key file, made now if there is none."""
    if settings.token_secret is not None:
        return settings.token_secret.get_secret_value().encode()
    path = key_file(settings.data_dir)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read_key(path)
    with os.fdopen(descriptor, "w") as out:
        out.write(secrets.token_urlsafe(48))
    return _read_key(path)


def _read_key(path: Path) -> bytes:
    for _ in range(50):  # another process may be writing it this instant
        key = path.read_bytes().strip()
        if key:
            return key
        time.sleep(0.01)
    raise RuntimeError(f"{path} is empty")


def issue(key: bytes, actor: Actor, session_id: str, ttl_seconds: float) -> tuple[str, float]:
    """A token for `actor`, and the UNIX time it expires."""
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


def verify(key: bytes, token: str) -> Actor:
    """The actor a token speaks for; InvalidToken if it is malformed, tampered with or expired."""
    try:
        claims = jwt.decode(
            token,
            key,
            algorithms=[ALGORITHM],
            issuer=ISSUER,
            options={"require": ["sub", "exp", "iat", "iss"]},
        )
        return Actor(
            user_id=claims["sub"],
            unit_id=claims.get("unit"),
            role=claims.get("role"),
            session_id=claims.get("sid"),
        )
    except (jwt.PyJWTError, ValueError) as error:
        raise InvalidToken(str(error)) from None
