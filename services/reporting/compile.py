"""Compile the Department's consolidated report for a period, for the Office.

The documents are built from the read models, kept in the JetStream object store under their
SHA-256, and recorded as ConsolidatedReportCompiled by asking the campaigns service (only it
writes history), on behalf of the Office member who asked.
"""

import asyncio
import base64
import hashlib
import json
from typing import Annotated, Any

from nats.aio.client import Client
from nats.js.errors import NotFoundError, ObjectNotFoundError
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Engine, select

from services.reporting import tables
from services.reporting.documents.assemble import assemble
from shared.actor import Actor
from shared.clock import Clock
from shared.events import Id
from shared.replies import ok, refuse
from shared.settings import Settings
from shared.subjects import command_subject

BUCKET = "PLANPULSE_REPORTS"


class CompileCommand(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)
    period_id: Id


class CompiledListQuery(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)
    period_id: Id | None = None


class CompiledFileQuery(BaseModel):
    """One compiled document, by the object name a compilation lists (sha256/file name)."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)
    object: Annotated[str, Field(pattern=r"^[0-9a-f]{64}/[A-Za-z0-9._-]{1,200}$")]


def object_name(sha256: str, filename: str) -> str:
    return f"{sha256}/{filename}"


async def compile_report(
    command: CompileCommand,
    actor: Actor,
    auth_headers: dict[str, str],
    engine: Engine,
    nc: Client,
    settings: Settings,
    clock: Clock,
) -> dict[str, Any]:
    # imported here: python-docx and openpyxl are only needed when the Office compiles
    from services.reporting.documents.docx_report import build_docx
    from services.reporting.documents.xlsx_report import build_xlsx

    report, inputs = await asyncio.to_thread(
        assemble,
        engine,
        command.period_id,
        clock.today(),
        settings.report_place,
        settings.report_superior,
        settings.timeliness_grace_days,
    )
    stem = f"bao-cao-tong-hop-{command.period_id}"
    documents = {
        f"{stem}.docx": await asyncio.to_thread(build_docx, report),
        f"{stem}.xlsx": await asyncio.to_thread(build_xlsx, report),
    }
    store = await nc.jetstream().create_object_store(BUCKET)
    files: list[dict[str, Any]] = []
    for filename, data in documents.items():
        digest = hashlib.sha256(data).hexdigest()
        await store.put(object_name(digest, filename), data)
        files.append({"name": filename, "sha256": digest, "size": len(data)})
    record = {"period_id": command.period_id, **inputs, "files": files}
    reply = await nc.request(
        command_subject("consolidated", "record"),
        json.dumps(record).encode(),
        settings.request_timeout_seconds,
        headers=auth_headers,
    )
    recorded: dict[str, Any] = json.loads(reply.data)
    if not recorded["ok"]:
        return recorded
    objects = [{**f, "object": object_name(f["sha256"], f["name"])} for f in files]
    return ok(files=objects, sequence=recorded["sequence"], **inputs)


def compiled_list(engine: Engine, query: CompiledListQuery) -> dict[str, Any]:
    C = tables.consolidated_reports  # noqa: N806
    statement = select(C).order_by(C.c.sequence.desc())
    if query.period_id:
        statement = statement.where(C.c.period_id == query.period_id)
    with engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(statement)]
    for row in rows:
        row["compiled_at"] = row["compiled_at"].isoformat()
        row["files"] = [{**f, "object": object_name(f["sha256"], f["name"])} for f in row["files"]]
    return {"bucket": BUCKET, "compiled": rows}


async def compiled_file(nc: Client, query: CompiledFileQuery, actor: Actor) -> dict[str, Any]:
    """The document's bytes, base64, for the dashboard's download button (it may not read the
    object store itself). The Department's report is for the Office, leadership, administrators."""
    try:
        store = await nc.jetstream().object_store(BUCKET)
        found = await store.get(query.object)
    except (NotFoundError, ObjectNotFoundError):
        message = "Không tìm thấy tệp báo cáo tổng hợp này."
        raise refuse("not_found", message, object=message) from None
    name = query.object.split("/", 1)[1]
    return {"name": name, "content_base64": base64.b64encode(found.data or b"").decode()}
