"""The MCP session with the travel tools server (streamable HTTP).

Every tool result is a JSON object (structured content). Each call gets its own span, and the
W3C trace context travels on the HTTP requests (traceparent header) and in the MCP `_meta`
(done by the MCP SDK), so the server's spans join the plan's trace.

The session lives in a task of its own. The MCP client cancels the task that entered it when
its connection breaks; owning it in a separate task keeps that cancellation away from the plan,
which sees a `DependencyUnavailableError` instead. One session can serve many plans.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from typing import Any, Protocol

import httpx2
from mcp import Client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared.exceptions import MCPError
from opentelemetry import propagate, trace

from travel_planner.errors import DependencyUnavailableError
from travel_planner.tls import tls_context
from travel_planner.usage import Usage

logger = logging.getLogger(__name__)
tracer = trace.get_tracer("travel_planner.tools")

# JSON-RPC codes the client itself reports when the transport fails (connection closed, an
# HTTP error status): the server is gone or broken, not the tool's answer.
TRANSPORT_ERRORS = {-32000, -32603}
# A server that is still starting refuses connections for a moment: retry that briefly.
CONNECT_WAIT_S = 5.0
CONNECT_RETRY_S = 0.5
# After a failed connection, calls fail at once for this long (one plan's calls), then the
# next call tries again (a server restarted under a long-lived web app).
RETRY_AFTER_S = 10.0
SERVER = "The MCP travel tools server"
MCP_FIX = (
    "start the MCP server (`docker compose up -d mcp-server` or `python -m travel_mcp_server`) "
    "and check MCP_SERVER_URL."
)


class ToolError(Exception):
    """A tool answered with an error (bad input, missing data); the plan degrades around it."""


class ToolCaller(Protocol):
    """What the planner's steps need of the tools: call one by name, get its JSON object."""

    async def call(self, name: str, /, **arguments: Any) -> dict[str, Any]: ...


class RunTools:
    """One plan's view of a shared session: counts that plan's tool calls and the time
    spent waiting on tools (calls that overlap count once)."""

    def __init__(self, tools: TravelTools, usage: Usage) -> None:
        self.tools = tools
        self.usage = usage
        self._spans: list[tuple[float, float]] = []

    async def call(self, name: str, /, **arguments: Any) -> dict[str, Any]:
        self.usage.tool_calls += 1
        started = time.monotonic()
        try:
            return await self.tools.call(name, **arguments)
        finally:
            self._spans.append((started, time.monotonic()))

    @property
    def seconds(self) -> float:
        total, reached = 0.0, float("-inf")
        for start, end in sorted(self._spans):
            if end > reached:
                total += end - max(start, reached)
                reached = end
        return total


async def _inject_trace_context(request: httpx2.Request) -> None:
    carrier: dict[str, str] = {}
    propagate.inject(carrier)
    for key, value in carrier.items():
        request.headers[key] = value


def _unwrap(exc: BaseException) -> BaseException:
    while isinstance(exc, BaseExceptionGroup) and exc.exceptions:
        exc = exc.exceptions[0]
    return exc


def _reason(exc: BaseException) -> str:
    cause = _unwrap(exc)
    return f"{type(cause).__name__}: {cause}".strip(": ")


