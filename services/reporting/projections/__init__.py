"""Projections: for each event type, the table changes it makes. Pure: statements, not I/O."""

from collections.abc import Callable
from typing import Any

from services.reporting.projections import activities, catalog, reports
from services.reporting.projections.statements import Change
from shared.envelope import Envelope
from shared.events import Event

Projector = Callable[[Any, Envelope, int], list[Change]]

PROJECTORS: dict[type[Event], Projector] = {
    **catalog.PROJECTORS,
    **activities.PROJECTORS,
    **reports.PROJECTORS,
}


def changes_for(event: Event, envelope: Envelope, sequence: int) -> list[Change]:
    projector = PROJECTORS.get(type(event))
    return projector(event, envelope, sequence) if projector else []
