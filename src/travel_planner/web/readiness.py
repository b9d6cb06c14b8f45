"""`GET /ready`: can a plan be made right now? The database, Ollama with the model, and the
MCP tools server, each checked with a short timeout."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine

from travel_planner.config import Settings
from travel_planner.llm import model_listed
from travel_planner.tls import tls_context
from travel_planner.web.database import ping

CHECK_TIMEOUT_S = 3.0


def _failure(exc: BaseException) -> dict[str, Any]:
    reason = str(exc).splitlines()[0] if str(exc) else ""
    return {"ok": False, "detail": f"{type(exc).__name__}: {reason}".rstrip(": ")}


async def _database(engine: AsyncEngine) -> dict[str, Any]:
    try:
        async with asyncio.timeout(CHECK_TIMEOUT_S):
            await ping(engine)
    except Exception as exc:
        return _failure(exc)
    return {"ok": True}


async def _ollama(http: httpx.AsyncClient, settings: Settings) -> dict[str, Any]:
    model = settings.ollama_model_id
    try:
        response = await http.get(f"{settings.ollama_host}/api/tags")
        response.raise_for_status()
        listed = model_listed(model, response.json())
    except (httpx.HTTPError, ValueError) as exc:
        return _failure(exc)
    if not listed:
        return {"ok": False, "detail": f"the model '{model}' is not in Ollama's model store"}
    return {"ok": True, "model": model}


def mcp_health_url(mcp_url: str) -> str:
    """The tools server answers GET /health beside its /mcp endpoint."""
    return mcp_url.removesuffix("/").removesuffix("/mcp") + "/health"


async def _mcp(http: httpx.AsyncClient, settings: Settings) -> dict[str, Any]:
    try:
        response = await http.get(mcp_health_url(settings.mcp_server_url))
        response.raise_for_status()
    except httpx.HTTPError as exc:
        return _failure(exc)
    return {"ok": True}


async def readiness(settings: Settings, engine: AsyncEngine) -> dict[str, dict[str, Any]]:
    # The process's TLS context: a client of its own would read the CA bundle at each check
    # (tens of milliseconds with the event loop, and so every stream, stopped).
    async with httpx.AsyncClient(timeout=CHECK_TIMEOUT_S, verify=tls_context()) as http:
        database, ollama, mcp = await asyncio.gather(
            _database(engine), _ollama(http, settings), _mcp(http, settings)
        )
    return {"database": database, "ollama": ollama, "mcp": mcp}
