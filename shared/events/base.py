"""What every event type shares, and the bounded field types they are made of."""

from typing import Annotated, ClassVar

from pydantic import BaseModel, ConfigDict, Field

Id = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[a-z0-9][a-z0-9_-]*$")]
Name = Annotated[str, Field(min_length=1, max_length=500)]
Text = Annotated[str, Field(max_length=5000)]
Count = Annotated[int, Field(ge=0, le=1_000_000)]


class Event(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    TYPE: ClassVar[str]
    AGGREGATE: ClassVar[str]
    ID_FIELD: ClassVar[str]

    @property
    def aggregate_id(self) -> str:
        return str(getattr(self, self.ID_FIELD))
