import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from tests.e2e.browser import ARGS, CHROMIUM
from tests.e2e.system import System, processes_of


@pytest.fixture
def system(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[System]:
    """The system as `make up` starts it; `indirect` True: with this year's plan, as there."""
    running = System(tmp_path, current_plan=getattr(request, "param", False))
    yield running
    if running.process is not None:
        running.process.kill()
    for pid in processes_of(running.data_dir):
        os.kill(pid, signal.SIGKILL)


@pytest.fixture
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless (tests using it carry `needs_chromium`)."""
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()
