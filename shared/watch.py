"""Keep an in-memory view current: replay a subject's events, then follow new ones as they are
appended (an ordered consumer: no durable state, no acks). Used for the views a service decides
with: the accounts and sessions, the plans and units."""

import logging
from collections.abc import Callable

from nats.aio.msg import Msg
from nats.js import JetStreamContext
from nats.js.api import ConsumerConfig, DeliverPolicy

from shared.envelope import Envelope
from shared.events import Event, decode
from shared.eventstore import JetStreamEventStore
from shared.subjects import STREAM

log = logging.getLogger(__name__)


async def follow(js: JetStreamContext, subjects: str, apply: Callable[[Event], None]) -> None:
    last = 0
    for stored in await JetStreamEventStore(js).load(subjects):
        apply(decode(stored.envelope))
        last = stored.sequence

    async def on_event(msg: Msg) -> None:
        try:
            apply(decode(Envelope.from_bytes(msg.data)))
        except Exception:
            log.exception("unreadable event on %s", msg.subject)

    config = ConsumerConfig(deliver_policy=DeliverPolicy.BY_START_SEQUENCE, opt_start_seq=last + 1)
    await js.subscribe(subjects, stream=STREAM, cb=on_event, ordered_consumer=True, config=config)
