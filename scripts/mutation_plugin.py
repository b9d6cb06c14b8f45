"""pytest plugin for mutation runs (scripts/mutation.py): every mutant's test session uses the
one offline MCP server that the run started (MUTATION_MCP_URL), instead of starting its own.

mutmut runs each mutant's tests in a fresh pytest session in a forked process, so a
session-scoped server fixture would otherwise start a server (seconds) for every mutant. The
mutated code is the orchestrator's; the server it calls is unchanged, so sharing it is safe."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from travel_mcp_server import process

_own_server = process.running_mcp_server


@contextmanager
def _shared_or_own(
    *, data_mode: str = "offline", extra_env: Mapping[str, str] | None = None
) -> Iterator[str]:
    url = os.environ.get("MUTATION_MCP_URL")
    if url and data_mode == "offline" and not extra_env:
        yield url
        return
    with _own_server(data_mode=data_mode, extra_env=extra_env) as own:
        yield own


def pytest_configure(config: Any) -> None:
    process.running_mcp_server = _shared_or_own
