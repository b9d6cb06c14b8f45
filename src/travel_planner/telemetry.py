"""Traces over OTLP/HTTP (protobuf) to the Aspire Dashboard or any OpenTelemetry collector.

The planner installs its own tracer provider (no `opentelemetry-instrument` wrapper: the
process starts faster and handles its own signals). MAF's instrumentation adds agent, chat and
tool spans with GenAI attributes; a dead collector never slows a run down for more than a
short bounded flush, and exporter errors stay out of the terminal.
"""

from __future__ import annotations

import logging
import socket
import threading
from collections.abc import Callable, Sequence
from urllib.parse import urlsplit

from agent_framework.observability import enable_instrumentation
from opentelemetry import trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SpanExporter, SpanExportResult

from travel_planner.config import Settings

logger = logging.getLogger(__name__)

EXPORT_TIMEOUT_S = 3.0
# Spans are exported while the plan runs; at exit the last ones get this long, whatever
# the collector does (the process exits within a second of the plan).
SHUTDOWN_WAIT_S = 0.6
PROBE_TIMEOUT_S = 0.2


class _TrackingExporter(SpanExporter):
    """Passes spans on and remembers whether the last export reached the collector."""

    def __init__(self, inner: SpanExporter) -> None:
        self.inner = inner
        self.last_failed = False

    def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
        result = self.inner.export(spans)
        self.last_failed = result is not SpanExportResult.SUCCESS
        return result

    def shutdown(self) -> None:
        self.inner.shutdown()

    def force_flush(self, timeout_millis: int = 30000) -> bool:
        return self.inner.force_flush(timeout_millis)


def collector_reachable(endpoint: str, timeout: float = PROBE_TIMEOUT_S) -> bool:
    """Whether a TCP connection to the OTLP endpoint opens (a quick check before waiting)."""
    parts = urlsplit(endpoint if "://" in endpoint else f"http://{endpoint}")
    host = parts.hostname or "localhost"
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except (OSError, ValueError):
        return False


def _quiet_exporter_logs(verbose: bool) -> None:
    level = logging.DEBUG if verbose else logging.CRITICAL
    for name in ("opentelemetry", "urllib3"):
        logging.getLogger(name).setLevel(level)


def traces_url(endpoint: str) -> str:
    """The OTLP/HTTP traces URL for a collector base URL (what OTEL_EXPORTER_OTLP_ENDPOINT
    holds), as the OpenTelemetry exporters derive it."""
    return endpoint.rstrip("/") + "/v1/traces"


def setup_telemetry(settings: Settings, *, verbose: bool = False) -> Callable[[], None]:
    """Install the tracer provider (OTLP/HTTP export, batched in the background); return a
    bounded shutdown to call before exiting."""
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

    _quiet_exporter_logs(verbose)
    endpoint = settings.otel_exporter_otlp_endpoint
    provider = TracerProvider(
        resource=Resource.create({"service.name": settings.otel_service_name}),
        shutdown_on_exit=False,
    )
    # Headers (an API key) come from OTEL_EXPORTER_OTLP_HEADERS, read by the exporter.
    tracking = _TrackingExporter(
        OTLPSpanExporter(endpoint=traces_url(endpoint), timeout=EXPORT_TIMEOUT_S)
    )
    provider.add_span_processor(
        BatchSpanProcessor(
            tracking,
            schedule_delay_millis=500,
            export_timeout_millis=int(EXPORT_TIMEOUT_S * 1000),
        )
    )
    trace.set_tracer_provider(provider)
    enable_instrumentation()

    def shutdown() -> None:
        # Flush in a daemon thread: an unreachable collector must not hold the exit. When
        # the last export failed or the endpoint refuses a connection, the flush cannot
        # deliver anything, so do not wait; otherwise give it SHUTDOWN_WAIT_S.
        if tracking.last_failed or not collector_reachable(endpoint):
            return
        worker = threading.Thread(target=provider.shutdown, name="otel-shutdown", daemon=True)
        worker.start()
        worker.join(SHUTDOWN_WAIT_S)

    return shutdown
