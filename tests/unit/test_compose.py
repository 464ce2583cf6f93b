"""docker-compose.yml runs the system `planpulse up` runs, at scale: checked against the code.

Docker itself is not needed: the file, the Dockerfiles, the CLI and the settings are read.
"""

import json
import os
import re
import shlex
import tomllib
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from planpulse_cli import main as cli
from shared.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "docker-compose.yml"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
APPS = (
    "campaigns",
    "reporting",
    "notifications",
    "dashboard",
)  # compose service = `planpulse` subcommand
PREFIX = "PLANPULSE_"
DEFAULT_CLIENT_PORT = "4222"
INTERPOLATION = re.compile(r"\$\{(\w+)(?::?([-?])([^}]*))?\}")
ENV_FILE = "secret-from-env"  # what `planpulse compose-env` put in .env for a required variable
FLAG_NAMES = {
    "-js": "jetstream",
    "--js": "jetstream",
    "--jetstream": "jetstream",
    "-sd": "store_dir",
    "--sd": "store_dir",
    "--store_dir": "store_dir",
    "-n": "name",
    "--name": "name",
    "--server_name": "name",
    "-p": "port",
    "--port": "port",
    "-m": "http_port",
    "--http_port": "http_port",
    "--cluster": "cluster",
    "--cluster_name": "cluster_name",
    "--routes": "routes",
}
BOOLEAN_FLAGS = {"jetstream"}


@pytest.fixture(scope="module")
def services() -> dict[str, Any]:
    compose = yaml.safe_load(COMPOSE.read_text("utf-8"))
    found: dict[str, Any] = compose["services"]
    return found


@pytest.fixture(scope="module")
def named_volumes() -> set[str]:
    return set(yaml.safe_load(COMPOSE.read_text("utf-8")).get("volumes") or {})


def interpolate(value: str) -> str:
    """Compose's ${VAR:-default}, taking the default, as on a machine with nothing set but the
    .env that `planpulse compose-env` wrote (which gives every ${VAR:?required} a value)."""

    def value_of(match: re.Match[str]) -> str:
        return f"{ENV_FILE}-{match.group(1)}" if match.group(2) == "?" else match.group(3) or ""

    return INTERPOLATION.sub(value_of, value)


def environment(service: dict[str, Any]) -> dict[str, str]:
    raw = service.get("environment") or {}
    if isinstance(raw, list):
        raw = dict(item.split("=", 1) for item in raw)
    return {key: interpolate(str(value)) for key, value in raw.items()}


