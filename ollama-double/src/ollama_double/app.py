"""The HTTP server: Ollama's API on starlette.

Routes (as Ollama): ``GET|HEAD /``, ``GET /api/version``, ``GET /api/tags``,
``POST /api/show``, ``GET /api/ps``, ``POST /api/pull``, ``DELETE|POST /api/delete``,
``POST /api/generate``, ``POST /api/chat``. Routes for tests live under ``/_double/``
(see ``routes/control.py``).
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.routing import Route

from ollama_double.config import DoubleConfig
from ollama_double.routes import control, generation, models, pull
from ollama_double.state import DoubleState

ROUTES = [
    Route("/", models.root, methods=["GET", "HEAD"]),
    Route("/api/version", models.version, methods=["GET", "HEAD"]),
    Route("/api/tags", models.tags, methods=["GET", "HEAD"]),
    Route("/api/show", models.show, methods=["POST"]),
    Route("/api/ps", models.ps, methods=["GET"]),
    Route("/api/pull", pull.pull, methods=["POST"]),
    Route("/api/delete", models.delete, methods=["DELETE", "POST"]),
    Route("/api/generate", generation.generate, methods=["POST"]),
    Route("/api/chat", generation.chat, methods=["POST"]),
    Route("/_double/stats", control.stats, methods=["GET"]),
    Route("/_double/reset", control.reset, methods=["POST"]),
    Route("/_double/behaviour", control.set_behaviour, methods=["POST"]),
    Route("/_double/answers", control.add_answers, methods=["POST"]),
    Route("/_double/replay", control.set_replay, methods=["POST"]),
]


def build_app(config: DoubleConfig) -> Starlette:
    app = Starlette(routes=ROUTES)
    app.state.double = DoubleState(config)
    return app


def serve(config: DoubleConfig, host: str, port: int, log_level: str = "warning") -> None:
    import uvicorn

    # Open streams (a slow answer, a long pull) must not keep a stopped server alive.
    uvicorn.run(
        build_app(config),
        host=host,
        port=port,
        log_level=log_level,
        access_log=False,
        timeout_graceful_shutdown=2,
    )
