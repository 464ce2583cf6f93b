"""Days as a person reads them: a commemorative day inside an action month belongs to that
month's notices; a deadline on a weekend or a public holiday deserves a word. Pure."""

from datetime import date

from shared.catalog import Catalog
from shared.events import OccasionScheduled

WEEKEND = {5: "thứ Bảy", 6: "Chủ nhật"}


def vn_date(day: date) -> str:
    return f"{day:%d/%m/%Y}"


def enclosing_month(occasion: OccasionScheduled, catalog: Catalog) -> OccasionScheduled | None:
    """The action month of the same plan whose days hold this one-day occasion, if any."""
    if occasion.kind == "month":
        return None
    return next(
        (
            month
            for month in catalog.occasions.values()
            if month.kind == "month"
            and month.plan_id == occasion.plan_id
            and month.starts_on <= occasion.starts_on
            and occasion.ends_on <= month.ends_on
        ),
        None,
    )


def days_inside(month: OccasionScheduled, catalog: Catalog) -> list[OccasionScheduled]:
    found = [o for o in catalog.occasions.values() if enclosing_month(o, catalog) == month]
    return sorted(found, key=lambda o: o.starts_on)


def inside_sentence(month: OccasionScheduled, catalog: Catalog) -> str:
    """ " Trong thời gian này có: Ngày Gia đình Việt Nam (28/06/2024)." or ""."""
    days = days_inside(month, catalog)
    if not days:
        return ""
    listed = "; ".join(f"{o.name} ({vn_date(o.starts_on)})" for o in days)
    return f" Trong thời gian này có: {listed}."


def day_off(day: date, holidays: dict[date, str]) -> str | None:
    """Why nobody works that day ("Chủ nhật", "Tết Nguyên đán"), or None."""
    return holidays.get(day) or WEEKEND.get(day.weekday())


def deadline_note(deadline: date, holidays: dict[date, str]) -> str:
    """A sentence for a deadline that falls on a day off, or ""."""
    off = day_off(deadline, holidays)
    if off is None:
        return ""
    return f" Lưu ý: hạn {vn_date(deadline)} rơi vào ngày nghỉ ({off}), đề nghị gửi sớm hơn."
