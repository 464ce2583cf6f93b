"""Compile the Department's consolidated report for a period, for the Office.

The documents are built from the read models, kept in the JetStream object store under their
SHA-256, and recorded as ConsolidatedReportCompiled by asking the campaigns service (only it
writes history), on behalf of the Office member who asked.
"""

import asyncio
import base64
import hashlib
import json
import logging
from collections.abc import Coroutine
from typing import Annotated, Any

from nats.aio.client import Client
from nats.js.errors import NotFoundError, ObjectNotFoundError
from nats.js.object_store import ObjectStore
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Engine, select

from services.reporting import tables
from services.reporting.documents.assemble import assemble
from services.reporting.documents.pdf import UNAVAILABLE, docx_to_pdf, libreoffice
from shared.actor import Actor
from shared.clock import Clock
from shared.events import Id
from shared.replies import ok, refuse
from shared.settings import Settings
from shared.subjects import command_subject

log = logging.getLogger(__name__)
BUCKET = "PLANPULSE_REPORTS"
CONVERTING: set[asyncio.Task[None]] = set()


class CompileCommand(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)
    period_id: Id
    internal_annex: bool = False  # add the units' reporting list, for internal use only


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

    report, inputs, pending = await asyncio.to_thread(
        assemble,
        engine,
        command.period_id,
        clock.today(),
        settings.report_place,
        settings.report_superior,
        settings.timeliness_grace_days,
        command.internal_annex,
    )
    stem = f"bao-cao-tong-hop-{command.period_id}"
    docx = await asyncio.to_thread(build_docx, report)
    documents = {f"{stem}.docx": docx, f"{stem}.xlsx": await asyncio.to_thread(build_xlsx, report)}
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
    if libreoffice() is None:
        pdf: dict[str, Any] = {"pdf_unavailable": UNAVAILABLE}
    else:  # a few seconds: made after the reply, listed with the compilation once stored
        name = pdf_object(next(f for f in files if f["name"].endswith(".docx")))
        _in_background(_store_pdf(store, docx, name))
        pdf = {"pdf": {"object": name, "ready": False}}
    return ok(files=objects, sequence=recorded["sequence"], pending=pending, **pdf, **inputs)


def pdf_object(docx: dict[str, Any]) -> str:
    """The PDF made from a .docx is named by that .docx's hash: the record of the .docx is its
    provenance (a PDF's own bytes carry the time it was made)."""
    return object_name(docx["sha256"], docx["name"].removesuffix(".docx") + ".pdf")


def _in_background(work: Coroutine[Any, Any, None]) -> None:
    task = asyncio.create_task(work)
    CONVERTING.add(task)  # a task nobody holds may be collected before it ends
    task.add_done_callback(CONVERTING.discard)


async def _store_pdf(store: ObjectStore, docx: bytes, name: str) -> None:
    try:
        pdf = await asyncio.to_thread(docx_to_pdf, docx)
        if pdf is not None:
            await store.put(name, pdf)
    except Exception as error:  # the .docx and .xlsx are there; compiling again tries again
        log.warning("the PDF of %s could not be made: %s", name, error)


async def with_pdfs(nc: Client, listed: dict[str, Any]) -> dict[str, Any]:
    """Each compilation's files, with the PDF of its .docx once it is stored."""
    try:
        store = await nc.jetstream().object_store(BUCKET)
    except NotFoundError:
        return listed
    for row in listed["compiled"]:
        docx = next((f for f in row["files"] if f["name"].endswith(".docx")), None)
        if docx is None:
            continue
        name = pdf_object(docx)
        try:
            info = await store.get_info(name)
        except (NotFoundError, ObjectNotFoundError):
            continue
        digest = base64.urlsafe_b64decode((info.digest or "=").split("=", 1)[1]).hex()
        row["files"].append(
            {"name": name.split("/", 1)[1], "sha256": digest, "size": info.size, "object": name}
        )
    return listed


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
