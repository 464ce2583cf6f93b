"""`planpulse plan …`: the year's plans from the command line, for scripts and operators
(acting for the Office). `show --json` prints the plan in the documented shape."""

import argparse
import asyncio
import json
from typing import Any

from planpulse_cli.operator import OPERATOR_FOR_OFFICE, ask, operator_connection
from shared.settings import Settings
from shared.subjects import command_subject, query_subject

STATUS_VI = {"draft": "dự thảo", "published": "đang áp dụng", "closed": "đã kết thúc"}


def add_parser(commands: Any) -> None:
    plan = commands.add_parser("plan", help="the year's plans: list, show, clone, publish")
    actions = plan.add_subparsers(dest="action", required=True)
    actions.add_parser("list", help="every plan with its year and status")
    show = actions.add_parser("show", help="one plan")
    show.add_argument("plan_id")
    show.add_argument("--json", action="store_true", help="the whole plan as JSON")
    clone = actions.add_parser("clone", help="a draft for another year from a plan in force")
    clone.add_argument("plan_id")
    clone.add_argument("--year", type=int, required=True)
    publish = actions.add_parser("publish", help="put a draft in force")
    publish.add_argument("plan_id")


async def _run(args: argparse.Namespace, settings: Settings) -> int:
    async with operator_connection(settings, "plans") as nc:

        async def send(subject: str, body: dict[str, Any]) -> dict[str, Any]:
            return await ask(nc, settings, subject, body, actor=OPERATOR_FOR_OFFICE)

        if args.action == "list":
            reply = await send(query_subject("plans"), {})
        elif args.action == "show":
            reply = await send(query_subject("plan"), {"plan_id": args.plan_id})
        elif args.action == "clone":
            body = {"year": args.year, "clone_from": args.plan_id}
            reply = await send(command_subject("plan", "create"), body)
        else:
            reply = await send(command_subject("plan", "publish"), {"plan_id": args.plan_id})
    if not reply["ok"]:
        print(f"Không thực hiện được: {reply['error']['message']}")
        for field, message in reply["error"].get("fields", {}).items():
            print(f"  {field}: {message}")
        return 1
    _print(args, reply)
    return 0


def _print(args: argparse.Namespace, reply: dict[str, Any]) -> None:
    if args.action == "list":
        for plan in reply["plans"]:
            number = plan["number"] or "(chưa có số)"
            status = STATUS_VI[plan["status"]]
            print(
                f"{plan['plan_id']:<14} {plan['year']}  {status:<13} {number:<14} {plan['title']}"
            )
    elif args.action == "show" and args.json:
        plan = {k: v for k, v in reply["plan"].items() if k != "content"}
        print(json.dumps(plan, ensure_ascii=False, indent=2))
    elif args.action == "show":
        plan = reply["plan"]
        print(f"{plan['title']} ({plan['plan_id']}, {STATUS_VI[plan['status']]})")
        for task in plan["tasks"]:
            print(f"  Nhiệm vụ {task['id']}. {task['short_title']}")
        for occasion in plan["occasions"]:
            print(f"  {occasion['start']} – {occasion['end']}  {occasion['title']}")
        for period in plan["periods"]:
            print(f"  {period['name']}: hạn nộp {period['due']}")
    elif args.action == "clone":
        print(reply["id"])  # the new draft's id first, for scripts
        print("Đã lập dự thảo kế hoạch; Văn phòng Sở rà soát rồi ban hành.")
    else:
        print(f"Đã ban hành kế hoạch {args.plan_id}.")


def run(args: argparse.Namespace, settings: Settings) -> int:
    return asyncio.run(_run(args, settings))
