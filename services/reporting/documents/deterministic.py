"""Same input, same bytes; and the Vietnamese ways of writing numbers and dates.

Office files are zip containers: each entry carries the time it was written, and the entry order
is whatever the library's part walk gives. `normalize_zip` rewrites the container with a fixed
entry time, fixed attributes and a fixed order, so only the content decides the bytes.
"""

import io
import zipfile
from datetime import date

FIXED = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry
FIRST = "[Content_Types].xml"  # conventionally the first entry of an OPC package


def normalize_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed entry times and attributes, entries sorted by name."""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = sorted(source.namelist(), key=lambda name: (name != FIRST, name))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as target:
        for name in names:
            entry = zipfile.ZipInfo(name, date_time=FIXED)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 3  # otherwise 0 on Windows, 3 elsewhere
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(name), compresslevel=6)
    return out.getvalue()


def number(value: int | float) -> str:
    """1234567 -> "1.234.567" (Vietnamese thousands separator)."""
    return f"{round(value):,}".replace(",", ".")


def percent(rate: float) -> str:
    """0.3636 -> "36,4%" (Vietnamese decimal comma)."""
    return f"{rate * 100:.1f}".replace(".", ",") + "%"


def day(value: date) -> str:
    """date(2024, 3, 8) -> "08/03/2024"."""
    return f"{value:%d/%m/%Y}"


def span(start: date, end: date) -> str:
    """One day, or "15/11/2024 - 15/12/2024"."""
    return day(start) if start == end else f"{day(start)} - {day(end)}"


def place_and_date(place: str, value: date) -> str:
    """Decree 30/2020, Appendix I: a leading zero for days below 10 and for months 1 and 2 only.

    "Hà Nội, ngày 05 tháng 02 năm 2024", but "…, ngày 28 tháng 6 năm 2024".
    """
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    return f"{place}, ngày {value.day:02d} tháng {month} năm {value.year}"
