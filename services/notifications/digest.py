"""One message per recipient, per channel, per day: which digest an item joins, what the
message says, when it may go out. Pure."""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from services.notifications.days import vn_date

SIGNATURE = "Văn phòng Sở Tư pháp - hệ thống PlanPulse (thư tự động, vui lòng không trả lời)."


def digest_id(recipient: str, channel: str, day: date) -> str:
    return f"{day.isoformat()}_{channel}_{recipient}"


def digest_day(due_on: date, today: date, closed: Collection[date]) -> date:
    """The day of the digest an item joins: the day it is due, unless that digest has already
    gone out; then the first day from today on whose digest has not (never a second message
    for one day)."""
    if due_on not in closed:
        return due_on
    day = max(today, due_on + timedelta(days=1))
    while day in closed:
        day += timedelta(days=1)
    return day


@dataclass(frozen=True)
class Message:
    title: str
    body: str


def compose(recipient_name: str, day: date, lines: list[str]) -> Message:
    count = f" ({len(lines)} nội dung)" if len(lines) > 1 else ""
    title = f"[PlanPulse] Nhắc việc ngày {vn_date(day)}{count}"
    bullets = "\n".join(f"- {line}" for line in lines)
    body = (
        f"Kính gửi: {recipient_name}.\n\n"
        f"Kế hoạch truyền thông có các việc cần lưu ý ngày {vn_date(day)}:\n\n"
        f"{bullets}\n\n{SIGNATURE}\n"
    )
    return Message(title, body)


def notice(recipient_name: str, lines: list[str]) -> Message:
    """A report changing hands, on its own: its first sentence is the title."""
    first = lines[0].split(". ", 1)[0].rstrip(".")
    body = "\n\n".join(lines)
    return Message(
        f"[PlanPulse] {first}", f"Kính gửi: {recipient_name}.\n\n{body}\n\n{SIGNATURE}\n"
    )


def in_quiet_hours(moment: time, start: time | None, end: time | None) -> bool:
    """Quiet from `start` until `end` local time; a span over midnight (21:00-07:00) too."""
    if start is None or end is None or start == end:
        return False
    if start < end:
        return start <= moment < end
    return moment >= start or moment < end


def backoff(attempts: int, base: float, ceiling: float) -> float:
    """Seconds to wait after the n-th failed attempt: base, 2 base, 4 base, ... up to ceiling."""
    return float(min(ceiling, base * 2 ** max(0, attempts - 1)))


def local_time(now: datetime, zone: str) -> time:
    from zoneinfo import ZoneInfo

    return now.astimezone(ZoneInfo(zone)).time()
