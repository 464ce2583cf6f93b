"""`planpulse users …`: an administrator's accounts from the command line, and the demo accounts
`planpulse up` creates. Passwords are asked for at a prompt (or given once) and sent only in the
create/password command; the services keep only their hash."""

import argparse
import asyncio
import getpass
from typing import Any

from nats.errors import NoRespondersError

from planpulse_cli.operator import ask, operator_connection
from services.campaigns.plan import read_plan_file
from shared.events import UnitRegistered
from shared.settings import Settings
from shared.subjects import command_subject, query_subject

ROLES = {
    "unit_officer": "Cán bộ phòng, đơn vị",
    "office": "Văn phòng Sở",
    "leadership": "Lãnh đạo Sở",
    "admin": "Quản trị hệ thống",
}


def demo_accounts(settings: Settings) -> list[dict[str, Any]]:
    """An administrator, the Office, leadership, and one officer per unit of the plan."""
    units = [e for e in read_plan_file(settings.plan_file) if isinstance(e, UnitRegistered)]
    accounts: list[dict[str, Any]] = [
        {"user_id": "quantri", "name": "Quản trị hệ thống", "role": "admin"},
        {"user_id": "vanphong", "name": "Chuyên viên Văn phòng Sở", "role": "office"},
        {"user_id": "lanhdao", "name": "Lãnh đạo Sở", "role": "leadership"},
    ]
    for unit in units:
        if not unit.is_office:
            accounts.append(
                {
                    "user_id": f"canbo-{unit.unit_id}",
                    "name": f"Cán bộ {unit.short_name}",
                    "role": "unit_officer",
                    "unit_id": unit.unit_id,
                    "email": f"{unit.unit_id}@stp.example.gov.vn",
                }
            )
    return accounts


async def create_demo_accounts(settings: Settings, wait: float = 30) -> list[dict[str, Any]]:
    """Create the demo accounts that do not exist yet (waiting for the campaigns service to
    answer); return them all."""
    password = settings.demo_password.get_secret_value()
    accounts = demo_accounts(settings)
    async with operator_connection(settings, "demo-accounts") as nc:
        await _until_answering(nc, settings, wait)
        for account in accounts:
            reply = await ask(
                nc,
                settings,
                command_subject("account", "create"),
                {**account, "password": password},
            )
            if not reply["ok"] and reply["error"]["code"] != "account_exists":
                raise RuntimeError(reply["error"]["message"])
    return accounts


async def _until_answering(nc: Any, settings: Settings, wait: float) -> None:
    deadline = asyncio.get_running_loop().time() + wait
    while True:
        try:
            await ask(nc, settings, query_subject("accounts"), {}, timeout=1)
            return
        except (NoRespondersError, TimeoutError):
            if asyncio.get_running_loop().time() > deadline:
                raise
            await asyncio.sleep(0.2)


def print_demo_accounts(accounts: list[dict[str, Any]], settings: Settings) -> None:
    """On the terminal only (never a log): the accounts, and the password if it is the
    documented default."""
    password = settings.demo_password.get_secret_value()
    default = Settings.model_fields["demo_password"].default.get_secret_value()
    said = f"«{password}»" if password == default else "giá trị PLANPULSE_DEMO_PASSWORD"
    print(f"Tài khoản dùng thử (mật khẩu: {said}):", flush=True)
    for account in accounts:
        unit = f" — {account['unit_id']}" if account.get("unit_id") else ""
        print(f"  {account['user_id']:<16} {ROLES[account['role']]}{unit}", flush=True)


async def _run(args: argparse.Namespace, settings: Settings) -> int:
    async with operator_connection(settings, "users") as nc:
        if args.action == "list":
            reply = await ask(nc, settings, query_subject("accounts"), {})
            for account in reply.get("accounts", []):
                state = "đã vô hiệu hóa" if account["disabled"] else "đang hoạt động"
                unit = account["unit_id"] or "-"
                print(f"{account['user_id']:<20} {account['role']:<13} {unit:<10} {state}")
        elif args.action == "create":
            body = {
                "user_id": args.user_id,
                "name": args.name,
                "role": args.role,
                "unit_id": args.unit,
                "email": args.email,
                "password": _password(args),
            }
            reply = await ask(nc, settings, command_subject("account", "create"), body)
        elif args.action == "disable":
            body = {"user_id": args.user_id, "reason": args.reason}
            reply = await ask(nc, settings, command_subject("account", "disable"), body)
        else:
            body = {"user_id": args.user_id, "password": _password(args)}
            reply = await ask(nc, settings, command_subject("account", "password"), body)
    if not reply["ok"]:
        print(f"Không thực hiện được: {reply['error']['message']}")
        return 1
    if args.action != "list":
        print("Đã thực hiện.")
    return 0


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return input().strip()
    return getpass.getpass("Mật khẩu mới: ")


def add_parser(commands: Any) -> None:
    users = commands.add_parser("users", help="accounts: list, create, disable, set a password")
    actions = users.add_subparsers(dest="action", required=True)
    actions.add_parser("list", help="every account and its state")
    create = actions.add_parser("create", help="a new account (asks for its password)")
    create.add_argument("user_id")
    create.add_argument("--name", required=True)
    create.add_argument("--role", required=True, choices=sorted(ROLES))
    create.add_argument("--unit", help="the unit of a unit officer")
    create.add_argument("--email")
    disable = actions.add_parser("disable", help="stop an account; its sessions end at once")
    disable.add_argument("user_id")
    disable.add_argument("--reason", default="")
    password = actions.add_parser("password", help="set a new password (asks for it)")
    password.add_argument("user_id")
    for parser in (create, password):
        parser.add_argument(
            "--password-stdin", action="store_true", help="read the password from stdin"
        )


def run(args: argparse.Namespace, settings: Settings) -> int:
    return asyncio.run(_run(args, settings))
