import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.system import System, processes_of


@pytest.fixture
def system(tmp_path: Path) -> Iterator[System]:
    running = System(tmp_path)
    yield running
    if running.process is not None:
        running.process.kill()
    for pid in processes_of(running.data_dir):
        os.kill(pid, signal.SIGKILL)
