"""A small OTLP/HTTP trace receiver: the Aspire Dashboard's stand-in in tests.

In-process:

    with OtlpReceiver() as receiver:
        env["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.endpoint
        ...
        spans = receiver.spans()
        # [{trace_id, span_id, parent_span_id, name, service_name, attributes}, ...]

As a process (container e2e):

    python -m tests.support.otlp_receiver --otlp-port 18890 --http-port 18888

POST /v1/traces takes OTLP/HTTP (protobuf, gzip or not), GET /spans returns the spans as
JSON, GET /health returns 200, DELETE /spans clears them, on every port it listens on. Only
opentelemetry-proto and the standard library are needed.
"""

from __future__ import annotations

import argparse
import gzip
import json
import signal
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from opentelemetry.proto.collector.trace.v1 import trace_service_pb2
from opentelemetry.proto.common.v1 import common_pb2


def _value(value: common_pb2.AnyValue) -> Any:
    kind = value.WhichOneof("value")
    if kind is None:
        return None
    if kind == "array_value":
        return [_value(v) for v in value.array_value.values]
    if kind == "kvlist_value":
        return {kv.key: _value(kv.value) for kv in value.kvlist_value.values}
    if kind == "bytes_value":
        return value.bytes_value.hex()
    return getattr(value, kind)


def _attributes(items: Any) -> dict[str, Any]:
    return {kv.key: _value(kv.value) for kv in items}


def _spans_of(request: trace_service_pb2.ExportTraceServiceRequest) -> list[dict[str, Any]]:
    spans = []
    for resource_spans in request.resource_spans:
        resource = _attributes(resource_spans.resource.attributes)
        service = str(resource.get("service.name", ""))
        for scope_spans in resource_spans.scope_spans:
            for span in scope_spans.spans:
                spans.append(
                    {
                        "trace_id": span.trace_id.hex(),
                        "span_id": span.span_id.hex(),
                        "parent_span_id": span.parent_span_id.hex() or None,
                        "name": span.name,
                        "service_name": service,
                        "scope": scope_spans.scope.name,
                        "start_time_unix_nano": span.start_time_unix_nano,
                        "end_time_unix_nano": span.end_time_unix_nano,
                        "attributes": _attributes(span.attributes),
                    }
                )
    return spans


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class OtlpReceiver:
    """Collects spans exported over OTLP/HTTP; `http_port` serves the same routes again (the
    dashboard's UI port in the container end-to-end run)."""

    def __init__(
        self, host: str = "127.0.0.1", otlp_port: int = 0, http_port: int | None = None
    ) -> None:
        self.host = host
        self.otlp_port = otlp_port or free_port()
        self.http_port = http_port
        self._spans: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        self._servers: list[ThreadingHTTPServer] = []

    @property
    def endpoint(self) -> str:
        return f"http://{self.host}:{self.otlp_port}"

    def _add(self, spans: list[dict[str, Any]]) -> None:
        with self._lock:
            self._spans.extend(spans)

    def spans(self) -> list[dict[str, Any]]:
        with self._lock:
            return list(self._spans)

    def clear(self) -> None:
        with self._lock:
            self._spans.clear()

    def wait_for(self, predicate: Any, timeout: float = 10.0) -> list[dict[str, Any]]:
        """Wait until `predicate(spans)` is true; return the spans either way."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            spans = self.spans()
            if predicate(spans):
                return spans
            time.sleep(0.1)
        return self.spans()

    def start(self) -> OtlpReceiver:
        ports = [self.otlp_port] + ([self.http_port] if self.http_port is not None else [])
        for port in ports:
            server = ThreadingHTTPServer((self.host, port), _handler_for(self))
            server.daemon_threads = True
            threading.Thread(target=server.serve_forever, daemon=True).start()
            self._servers.append(server)
        return self

    def stop(self) -> None:
        for server in self._servers:
            server.shutdown()
            server.server_close()
        self._servers.clear()

    def __enter__(self) -> OtlpReceiver:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()


def _handler_for(receiver: OtlpReceiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _send(self, status: int, body: Any) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            if path == "/health":
                self._send(200, {"status": "ok", "spans": len(receiver.spans())})
            elif path == "/spans":
                self._send(200, receiver.spans())
            else:
                self._send(404, {"error": "not found"})

        def do_POST(self) -> None:
            if self.path.split("?", 1)[0] != "/v1/traces":
                self._send(404, {"error": "not found"})
                return
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if self.headers.get("Content-Encoding") == "gzip":
                body = gzip.decompress(body)
            request = trace_service_pb2.ExportTraceServiceRequest()
            request.ParseFromString(body)
            receiver._add(_spans_of(request))
            reply = trace_service_pb2.ExportTraceServiceResponse().SerializeToString()
            self.send_response(200)
            self.send_header("Content-Type", "application/x-protobuf")
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

        def do_DELETE(self) -> None:
            if self.path.split("?", 1)[0] == "/spans":
                receiver.clear()
                self._send(200, {"status": "cleared"})
            else:
                self._send(404, {"error": "not found"})

        def log_message(self, format: str, *args: Any) -> None:
            return

    return Handler


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="OTLP/HTTP trace receiver for tests")
    parser.add_argument("--host", default="0.0.0.0")
    parser.add_argument("--otlp-port", type=int, default=18890)
    parser.add_argument("--http-port", type=int, default=18888)
    args = parser.parse_args(argv)
    receiver = OtlpReceiver(args.host, args.otlp_port, args.http_port).start()
    print(
        f"OTLP receiver: OTLP/HTTP {args.host}:{args.otlp_port}, spans on "
        f"{args.host}:{args.http_port}",
        flush=True,
    )
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    receiver.stop()


if __name__ == "__main__":
    main()
