"""The page: one HTML document for `/` and every deep link (`/trips/{id}`), its static files,
its labels, and the login that gives the page a session cookie when WEB_AUTH_TOKEN is set."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from travel_planner.i18n import SUPPORTED_LANGUAGES, Language
from travel_planner.web.context import WebState, web_state
from travel_planner.web.errors import ApiError
from travel_planner.web.labels import page_labels
from travel_planner.web.schemas import TokenLogin
from travel_planner.web.security import CSRF_COOKIE, SESSION_COOKIE, check_same_origin

STATIC = Path(__file__).parent / "static"
FAILED_LOGIN_DELAY_S = 0.5
SESSION_DAYS = 30
router = APIRouter(include_in_schema=False)
session_router = APIRouter(prefix="/api", tags=["session"])
Shared = Annotated[WebState, Depends(web_state)]


def static_files() -> StaticFiles:
    return StaticFiles(directory=STATIC)


def _page() -> FileResponse:
    return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-cache"})


@router.get("/")
async def home() -> FileResponse:
    return _page()


@router.get("/trips/{trip_id}")
async def trip_page(trip_id: str) -> FileResponse:
    return _page()


@router.get("/favicon.ico")
async def favicon() -> FileResponse:
    return FileResponse(STATIC / "icon.svg", media_type="image/svg+xml")


@session_router.get("/labels/{language}")
async def labels(language: Language) -> dict[str, Any]:
    """The page's labels in `language` (English msgid -> translation)."""
    return {"language": language, "labels": page_labels(language)}


@session_router.get("/session")
async def session(request: Request, state: Shared) -> dict[str, Any]:
    """Whether the page must log in first, and whether it has."""
    guard = state.guard
    return {
        "auth_required": guard.token is not None,
        "authenticated": guard.token is None or guard.authenticated(request),
        "languages": list(SUPPORTED_LANGUAGES),
    }


@session_router.post("/session", status_code=204)
async def login(body: TokenLogin, request: Request, state: Shared) -> Response:
    """Log the page in with WEB_AUTH_TOKEN: sets the session and CSRF cookies."""
    check_same_origin(request)
    guard = state.guard
    if guard.token is None:
        return Response(status_code=204)
    if not guard.token_matches(body.token.strip()):
        await asyncio.sleep(FAILED_LOGIN_DELAY_S)
        raise ApiError(401, "wrong_token", "That token is not right.")
    response = Response(status_code=204)
    secure = request.url.scheme == "https"
    age = SESSION_DAYS * 86400
    response.set_cookie(
        SESSION_COOKIE,
        guard.session_value,
        max_age=age,
        httponly=True,
        samesite="strict",
        secure=secure,
    )
    response.set_cookie(
        CSRF_COOKIE,
        guard.csrf_value,
        max_age=age,
        httponly=False,
        samesite="strict",
        secure=secure,
    )
    return response


@session_router.delete("/session", status_code=204)
async def logout(request: Request) -> Response:
    check_same_origin(request)
    response = Response(status_code=204)
    response.delete_cookie(SESSION_COOKIE)
    response.delete_cookie(CSRF_COOKIE)
    return response
