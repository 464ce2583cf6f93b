"""The units as a roster with dates: registered, renamed, retired (or merged into another).
A period expects reports only from the units that exist on its last day."""

from dataclasses import dataclass, replace

from services.campaigns.domain import errors
from services.campaigns.domain.commands import RegisterUnit, RenameUnit, RetireUnit
from services.campaigns.domain.context import Context
from services.campaigns.domain.decider import Decider
from shared.events import Event, UnitRegistered, UnitRenamed, UnitRetired
from shared.replies import refuse

UnitCommand = RegisterUnit | RenameUnit | RetireUnit


@dataclass(frozen=True)
class Unit:
    version: int = 0
    name: str = ""
    short_name: str = ""
    is_office: bool = False
    retired: bool = False


INITIAL = Unit()


def evolve(state: Unit, event: Event) -> Unit:
    version = state.version + 1
    if isinstance(event, UnitRegistered):
        return Unit(version, event.name, event.short_name, event.is_office)
    if isinstance(event, UnitRenamed):
        return replace(state, version=version, name=event.name, short_name=event.short_name)
    if isinstance(event, UnitRetired):
        return replace(state, version=version, retired=True)
    return replace(state, version=version)


def _existing(unit_id: str, state: Unit) -> None:
    if not state.version:
        raise errors.unknown_reference("unit_id", unit_id)
    if state.retired:
        message = f"Phòng, đơn vị «{state.name}» đã giải thể hoặc sáp nhập."
        raise refuse("unit_retired", message, unit_id=message)


def decide(command: UnitCommand, state: Unit, ctx: Context, _new_id: str) -> list[Event]:
    if isinstance(command, RegisterUnit):
        if state.version:
            message = f"Đã có phòng, đơn vị mã «{command.unit_id}»."
            raise refuse("unit_exists", message, unit_id=message)
        return [UnitRegistered(**command.model_dump())]
    _existing(command.unit_id, state)
    if isinstance(command, RenameUnit):
        if (command.name, command.short_name) == (state.name, state.short_name):
            raise errors.nothing_to_correct()
        return [UnitRenamed(**command.model_dump())]
    if state.is_office:
        message = "Văn phòng Sở theo dõi kế hoạch: không thể giải thể trong hệ thống."
        raise refuse("office_unit", message, unit_id=message)
    target = command.merged_into
    if target is not None:
        into = ctx.catalog.units.get(target)
        if target == command.unit_id or into is None or into.retired_on is not None:
            message = f"Không thể sáp nhập vào «{target}»: đơn vị này không có hoặc đã giải thể."
            raise refuse("unknown_unit", message, merged_into=message)
    return [UnitRetired(**command.model_dump())]


DECIDER: Decider[UnitCommand, Unit, Event] = Decider("unit", decide, evolve, INITIAL)
