"""The clock every time-driven rule reads: real time, or a simulated plan year.

"Today" is the Department's date, in its time zone (Vietnam: UTC+7), never the UTC date: at
00:30 on 20/03 in Hà Nội it is 20/03, though UTC still says 19/03.
"""

import time
from datetime import UTC, date, datetime, tzinfo
from typing import Protocol
from zoneinfo import ZoneInfo

DEPARTMENT_ZONE = "Asia/Ho_Chi_Minh"


class Clock(Protocol):
    def now(self) -> datetime: ...

    def today(self) -> date: ...


class SystemClock:
    def __init__(self, zone: str = DEPARTMENT_ZONE) -> None:
        self.zone: tzinfo = ZoneInfo(zone)

    def now(self) -> datetime:
        return datetime.now(UTC)

    def today(self) -> date:
        return self.now().astimezone(self.zone).date()


class SimulatedClock:
    """Time that started at `start` when the real clock read `origin`, running `speed` times
    faster. Every process given the same values reads the same time. A `start` without a time
    zone is the Department's local time."""

    def __init__(
        self,
        start: datetime,
        speed: float,
        origin: float | None = None,
        zone: str = DEPARTMENT_ZONE,
    ) -> None:
        self.zone: tzinfo = ZoneInfo(zone)
        self.start = start if start.tzinfo else start.replace(tzinfo=self.zone)
        self.speed = speed
        self.origin = time.time() if origin is None else origin

    def now(self) -> datetime:
        elapsed = (time.time() - self.origin) * self.speed
        return datetime.fromtimestamp(self.start.timestamp() + elapsed, UTC)

    def today(self) -> date:
        return self.now().astimezone(self.zone).date()
