"""Webhook: an HTTP POST of the digest as JSON, for chat integrations."""

from typing import Any

import httpx

from services.notifications.channels import ChannelDown, MessageRefused


async def post_webhook(url: str, timeout: float, payload: dict[str, Any]) -> None:
    try:
        async with httpx.AsyncClient(timeout=timeout, trust_env=False) as client:
            response = await client.post(url, json=payload)
    except (httpx.ConnectError, httpx.ConnectTimeout) as error:
        raise ChannelDown(f"webhook {url}: {error}") from error
    except httpx.HTTPError as error:
        raise MessageRefused(f"webhook: {error!r}") from error
    if response.status_code >= 400:
        raise MessageRefused(f"webhook: HTTP {response.status_code}")
