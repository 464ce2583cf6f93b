"""`planpulse demo`: fills the plan in force today with demo activities and a few 6-month
reports, through the real commands (each unit's officer logs its own; the Office reviews), so a
fresh install shows a live overview. Every entry is marked as demo data; a second run adds
nothing."""

import argparse
import asyncio
import json
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from nats.aio.client import Client
from nats.errors import NoRespondersError

from planpulse_cli.demo_data import (
    DEMO_NOTE,
    DEMO_PREFIX,
    RETURN_COMMENT,
    DemoOccasion,
    DemoPlan,
    DemoUnit,
    demo_activities,
    report_body,
)
from planpulse_cli.operator import ask, operator_connection
from shared.actor import Actor
from shared.settings import Settings
from shared.subjects import command_subject, query_subject

OFFICE = Actor(user_id="vanphong", role="office")
PARALLEL = 16  # commands in flight at once
MAX_COUNT = 5000
REPORTS = 5  # units that send their 6-month report


def add_parser(commands: Any) -> None:
    demo = commands.add_parser(
        "demo", help="fill this year's plan with demo activities and reports (demo installs)"
    )
    demo.add_argument(
        "--count", type=int, default=300, help=f"activities to make (1–{MAX_COUNT}, default 300)"
    )
    demo.add_argument("--wait", type=float, default=30, help="seconds to wait for the system")
    demo.add_argument("--json", action="store_true", help="the summary as JSON, for scripts")


@dataclass
class Outcome:
    plan_id: str = ""
    year: int = 0
    first_day: str = ""
    today: str = ""
    added: list[dict[str, Any]] = field(default_factory=list)
    existing: int = 0
    refused: list[str] = field(default_factory=list)
    reports: Counter[str] = field(default_factory=Counter)

    def summary(self, names: dict[str, str], seconds: float) -> dict[str, Any]:
        by_unit = Counter(a["unit_id"] for a in self.added)
        return {
            "plan_id": self.plan_id,
            "year": self.year,
            "from": self.first_day,
            "to": self.today,
            "added": len(self.added),
            "existing": self.existing,
            "refused": self.refused,
            "by_unit": {unit: by_unit[unit] for unit in names if by_unit[unit]},
            "men": sum(a["participants"]["men"] for a in self.added),
            "women": sum(a["participants"]["women"] for a in self.added),
            "reports": dict(self.reports),
            "seconds": round(seconds, 1),
        }


def officer(unit: DemoUnit) -> Actor:
    """The unit's own officer (the Office logs its own activities as the Office)."""
    if unit.is_office:
        return Actor(user_id=OFFICE.user_id, unit_id=unit.unit_id, role="office")
    return Actor(user_id=f"canbo-{unit.unit_id}", unit_id=unit.unit_id, role="unit_officer")


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def current_plan(catalog: dict[str, Any], today: date) -> DemoPlan | None:
    """The plan in force whose window holds today, as the demo needs it."""
    holding = [
        plan
        for plan in catalog["plans"]
        if plan["status"] == "published"
        and plan["starts_on"]
        and date.fromisoformat(plan["starts_on"]) <= today <= date.fromisoformat(plan["ends_on"])
    ]
    if not holding:
        return None
    plan = max(holding, key=lambda p: p["year"])
    plan_id = plan["plan_id"]
    return DemoPlan(
        plan_id=plan_id,
        starts_on=date.fromisoformat(plan["starts_on"]),
        today=today,
        task_ids=tuple(t["task_id"] for t in catalog["tasks"] if t["plan_id"] == plan_id),
        units=tuple(
            DemoUnit(u["unit_id"], u["is_office"], _day(u["effective_from"]), _day(u["retired_on"]))
            for u in catalog["units"]
        ),
        occasions=tuple(
            DemoOccasion(
                o["occasion_id"],
                o["name"],
                o["kind"],
                date.fromisoformat(o["starts_on"]),
                date.fromisoformat(o["ends_on"]),
                tuple(o["task_ids"]),
            )
            for o in catalog["occasions"]
            if o["plan_id"] == plan_id
        ),
    )


async def _catalog_and_today(
    nc: Client, settings: Settings, wait: float
) -> tuple[dict[str, Any], date]:
    """The catalog and today on the system's own clock, once the reporting service answers
    with a plan in force today (just after `make up` it may still be catching up)."""
    deadline = time.monotonic() + wait
    while True:
        try:
            calendar = await ask(nc, settings, query_subject("calendar"), {}, 5, OFFICE)
            catalog = await ask(nc, settings, query_subject("catalog"), {}, 5, OFFICE)
            today = date.fromisoformat(calendar["today"])
            if current_plan(catalog, today) is not None or time.monotonic() > deadline:
                return catalog, today
        except (NoRespondersError, TimeoutError):
            if time.monotonic() > deadline:
                raise
        await asyncio.sleep(0.5)


async def _log(
    nc: Client, settings: Settings, plan: DemoPlan, count: int, outcome: Outcome
) -> None:
    units = {unit.unit_id: unit for unit in plan.units}
    gate = asyncio.Semaphore(PARALLEL)

    async def one(body: dict[str, Any]) -> None:
        async with gate:
            actor = officer(units[body["unit_id"]])
            reply = await ask(nc, settings, command_subject("activity", "log"), body, 10, actor)
        if reply["ok"]:
            outcome.added.append(body)
        elif reply["error"]["code"] == "activity_exists":
            outcome.existing += 1
        else:
            outcome.refused.append(f"{body['activity_id']}: {reply['error']['message']}")

    await asyncio.gather(*(one(body) for body in demo_activities(plan, count)))
    outcome.added.sort(key=lambda body: str(body["activity_id"]))


