"""What the routes share: settings, database, saved trips, running plans, the guard."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request
from sqlalchemy.ext.asyncio import AsyncEngine

from travel_planner.config import Settings
from travel_planner.web.runs import RunManager
from travel_planner.web.security import Guard
from travel_planner.web.store import TripStore


@dataclass(frozen=True)
class WebState:
    settings: Settings
    engine: AsyncEngine
    store: TripStore
    runs: RunManager
    guard: Guard


def web_state(request: Request) -> WebState:
    state = request.app.state.web
    assert isinstance(state, WebState)
    return state


def authorized(request: Request) -> WebState:
    """Dependency of every API route that reads or changes trips."""
    state = web_state(request)
    state.guard.check(request)
    return state
