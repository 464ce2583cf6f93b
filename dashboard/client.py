"""The one NATS request helper of the dashboard.

Streamlit runs each session in its own thread; an asyncio NATS client belongs to one loop. So one
loop runs in a background thread per process, holding one connection, and each request is a
coroutine submitted to it. `send` is the only function that touches NATS: tests replace it.
"""

import asyncio
import contextlib
import logging
import threading
from typing import Any

import nats.errors
import streamlit as st
from nats.aio.client import Client

from dashboard import session
from dashboard import texts_vi as T
from shared import bus
from shared.actor import SOURCE_HEADER, bearer
from shared.settings import get_settings
from shared.subjects import command_subject, query_subject

log = logging.getLogger(__name__)

CONNECT_WAIT_SECONDS = 1.0  # a page waits this long for a first connection, then says so


class ServiceUnavailable(Exception):
    """NATS or the service cannot answer now; the message is for the user, in Vietnamese."""


class SessionExpired(ServiceUnavailable):
    """The services no longer accept the session's token: the user signs in again."""


class Connection:
    """One event loop in a background thread, one NATS connection that reconnects forever."""

    def __init__(self, url: str, timeout: float, login: tuple[str, str] | None = None) -> None:
        self.url = url
        self.timeout = timeout
        self.login = {"user": login[0], "password": login[1]} if login else {}
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(
            target=self.loop.run_forever, name="planpulse-nats", daemon=True
        )
        self.thread.start()
        self._connecting: asyncio.Task[Client] | None = None  # touched on the loop only

    async def _client(self) -> Client:
        if self._connecting is None or (
            self._connecting.done() and self._connecting.exception() is not None
        ):
            self._connecting = asyncio.ensure_future(
                bus.connect(self.url, "dashboard", **self.login)
            )
        try:
            nc = await asyncio.wait_for(asyncio.shield(self._connecting), CONNECT_WAIT_SECONDS)
        except (TimeoutError, OSError, nats.errors.Error):
            raise ServiceUnavailable(T.OFFLINE) from None
        if not nc.is_connected:  # reconnecting: fail now rather than wait out the timeout
            raise ServiceUnavailable(T.OFFLINE)
        return nc

    async def _request(
        self, subject: str, payload: dict[str, Any], headers: dict[str, str]
    ) -> dict[str, Any]:
        nc = await self._client()
        try:
            return await bus.request(nc, subject, payload, self.timeout, headers=headers)
        except (nats.errors.NoRespondersError, nats.errors.TimeoutError):
            raise ServiceUnavailable(T.NO_ANSWER) from None
        except (nats.errors.Error, OSError):
            raise ServiceUnavailable(T.OFFLINE) from None
        except ValueError:
            raise ServiceUnavailable(T.BAD_REPLY) from None

    def request(
        self, subject: str, payload: dict[str, Any], headers: dict[str, str] | None = None
    ) -> dict[str, Any]:
        future = asyncio.run_coroutine_threadsafe(
            self._request(subject, payload, headers or {}), self.loop
        )
        try:
            reply = future.result(CONNECT_WAIT_SECONDS + self.timeout + 1.0)
        except TimeoutError:
            future.cancel()
            raise ServiceUnavailable(T.NO_ANSWER) from None
        if not isinstance(reply, dict):
            raise ServiceUnavailable(T.BAD_REPLY)
        return reply

    async def _close(self) -> None:
        if self._connecting is None:
            return
        if not self._connecting.done():
            self._connecting.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._connecting
            return
        if self._connecting.exception() is None:
            await self._connecting.result().close()

    def close(self) -> None:
        try:
            asyncio.run_coroutine_threadsafe(self._close(), self.loop).result(5)
        except Exception:  # closing is best effort; the thread is a daemon anyway
            log.warning("closing the dashboard's NATS connection failed", exc_info=True)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)
        if not self.thread.is_alive():
            self.loop.close()


@st.cache_resource(show_spinner=False, on_release=Connection.close)
def connection(url: str, timeout: float, login: tuple[str, str] | None = None) -> Connection:
    return Connection(url, timeout, login)


def headers() -> dict[str, str]:
    """The signed-in user's token, and where the browser is (for sign-in rate limits)."""
    token = session.token()
    found = bearer(token) if token else {}
    with contextlib.suppress(Exception):  # outside a browser session there is no address
        if st.context.ip_address:
            found[SOURCE_HEADER] = st.context.ip_address
    return found


def send(subject: str, payload: dict[str, Any]) -> dict[str, Any]:
    """The transport: request `subject` with a JSON payload, return the JSON reply."""
    settings = get_settings()
    login = settings.nats_login()
    credentials = (login["user"], login["password"]) if login else None
    timeout = settings.request_timeout_seconds
    nats_connection = connection(settings.nats_server_url(), timeout, credentials)
    return nats_connection.request(subject, payload, headers())


def _checked(reply: dict[str, Any]) -> dict[str, Any]:
    """A refused token ends the session: the next run of the app shows the sign-in page."""
    if not reply.get("ok") and reply.get("error", {}).get("code") == "unauthenticated":
        session.end(T.SESSION_EXPIRED)
        raise SessionExpired(T.SESSION_EXPIRED)
    return reply


def command(verb_subject: str, payload: dict[str, Any]) -> dict[str, Any]:
    """`command("activity.log", {...})` -> {"ok": true, "id": ...} or {"ok": false, "error"}."""
    aggregate, verb = verb_subject.split(".", 1)
    return _checked(send(command_subject(aggregate, verb), payload))


def query(name: str, payload: dict[str, Any] | None = None) -> dict[str, Any]:
    """`query("progress")` -> the reporting service's reply."""
    return _checked(send(query_subject(name), payload or {}))