def settings_of(service: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> Settings:
    """The Settings the container builds from its environment (and from nothing else)."""
    for key in [key for key in os.environ if key.startswith(PREFIX)]:
        monkeypatch.delenv(key)
    for key, value in environment(service).items():
        monkeypatch.setenv(key, value)
    return Settings()


def nats_nodes(services: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        name: service
        for name, service in services.items()
        if str(service.get("image", "")).split(":")[0] == "nats"
    }


def flags(command: list[str] | str) -> dict[str, str]:
    words = shlex.split(command) if isinstance(command, str) else [str(w) for w in command]
    found: dict[str, str] = {}
    while words:
        word = words.pop(0)
        flag, _, value = word.partition("=")
        name = FLAG_NAMES.get(flag)
        if name is None:
            continue
        if name in BOOLEAN_FLAGS:
            found[name] = "true"
        else:
            found[name] = value or words.pop(0)
    return found


def dockerfile(service: dict[str, Any]) -> Path:
    build = service["build"]
    context = ROOT / (build if isinstance(build, str) else build.get("context", "."))
    name = "Dockerfile" if isinstance(build, str) else build.get("dockerfile", "Dockerfile")
    return context / name


def instructions(path: Path) -> list[tuple[str, str]]:
    text = path.read_text("utf-8").replace("\\\n", " ")
    lines = [line.strip() for line in text.splitlines()]
    return [
        (line.split(None, 1)[0].upper(), line.split(None, 1)[1] if " " in line else "")
        for line in lines
        if line and not line.startswith("#")
    ]


def argv_of(service: dict[str, Any]) -> list[str]:
    """The command the container runs: compose's `command`, else the Dockerfile's CMD."""
    if "command" in service:
        command = service["command"]
        return shlex.split(command) if isinstance(command, str) else list(command)
    [*_, cmd] = [value for op, value in instructions(dockerfile(service)) if op == "CMD"]
    assert cmd.startswith("["), "CMD must be the exec form, so the process receives SIGTERM"
    argv: list[str] = json.loads(cmd)
    return argv


def planpulse_accepts(arguments: list[str], capsys: pytest.CaptureFixture[str]) -> bool:
    """Whether `planpulse <arguments>` parses: `--help` makes argparse stop before running."""
    with pytest.raises(SystemExit) as stopped:
        cli.main([*arguments, "--help"])
    output = capsys.readouterr()
    return stopped.value.code == 0 and f"planpulse {arguments[0]}" in output.out


def test_the_subcommand_check_tells_a_real_subcommand_from_a_made_up_one(capsys):
    assert planpulse_accepts(["campaigns"], capsys)
    assert not planpulse_accepts(["notifications-that-do-not-exist"], capsys)


@pytest.mark.parametrize("app", APPS)
def test_each_app_runs_its_own_planpulse_subcommand(services, app, capsys):
    assert app in services, f"docker-compose.yml has no {app} service"
    argv = argv_of(services[app])
    assert argv[:2] == ["planpulse", app]
    assert "planpulse" in PYPROJECT["project"]["scripts"]
    assert planpulse_accepts(argv[1:], capsys), f"`{' '.join(argv)}` is not a planpulse command"


def test_every_component_runs_the_one_image_of_the_root_dockerfile(services):
    components = [*APPS, "operator"]
    assert {services[name]["image"] for name in components} == {"planpulse:local"}
    [path] = {dockerfile(services[name]) for name in components}
    assert path == ROOT / "Dockerfile" and path.is_file()
    packages = {
        include.rstrip("*")
        for include in PYPROJECT["tool"]["setuptools"]["packages"]["find"]["include"]
    }
    steps = instructions(path)
    assert steps[0] == ("FROM", "python:3.11-slim")
    copied = {value.split()[0] for op, value in steps if op == "COPY"}
    assert {"pyproject.toml", *packages} <= copied, "the image leaves out a package"
    assert any(op == "RUN" and "pip install ." in value for op, value in steps)
    [*_, cmd] = [value for op, value in steps if op == "CMD"]
    assert cmd.startswith("["), "CMD must be the exec form, so the process receives SIGTERM"


def test_every_planpulse_variable_is_a_setting_with_a_valid_value(services, monkeypatch):
    fields = {PREFIX + name.upper() for name in Settings.model_fields}
    for name, service in services.items():
        used = {key for key in environment(service) if key.upper().startswith(PREFIX)}
        assert used <= fields, f"{name}: not settings: {sorted(used - fields)}"
        settings_of(service, monkeypatch)  # raises when a value does not validate


def test_three_nats_nodes_form_one_jetstream_cluster(services, named_volumes):
    nodes = nats_nodes(services)
    assert len(nodes) == 3
    options = {name: flags(node.get("command", [])) for name, node in nodes.items()}
    assert {name: o.get("name") for name, o in options.items()} == {n: n for n in nodes}
    assert len({o.get("cluster_name") for o in options.values()} - {None}) == 1
    stores = set()
    for name, option in options.items():
        assert option.get("jetstream") == "true", f"{name}: JetStream is off"
        cluster_port = urlsplit(option["cluster"]).port
        routes = {urlsplit(route) for route in option["routes"].split(",")}
        assert {(r.hostname, r.port) for r in routes} == {(n, cluster_port) for n in nodes}
        [volume] = [v for v in nodes[name]["volumes"] if v.split(":")[1] == option["store_dir"]]
        assert volume.split(":")[0] in named_volumes, f"{name}: store is not a named volume"
        stores.add(volume.split(":")[0])
        health = " ".join(nodes[name]["healthcheck"]["test"])
        assert f":{option['http_port']}/healthz" in health, f"{name}: no JetStream health check"
    assert len(stores) == 3, "the nodes share a store"


@pytest.mark.parametrize("app", APPS)
def test_each_app_knows_every_node_and_waits_for_a_healthy_cluster(services, app, monkeypatch):
    nodes = nats_nodes(services)
    ports = {
        name: flags(node["command"]).get("port", DEFAULT_CLIENT_PORT)
        for name, node in nodes.items()
    }
    url = settings_of(services[app], monkeypatch).nats_url
    assert url is not None, f"{app} would start an embedded nats-server"
    servers = [urlsplit(server.strip()) for server in url.split(",")]
    assert {(s.scheme, s.hostname, str(s.port)) for s in servers} == {
        ("nats", name, port) for name, port in ports.items()
    }
    depends_on = services[app]["depends_on"]
    for name in nodes:
        assert depends_on[name]["condition"] == "service_healthy", f"{app} starts before {name}"


@pytest.mark.parametrize("app", APPS)
def test_the_stream_has_a_replica_on_every_node(services, app, monkeypatch):
    replicas = settings_of(services[app], monkeypatch).stream_replicas
    assert replicas == 3 == len(nats_nodes(services))


def test_reporting_alone_keeps_its_read_models_in_a_healthy_postgres(services, monkeypatch):
    database = services["postgres"]
    assert str(database["image"]).startswith("postgres:16")
    assert database["healthcheck"]["test"], "PostgreSQL has no health check"
    url = urlsplit(settings_of(services["reporting"], monkeypatch).reporting_url())
    credentials = environment(database)
    assert url.scheme == "postgresql+psycopg"
    assert (url.hostname, url.port or 5432) == ("postgres", 5432)
    assert url.username == credentials["POSTGRES_USER"]
    assert url.password == credentials["POSTGRES_PASSWORD"]
    assert url.path.lstrip("/") == credentials["POSTGRES_DB"]
    assert services["reporting"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    others = [app for app in APPS if app != "reporting"]
    assert all(f"{PREFIX}REPORTING_DB_URL" not in environment(services[a]) for a in others)


def test_notifications_keep_their_own_database_in_a_postgres_of_their_own(services, monkeypatch):
    database = services["postgres-notifications"]
    url = urlsplit(settings_of(services["notifications"], monkeypatch).notifications_url())
    credentials = environment(database)
    assert url.scheme == "postgresql+psycopg"
    assert (url.hostname, url.port or 5432) == ("postgres-notifications", 5432)
    assert (url.username, url.password) == (
        credentials["POSTGRES_USER"],
        credentials["POSTGRES_PASSWORD"],
    )
    assert url.path.lstrip("/") == credentials["POSTGRES_DB"]
    condition = services["notifications"]["depends_on"]["postgres-notifications"]["condition"]
    assert condition == "service_healthy"


def test_the_dashboard_is_published_on_the_port_it_listens_on(services, monkeypatch):
    port = settings_of(services["dashboard"], monkeypatch).dashboard_port
    published = {str(p).rsplit(":", 1)[-1] for p in services["dashboard"]["ports"]}
    assert str(port) in published
    assert "8501" in {str(p).split(":")[0] for p in services["dashboard"]["ports"]}


def test_the_dashboard_listens_beyond_the_container(services, monkeypatch):
    started: list[list[str]] = []
    monkeypatch.setattr(cli.os, "execv", lambda _path, args: started.append(list(args)))
    cli.run_dashboard(settings_of(services["dashboard"], monkeypatch))
    [args] = started
    assert args[args.index("--server.address") + 1] == "0.0.0.0"


@pytest.mark.parametrize("app", ["campaigns", "reporting"])
def test_each_service_broker_is_given_the_three_nodes(services, app, monkeypatch):
    from services.campaigns.app import build as build_campaigns
    from services.reporting.app import build as build_reporting

    build = {"campaigns": build_campaigns, "reporting": build_reporting}[app]
    broker = build(settings_of(services[app], monkeypatch)).broker
    hosts = {urlsplit(server).hostname for server in broker.specification.url}
    assert hosts == set(nats_nodes(services))


async def test_the_dashboard_and_rebuild_connection_is_given_the_three_nodes(services, monkeypatch):
    import shared.bus

    given: list[Any] = []

    async def connect(servers: Any, **_options: Any) -> None:
        given.append(servers)

    monkeypatch.setattr(shared.bus.nats, "connect", connect)
    url = settings_of(services["dashboard"], monkeypatch).nats_server_url()
    await shared.bus.connect(url, "dashboard")
    [servers] = given
    assert {urlsplit(server).hostname for server in servers} == set(nats_nodes(services))


def test_every_node_enforces_the_generated_users_with_passwords_from_the_env_file(services):
    from shared.natsauth import PERMISSIONS, password_variable

    for name, node in nats_nodes(services).items():
        config = [w.split("=", 1)[1] for w in node["command"] if w.startswith("--config=")]
        assert config, f"{name} runs without the users' permissions"
        [mount] = [v for v in node["volumes"] if v.split(":")[1] == config[0]]
        assert (ROOT / mount.split(":")[0]).resolve() == ROOT / "deploy" / "nats" / "auth.conf"
        given = node["environment"]
        for user in PERMISSIONS:  # required from .env: compose refuses to start without it
            assert (
                given[password_variable(user)]
                == f"${{{password_variable(user)}:?run planpulse compose-env}}"
            )


@pytest.mark.parametrize("app", [*APPS, "operator"])
def test_each_component_is_its_own_nats_user_and_only_campaigns_holds_the_signing_key(
    services, app, monkeypatch
):
    from shared.natsauth import password_variable

    settings = settings_of(services[app], monkeypatch)
    assert settings.nats_user == app
    assert settings.nats_password == f"{ENV_FILE}-{password_variable(app)}"
    signs = settings.token_private_key is not None
    assert signs == (app in {"campaigns", "operator"}), f"{app}: signing key {signs}"
    verifies = settings.token_public_key is not None
    assert verifies == (app != "dashboard"), f"{app}: public key {verifies}"


def test_the_password_hashes_outlive_the_campaigns_container(services, named_volumes):
    [volume] = [v for v in services["campaigns"]["volumes"] if v.endswith(":/data")]
    assert volume.split(":")[0] in named_volumes
    assert environment(services["campaigns"])[f"{PREFIX}DATA_DIR"] == "/data"
