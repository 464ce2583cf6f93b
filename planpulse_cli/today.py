"""What `planpulse up` says about today once the system runs: the occasions under way, the next
one and the next report deadline with their countdowns, from the calendar query."""

import asyncio
import time
from datetime import date
from typing import Any

from nats.errors import NoRespondersError

from planpulse_cli.operator import ask, operator_connection
from shared.settings import Settings
from shared.subjects import STREAM, query_subject


def _vi(day: str) -> str:
    return date.fromisoformat(day).strftime("%d/%m/%Y")


def _to_go(days: int) -> str:
    return "hôm nay" if days == 0 else f"còn {days} ngày"


def describe(calendar: dict[str, Any]) -> list[str]:
    """The calendar in a few Vietnamese lines."""
    lines = [f"Hôm nay {_vi(calendar['today'])}:"]
    for occasion in calendar["under_way"]:
        lines.append(f"  Đang diễn ra: {occasion['name']} (đến hết {_vi(occasion['ends_on'])})")
    if (occasion := calendar["next_occasion"]) is not None:
        when = f"{_vi(occasion['starts_on'])}, {_to_go(occasion['days'])}"
        lines.append(f"  Sắp tới: {occasion['name']}, ngày {when}")
    if (deadline := calendar["next_deadline"]) is not None:
        when = f"{_vi(deadline['due_on'])}, {_to_go(deadline['days'])}"
        lines.append(f"  Hạn nộp báo cáo gần nhất: {deadline['name']}, ngày {when}")
    if len(lines) == 1:
        lines.append("  Không có đợt truyền thông hay hạn nộp báo cáo nào sắp tới.")
    return lines


async def calendar_today(settings: Settings, wait: float = 20) -> dict[str, Any]:
    """The calendar once the reporting service has read the whole stream as it is now."""
    deadline = time.monotonic() + wait
    async with operator_connection(settings, "today") as nc:
        last = (await nc.jetstream().stream_info(STREAM)).state.last_seq
        while True:
            try:
                progress = await ask(nc, settings, query_subject("progress"), {}, 2)
                if progress.get("position", 0) >= last or time.monotonic() > deadline:
                    return await ask(nc, settings, query_subject("calendar"), {}, 5)
            except (NoRespondersError, TimeoutError):
                if time.monotonic() > deadline:
                    raise
            await asyncio.sleep(0.2)
