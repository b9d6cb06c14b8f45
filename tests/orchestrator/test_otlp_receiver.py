"""The OTLP test receiver, as the container end-to-end run uses it (`python -m`)."""

import subprocess
import sys
import time

import httpx
import pytest
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor

from tests.orchestrator.conftest import REPO_ROOT
from tests.support.otlp_receiver import OtlpReceiver, free_port

pytestmark = pytest.mark.integration


def export_one_span(endpoint: str) -> None:
    provider = TracerProvider(resource=Resource.create({"service.name": "probe"}))
    provider.add_span_processor(
        SimpleSpanProcessor(OTLPSpanExporter(endpoint=f"{endpoint}/v1/traces"))
    )
    tracer = provider.get_tracer("probe")
    with tracer.start_as_current_span("outer"), tracer.start_as_current_span("inner") as inner:
        inner.set_attribute("answer", 42)
    provider.shutdown()


def test_in_process_receiver_collects_spans() -> None:
    with OtlpReceiver() as receiver:
        export_one_span(receiver.endpoint)
        spans = receiver.wait_for(lambda s: len(s) >= 2)
    by_name = {s["name"]: s for s in spans}
    assert by_name["inner"]["parent_span_id"] == by_name["outer"]["span_id"]
    assert by_name["inner"]["trace_id"] == by_name["outer"]["trace_id"]
    assert by_name["outer"]["parent_span_id"] is None
    assert by_name["inner"]["attributes"] == {"answer": 42}
    assert by_name["inner"]["service_name"] == "probe"


def test_module_entry_point_serves_spans_over_http() -> None:
    otlp_port, http_port = free_port(), free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.support.otlp_receiver", "--host", "127.0.0.1",
         "--otlp-port", str(otlp_port), "--http-port", str(http_port)],
        cwd=REPO_ROOT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{http_port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                if httpx.get(f"{base}/health").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "receiver did not start"
            time.sleep(0.1)
        export_one_span(f"http://127.0.0.1:{otlp_port}")
        spans = httpx.get(f"{base}/spans").json()
        assert {s["name"] for s in spans} == {"outer", "inner"}
        assert httpx.delete(f"{base}/spans").status_code == 200
        assert httpx.get(f"{base}/spans").json() == []
    finally:
        process.terminate()
        assert process.wait(timeout=10) == 0
