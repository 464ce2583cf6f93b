"""What the notification tests share: a real SMTP server (aiosmtpd) and the expected e-mails,
computed here from the plan file, the rules file and the contacts file, not by the service."""

import asyncio
import email
import email.policy
import json
import re
import socket
import threading
from collections import Counter, defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import yaml
from aiosmtpd.controller import Controller

from tests.conftest import ManualClock

ROOT = Path(__file__).resolve().parents[2]
PLAN = ROOT / "services" / "campaigns" / "plans" / "kh-2024.yaml"
RULES = ROOT / "services" / "notifications" / "rules.yaml"
CONTACTS = ROOT / "services" / "notifications" / "contacts.yaml"
OCCASION_LEADS, DEADLINE_LEADS, OVERDUE_EVERY, OVERDUE_FOR = (14, 7, 1), (7, 3, 1), 7, 90


@dataclass
class Mailbox:
    """aiosmtpd handler keeping every message it accepts, in arrival order."""

    messages: list[EmailMessage] = field(default_factory=list)

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:  # noqa: N802
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        self.messages.append(parsed)
        return "250 Message accepted for delivery"

    def digests(self) -> list[EmailMessage]:
        """The daily digests ("Nhắc việc ngày dd/mm/yyyy"), not the notices of reports."""
        return [m for m in self.messages if "Nhắc việc ngày" in str(m["Subject"])]

    def received(self) -> list[tuple[str, date]]:
        """(address, day) of each digest, in arrival order; the day read from its subject."""
        found = []
        for message in self.digests():
            day, month, year = re.search(r"(\d\d)/(\d\d)/(\d{4})", message["Subject"]).groups()
            for address in str(message["To"]).split(","):
                found.append((address.strip(), date(int(year), int(month), int(day))))
        return found

    def message_ids(self) -> list[str]:
        """The digest id in each message's Message-ID, in arrival order."""
        return [str(m["Message-ID"]).strip("<>").split("@")[0] for m in self.messages]


def hold_port(port: int) -> socket.socket:
    """Keep a stopped server's port: bound but not listening, so a client is refused, as by a
    server that is away, and no outgoing connection takes it as its own ephemeral port before
    the server comes back on it."""
    held = socket.socket()
    held.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    held.bind(("127.0.0.1", port))
    return held


def start_smtp(mailbox: Mailbox, port: int) -> Controller:
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    return controller


@dataclass(frozen=True)
class Trigger:
    event: str
    day: date
    unit: str | None = None  # report triggers
    lead: int | None = None
    reminder: int | None = None
    folded: bool = False  # a day inside an action month: its month's messages tell it
    one_day: bool = False


def plan_triggers(submitted: set[tuple[str, str]]) -> list[Trigger]:
    """The clock's triggers from the plan file and the default lead days; none for a report
    already submitted as (period id, unit id)."""
    plan = yaml.safe_load(PLAN.read_text("utf-8"))
    found: list[Trigger] = []
    months = [o for o in plan["occasions"] if o["kind"] == "month"]
    for occasion in plan["occasions"]:
        starts, ends = occasion["starts_on"], occasion["ends_on"]
        kept = {
            "folded": occasion["kind"] == "day"
            and any(m["starts_on"] <= starts and ends <= m["ends_on"] for m in months),
            "one_day": starts == ends,
        }
        for lead in OCCASION_LEADS:
            found.append(
                Trigger("occasion.approaching", starts - timedelta(lead), lead=lead, **kept)
            )
        found += [
            Trigger("occasion.started", starts, **kept),
            Trigger("occasion.ended", ends, **kept),
        ]
    reporting = [u["unit_id"] for u in plan["units"] if not u.get("is_office")]
    for period in plan["plan"]["reporting_periods"]:
        due = period["due_on"]
        for unit in [u for u in reporting if (period["id"], u) not in submitted]:
            for lead in DEADLINE_LEADS:
                found.append(
                    Trigger("report.deadline_approaching", due - timedelta(lead), unit, lead=lead)
                )
            for n, after in enumerate(range(1, OVERDUE_FOR + 1, OVERDUE_EVERY)):
                found.append(
                    Trigger("report.overdue", due + timedelta(after), unit, reminder=n + 1)
                )
    return found


def _recipients(who: str, trigger: Trigger, units: list[str], office: str) -> list[str]:
    return {
        "units": units,
        "unit": [trigger.unit],
        "office": [office],
        "leadership": ["leadership"],
    }[who]


def _selected(value: int | None, only: list[int] | None) -> bool:
    return value is None or only is None or value in only


