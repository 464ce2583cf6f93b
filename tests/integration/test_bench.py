"""`planpulse bench` runs end to end and prints every row beside its raw baseline."""

import os

import pytest

from planpulse_cli.bench import main

EVENTS = 500


def _rows(out: str) -> dict[str, tuple[float, float, str]]:
    """The table's rows by name: (product, raw, ratio)."""
    rows = {}
    for line in out.splitlines():
        if not line.startswith("| ") or line.startswith("| what") or "---" in line:
            continue
        what, product, raw, ratio = (cell.strip() for cell in line.strip("|").split("|"))
        rows[what] = (float(product.replace(",", "")), float(raw.replace(",", "")), ratio)
    return rows


def test_bench_prints_each_rate_beside_a_raw_baseline(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(events=EVENTS) == 0
    out = capsys.readouterr().out
    rows = _rows(out)
    expected = [
        "append, sequential",
        "append, concurrent",
        "activity.log command, 64 in flight, service in this process",
        "activity.log command, 64 in flight, service as its own process",
        "rebuild, SQLite",
    ]
    if os.environ.get("PLANPULSE_TEST_POSTGRES_URL"):
        expected.append("rebuild, PostgreSQL")
    names = list(rows)
    assert len(names) == len(expected), out
    for name, start in zip(names, expected, strict=True):
        assert name.startswith(start), out
    for product, raw, ratio in rows.values():
        assert product > 0 and raw > 0 and ratio.endswith("%")
    assert f"N = {EVENTS} events" in out
    assert out.count(f"{EVENTS // 2} sent, 0 failed") == 2
    assert f"{EVENTS} of {EVENTS} activities in the read model" in out
    for tool in ("nproc", "nats-server v", "nats-py", "faststream", "sqlalchemy", "Goals"):
        assert tool in out
    assert "PROBLEM" not in out
