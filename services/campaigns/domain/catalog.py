"""What the plan allows: plans, their tasks and occasions, and the units. Built from events."""

from shared.catalog import Catalog, evolve

__all__ = ["Catalog", "evolve"]
