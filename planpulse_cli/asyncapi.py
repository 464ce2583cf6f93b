"""The AsyncAPI document of the subjects the services answer, generated from their code.

FastStream documents each subscriber of the campaigns, reporting and notifications apps. The
handlers read the raw body (to answer a bad request with a Vietnamese explanation rather than no
reply), so FastStream cannot see the payload type: it is filled in from each service's table
(`shared.endpoints`), the same one the edge parses with. Regenerate with
`python -m planpulse_cli.asyncapi`; `--check` fails when stale.
"""

import argparse
import json
import sys
from importlib.metadata import version
from pathlib import Path
from typing import Any

from faststream.specification import AsyncAPI
from pydantic import BaseModel

from shared.settings import Settings

DOCS = Path(__file__).resolve().parent.parent / "docs"
DOCUMENT = DOCS / "asyncapi" / "planpulse.json"
SUBJECTS = DOCS / "subjects.md"  # who answers what, and who may send it: from the same tables
SCHEMAS = "#/components/schemas/"
MESSAGES = "#/components/messages/"
DESCRIPTION = (
    "Commands (planpulse.cmd.<aggregate>.<verb>) and queries (planpulse.query.<name>) are NATS "
    'request/reply. The reply is JSON: {"ok": true, ...} or {"ok": false, "error": {"code": '
    '"...", "message": "...", "fields": {...}}}. Events are CloudEvents 1.0 envelopes on the '
    "JetStream stream PLANPULSE_EVENTS, subjects planpulse.events.>."
)


def document_settings() -> Settings:
    """Settings whose every documented value is the embedded default, whatever the environment."""
    defaults = Settings.model_fields
    return Settings(
        nats_url=None,
        embedded_nats_port=defaults["embedded_nats_port"].default,
        reporting_db_url="sqlite:///:memory:",  # building must touch no disk
        notifications_db_url="sqlite:///:memory:",
    )


def payload_models(brokers: list[Any]) -> dict[str, type[BaseModel]]:
    """Subject -> the model its handler parses the request body into, from the services' tables."""
    from shared.endpoints import served

    return {endpoint.subject: endpoint.model for broker in brokers for endpoint in served(broker)}


def _add_schema(schemas: dict[str, Any], name: str, schema: dict[str, Any]) -> None:
    if schemas.get(name, schema) != schema:
        raise ValueError(f"two different payload schemas are both named {name!r}")
    schemas[name] = schema


def _describe_payloads(document: dict[str, Any], models: dict[str, type[BaseModel]]) -> None:
    components = document.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    for channel in document.get("channels", {}).values():
        model = models.get(channel["address"])
        if model is None:
            continue
        schema = model.model_json_schema(ref_template=SCHEMAS + "{model}")
        for name, definition in schema.pop("$defs", {}).items():
            _add_schema(schemas, name, definition)
        _add_schema(schemas, model.__name__, schema)
        for reference in channel["messages"].values():
            message = components["messages"][reference["$ref"].removeprefix(MESSAGES)]
            message["payload"] = {"$ref": SCHEMAS + model.__name__}
    used = json.dumps(document)
    for name in [name for name in schemas if f'"{SCHEMAS}{name}"' not in used]:
        del schemas[name]  # FastStream's placeholder for the raw-message handlers


def service_brokers() -> dict[str, Any]:
    """Each service built as it starts (touching no disk), by name."""
    from services.campaigns.app import build as build_campaigns
    from services.notifications.app import build as build_notifications
    from services.reporting.app import build as build_reporting

    settings = document_settings()
    builders = {
        "campaigns": build_campaigns,
        "reporting": build_reporting,
        "notifications": build_notifications,
    }
    return {name: build(settings).broker for name, build in builders.items()}


def subjects_table(brokers: dict[str, Any] | None = None) -> str:
    """docs/subjects.md: every subject, the service that answers it, who may send it."""
    from shared.endpoints import PUBLIC, served

    lines = [
        "# Subjects and who may send them",
        "",
        "Generated from each service's table (`shared.endpoints`) by",
        "`python -m planpulse_cli.asyncapi`; `make lint` fails when it is stale. The edge checks",
        "the token and the role before it reads the body; the deciders check the rest (own unit,",
        "states).",
        "",
        "| subject | answered by | who may send | request |",
        "|---|---|---|---|",
    ]
    rows = []
    for service, broker in (brokers or service_brokers()).items():
        for endpoint in served(broker):
            who = (
                "anyone (no token)"
                if endpoint.roles == PUBLIC
                else ", ".join(sorted(endpoint.roles))
            )
            rows.append(
                f"| `{endpoint.subject}` | {service} | {who} | `{endpoint.model.__name__}` |"
            )
    return "\n".join(lines + sorted(rows)) + "\n"


def build_document(brokers: dict[str, Any] | None = None) -> dict[str, Any]:
    brokers = brokers or service_brokers()
    specification = AsyncAPI(
        *brokers.values(),
        title="PlanPulse",
        version=version("planpulse"),
        description=DESCRIPTION,
        schema_version="3.0.0",
    )
    document: dict[str, Any] = specification.to_specification().to_jsonable()
    _describe_payloads(document, payload_models(list(brokers.values())))
    return document


def render(document: dict[str, Any]) -> str:
    # Sorted: FastStream keeps subscribers in a WeakSet, so its own order is not stable.
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="planpulse-asyncapi", description=__doc__)
    parser.add_argument("--out", type=Path, default=DOCUMENT, help="where to write the document")
    parser.add_argument("--check", action="store_true", help="fail if the file is not current")
    args = parser.parse_args(argv)
    brokers = service_brokers()
    outputs = {args.out: render(build_document(brokers)), SUBJECTS: subjects_table(brokers)}
    stale = 0
    for path, text in outputs.items():
        if args.check:
            current = path.exists() and path.read_text("utf-8") == text
            print(f"{path}: {'current' if current else 'STALE, regenerate it'}")
            stale += not current
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
        print(f"wrote {path}")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
