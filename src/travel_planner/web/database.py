"""The database: which one (DATABASE_URL, else SQLite under TRAVEL_PLANNER_DATA_DIR), the
engine, and the schema migrations that run when the server starts."""

from __future__ import annotations

import asyncio
import logging
import time
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, event, make_url, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from travel_planner.config import Settings
from travel_planner.errors import ConfigurationError, DependencyUnavailableError

logger = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).parent / "migrations"
DATABASE_FILE = "travel-planner.db"
CONNECT_WAIT_S = 30.0
DATABASE_FIX = (
    "start the database (`docker compose up -d postgres`) and check DATABASE_URL, or unset "
    "DATABASE_URL to use SQLite under TRAVEL_PLANNER_DATA_DIR."
)
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
        engine = create_async_engine(url, connect_args={"timeout": 30})
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        return engine
    return create_async_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


def _upgrade(connection: Connection) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
    command.upgrade(config, "head")


async def migrate(engine: AsyncEngine, wait_s: float = CONNECT_WAIT_S) -> None:
    """Bring the schema up to date, waiting up to `wait_s` for the database to answer."""
    started = time.monotonic()
    while True:
        try:
            async with engine.begin() as connection:
                await connection.run_sync(_upgrade)
            return
        except (SQLAlchemyError, OSError) as exc:
            waited = time.monotonic() - started
            logger.debug("database not ready", exc_info=True)
            if waited >= wait_s:
                reason = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
                raise DependencyUnavailableError(
                    "The database", shown(engine.url), waited, reason.rstrip(": "), DATABASE_FIX
                ) from None
            await asyncio.sleep(1.0)


async def ping(engine: AsyncEngine) -> None:
    async with engine.connect() as connection:
        await connection.execute(text("SELECT 1"))