def expected_days(
    triggers: list[Trigger], start: date, end: date, channel: str
) -> dict[str, set[date]]:
    """Recipient -> the days it gets a message on `channel`: one a day, however many triggers."""
    plan = yaml.safe_load(PLAN.read_text("utf-8"))
    rules = yaml.safe_load(RULES.read_text("utf-8"))["rules"]
    units = [u["unit_id"] for u in plan["units"]]
    office = next(u["unit_id"] for u in plan["units"] if u.get("is_office"))
    days: dict[str, set[date]] = defaultdict(set)
    for trigger in (t for t in triggers if start <= t.day <= end and not t.folded):
        for rule in rules:
            if rule["event"] != trigger.event or channel not in rule["channels"]:
                continue
            if trigger.one_day and rule.get("several_days_only"):
                continue
            if trigger.lead is not None and trigger.lead not in rule.get(
                "lead_days", [trigger.lead]
            ):
                continue
            if trigger.reminder is not None and trigger.reminder not in rule.get(
                "reminders", [trigger.reminder]
            ):
                continue
            for who in rule["recipients"]:
                for recipient in _recipients(who, trigger, units, office):
                    days[recipient].add(trigger.day)
    return days


def expected_mail(triggers: list[Trigger], start: date, end: date) -> dict[str, set[date]]:
    """Address -> the days it gets an e-mail (contacts file: recipient -> addresses)."""
    contacts = yaml.safe_load(CONTACTS.read_text("utf-8"))["recipients"]
    days: dict[str, set[date]] = defaultdict(set)
    for recipient, found in expected_days(triggers, start, end, "email").items():
        for address in contacts.get(recipient, []):
            days[address] |= found
    return days


def by_day(triggers: list[Trigger]) -> dict[date, int]:
    counts: dict[date, int] = defaultdict(int)
    for trigger in triggers:
        counts[trigger.day] += 1
    return counts


async def watch_triggers(nc: Any) -> set[str]:
    """Trigger subjects as the stream records them."""
    seen: set[str] = set()

    async def note(msg: Any) -> None:
        seen.add(msg.subject)

    await nc.subscribe("planpulse.events.trigger.>", cb=note)
    return seen


async def walk(
    clock: Any,
    notify_clock: Any,
    start: date,
    end: date,
    triggers: list[Trigger],
    seen: set[str],
    on_day: Callable[[date], Awaitable[None]] | None = None,
) -> None:
    """Move the campaigns clock a day, wait until that day's triggers are in the stream, then
    move the notifications clock to it: each digest then holds all its day has."""
    per_day = by_day(triggers)
    recorded = 0  # the clock's horizon must not reach before `start`
    day = start
    while day <= end:
        clock.day = day
        if on_day is not None:
            await on_day(day)
        recorded += per_day.get(day, 0)
        deadline = asyncio.get_running_loop().time() + 10
        while len(seen) < recorded:
            assert asyncio.get_running_loop().time() < deadline, f"triggers of {day} missing"
            await asyncio.sleep(0.005)
        notify_clock.day = day
        day += timedelta(days=1)


class _Hook(BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"]))
        server: Any = self.server
        server.received.append(json.loads(body))
        self.send_response(server.status)
        self.end_headers()

    def log_message(self, *_args: Any) -> None:
        pass


def start_webhook(status: int = 200) -> Any:
    """A real local HTTP server answering every POST with `status`; `.received` keeps them."""
    server: Any = ThreadingHTTPServer(("127.0.0.1", 0), _Hook)
    server.received, server.status = [], status
    threading.Thread(target=server.serve_forever, daemon=True).start()
    server.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    return server


async def delivered_exactly(
    mailbox: Mailbox, expected: dict[str, set[date]], timeout: float
) -> Counter[str]:
    """Wait for every expected e-mail, give a duplicate time to show, and check: each address
    got one message per expected day, none twice. Returns the count per address."""
    total = sum(len(days) for days in expected.values())
    deadline = asyncio.get_running_loop().time() + timeout
    while len(mailbox.digests()) < total:
        assert asyncio.get_running_loop().time() < deadline, f"{len(mailbox.digests())}/{total}"
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.5)  # a duplicate, if any, would be in by now
    received = mailbox.received()
    assert [key for key, n in Counter(received).items() if n > 1] == []
    got = Counter(address for address, _ in received)
    assert got == Counter({address: len(days) for address, days in expected.items()})
    return got


class HourClock(ManualClock):
    """A hand-moved clock whose hour of the day the test sets too (UTC)."""

    hour = 9

    def now(self) -> datetime:
        return datetime.combine(self.day, time(self.hour), UTC)
