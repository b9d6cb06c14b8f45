# Test image standing in for ollama/ollama in the container end-to-end run: the Ollama-API
# double with its `ollama` CLI stand-in on PATH, started by the real scripts/init-ollama.sh.
# It reuses the orchestrator image's Python environment (httpx, starlette, uvicorn).
ARG BASE_IMAGE=travel-planner/orchestrator:latest
FROM ${BASE_IMAGE}

# Like the real image: runs as root and keeps models under /root/.ollama.
# hadolint ignore=DL3002
USER 0:0
WORKDIR /opt/ollama-double
COPY tests/__init__.py tests/
COPY tests/ollama_double/ tests/ollama_double/
COPY scripts/init-ollama.sh /usr/local/bin/init-ollama.sh
RUN chmod 0755 tests/ollama_double/bin/ollama /usr/local/bin/init-ollama.sh \
    && ln -s /opt/ollama-double/tests/ollama_double/bin/ollama /usr/local/bin/ollama
ENV OLLAMA_HOST=0.0.0.0:11434 \
    OLLAMA_DOUBLE_PYTHON=/opt/venv/bin/python
EXPOSE 11434
ENTRYPOINT ["/bin/sh", "/usr/local/bin/init-ollama.sh"]
