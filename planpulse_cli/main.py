"""The `planpulse` console script: one subcommand per component, plus up, rebuild and bench."""

import argparse
import asyncio
import logging
import os
import sys
from pathlib import Path

from planpulse_cli import demo, plans, users
from shared.settings import Settings


def _logging(settings: Settings) -> None:
    logging.basicConfig(
        level=settings.log_level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )


def run_campaigns(settings: Settings) -> int:
    from services.campaigns.app import build

    asyncio.run(build(settings).run())
    return 0


def run_reporting(settings: Settings) -> int:
    from services.reporting.app import build

    asyncio.run(build(settings).run())
    return 0


def run_notifications(settings: Settings) -> int:
    from services.notifications.app import build

    asyncio.run(build(settings).run())
    return 0


def run_dashboard(settings: Settings) -> int:
    app = Path(__file__).resolve().parent.parent / "dashboard" / "app.py"
    args = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app),
        "--server.port",
        str(settings.dashboard_port),
        "--server.headless",
        "true",
        "--server.address",
        settings.dashboard_address,
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
        "--client.toolbarMode",  # no developer menu, and no main menu at all (nothing left)
        "minimal",
    ]
    os.execv(sys.executable, args)


def run_rebuild(settings: Settings) -> int:
    from planpulse_cli.maintenance import rebuild_read_models

    result = asyncio.run(rebuild_read_models(settings))
    print(
        f"Đã dựng lại dữ liệu báo cáo: {result.events} sự kiện trong {result.seconds:.2f} giây "
        f"({result.rate:,.0f} sự kiện/giây)."
    )
    return 0


def run_compose_env() -> int:
    from planpulse_cli.deploy import write_compose_env

    path = Path(".env")
    if write_compose_env(path):
        print(f"Đã tạo {path.resolve()} (quyền 0600) với mật khẩu mới cho docker compose.")
    else:
        print(f"{path.resolve()} đã có; giữ nguyên.")
    return 0


def run_up(settings: Settings) -> int:
    from planpulse_cli.supervisor import up

    return up(settings)


def run_bench(settings: Settings, events: int) -> int:
    from planpulse_cli.bench import main as bench

    return bench(events)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="planpulse", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    up = commands.add_parser("up", help="everything, embedded: NATS, the services, the dashboard")
    up.add_argument("--simulate", metavar="DATE", help="run on a simulated clock from this date")
    up.add_argument("--speed", type=float, default=1.0, help="simulated seconds per second")
    commands.add_parser("campaigns", help="the campaigns service (commands, aggregates)")
    commands.add_parser("reporting", help="the reporting service (read models, queries)")
    commands.add_parser("notifications", help="the notifications service (inbox, e-mail, webhook)")
    commands.add_parser("dashboard", help="the Streamlit dashboard")
    commands.add_parser("rebuild", help="drop the read models and replay the stream")
    users.add_parser(commands)
    plans.add_parser(commands)
    demo.add_parser(commands)
    commands.add_parser("compose-env", help="write .env with fresh secrets for docker compose")
    bench = commands.add_parser("bench", help="append and rebuild rates beside raw baselines")
    bench.add_argument("--events", type=int, default=20_000, help="events per measurement")
    args = parser.parse_args(argv)
    if getattr(args, "simulate", None):
        os.environ["PLANPULSE_SIMULATE_START"] = args.simulate
        os.environ["PLANPULSE_SIMULATE_SPEED"] = str(args.speed)
    settings = Settings()
    _logging(settings)
    runners = {
        "up": run_up,
        "campaigns": run_campaigns,
        "reporting": run_reporting,
        "notifications": run_notifications,
        "dashboard": run_dashboard,
        "rebuild": run_rebuild,
    }
    if args.command == "bench":
        return run_bench(settings, args.events)
    if args.command == "users":
        return users.run(args, settings)
    if args.command == "plan":
        return plans.run(args, settings)
    if args.command == "demo":
        return demo.run(args, settings)
    if args.command == "compose-env":
        return run_compose_env()
    return runners[args.command](settings)


if __name__ == "__main__":
    sys.exit(main())
