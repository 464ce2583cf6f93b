"""The projection runner: the shared stream follower feeding the read models, plus rebuild."""

from functools import partial

from nats.js import JetStreamContext
from sqlalchemy import Engine

from services.reporting.checkpoint import apply_batch, read_position
from services.reporting.rebuild import RebuildResult, rebuild
from shared.follower import StreamFollower

DURABLE = "reporting-projections"


class ProjectionRunner(StreamFollower):
    def __init__(self, engine: Engine, js: JetStreamContext, batch: int, wait: float) -> None:
        super().__init__(
            js, DURABLE, partial(read_position, engine), partial(apply_batch, engine), batch, wait
        )
        self.engine = engine

    async def rebuild(self) -> RebuildResult:
        """Pause, replay everything from sequence 1, resume right after the replayed end."""
        await self.stop()
        try:
            return await rebuild(self.engine, self.js)
        finally:
            self.start()
