"""Traces over OTLP/gRPC, with or without `opentelemetry-instrument`.

Under `opentelemetry-instrument` the distro has already installed a tracer provider and its
exporter: we keep it. Otherwise we install our own. Either way MAF's instrumentation is on
(agent, chat and tool spans with GenAI attributes), a dead collector never slows a run down
for more than a short bounded flush, and exporter errors stay out of the terminal.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable

from agent_framework.observability import enable_instrumentation
from opentelemetry import trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor

from travel_planner.config import Settings

logger = logging.getLogger(__name__)

EXPORT_TIMEOUT_S = 3.0
SHUTDOWN_WAIT_S = 3.0


def _quiet_exporter_logs(verbose: bool) -> None:
    level = logging.DEBUG if verbose else logging.CRITICAL
    for name in ("opentelemetry", "grpc"):
        logging.getLogger(name).setLevel(level)


def setup_telemetry(settings: Settings, *, verbose: bool = False) -> Callable[[], None]:
    """Make sure spans are exported; return a bounded shutdown to call before exiting."""
    os.environ.setdefault("GRPC_VERBOSITY", "NONE")
    _quiet_exporter_logs(verbose)
    current = trace.get_tracer_provider()
    if isinstance(current, TracerProvider):
        provider = current
        logger.debug("using the tracer provider installed by opentelemetry-instrument")
    else:
        from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter

        endpoint = settings.otel_exporter_otlp_endpoint
        provider = TracerProvider(
            resource=Resource.create({"service.name": settings.otel_service_name}),
            shutdown_on_exit=False,
        )
        exporter = OTLPSpanExporter(
            endpoint=endpoint, insecure=endpoint.startswith("http://"), timeout=EXPORT_TIMEOUT_S
        )
        provider.add_span_processor(
            BatchSpanProcessor(
                exporter,
                schedule_delay_millis=500,
                export_timeout_millis=int(EXPORT_TIMEOUT_S * 1000),
            )
        )
        trace.set_tracer_provider(provider)
    enable_instrumentation()

    def shutdown() -> None:
        # Flush in a daemon thread: an unreachable collector must not hold the exit.
        worker = threading.Thread(target=provider.shutdown, name="otel-shutdown", daemon=True)
        worker.start()
        worker.join(SHUTDOWN_WAIT_S)

    return shutdown
