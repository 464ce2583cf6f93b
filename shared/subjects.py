"""Subject and stream names: the messaging contract in one place."""

STREAM = "PLANPULSE_EVENTS"
EVENTS_ROOT = "planpulse.events"
EVENTS_ALL = f"{EVENTS_ROOT}.>"


def event_subject(aggregate: str, aggregate_id: str) -> str:
    return f"{EVENTS_ROOT}.{aggregate}.{aggregate_id}"


def command_subject(aggregate: str, verb: str) -> str:
    return f"planpulse.cmd.{aggregate}.{verb}"


def query_subject(name: str) -> str:
    return f"planpulse.query.{name}"


# An operator's command to the reporting service, which owns its database.
REBUILD_READ_MODELS = command_subject("readmodels", "rebuild")
