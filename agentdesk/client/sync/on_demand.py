"""Reads asked of the server when shown, outside the feed: each caller names its own errors to raise."""

from __future__ import annotations

from typing import Any

import httpx

from agentdesk.client.sync.engine import _detail


async def get(
    http: httpx.AsyncClient,
    token: str,
    path: str,
    params: dict[str, Any] | None,
    *,
    unavailable: type[Exception],
    refused: type[Exception],
) -> httpx.Response:
    """The server's 200 answer; `refused` for a 403, `unavailable` offline or for any other answer."""
    try:
        response = await http.get(path, params=params, headers={"Authorization": f"Bearer {token}"})
    except httpx.TransportError as exc:
        raise unavailable(f"the server cannot be reached ({type(exc).__name__})") from exc
    if response.status_code == 403:
        raise refused(_detail(response))
    if response.status_code != 200:
        raise unavailable(_detail(response))
    return response
