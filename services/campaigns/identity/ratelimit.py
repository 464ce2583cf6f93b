"""Failed sign-ins counted per key over a sliding window: past the limit, the key must wait."""

import time
from collections import defaultdict, deque
from collections.abc import Callable


class FailureWindow:
    def __init__(
        self, limit: int, window_seconds: float, now: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit, self.window, self.now = limit, window_seconds, now
        self._failures: dict[str, deque[float]] = defaultdict(deque)

    def _recent(self, key: str) -> deque[float]:
        failures = self._failures[key]
        while failures and self.now() - failures[0] > self.window:
            failures.popleft()
        if not failures:
            del self._failures[key]  # forget keys that went quiet
            return deque()
        return failures

    def blocked(self, key: str) -> bool:
        return len(self._recent(key)) >= self.limit

    def fail(self, key: str) -> None:
        self._failures[key].append(self.now())

    def clear(self, key: str) -> None:
        self._failures.pop(key, None)
