"""The clock every time-driven rule reads: real time, or a simulated plan year."""

import time
from datetime import UTC, date, datetime
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime: ...

    def today(self) -> date: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)

    def today(self) -> date:
        return self.now().date()


class SimulatedClock:
    """Time that started at `start` when the real clock read `origin`, running `speed` times
    faster. Every process given the same three values reads the same time."""

    def __init__(self, start: datetime, speed: float, origin: float | None = None) -> None:
        self.start = start
        self.speed = speed
        self.origin = time.time() if origin is None else origin

    def now(self) -> datetime:
        elapsed = (time.time() - self.origin) * self.speed
        return datetime.fromtimestamp(self.start.timestamp() + elapsed, UTC)

    def today(self) -> date:
        return self.now().date()
