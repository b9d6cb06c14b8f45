# Test image standing in for the Aspire Dashboard in the container end-to-end run: an
# OTLP/HTTP trace receiver on :18890 whose GET /spans (on :18888) lists what it received.
# It reuses the orchestrator image's Python environment (opentelemetry-proto).
ARG BASE_IMAGE=travel-planner/orchestrator:latest
FROM ${BASE_IMAGE}

WORKDIR /opt/otlp-receiver
COPY tests/__init__.py tests/
COPY tests/support/ tests/support/
ENV PYTHONPATH=/opt/otlp-receiver
EXPOSE 18888 18890
ENTRYPOINT ["python", "-m", "tests.support.otlp_receiver", "--otlp-port", "18890", "--http-port", "18888"]
