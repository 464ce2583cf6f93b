"""Projections: the read models and, per event type, the changes each makes. Pure: statements,
not I/O. An event may feed several read models; a read model has exactly one writer."""

from collections.abc import Iterable

from services.reporting.projections import activities, catalog, reports
from services.reporting.projections.statements import Change, Projection, Projector
from shared.envelope import Envelope
from shared.events import Event

__all__ = ["Change", "Projection", "Projector", "changes_for", "index"]


def index(projections: Iterable[Projection]) -> dict[type, list[Projector]]:
    """Event type -> every projector it feeds, in registration order; two projections of one
    read model are refused, since each would silently overwrite what the other wrote."""
    writers: dict[str, Projection] = {}
    by_type: dict[type, list[Projector]] = {}
    for projection in projections:
        if projection.view in writers:
            first, second = _names(writers[projection.view]), _names(projection)
            raise ValueError(
                f"read model {projection.view!r} has two writers: {first} and {second}"
            )
        writers[projection.view] = projection
        for event_type, projector in projection.projectors.items():
            by_type.setdefault(event_type, []).append(projector)
    return by_type


def _names(projection: Projection) -> str:
    return (
        "("
        + ", ".join(f"{p.__module__}.{p.__qualname__}" for p in projection.projectors.values())
        + ")"
    )


PROJECTIONS = [catalog.PROJECTION, activities.PROJECTION, reports.REPORTS, reports.CONSOLIDATED]
PROJECTORS = index(PROJECTIONS)  # checked when the service starts: a collision stops it


def changes_for(event: Event, envelope: Envelope, sequence: int) -> list[Change]:
    return [
        change
        for projector in PROJECTORS.get(type(event), ())
        for change in projector(event, envelope, sequence)
    ]