async def _reports(
    nc: Client,
    settings: Settings,
    catalog: dict[str, Any],
    plan: DemoPlan,
    count: int,
    outcome: Outcome,
) -> None:
    """A few units send their 6-month report; the Office accepts some, returns one, and leaves
    one waiting. Units chosen by a fixed rule, and only those that have not reported yet."""
    periods = [
        p
        for p in catalog["periods"]
        if p["plan_id"] == plan.plan_id
        and p["kind"] == "six_month"
        and date.fromisoformat(p["starts_on"]) <= plan.today
    ]
    if not periods:
        return
    period = periods[0]
    status = await ask(
        nc, settings, query_subject("report_status"), {"period_id": period["period_id"]}, 10, OFFICE
    )
    in_period = [
        a
        for a in demo_activities(plan, count)
        if period["starts_on"] <= a["date"] <= period["ends_on"]
    ]
    units = {unit.unit_id: unit for unit in plan.units}
    for n, row in enumerate(status["units"][::2][:REPORTS]):
        if row["status"] != "missing" or row["unit_id"] not in units:
            continue
        body = report_body(period["period_id"], row["unit_id"], row["name"], in_period)
        actor = officer(units[row["unit_id"]])
        sent = await ask(nc, settings, command_subject("report", "submit"), body, 10, actor)
        if not sent["ok"]:
            outcome.refused.append(f"{row['unit_id']}: {sent['error']['message']}")
            continue
        outcome.reports["submitted"] += 1
        review = {0: "accept", 1: "accept", 2: "return"}.get(n % 4)
        if review is None:
            continue  # waiting in the Office's queue
        said = {"report_id": sent["id"], "comment": RETURN_COMMENT if review == "return" else ""}
        reply = await ask(nc, settings, command_subject("report", review), said, 10, OFFICE)
        if reply["ok"]:
            outcome.reports["accepted" if review == "accept" else "returned"] += 1


async def fill(settings: Settings, count: int, wait: float) -> tuple[Outcome, dict[str, str]]:
    """Log the demo activities and reports; the outcome and the units' short names."""
    outcome = Outcome()
    async with operator_connection(settings, "demo") as nc:
        catalog, today = await _catalog_and_today(nc, settings, wait)
        names = {u["unit_id"]: u["short_name"] for u in catalog["units"]}
        plan = current_plan(catalog, today)
        outcome.today = today.isoformat()
        if plan is None:
            return outcome, names
        year = next(p["year"] for p in catalog["plans"] if p["plan_id"] == plan.plan_id)
        outcome.plan_id, outcome.year = plan.plan_id, year
        outcome.first_day = plan.starts_on.isoformat()
        await _log(nc, settings, plan, count, outcome)
        await _reports(nc, settings, catalog, plan, count, outcome)
    return outcome, names


def _vi(day: str) -> str:
    return date.fromisoformat(day).strftime("%d/%m/%Y")


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def print_summary(summary: dict[str, Any], names: dict[str, str]) -> None:
    print(
        f"Kế hoạch năm {summary['year']} ({summary['plan_id']}), "
        f"từ {_vi(summary['from'])} đến hôm nay {_vi(summary['to'])}:"
    )
    print(
        f"Đã thêm {summary['added']} hoạt động minh họa; "
        f"{summary['existing']} hoạt động đã có từ lần chạy trước."
    )
    if summary["by_unit"]:
        print("Hoạt động mới theo phòng, đơn vị:")
        for unit_id, count in summary["by_unit"].items():
            print(f"  {unit_id:<12} {names.get(unit_id, unit_id):<12} {count:>5}")
        people = summary["men"] + summary["women"]
        print(
            f"Người tham dự: {_number(people)} "
            f"(nam {_number(summary['men'])}, nữ {_number(summary['women'])})."
        )
    reports = summary["reports"]
    if reports:
        print(
            f"Báo cáo 6 tháng: {reports.get('submitted', 0)} đơn vị gửi; Văn phòng Sở tiếp nhận "
            f"{reports.get('accepted', 0)}, trả lại {reports.get('returned', 0)}."
        )
    for refusal in summary["refused"][:5]:
        print(f"Bị từ chối: {refusal}")
    print(
        f"Đây là dữ liệu minh họa: mã hoạt động bắt đầu bằng «{DEMO_PREFIX}», ghi chú "
        f"«{DEMO_NOTE}». Dữ liệu đã ghi vào luồng sự kiện và không xóa được: "
        "chỉ dùng cho bản cài đặt dùng thử."
    )
    seconds = f"{summary['seconds']:.1f}".replace(".", ",")
    print(f"Xong trong {seconds} giây.")


def run(args: argparse.Namespace, settings: Settings) -> int:
    if not 1 <= args.count <= MAX_COUNT:
        print(f"Số hoạt động (--count) phải từ 1 đến {MAX_COUNT}.")
        return 2
    started = time.monotonic()
    try:
        outcome, names = asyncio.run(fill(settings, args.count, args.wait))
    except (NoRespondersError, TimeoutError, OSError) as error:
        print(f"Hệ thống chưa trả lời ({type(error).__name__}). Hãy chạy `make up` trước.")
        return 1
    if not outcome.plan_id:
        print(
            f"Chưa có kế hoạch nào đang áp dụng cho hôm nay ({_vi(outcome.today)}). "
            "Hãy lập và ban hành kế hoạch năm nay (planpulse plan clone … --year …, "
            "planpulse plan publish …) rồi chạy lại."
        )
        return 1
    summary = outcome.summary(names, time.monotonic() - started)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        print_summary(summary, names)
    return 1 if summary["refused"] else 0
