"""Plans as the Office and the units read them: every plan with its status, and one plan's
whole content in the public JSON shape with its history. Read straight from the plans'
streams (a plan a year: a handful of subjects)."""

from collections import defaultdict
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from services.campaigns.domain import errors
from services.campaigns.domain.planning import DECIDER, Plan
from services.campaigns.repository import Repository
from shared.actor import Actor
from shared.catalog import Catalog
from shared.events import Id, decode
from shared.eventstore import StoredEvent
from shared.subjects import EVENTS_ROOT

DRAFT_READERS = {"office", "admin"}  # drafts are the Office's work in progress


class ListPlans(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)
    limit: Annotated[int, Field(ge=1, le=200)] = 50


class ShowPlan(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)
    plan_id: Id


async def plan_histories(repository: Repository) -> dict[str, list[StoredEvent]]:
    by_plan: dict[str, list[StoredEvent]] = defaultdict(list)
    for stored in await repository.store.load(f"{EVENTS_ROOT}.plan.*"):
        by_plan[stored.envelope.subject].append(stored)
    return by_plan


def _visible(state: Plan, actor: Actor) -> bool:
    return state.status in {"published", "closed"} or actor.role in DRAFT_READERS


def describe(plan_id: str, state: Plan, catalog: Catalog) -> dict[str, Any]:
    """The plan in the shape scripts and the dashboard read (ISO dates). A plan published before
    its occasions moved inside it shows the occasions scheduled for it."""
    assert state.content is not None
    content = state.content.model_dump(mode="json")
    if content["occasions"] is None:
        content["occasions"] = [
            o.model_dump(mode="json", exclude={"plan_id"})
            for o in catalog.occasions.values()
            if o.plan_id == plan_id
        ]
    basis = content["basis"] or (
        [
            f"{b['title']} số {b['number']} ngày {b['issued_on']} của {b['issuer']}"
            for b in [content["legal_basis"]]
        ]
        if content["legal_basis"]
        else []
    )
    return {
        "plan_id": plan_id,
        "year": state.year,
        "status": state.status,
        "version": state.version,
        "number": content["number"],
        "issued_on": content["issued_on"],
        "basis": basis,
        "title": content["title"],
        "issuer": content["issuer"],
        "purposes": content["purposes"],
        "tasks": [
            {k: t[k] for k in ("id", "title", "short_title", "timing", "targets")}
            for t in content["tasks"]
        ],
        "occasions": [
            {
                "id": o["occasion_id"],
                "title": o["name"],
                "kind": "day" if o["kind"] == "day" else "period",
                "start": o["starts_on"],
                "end": o["ends_on"],
                "task_ids": o["task_ids"],
            }
            for o in content["occasions"] or []
        ],
        "periods": [
            {
                "id": p["id"],
                "name": p["name"],
                "kind": p["kind"],
                "start": p["starts_on"],
                "end": p["ends_on"],
                "due": p["due_on"],
            }
            for p in content["reporting_periods"]
        ],
        "recipients": content["recipients"],
        "signer": {"title": content["signer_title"], "name": content["signer_name"]},
        "drafter": content["drafter"],
        "province": content["province"],
        "place": content["place"],
        "content": content,  # as the editor and the amend command take it
    }


async def list_plans(repository: Repository, query: ListPlans, actor: Actor) -> dict[str, Any]:
    rows: list[dict[str, Any]] = []
    for subject, stored in (await plan_histories(repository)).items():
        state = DECIDER.fold(decode(item.envelope) for item in stored)
        if state.content is None or not _visible(state, actor):
            continue
        rows.append(
            {
                "plan_id": subject.rsplit(".", 1)[-1],  # the aggregate id
                "year": state.year,
                "title": state.content.title,
                "number": state.content.number,
                "status": state.status,
                "version": state.version,
            }
        )
    rows.sort(key=lambda row: (-row["year"], row["plan_id"]))
    return {"plans": rows[: query.limit]}


async def show_plan(
    repository: Repository, catalog: Catalog, query: ShowPlan, actor: Actor
) -> dict[str, Any]:
    stored = await repository.store.load(f"{EVENTS_ROOT}.plan.{query.plan_id}")
    state = DECIDER.fold(decode(item.envelope) for item in stored)
    if state.content is None or not _visible(state, actor):
        raise errors.unknown_reference("plan_id", query.plan_id)
    history = [
        {
            "sequence": item.sequence,
            "type": item.envelope.type,
            "time": item.envelope.time.isoformat(),
            "actor": item.envelope.actor,
            "why": item.envelope.data.get("reason") or item.envelope.data.get("note") or "",
        }
        for item in stored
    ]
    return {"plan": describe(query.plan_id, state, catalog), "history": history}
