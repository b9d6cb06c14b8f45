"""One MCP session per plan with the travel tools server (streamable HTTP).

Every tool result is a JSON object (structured content). Each call gets its own span, and the
W3C trace context travels on the HTTP requests (traceparent header) and in the MCP `_meta`
(done by the MCP SDK), so the server's spans join the plan's trace.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from contextlib import AsyncExitStack
from types import TracebackType
from typing import Any

import httpx2
from mcp import Client
from mcp.client.streamable_http import streamable_http_client
from opentelemetry import propagate, trace

from travel_planner.errors import DependencyUnavailableError
from travel_planner.usage import Usage

logger = logging.getLogger(__name__)
tracer = trace.get_tracer("travel_planner.tools")

# A server that is still starting refuses connections for a moment: retry that briefly.
CONNECT_WAIT_S = 5.0
CONNECT_RETRY_S = 0.5

MCP_FIX = (
    "start the MCP server (`docker compose up -d mcp-server` or `python -m travel_mcp_server`) "
    "and check MCP_SERVER_URL."
)


class ToolError(Exception):
    """A tool answered with an error (bad input, missing data); the plan degrades around it."""


async def _inject_trace_context(request: httpx2.Request) -> None:
    carrier: dict[str, str] = {}
    propagate.inject(carrier)
    for key, value in carrier.items():
        request.headers[key] = value


def _unwrap(exc: BaseException) -> BaseException:
    while isinstance(exc, BaseExceptionGroup) and exc.exceptions:
        exc = exc.exceptions[0]
    return exc


class TravelTools:
    """Async context manager around an MCP client session; `call` returns a tool's JSON."""

    def __init__(self, url: str, timeout_s: float, usage: Usage) -> None:
        self.url = url
        self.timeout_s = timeout_s
        self.usage = usage
        self._stack = AsyncExitStack()
        self._client: Client | None = None
        self._connecting = asyncio.Lock()

    async def _connect(self) -> None:
        http = httpx2.AsyncClient(
            timeout=httpx2.Timeout(self.timeout_s, read=max(self.timeout_s, 30.0)),
            event_hooks={"request": [_inject_trace_context]},
        )
        await self._stack.enter_async_context(http)
        transport = streamable_http_client(self.url, http_client=http)
        client = Client(transport, read_timeout_seconds=self.timeout_s)
        self._client = await self._stack.enter_async_context(client)

    async def __aenter__(self) -> TravelTools:
        """The session opens on the first call (see `connect`)."""
        return self

    async def connect(self) -> None:
        """Open the session; a server that refuses connections gets a few seconds to start."""
        async with self._connecting:
            if self._client is None:
                await self._open()

    async def _open(self) -> None:
        started = time.monotonic()
        while True:
            try:
                await self._connect()
                return
            except Exception as exc:
                await self._stack.aclose()
                self._stack = AsyncExitStack()
                cause = _unwrap(exc)
                waited = time.monotonic() - started
                refused = isinstance(cause, httpx2.ConnectError | ConnectionRefusedError)
                if refused and waited + CONNECT_RETRY_S < CONNECT_WAIT_S:
                    await asyncio.sleep(CONNECT_RETRY_S)
                    continue
                logger.debug("MCP connection to %s failed", self.url, exc_info=True)
                raise DependencyUnavailableError(
                    "The MCP travel tools server",
                    self.url,
                    waited,
                    f"{type(cause).__name__}: {cause}".strip(": "),
                    MCP_FIX,
                ) from exc

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            await self._stack.aclose()
        except Exception:  # closing a broken session must not hide the real outcome
            logger.debug("closing the MCP session failed", exc_info=True)

    async def call(self, name: str, /, **arguments: Any) -> dict[str, Any]:
        """Call a tool. ToolError if the tool reports an error; DependencyUnavailableError if
        the server cannot be reached."""
        if self._client is None:
            await self.connect()
        assert self._client is not None
        args = {k: v for k, v in arguments.items() if v is not None}
        started = time.monotonic()
        with tracer.start_as_current_span(f"execute_tool {name}") as span:
            span.set_attribute("gen_ai.operation.name", "execute_tool")
            span.set_attribute("gen_ai.tool.name", name)
            span.set_attribute("gen_ai.tool.call.arguments", json.dumps(args, default=str)[:500])
            self.usage.tool_calls += 1
            try:
                result = await self._client.call_tool(name, args)
            except Exception as exc:
                cause = _unwrap(exc)
                span.record_exception(cause)
                span.set_status(trace.StatusCode.ERROR, str(cause))
                if isinstance(cause, httpx2.TransportError | ConnectionError | OSError):
                    raise DependencyUnavailableError(
                        "The MCP travel tools server",
                        self.url,
                        time.monotonic() - started,
                        f"{type(cause).__name__}: {cause}",
                        MCP_FIX,
                    ) from exc
                raise ToolError(str(cause) or type(cause).__name__) from exc
            text = " ".join(
                str(getattr(item, "text", "")) for item in result.content if hasattr(item, "text")
            ).strip()
            if result.is_error:
                span.set_status(trace.StatusCode.ERROR, text[:200])
                raise ToolError(text or "the tool reported an error")
            data = result.structured_content
            if not isinstance(data, dict):
                try:
                    data = json.loads(text)
                except ValueError:
                    data = None
            if not isinstance(data, dict):
                raise ToolError("the tool returned no JSON object")
            # FastMCP wraps non-object results as {"result": ...}; tools here return objects.
            if set(data) == {"result"} and isinstance(data["result"], dict):
                data = data["result"]
            return data
