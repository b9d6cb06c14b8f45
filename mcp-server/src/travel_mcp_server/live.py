"""The offline/online/auto switch for tools that can use a live source."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

import httpx

from travel_mcp_server.config import DataMode
from travel_mcp_server.inputs import DataUnavailableError

T = TypeVar("T")
logger = logging.getLogger(__name__)

ONLINE_TIMEOUT_SECONDS = 15.0


class LiveSourceError(RuntimeError):
    """A live source answered with something unusable."""


@dataclass
class LiveOutcome(Generic[T]):
    value: T
    used_live: bool
    note: str | None = None


class LiveClient:
    """Owns the HTTP client; it is created on first live use, so offline mode never builds one."""

    def __init__(self, mode: DataMode, timeout_seconds: float) -> None:
        self.mode = mode
        self.timeout_seconds = timeout_seconds
        self._client: httpx.AsyncClient | None = None

    @property
    def request_timeout(self) -> float:
        return self.timeout_seconds if self.mode is DataMode.AUTO else ONLINE_TIMEOUT_SECONDS

    def client(self) -> httpx.AsyncClient:
        if self.mode is DataMode.OFFLINE:
            raise RuntimeError("offline mode must not use the network")
        if self._client is None:
            self._client = httpx.AsyncClient(
                timeout=self.request_timeout,
                headers={"User-Agent": "travel-mcp-server"},
                # A redirect could point the server at an address the operator never
                # configured (loopback, a private network): redirects are not followed.
                follow_redirects=False,
            )
        return self._client

    async def get_json(self, url: str, params: dict[str, str]) -> object:
        response = await self.client().get(url, params=params)
        response.raise_for_status()
        return response.json()

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def run(
        self,
        source: str,
        live: Callable[[], Awaitable[T]],
        offline: Callable[[], T],
    ) -> LiveOutcome[T]:
        """Answer from the live source or the bundled data, according to the mode."""
        if self.mode is DataMode.OFFLINE:
            return LiveOutcome(offline(), used_live=False)
        try:
            value = await asyncio.wait_for(live(), timeout=self.request_timeout + 1)
            return LiveOutcome(value, used_live=True)
        except (httpx.HTTPError, TimeoutError, LiveSourceError, ValueError) as exc:
            reason = _describe(exc)
            logger.warning("live source %s failed: %s", source, reason)
            if self.mode is DataMode.ONLINE:
                raise DataUnavailableError(
                    f"The live source ({source}) is unavailable: {reason}. The server runs in "
                    "online mode; set TRAVEL_TOOLS_DATA_MODE=auto or offline to use bundled data."
                ) from None
            return LiveOutcome(
                offline(),
                used_live=False,
                note=(
                    f"Live source ({source}) unavailable ({reason}); "
                    "answered from bundled offline data."
                ),
            )


def _describe(exc: BaseException) -> str:
    if isinstance(exc, httpx.TimeoutException | TimeoutError):
        return "timed out"
    if isinstance(exc, httpx.HTTPStatusError):
        return f"HTTP {exc.response.status_code}"
    if isinstance(exc, httpx.HTTPError):
        return f"connection failed ({type(exc).__name__})"
    return str(exc) or type(exc).__name__
