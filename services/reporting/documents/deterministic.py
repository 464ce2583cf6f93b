"""Same input, same bytes: Office files are zip containers that stamp the time of writing."""

import io
import zipfile

FIXED = (1980, 1, 1, 0, 0, 0)


def normalize_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed entry times, in the original entry order."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def number(value: int | float) -> str:
    """1234567 -> "1.234.567"."""
    return f"{round(value):,}".replace(",", ".")


def percent(rate: float) -> str:
    """0.3636 -> "36,4%"."""
    return f"{rate * 100:.1f}".replace(".", ",") + "%"
