"""How numbers, dates and plan windows read in Vietnamese."""

import re
import string
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

MARKUP = re.compile("([" + re.escape(string.punctuation) + "])")
# what GitHub-flavoured markdown turns into a link even when escaped: scheme://, www., x@y
AUTOLINK = re.compile(r"(?<=:)(?=//)|(?<=www)(?=\.)|(?=@)", re.IGNORECASE)
WORD_JOINER = "\u2060"  # invisible, and ends the run of characters a link is made of


def literal(text: str) -> str:
    """User text inside markdown, shown as typed: every ASCII punctuation mark escaped (no
    image, heading, list, colour, formula nor HTML entity), no address made a link, each line
    break kept. A block of user text alone is drawn with `st.text` instead."""
    unlinked = AUTOLINK.sub(WORD_JOINER, text)
    return MARKUP.sub(r"\\\1", unlinked).replace("\n", "  \n")


def number(value: int | float | None) -> str:
    """1234567 -> "1.234.567": Vietnamese groups thousands with a dot."""
    if value is None:
        return ""
    return f"{round(value):,}".replace(",", ".")


def day(value: str | date) -> str:
    """ "2024-03-08" -> "08/03/2024"."""
    parsed = date.fromisoformat(value) if isinstance(value, str) else value
    return parsed.strftime("%d/%m/%Y")


def span(starts_on: str, ends_on: str) -> str:
    if starts_on == ends_on:
        return day(starts_on)
    return f"{day(starts_on)} – {day(ends_on)}"


def plan_window(plan: Mapping[str, Any]) -> tuple[date, date]:
    """The dates a plan accepts activities for.

    The catalog reply carries it (cut-off windows and occasions); a plan without reporting
    periods falls back to Decree 09/2019/NĐ-CP's annual period, 15/12 of the year before to 14/12.
    """
    if plan.get("starts_on") and plan.get("ends_on"):
        return date.fromisoformat(plan["starts_on"]), date.fromisoformat(plan["ends_on"])
    year = int(plan["year"])
    return date(year - 1, 12, 15), date(year, 12, 14)


def now() -> datetime:
    """The Department's time (its time zone), whatever the server's clock zone."""
    from zoneinfo import ZoneInfo

    from shared.settings import get_settings

    return datetime.now(ZoneInfo(get_settings().local_timezone))


def today() -> date:
    return now().date()


def moment(value: str) -> str:
    """An RFC 3339 instant as the Department reads it: "08/03/2024 14:05" (its time zone)."""
    from zoneinfo import ZoneInfo

    from shared.settings import get_settings

    zone = ZoneInfo(get_settings().local_timezone)
    return datetime.fromisoformat(value).astimezone(zone).strftime("%d/%m/%Y %H:%M")


def percent(rate: float) -> str:
    """0.3636 -> "36,4%"."""
    return f"{rate * 100:.1f}".replace(".", ",") + "%"


def share(part: int, whole: int) -> str:
    """4 of 11 -> "36,4%"; of nothing -> "—" (0 of 0 is no rate at all, not 0%)."""
    return percent(part / whole) if whole else "—"


def clamp(value: date, start: date, end: date) -> date:
    return max(start, min(value, end))
