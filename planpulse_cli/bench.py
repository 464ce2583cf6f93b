"""`planpulse bench`: the product's rates printed beside raw baselines measured in the same run.

Everything runs against nats-servers of its own in a temporary folder (file storage, free
ports). The pieces: bench_append (EventStore.append), bench_commands (the campaigns service),
bench_rebuild (the reporting read models).
"""

import asyncio
import os
import platform
import subprocess
import tempfile
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from planpulse_cli.bench_append import append_rates
from planpulse_cli.bench_commands import IN_FLIGHT, Commands, command_rates, in_process, own_process
from planpulse_cli.bench_rebuild import fill, rebuild_postgres, rebuild_sqlite, replay_raw
from shared.bus import connect
from shared.eventstore import ensure_stream
from shared.natsserver import NatsServer, binary, free_port

WINDOW = 256  # aggregates appended at once
DEPTH = 4  # events per aggregate, one after the other, in the concurrent append
APPEND_GOAL = 0.70  # of the raw rate
REBUILD_GOAL = 25_000  # events/s on SQLite


@dataclass(frozen=True)
class Row:
    what: str
    product: float
    raw: float

    @property
    def ratio(self) -> float:
        return self.product / self.raw if self.raw else 0.0


@dataclass
class Report:
    events: int
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


async def _server(folder: Path) -> NatsServer:
    return await asyncio.to_thread(NatsServer(folder, free_port(), free_port()).start)


async def measure_appends_and_commands(report: Report, folder: Path) -> None:
    n = report.events
    server = await _server(folder / "nats-append")
    nc = await connect(server.url, "bench")
    try:
        js = nc.jetstream()
        await ensure_stream(js)
        await append_rates(js, 200, 1)  # warm-up: the stream's files, the connection
        product, raw = await append_rates(js, n, 1)
        report.rows.append(Row(f"append, sequential, 1 aggregate at a time ({n:,})", product, raw))
        product, raw = await append_rates(js, n, WINDOW, DEPTH)
        what = f"append, concurrent, {WINDOW} aggregates × {DEPTH} events ({n:,})"
        report.rows.append(Row(what, product, raw))
        commands = max(1, n // 2)  # the slowest rows: half as many, to keep the run short
        async with in_process(server.url, folder / "in-process"):
            product, raw, sent = await command_rates(nc, commands)
        _commands(report, "service in this process, same event loop", product, raw, sent)
        async with own_process(nc, server.url, folder / "own-process"):
            product, raw, sent = await command_rates(nc, commands)
        _commands(report, "service as its own process", product, raw, sent)
    finally:
        await nc.close()
        await asyncio.to_thread(server.stop)


def _commands(report: Report, where: str, product: float, raw: float, sent: Commands) -> None:
    what = f"activity.log command, {IN_FLIGHT} in flight, {where} ({sent.sent:,})"
    report.rows.append(Row(what, product, raw))
    failed = sum(sent.failures.values())
    report.notes.append(f"commands, {where}: {sent.sent:,} sent, {failed} failed")
    for reason, times in sent.failures.most_common(5):
        report.problems.append(f"command failed {times}×: {reason}")


async def measure_rebuilds(report: Report, folder: Path) -> None:
    n = report.events
    server = await _server(folder / "nats-rebuild")
    nc = await connect(server.url, "bench")
    try:
        js = nc.jetstream()
        last = await fill(js, n)
        raw = await replay_raw(js, last)
        result, activities = await rebuild_sqlite(js, folder / "reporting.db")
        _rebuild(report, "SQLite", result.events, result.rate, raw, activities)
        postgres = os.environ.get("PLANPULSE_TEST_POSTGRES_URL")
        if postgres:
            result, activities = await rebuild_postgres(js, postgres)
            _rebuild(report, "PostgreSQL", result.events, result.rate, raw, activities)
        else:
            report.notes.append("rebuild, PostgreSQL: skipped (PLANPULSE_TEST_POSTGRES_URL unset)")
    finally:
        await nc.close()
        await asyncio.to_thread(server.stop)


def _rebuild(report: Report, db: str, events: int, rate: float, raw: float, found: int) -> None:
    n = report.events
    report.rows.append(Row(f"rebuild, {db} ({events:,} events: {n:,} + plan seed)", rate, raw))
    report.notes.append(f"rebuild, {db}: {found:,} of {n:,} activities in the read model")
    if found != n:
        report.problems.append(f"rebuild, {db}: {found:,} activities, expected {n:,}")


def table(report: Report) -> str:
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    lines = [
        f"planpulse bench: N = {report.events:,} events per measurement, nproc {cpus}, "
        f"Python {platform.python_version()}",
        f"nats-server {_nats_version()}, nats-py {version('nats-py')}, "
        f"faststream {version('faststream')}, sqlalchemy {version('sqlalchemy')}, "
        f"pydantic {version('pydantic')}",
        "",
        "| what | product events/s | raw baseline events/s | ratio |",
        "|---|---:|---:|---:|",
    ]
    for row in report.rows:
        lines.append(f"| {row.what} | {row.product:,.0f} | {row.raw:,.0f} | {row.ratio:.0%} |")
    lines += ["", "Raw baselines (same run, same server as the product figure):"]
    lines += [
        "- append: nats-py `await js.publish`, same headers (unique Nats-Msg-Id, "
        "Nats-Expected-Last-Subject-Sequence), same subjects' shape, payload of the "
        "envelope's size, all prepared beforehand; the product encodes each envelope itself",
        f"- command: the same raw publish, {IN_FLIGHT} in flight",
        "- rebuild: an ordered push consumer with a callback that only counts",
        "",
        *report.notes,
        "",
        _goals(report),
        *(f"PROBLEM: {problem}" for problem in report.problems),
    ]
    return "\n".join(lines)


def _goals(report: Report) -> str:
    def verdict(ok: bool) -> str:
        return "met" if ok else "NOT met"

    appends = [row for row in report.rows if row.what.startswith("append")]
    sqlite = [row for row in report.rows if row.what.startswith("rebuild, SQLite")]
    parts = [
        f"{row.what.split(',')[1].strip()} {row.ratio:.0%} {verdict(row.ratio >= APPEND_GOAL)}"
        for row in appends
    ]
    text = f"Goals (issue): append ≥ {APPEND_GOAL:.0%} of raw: " + "; ".join(parts)
    for row in sqlite:
        text += f". Rebuild on SQLite ≥ {REBUILD_GOAL:,}/s: {row.product:,.0f} "
        text += verdict(row.product >= REBUILD_GOAL)
    return text + "."


def _nats_version() -> str:
    out = subprocess.run([binary(), "--version"], capture_output=True, text=True).stdout
    return out.strip().removeprefix("nats-server: ")


async def measure(events: int, folder: Path) -> Report:
    report = Report(events)
    await measure_appends_and_commands(report, folder)
    await measure_rebuilds(report, folder)
    return report


def main(events: int = 5000) -> int:
    """Run every measurement and print the table; 1 when a command failed or a rebuild lost
    events (the figures are then not to be trusted), 0 otherwise, goals met or not."""
    with tempfile.TemporaryDirectory(prefix="planpulse-bench-") as folder:
        report = asyncio.run(measure(events, Path(folder)))
    print(table(report))
    return 1 if report.problems else 0
