"""`travel-planner serve [--host H] [--port P]`: the web app (API, live streams, the page).

Listens on WEB_HOST:WEB_PORT (default 127.0.0.1:8080). A bind beyond loopback needs
WEB_AUTH_TOKEN, or WEB_ALLOW_ANONYMOUS=true; otherwise it exits 2 and says so. A database
that cannot be reached exits 3, like any other unavailable dependency.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys

from travel_planner.config import Settings, load_settings
from travel_planner.errors import ConfigurationError, PlannerError

logger = logging.getLogger("travel_planner")
GRACEFUL_SHUTDOWN_S = 10


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="travel-planner serve",
        description="Serve the travel planner's web app: the API, live plan streams and the page.",
    )
    parser.add_argument("--host", help="address to listen on (default: WEB_HOST, 127.0.0.1)")
    parser.add_argument("--port", type=int, help="port to listen on (default: WEB_PORT, 8080)")
    parser.add_argument("--verbose", "-v", action="store_true", help="debug logs on stderr")
    return parser.parse_args(argv)


async def _prepare(settings: Settings) -> str:
    """Reach the database and bring its schema up to date before taking requests."""
    from travel_planner.web.database import create_engine, database_url, migrate, shown

    url = database_url(settings)
    engine = create_engine(url)
    try:
        await migrate(engine, in_child=True)
    finally:
        await engine.dispose()
    return shown(url)


def serve_main(argv: list[str]) -> None:
    args = _arguments(argv)
    try:
        settings = load_settings()
        host = args.host or settings.web_host
        port = args.port if args.port is not None else settings.web_port
        if not 1 <= port <= 65535:
            raise ConfigurationError(f"--port {port} is not a port number: use 1 to 65535.")
        from travel_planner.web.security import check_bind

        check_bind(host, settings)
        level = logging.DEBUG if args.verbose else getattr(logging, settings.log_level)
        logging.basicConfig(
            level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr
        )
        database = asyncio.run(_prepare(settings))
    except PlannerError as error:
        print(f"Error: {error}", file=sys.stderr)
        raise SystemExit(error.exit_code) from None
    import uvicorn

    from travel_planner.telemetry import setup_telemetry
    from travel_planner.web.app import create_app

    shutdown = setup_telemetry(settings, verbose=args.verbose)
    shown_host = f"[{host}]" if ":" in host else host
    print(
        f"Travel planner web app on http://{shown_host}:{port} (database {database}, "
        f"{settings.ollama_num_parallel} plan(s) at a time, "
        f"{'login with WEB_AUTH_TOKEN' if settings.web_auth_token else 'no login'})",
        file=sys.stderr,
        flush=True,
    )
    try:
        uvicorn.run(
            create_app(settings),
            host=host,
            port=port,
            log_level="debug" if args.verbose else settings.log_level.lower(),
            timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_S,
            server_header=False,
        )
    finally:
        shutdown()
