"""A digest the notifications service delivered or gave up on: recorded once per outcome."""

from services.campaigns.domain import errors
from services.campaigns.domain.commands import RecordNotification
from services.campaigns.domain.context import Context
from services.campaigns.domain.decider import Decider
from shared.events import Event, NotificationFailed, NotificationSent

INITIAL: frozenset[str] = frozenset()  # outcomes recorded so far
NOTIFIER = "notifications"  # the service's own actor


def evolve(state: frozenset[str], event: Event) -> frozenset[str]:
    if isinstance(event, NotificationSent):
        return state | {"sent"}
    if isinstance(event, NotificationFailed):
        return state | {"failed"}
    return state


def decide(
    command: RecordNotification, state: frozenset[str], ctx: Context, _id: str
) -> list[Event]:
    if ctx.actor.role != "service" or ctx.actor.user_id != NOTIFIER:
        raise errors.forbidden("Chỉ dịch vụ thông báo mới được ghi nhận việc gửi thông báo.")
    if command.outcome in state:
        return []  # a retried record: already in history
    data = command.model_dump(exclude={"outcome", "error"})
    if command.outcome == "sent":
        return [NotificationSent.model_validate(data)]
    return [NotificationFailed.model_validate({**data, "error": command.error or "—"})]


DECIDER: Decider[RecordNotification, frozenset[str], Event] = Decider(
    "notification", decide, evolve, INITIAL
)
