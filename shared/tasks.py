"""Stopping a background task for sure."""

import asyncio


async def cancel_for_sure(task: asyncio.Task[None] | None) -> None:
    """Cancel until the task has ended. Python 3.11's wait_for (nats-py's requests and fetches
    use it) can swallow a cancel that lands as the awaited call completes, so once is not
    enough; the task's loop should also watch a flag of its own."""
    while task is not None and not task.done():
        task.cancel()
        await asyncio.wait([task], timeout=0.5)
