"""The database: which one (DATABASE_URL, else SQLite under TRAVEL_PLANNER_DATA_DIR), the
engine, and the schema migrations that run when the server starts.

A start that finds the schema up to date costs one query. Alembic (with Mako and Pygments,
some 15 MB) loads only to upgrade, and the server does that in a child process
(`python -m travel_planner.web.database`) so that it never holds them."""

from __future__ import annotations

import asyncio
import logging
import os
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import Connection, event, inspect, make_url, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from travel_planner.config import Settings, env_name
from travel_planner.errors import ConfigurationError, DependencyUnavailableError

logger = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).parent / "migrations"
# The newest revision under migrations/versions (a test compares it with Alembic's own head).
SCHEMA_HEAD = "0001"
DATABASE_FILE = "travel-planner.db"
CONNECT_WAIT_S = 30.0
DATABASE_FIX = (
    "start the database (`docker compose up -d postgres`) and check DATABASE_URL, or unset "
    "DATABASE_URL to use SQLite under TRAVEL_PLANNER_DATA_DIR."
)
UPGRADE_FIX = "run `travel-planner serve --verbose` to see the failing migration in the log."
# Any fixed number: one server at a time runs the migrations on a shared PostgreSQL.
_MIGRATION_LOCK = 7_201_113
_DRIVERS = {
    "sqlite": "sqlite+aiosqlite",
    "sqlite+aiosqlite": "sqlite+aiosqlite",
    "postgres": "postgresql+asyncpg",
    "postgresql": "postgresql+asyncpg",
    "postgresql+asyncpg": "postgresql+asyncpg",
}


def database_url(settings: Settings) -> URL:
    """The async URL to use; plain sqlite:// and postgresql:// URLs get the async driver."""
    if not settings.database_url:
        folder = Path(settings.travel_planner_data_dir).expanduser()
        return URL.create("sqlite+aiosqlite", database=str(folder / DATABASE_FILE))
    raw = settings.database_url.strip()
    if raw.startswith("postgres://"):
        raw = "postgresql://" + raw.removeprefix("postgres://")
    try:
        url = make_url(raw)
    except ArgumentError:
        url = None
    driver = _DRIVERS.get(url.drivername) if url is not None else None
    if url is None or driver is None:
        raise ConfigurationError(
            "Invalid configuration: DATABASE_URL is not valid: use "
            "sqlite+aiosqlite:///PATH or postgresql+asyncpg://USER:PASSWORD@HOST/DB."
        )
    return url.set(drivername=driver)


def shown(url: URL) -> str:
    """The URL for messages and logs, password hidden."""
    return url.render_as_string(hide_password=True)


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    # Cascading deletes need foreign keys on; WAL lets readers run beside the writer.
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def create_engine(url: URL) -> AsyncEngine:
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(url, connect_args={"timeout": 30}, pool_size=2, max_overflow=2)
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        return engine
    return create_async_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


def _upgrade(connection: Connection) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
    command.upgrade(config, "head")


def _revision(connection: Connection) -> str | None:
    """The schema's revision; None for a database without one (a new database)."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text.splitlines()[0] if text else ''}".rstrip(": ")


async def schema_revision(engine: AsyncEngine, wait_s: float = CONNECT_WAIT_S) -> str | None:
    """The schema's revision, waiting up to `wait_s` for the database to answer."""
    started = time.monotonic()
    while True:
        try:
            async with engine.connect() as connection:
                return await connection.run_sync(_revision)
        except (SQLAlchemyError, OSError) as exc:
            waited = time.monotonic() - started
            logger.debug("database not ready", exc_info=True)
            if waited >= wait_s:
                raise DependencyUnavailableError(
                    "The database", shown(engine.url), waited, _first_line(exc), DATABASE_FIX
                ) from None
            await asyncio.sleep(1.0)


async def migrate(
    engine: AsyncEngine, wait_s: float = CONNECT_WAIT_S, *, in_child: bool = False
) -> None:
    """Bring the schema up to date, waiting up to `wait_s` for the database to answer; with
    `in_child`, an upgrade runs in a child process (see the module's docstring)."""
    started = time.monotonic()
    if await schema_revision(engine, wait_s) == SCHEMA_HEAD:
        return
    try:
        if in_child:
            await _upgrade_in_child(engine.url)
        else:
            async with engine.begin() as connection:
                await connection.run_sync(_upgrade)
    except (SQLAlchemyError, OSError, RuntimeError) as exc:
        logger.debug("schema upgrade failed", exc_info=True)
        raise DependencyUnavailableError(
            f"The database schema (revision {SCHEMA_HEAD})",
            shown(engine.url),
            time.monotonic() - started,
            f"the upgrade failed: {_first_line(exc)}",
            UPGRADE_FIX,
        ) from None


async def _upgrade_in_child(url: URL) -> None:
    # The URL goes through the child's environment, not its command line (ps shows that).
    env = {**os.environ, env_name("database_url"): url.render_as_string(hide_password=False)}
    child = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "travel_planner.web.database",
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, errors = await child.communicate()
    if child.returncode != 0:
        lines = errors.decode(errors="replace").strip().splitlines()
        raise RuntimeError(lines[-1] if lines else f"the migration exited {child.returncode}")


async def _upgrade_here(url: URL) -> None:
    engine = create_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(_upgrade)
    finally:
        await engine.dispose()


async def ping(engine: AsyncEngine) -> None:
    async with engine.connect() as connection:
        await connection.execute(text("SELECT 1"))


def _child() -> int:
    """`migrate(..., in_child=True)`'s child: upgrade, or say why not in one line."""
    try:
        asyncio.run(_upgrade_here(make_url(os.environ[env_name("database_url")])))
    except Exception as exc:
        print(_first_line(exc), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(_child())