class TravelTools:
    """The connection to the tools server; `call` returns a tool's JSON object.

    `MCP_TIMEOUT_SECONDS` bounds every call and the connection itself, whatever the server
    does (refuses, stalls, dies mid-call). A long-lived process shares one between plans: a
    session that ended is opened again at the next call; a failed connection is reported
    to every call for `RETRY_AFTER_S`, then tried again."""

    def __init__(self, url: str, timeout_s: float) -> None:
        self.url = url
        self.timeout_s = timeout_s
        self._client: Client | None = None
        self._session: asyncio.Task[None] | None = None
        self._closing = asyncio.Event()
        self._connecting = asyncio.Lock()
        self._failed: DependencyUnavailableError | None = None
        self._failed_at = 0.0

    async def __aenter__(self) -> TravelTools:
        """The session opens on the first call (see `connect`)."""
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def close(self) -> None:
        session, self._session, self._client = self._session, None, None
        if session is None:
            return
        self._closing.set()
        try:
            await asyncio.wait_for(asyncio.shield(session), timeout=2.0)
        except (TimeoutError, Exception):  # a broken session must not hide the real outcome
            session.cancel()
            logger.debug("closing the MCP session failed", exc_info=True)

    async def _run_session(self, ready: asyncio.Future[Client]) -> None:
        timeout = httpx2.Timeout(self.timeout_s)
        try:
            async with (
                httpx2.AsyncClient(
                    timeout=timeout,
                    event_hooks={"request": [_inject_trace_context]},
                    verify=tls_context(),
                ) as http,
                Client(
                    streamable_http_client(self.url, http_client=http),
                    read_timeout_seconds=self.timeout_s,
                ) as client,
            ):
                ready.set_result(client)
                await self._closing.wait()
        except BaseException as exc:
            if not ready.done():
                ready.set_exception(exc)
            elif not isinstance(exc, asyncio.CancelledError):
                logger.debug("the MCP session ended", exc_info=True)

    async def connect(self) -> None:
        """Open the session; a server that refuses connections gets a few seconds to start."""
        async with self._connecting:
            if self._failed is not None and time.monotonic() - self._failed_at < RETRY_AFTER_S:
                raise self._failed
            self._failed = None
            if self._client is not None and self._session and not self._session.done():
                return
            started = time.monotonic()
            while True:
                ready: asyncio.Future[Client] = asyncio.get_running_loop().create_future()
                self._closing = asyncio.Event()
                session = asyncio.create_task(self._run_session(ready), name="mcp-session")
                try:
                    async with asyncio.timeout(self.timeout_s):
                        self._client = await asyncio.shield(ready)
                    self._session = session
                    return
                except Exception as exc:
                    session.cancel()
                    with contextlib.suppress(BaseException):
                        await session
                    cause = _unwrap(exc)
                    waited = time.monotonic() - started
                    refused = isinstance(cause, httpx2.ConnectError | ConnectionRefusedError)
                    if refused and waited + CONNECT_RETRY_S < min(CONNECT_WAIT_S, self.timeout_s):
                        await asyncio.sleep(CONNECT_RETRY_S)
                        continue
                    logger.debug("MCP connection to %s failed", self.url, exc_info=True)
                    reason = (
                        f"no answer within {self.timeout_s:g}s"
                        if isinstance(cause, TimeoutError)
                        else _reason(exc)
                    )
                    self._failed = DependencyUnavailableError(
                        SERVER, self.url, waited, reason, MCP_FIX
                    )
                    self._failed_at = time.monotonic()
                    raise self._failed from None

    async def call(self, name: str, /, **arguments: Any) -> dict[str, Any]:
        """Call a tool. ToolError if the tool reports an error; DependencyUnavailableError if
        the server cannot be reached, stops answering or goes away."""
        started = time.monotonic()
        await self.connect()
        client, session = self._client, self._session
        assert client is not None and session is not None
        args = {k: v for k, v in arguments.items() if v is not None}
        with tracer.start_as_current_span(f"execute_tool {name}") as span:
            span.set_attribute("gen_ai.operation.name", "execute_tool")
            span.set_attribute("gen_ai.tool.name", name)
            span.set_attribute("gen_ai.tool.call.arguments", json.dumps(args, default=str)[:500])
            call = asyncio.ensure_future(client.call_tool(name, args))
            remaining = max(0.0, self.timeout_s - (time.monotonic() - started))
            done, _ = await asyncio.wait(
                {call, session}, timeout=remaining, return_when=asyncio.FIRST_COMPLETED
            )
            if call not in done:
                call.cancel()
                reason = (
                    "the connection closed during the call"
                    if session in done
                    else f"no answer within {self.timeout_s:g}s"
                )
                span.set_status(trace.StatusCode.ERROR, reason)
                raise DependencyUnavailableError(
                    SERVER, self.url, time.monotonic() - started, reason, MCP_FIX
                )
            try:
                result = call.result()
            except Exception as exc:
                cause = _unwrap(exc)
                span.record_exception(cause)
                span.set_status(trace.StatusCode.ERROR, str(cause))
                if isinstance(cause, httpx2.TransportError | ConnectionError | OSError) or (
                    isinstance(cause, MCPError) and cause.code in TRANSPORT_ERRORS
                ):
                    raise DependencyUnavailableError(
                        SERVER, self.url, time.monotonic() - started, _reason(exc), MCP_FIX
                    ) from None
                raise ToolError(str(cause) or type(cause).__name__) from exc
            return _result_json(result, span)


def _result_json(result: Any, span: trace.Span) -> dict[str, Any]:
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
