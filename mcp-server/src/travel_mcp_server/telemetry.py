"""OpenTelemetry: OTLP/HTTP export when configured; one span per tool call in the caller's trace."""

from __future__ import annotations

import logging
from typing import Any

import fastmcp
from fastmcp.server.dependencies import get_http_headers
from fastmcp.server.middleware import CallNext, Middleware, MiddlewareContext
from fastmcp.tools.base import ToolResult
from opentelemetry import propagate, trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SpanExporter
from opentelemetry.trace import SpanKind, Status, StatusCode

from travel_mcp_server import __version__

logger = logging.getLogger(__name__)
TRACER_NAME = "travel_mcp_server"
_EXPORT_TIMEOUT_SECONDS = 5.0


class _OncePerMessage(logging.Filter):
    """Let each distinct exporter warning through once; a dead collector cannot flood the log."""

    def __init__(self) -> None:
        super().__init__()
        self._seen: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        key = f"{record.levelno}:{record.msg}"
        if key in self._seen:
            return False
        self._seen.add(key)
        return True


def configure_tracing(
    endpoint: str | None, service_name: str, exporter: SpanExporter | None = None
) -> TracerProvider | None:
    """Install a tracer provider exporting to `endpoint` or `exporter`; None when neither is set."""
    if exporter is None and not endpoint:
        return None
    if exporter is None:
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        # The traces endpoint's full URL (Settings.traces_url); headers (an API key) come from
        # OTEL_EXPORTER_OTLP_HEADERS.
        exporter = OTLPSpanExporter(endpoint=endpoint, timeout=_EXPORT_TIMEOUT_SECONDS)
        quiet = _OncePerMessage()
        for name in ("opentelemetry.exporter.otlp.proto.http.trace_exporter", "opentelemetry.sdk"):
            logging.getLogger(name).addFilter(quiet)
    provider = TracerProvider(
        resource=Resource.create({"service.name": service_name, "service.version": __version__})
    )
    provider.add_span_processor(
        BatchSpanProcessor(exporter, export_timeout_millis=int(_EXPORT_TIMEOUT_SECONDS * 1000))
    )
    trace.set_tracer_provider(provider)
    # The tool-call span below is the MCP span; FastMCP still propagates `_meta` trace context.
    fastmcp.settings.telemetry_mode = "propagation_only"
    logger.info("exporting traces for %s to %s", service_name, endpoint or exporter)
    return provider


class ToolCallSpans(Middleware):
    """One SERVER span per tool call; parent: HTTP `traceparent` if sent, else `_meta` context."""

    def __init__(self, data_mode: str, tracer_provider: trace.TracerProvider | None = None) -> None:
        self.data_mode = data_mode
        self._provider = tracer_provider

    def _tracer(self) -> trace.Tracer:
        provider = self._provider or trace.get_tracer_provider()
        return provider.get_tracer(TRACER_NAME, __version__)

    async def on_call_tool(
        self,
        context: MiddlewareContext[Any],
        call_next: CallNext[Any, ToolResult],
    ) -> ToolResult:
        headers = get_http_headers(include={"traceparent", "tracestate"})
        parent: Any = propagate.extract(headers) if "traceparent" in headers else None
        name = context.message.name
        attributes = {
            "mcp.method.name": "tools/call",
            "gen_ai.operation.name": "execute_tool",
            "gen_ai.tool.name": name,
            "travel.data_mode": self.data_mode,
        }
        with self._tracer().start_as_current_span(
            f"tools/call {name}",
            context=parent,
            kind=SpanKind.SERVER,
            attributes=attributes,
            record_exception=False,
        ) as span:
            try:
                result = await call_next(context)
            except Exception as exc:
                span.set_attribute("error.type", type(exc).__name__)
                span.set_status(Status(StatusCode.ERROR, str(exc)[:200]))
                raise
            return result
