"""One TLS context for every HTTP client of the process.

httpx builds a context (and reads the CA bundle) for each client it creates, which costs tens
to hundreds of milliseconds; the planner's clients (Ollama, the MCP server, the readiness
check) share this one instead.
"""

from __future__ import annotations

import ssl
from functools import lru_cache


@lru_cache(maxsize=1)
def tls_context() -> ssl.SSLContext:
    import certifi

    return ssl.create_default_context(cafile=certifi.where())
