# Orchestrator image. `docker run IMAGE "4 days in Lisbon ..."` plans one request;
# without arguments it starts the interactive planner.
#
# Build args:
#   PYTHON_IMAGE  base image with Python >= 3.11 (default python:3.13-slim)
#   WHEELHOUSE    folder in the build context made by scripts/build-wheelhouse.sh. When it is
#                 there, dependencies install from it alone (--no-index); otherwise from the
#                 package index. Either way pip checks them against the hashes in uv.lock.
ARG PYTHON_IMAGE=python:3.13-slim

FROM ${PYTHON_IMAGE} AS builder
ARG PYTHON_IMAGE
ARG WHEELHOUSE=build/wheelhouse
ARG UV_VERSION=0.13.8
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_ROOT_USER_ACTION=ignore \
    PIP_CONFIG_FILE=/tmp/pip.conf
WORKDIR /src

# uv.lock comes first so that the COPY has a source even when the wheelhouse glob matches
# nothing (a connected build).
COPY uv.lock ${WHEELHOUSE}* /wheels/
COPY pyproject.toml ./
COPY mcp-server/pyproject.toml mcp-server/
RUN set -eu; \
    python -m venv /opt/venv; \
    have="$(python -c 'import sys; print("%d.%d" % sys.version_info[:2])')"; \
    if [ -f /wheels/requirements-orchestrator.txt ]; then \
        want="$(cat /wheels/PYTHON_VERSION)"; \
        if [ "$want" != "$have" ]; then \
            echo "The wheelhouse $WHEELHOUSE is for Python $want, $PYTHON_IMAGE has Python $have." >&2; \
            echo "Rebuild it: scripts/build-wheelhouse.sh $WHEELHOUSE $have" >&2; \
            exit 1; \
        fi; \
        printf '[global]\nno-index = true\nfind-links = /wheels\n' >"$PIP_CONFIG_FILE"; \
        cp /wheels/requirements-orchestrator.txt /tmp/requirements.txt; \
    else \
        : >"$PIP_CONFIG_FILE"; \
        python -m venv /tmp/uv; \
        /tmp/uv/bin/pip install "uv==${UV_VERSION}"; \
        /tmp/uv/bin/uv export --frozen --no-dev --no-emit-workspace --no-header \
            --package travel-planner -o /tmp/requirements.txt; \
    fi; \
    /opt/venv/bin/pip install --require-hashes --only-binary=:all: -r /tmp/requirements.txt

COPY README.md ./
COPY src/ src/
RUN /opt/venv/bin/pip install --no-deps . \
    && if ! grep -qi '^setuptools==' /tmp/requirements.txt; then \
        /opt/venv/bin/pip uninstall --yes setuptools; fi \
    && /opt/venv/bin/pip uninstall --yes pip

FROM ${PYTHON_IMAGE}
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    OTEL_SERVICE_NAME=travel-planner
RUN useradd --system --uid 10001 --user-group --create-home --home-dir /home/planner planner
COPY --from=builder /opt/venv /opt/venv
WORKDIR /app
COPY main.py ./
USER 10001:10001
ENTRYPOINT ["opentelemetry-instrument", "python", "main.py"]
