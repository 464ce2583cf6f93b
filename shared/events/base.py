"""What every event type shares, and the bounded field types they are made of."""

from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field

Id = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[a-z0-9][a-z0-9_-]*$")]
Name = Annotated[str, Field(min_length=1, max_length=500)]
Text = Annotated[str, Field(max_length=5000)]
Count = Annotated[int, Field(ge=0, le=1_000_000)]


# type -> class: every event class that names its TYPE is in the catalogue by being defined.
CATALOGUE: dict[str, type["Event"]] = {}


class Event(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    TYPE: ClassVar[str]
    AGGREGATE: ClassVar[str]
    ID_FIELD: ClassVar[str]

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        if "TYPE" in cls.__dict__ and CATALOGUE.setdefault(cls.TYPE, cls) is not cls:
            raise TypeError(f"two event classes are both {cls.TYPE}")

    @property
    def aggregate_id(self) -> str:
        return str(getattr(self, self.ID_FIELD))
