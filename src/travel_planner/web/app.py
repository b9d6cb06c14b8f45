"""The web app: API, event streams and the page, served by one process.

    app = create_app(load_settings())      # uvicorn runs it; `travel-planner serve` does that

On start: schema migrations, runs left unfinished by a previous server marked interrupted, one
long-lived Planner shared by every run. On stop: running plans end as interrupted.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from travel_planner.config import Settings
from travel_planner.planner import Planner
from travel_planner.web import api, pages
from travel_planner.web.context import WebState, web_state
from travel_planner.web.database import create_engine, database_url, migrate
from travel_planner.web.errors import install_error_handlers
from travel_planner.web.readiness import readiness
from travel_planner.web.runs import RunManager, settle
from travel_planner.web.security import Guard, Protections
from travel_planner.web.store import TripStore

logger = logging.getLogger(__name__)


def create_app(settings: Settings) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = create_engine(database_url(settings))
        try:
            await migrate(engine, in_child=True)
            store = TripStore(engine)
            interrupted = await store.interrupt_unfinished()
            if interrupted:
                logger.warning("%d unfinished runs marked interrupted", interrupted)
            async with Planner(settings) as planner:
                runs = RunManager(store, planner, settings.ollama_num_parallel)
                guard = Guard(settings.web_auth_token or None)
                app.state.web = WebState(settings, engine, store, runs, guard)
                settle()  # what loaded so far; again after the first plan (see RunManager)
                try:
                    yield
                finally:
                    await runs.shutdown()
        finally:
            await engine.dispose()

    app = FastAPI(
        title="Travel planner",
        summary="Plan trips with local models: live progress, saved trips, exports.",
        version=_version(),
        lifespan=lifespan,
        docs_url=None,  # Swagger UI would load scripts from a CDN; the document is enough
        redoc_url=None,
    )
    install_error_handlers(app)
    app.add_middleware(Protections)
    app.include_router(api.router)
    app.include_router(pages.session_router)
    app.include_router(pages.router)
    app.mount("/static", pages.static_files(), name="static")

    @app.get("/health", tags=["health"])
    async def health() -> dict[str, str]:
        """The process is up."""
        return {"status": "ok"}

    @app.get("/ready", tags=["health"], responses={503: {"description": "Not ready."}})
    async def ready(request: Request) -> JSONResponse:
        """The database, Ollama with the model, and the MCP server all answer."""
        state = web_state(request)
        checks = await readiness(state.settings, state.engine)
        ok = all(check["ok"] for check in checks.values())
        body: dict[str, Any] = {"status": "ready" if ok else "not_ready", "checks": checks}
        return JSONResponse(body, status_code=200 if ok else 503)

    return app


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("travel-planner")
    except PackageNotFoundError:
        return "0"
