"""Files at rest under the system as `make up` starts it: the data dir and everything in it
(stream, databases and their WALs, logs, secrets) belong to its user alone, including what an
older version left readable by all; a file of someone else's there is left as it was."""

import stat
from typing import Any

import pytest

from shared.bus import request
from tests.e2e.system import System, sign_in

pytestmark = pytest.mark.timeout(180)


async def test_every_file_under_the_data_dir_is_the_users_alone(
    system: System, activity: dict[str, Any]
):
    old = system.data_dir / "logs" / "campaigns.log"  # as an older version left it
    old.parent.mkdir(parents=True)
    old.write_text("ancien\n")
    old.chmod(0o644)
    system.data_dir.chmod(0o755)
    foreign = system.data_dir / "sao-luu.sh"  # someone's own file: not the system's to change
    foreign.write_text("#!/bin/sh\n")
    foreign.chmod(0o755)
    system.up()
    nc = await system.connect("dashboard")
    try:  # something in every database and its WAL
        officer = await sign_in(nc, "canbo-pbgdpl")
        assert (await request(nc, "planpulse.cmd.activity.log", activity, headers=officer))["ok"]
        assert (await request(nc, "planpulse.query.inbox", {}, headers=officer))["ok"]
    finally:
        await nc.close()
    assert stat.S_IMODE(foreign.stat().st_mode) == 0o755
    paths = [p for p in [system.data_dir, *system.data_dir.rglob("*")] if p != foreign]
    names = {p.name for p in paths}
    assert {"accounts.db", "accounts.db-wal", "reporting.db", "notifications.db"} <= names
    assert {"nats.log", "campaigns.log", "nats-users.json", "token-signing-key"} <= names
    opened = [
        (str(p), oct(stat.S_IMODE(p.stat().st_mode)))
        for p in paths
        if stat.S_IMODE(p.stat().st_mode) & 0o077
    ]
    print(f"{len(paths)} paths under var/, none readable by group or others")
    assert opened == []
    assert stat.S_IMODE(system.data_dir.stat().st_mode) == 0o700
    system.down()
