"""A unit's activities: logged, corrected (only what changed), withdrawn."""

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, HttpUrl

from shared.events.base import Count, Event, Id, Name, Text


class Participants(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    men: Count = 0
    women: Count = 0
    total: Count = 0


class ActivityLogged(Event):
    TYPE = "planpulse.activity.logged.v1"
    AGGREGATE = "activity"
    ID_FIELD = "activity_id"

    activity_id: Id
    plan_id: Id
    unit_id: Id
    task_id: Id
    occasion_id: Id | None
    date: date
    title: Name
    form: Id
    audience: Text
    participants: Participants
    materials: Count
    evidence_url: HttpUrl | None
    note: Text
    unit_name: Name | None = None  # the unit's name on the activity's day (later names differ)


class ActivityCorrected(Event):
    """Only the fields that changed are present; the rest keep their value."""

    TYPE = "planpulse.activity.corrected.v1"
    AGGREGATE = "activity"
    ID_FIELD = "activity_id"

    activity_id: Id
    changes: dict[str, Any]
    reason: Text = ""


class ActivitySetAside(Event):
    """The Office (or an administrator) keeps an activity out of the figures and reports, with a
    reason the unit reads; the unit answers by correcting it, which counts it again."""

    TYPE = "planpulse.activity.set_aside.v1"
    AGGREGATE = "activity"
    ID_FIELD = "activity_id"

    activity_id: Id
    reason: Text


class ActivityWithdrawn(Event):
    TYPE = "planpulse.activity.withdrawn.v1"
    AGGREGATE = "activity"
    ID_FIELD = "activity_id"

    activity_id: Id
    reason: Text = ""
