"""What a decider may look at besides its aggregate's history."""

from dataclasses import dataclass
from datetime import date

from services.campaigns.domain.catalog import Catalog
from shared.actor import ANONYMOUS, Actor


@dataclass(frozen=True)
class Context:
    catalog: Catalog
    today: date
    actor: Actor = ANONYMOUS
