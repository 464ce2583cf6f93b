"""`planpulse up`: the embedded NATS, each service as its own process, restarts, clean stop."""

import asyncio
import contextlib
import ctypes
import os
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from shared.natsauth import ensure_credentials, write_server_config
from shared.natsserver import NatsServer, stop_process
from shared.settings import Settings

COMPONENTS = ("campaigns", "reporting", "notifications", "dashboard")
PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """Ask Linux to stop the child if the supervisor itself is killed."""
    with contextlib.suppress(OSError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


@dataclass
class Child:
    name: str
    log_path: Path
    env: dict[str, str]
    process: subprocess.Popen[bytes] | None = None
    starts: list[float] = field(default_factory=list)

    def start(self) -> None:
        self.starts = [t for t in self.starts if time.monotonic() - t < 60] + [time.monotonic()]
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "planpulse_cli.main", self.name],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=self.env,
            start_new_session=True,
            preexec_fn=_die_with_parent,
        )
        log.close()

    def crashed(self) -> bool:
        return self.process is not None and self.process.poll() is not None

    def stop(self) -> None:
        if self.process is not None:
            stop_process(self.process)


def _own_login(env: dict[str, str], logins: dict[str, str], name: str) -> dict[str, str]:
    """Each component connects to the embedded server as its own NATS user."""
    if name not in logins:
        return env
    return {**env, "PLANPULSE_NATS_USER": name, "PLANPULSE_NATS_PASSWORD": logins[name]}


def _wait_http(url: str, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return True
        except OSError:
            time.sleep(0.2)
    return False


def _today(settings: Settings, env: dict[str, str]) -> None:
    """Print where the plan stands today: what is under way, what comes next, with countdowns."""
    from planpulse_cli.today import calendar_today, describe

    here = settings.model_copy(update={"nats_url": env.get("PLANPULSE_NATS_URL")})
    try:
        print("\n".join(describe(asyncio.run(calendar_today(here)))), flush=True)
    except Exception as error:  # the system still runs; the dashboard's calendar says the same
        print(f"Chưa đọc được lịch hôm nay: {error}", flush=True)


def demo_command() -> str:
    """How to run `planpulse demo` from here: the console script beside this Python."""
    script = Path(sys.executable).with_name("planpulse")
    return f"{os.path.relpath(script) if script.exists() else 'planpulse'} demo"


def _demo_accounts(settings: Settings, env: dict[str, str]) -> None:
    """Create the demo accounts (once: they stay in the stream) and print how to sign in."""
    from planpulse_cli.users import create_demo_accounts, print_demo_accounts

    here = settings.model_copy(update={"nats_url": env.get("PLANPULSE_NATS_URL")})
    try:
        print_demo_accounts(asyncio.run(create_demo_accounts(here)), here)
    except Exception as error:  # the system still runs; say why there are no demo accounts
        print(f"Không tạo được tài khoản dùng thử: {error}", flush=True)


PRIVATE_UMASK = 0o077  # what the system writes (databases, WALs, logs, the stream) is ours alone
OURS = ("nats", "logs", "secrets", "*.db", "*.db-wal", "*.db-shm", "*.db-journal")


def _private(data_dir: Path) -> None:
    """What the system keeps under the data dir readable by this user only, from now on (the
    umask the children inherit, nats-server included) and for what an older version left (0644
    in 0755). Only what it writes there: a data dir set to a folder of other things keeps them."""
    os.umask(PRIVATE_UMASK)
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    data_dir.chmod(0o700)
    for pattern in OURS:
        for top in data_dir.glob(pattern):
            for path in [top, *top.rglob("*")]:
                if not path.is_symlink():
                    path.chmod(0o700 if path.is_dir() else 0o600)


def up(settings: Settings) -> int:
    data_dir = settings.data_dir.resolve()
    _private(data_dir)
    (data_dir / "logs").mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PLANPULSE_DATA_DIR": str(data_dir)}
    if settings.simulate_start is not None and settings.simulate_origin is None:
        # every process reads the same simulated time
        env["PLANPULSE_SIMULATE_ORIGIN"] = str(time.time())
        print(
            f"Đồng hồ mô phỏng: bắt đầu {settings.simulate_start:%d/%m/%Y %H:%M}, "
            f"nhanh gấp {settings.simulate_speed:g} lần",
            flush=True,
        )
    nats: NatsServer | None = None
    logins: dict[str, str] = {}
    if settings.nats_url is None:
        logins = ensure_credentials(data_dir)
        nats = NatsServer(
            data_dir / "nats",
            settings.embedded_nats_port,
            settings.embedded_nats_monitor_port,
            data_dir / "logs" / "nats.log",
            config=write_server_config(data_dir),
            preexec=_die_with_parent,
        )
        nats.start()
        env["PLANPULSE_NATS_URL"] = nats.url
        print(f"NATS (nhúng) đang chạy: {nats.url}", flush=True)
    children = [
        Child(name, data_dir / "logs" / f"{name}.log", _own_login(env, logins, name))
        for name in COMPONENTS
    ]
    stopping = False

    def request_stop(_signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    try:
        for child in children:
            child.start()
        if settings.demo_accounts:
            _demo_accounts(settings, env)
        _today(settings, env)
        url = f"http://127.0.0.1:{settings.dashboard_port}"
        print(
            "Bước tiếp theo, với bản dùng thử: chạy «"
            f"{demo_command()}» ở một cửa sổ khác để có dữ liệu minh họa cho kế hoạch năm nay.",
            flush=True,
        )
        if _wait_http(f"{url}/_stcore/health", 60):
            print(f"PlanPulse đã sẵn sàng. Mở bảng điều khiển: {url}", flush=True)
        print(f"Nhật ký: {data_dir / 'logs'}. Nhấn Ctrl-C để dừng.", flush=True)
        while not stopping:
            for child in children:
                if child.crashed() and not stopping:
                    code = child.process.returncode if child.process else None
                    delay = 5 if len(child.starts) > 5 else 0.5
                    print(
                        f"{child.name} dừng (mã {code}); khởi động lại sau {delay} giây", flush=True
                    )
                    time.sleep(delay)
                    child.start()
            time.sleep(0.3)
    finally:
        for child in reversed(children):
            child.stop()
        if nats is not None:
            nats.stop()
        print("Đã dừng PlanPulse.", flush=True)
    return 0
