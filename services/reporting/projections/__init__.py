"""Projections: for each event type, the table changes it makes. Pure: statements, not I/O."""

from collections.abc import Callable
from typing import Any

from sqlalchemy.sql import Executable

from services.reporting.projections import activities, catalog
from shared.envelope import Envelope
from shared.events import Event

Change = tuple[Executable, dict[str, Any]]
Projector = Callable[[Any, Envelope, int], list[Change]]

PROJECTORS: dict[type[Event], Projector] = {**catalog.PROJECTORS, **activities.PROJECTORS}


def changes_for(event: Event, envelope: Envelope, sequence: int) -> list[Change]:
    projector = PROJECTORS.get(type(event))
    return projector(event, envelope, sequence) if projector else []
