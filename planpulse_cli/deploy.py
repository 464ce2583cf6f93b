"""The compose cluster's secrets and NATS authorization.

`python -m planpulse_cli.deploy` writes `deploy/nats/auth.conf` from `shared/natsauth.py` (the one
place the users and permissions are defined; `--check` fails if the committed file differs).
`planpulse compose-env` writes `.env` (mode 0600, never committed) with a fresh password per
NATS user, the token key pair and the PostgreSQL password, which `docker compose` reads.
"""

import argparse
import os
import secrets
import string
import sys
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from shared.natsauth import PERMISSIONS, cluster_config, password_variable
from shared.tokens import encoded

ROOT = Path(__file__).resolve().parent.parent
AUTH_CONF = ROOT / "deploy" / "nats" / "auth.conf"


ALPHABET = string.ascii_letters + string.digits


def secret(length: int = 32) -> str:
    """Letters and digits, a letter first: nats-server reads an environment variable named in
    its configuration as a configuration value, so one that starts with '-' or is all digits
    would not be the string it is (seen: the server refused to start)."""
    first = secrets.choice(string.ascii_letters)
    return first + "".join(secrets.choice(ALPHABET) for _ in range(length - 1))


def compose_env() -> str:
    lines = [f"{password_variable(name)}={secret()}" for name in PERMISSIONS]
    signing = Ed25519PrivateKey.generate()  # campaigns signs tokens, the others verify
    lines += [
        f"PLANPULSE_TOKEN_PRIVATE_KEY={encoded(signing)}",
        f"PLANPULSE_TOKEN_PUBLIC_KEY={encoded(signing.public_key())}",
        f"POSTGRES_PASSWORD={secret()}",
        f"NOTIFICATIONS_DB_PASSWORD={secret()}",
    ]
    return "\n".join(lines) + "\n"


def write_compose_env(path: Path) -> bool:
    """Write `.env` if there is none; False if one is already there (it is kept)."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    with os.fdopen(descriptor, "w") as out:
        out.write(compose_env())
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail if the file is not current")
    args = parser.parse_args(argv)
    text = cluster_config()
    if args.check:
        if not AUTH_CONF.exists() or AUTH_CONF.read_text() != text:
            print(f"{AUTH_CONF} is not current: run `make docs`", file=sys.stderr)
            return 1
        return 0
    AUTH_CONF.parent.mkdir(parents=True, exist_ok=True)
    AUTH_CONF.write_text(text)
    print(f"wrote {AUTH_CONF}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
