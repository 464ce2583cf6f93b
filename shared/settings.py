"""Settings for every component, read from PLANPULSE_* environment variables."""

from datetime import datetime, time
from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from shared.clock import Clock, SimulatedClock, SystemClock


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PLANPULSE_", extra="ignore")

    nats_url: str | None = Field(
        default=None,
        description="NATS to use (comma-separated for a cluster); unset: the embedded server",
    )
    nats_user: str | None = Field(default=None, description="this component's NATS user")
    nats_password: str | None = Field(default=None, description="and its password", repr=False)
    embedded_nats_port: int = Field(default=4322, description="port of the embedded nats-server")
    embedded_nats_monitor_port: int = Field(default=8322, description="its monitoring port")
    data_dir: Path = Field(default=Path("var"), description="where embedded data lives")
    reporting_db_url: str | None = Field(
        default=None, description="read-model database; default SQLite under data_dir"
    )
    stream_replicas: int = Field(default=1, ge=1, le=5, description="replicas of the stream")
    duplicate_window_seconds: float = Field(default=120.0, gt=0, le=86400)
    request_timeout_seconds: float = Field(default=5.0, gt=0, le=60)
    projection_batch_size: int = Field(default=500, ge=1, le=10000)
    projection_fetch_timeout_seconds: float = Field(default=1.0, gt=0, le=30)
    plan_file: Path | None = Field(
        default=None, description="plan data file; default the packaged 2024 plan"
    )
    dashboard_port: int = Field(default=8501, description="port the dashboard listens on")
    dashboard_address: str = Field(
        default="127.0.0.1", description="address it binds; 0.0.0.0 in a container"
    )
    dashboard_refresh_seconds: float = Field(default=2.0, ge=0.5, le=60)
    log_level: str = Field(default="INFO")
    simulate_start: datetime | None = Field(
        default=None, description="run on a simulated clock that starts at this instant"
    )
    simulate_speed: float = Field(default=1.0, gt=0, le=1_000_000)
    simulate_origin: float | None = Field(
        default=None, description="real UNIX time at which the simulated clock read its start"
    )
    timeliness_grace_days: int = Field(default=0, ge=0, le=60)
    occasion_lead_days: list[int] = Field(default=[14, 7, 1], description="reminders before")
    deadline_lead_days: list[int] = Field(default=[7, 3, 1], description="before a due date")
    overdue_repeat_days: int = Field(default=7, ge=1, le=90)
    overdue_escalation_days: int = Field(default=90, ge=1, le=366)
    trigger_horizon_days: int = Field(default=7, ge=0, le=366)
    clock_tick_seconds: float = Field(default=30.0, gt=0, le=3600)
    notifications_db_url: str | None = Field(
        default=None, description="notifications database; default SQLite under data_dir"
    )
    notification_rules_file: Path | None = Field(
        default=None, description="notification rules; default the packaged rules.yaml"
    )
    notification_contacts_file: Path | None = Field(
        default=None, description="e-mail addresses of units, Office, leadership"
    )
    smtp_host: str | None = Field(default=None, description="SMTP server; unset: no e-mail")
    smtp_port: int = Field(default=587, ge=1, le=65535)
    smtp_starttls: bool = Field(default=True, description="upgrade the connection with STARTTLS")
    smtp_username: str | None = Field(default=None)
    smtp_password: str | None = Field(default=None, repr=False)
    smtp_timeout_seconds: float = Field(default=15.0, gt=0, le=300)
    notification_sender: str = Field(
        default="PlanPulse - Sở Tư pháp <planpulse@stp.example.gov.vn>", max_length=300
    )
    quiet_hours_start: time | None = Field(default=None, description="no e-mail/webhook from")
    quiet_hours_end: time | None = Field(default=None, description="until (local time)")
    local_timezone: str = Field(
        default="Asia/Ho_Chi_Minh",
        description="the Department's time zone: today, cut-offs, due dates, document dates",
    )
    delivery_attempts: int = Field(default=5, ge=1, le=100)
    delivery_backoff_seconds: float = Field(default=30.0, gt=0, le=86400)
    delivery_backoff_max_seconds: float = Field(default=3600.0, gt=0, le=86400)
    webhook_url: str | None = Field(default=None, description="webhook for rules that ask")
    webhook_timeout_seconds: float = Field(default=10.0, gt=0, le=120)
    notifications_consumer: str = Field(
        default="notifications",
        pattern=r"^[A-Za-z0-9_-]{1,64}$",
        description="durable consumer name; one per instance",
    )
    notification_horizon_days: int = Field(
        default=7, ge=0, le=366, description="older reminders are not sent"
    )
    notification_tick_seconds: float = Field(default=5.0, gt=0, le=3600)
    report_place: str = Field(default="…………", max_length=100)
    report_superior: str = Field(default="UBND tỉnh", max_length=200)
    token_private_key: SecretStr | None = Field(
        default=None,
        description="campaigns' Ed25519 key signing session tokens (base64); unset: data_dir's",
    )
    token_public_key: str | None = Field(
        default=None, description="the key every service verifies them with; unset: data_dir's"
    )
    session_hours: float = Field(
        default=8.0, gt=0, le=720, description="a session's lifetime; no token may live longer"
    )
    signin_window_minutes: float = Field(default=15.0, gt=0, le=1440)
    signin_account_failures: int = Field(
        default=5, ge=1, le=1000, description="failed sign-ins per account within the window"
    )
    signin_source_failures: int = Field(
        default=20, ge=1, le=10000, description="failed sign-ins per client address, same window"
    )
    signin_delay_seconds: float = Field(
        default=1.0, gt=0, le=3600, description="first wait past a limit, doubled per failure"
    )
    signin_max_delay_seconds: float = Field(
        default=300.0, gt=0, le=86400, description="the longest wait between two checked tries"
    )
    signin_trust_days: float = Field(
        default=30.0, ge=0, le=366, description="a source an account signed in from is trusted"
    )
    accounts_db_url: str | None = Field(
        default=None, description="password hashes; default SQLite under data_dir"
    )
    auto_current_plan: bool = Field(
        default=True,
        description="at start, clone the latest plan into one for today's year if none covers it",
    )
    demo_accounts: bool = Field(default=True, description="`planpulse up` creates demo accounts")
    demo_password: SecretStr = Field(
        default=SecretStr("planpulse-demo"), description="their password"
    )

    def clock(self) -> Clock:
        if self.simulate_start is None:
            return SystemClock(self.local_timezone)
        return SimulatedClock(
            self.simulate_start, self.simulate_speed, self.simulate_origin, self.local_timezone
        )

    def reporting_url(self) -> str:
        if self.reporting_db_url:
            return self.reporting_db_url
        return f"sqlite:///{(self.data_dir / 'reporting.db').resolve()}"

    def accounts_url(self) -> str:
        if self.accounts_db_url:
            return self.accounts_db_url
        return f"sqlite:///{(self.data_dir / 'accounts.db').resolve()}"

    def notifications_url(self) -> str:
        if self.notifications_db_url:
            return self.notifications_db_url
        return f"sqlite:///{(self.data_dir / 'notifications.db').resolve()}"

    def nats_server_url(self) -> str:
        return self.nats_url or f"nats://127.0.0.1:{self.embedded_nats_port}"

    def nats_login(self) -> dict[str, str]:
        if self.nats_user and self.nats_password:
            return {"user": self.nats_user, "password": self.nats_password}
        return {}

    def nats_servers(self) -> list[str]:
        return [url.strip() for url in self.nats_server_url().split(",") if url.strip()]


@lru_cache
def get_settings() -> Settings:
    return Settings()
