"""Errors of the HTTP API: a small JSON body with a stable code and a readable message, never
a stack trace. Planner errors keep the message and exit code the CLI gives."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from travel_planner.errors import (
    ClarificationNeeded,
    ConfigurationError,
    DependencyUnavailableError,
    InvalidRequestError,
    PlannerError,
    UnusableModelOutputError,
)

logger = logging.getLogger(__name__)

INTERNAL_MESSAGE = "Something went wrong on the server; the details are in its log."
PLANNER_CODES: dict[type[PlannerError], str] = {
    InvalidRequestError: "invalid_request",
    ConfigurationError: "configuration_error",
    DependencyUnavailableError: "dependency_unavailable",
    UnusableModelOutputError: "unusable_model_output",
    ClarificationNeeded: "clarification_needed",
}
HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    429: "busy",
    503: "unavailable",
}


class ApiError(Exception):
    """An answer other than success, with its HTTP status and stable code."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


def planner_error_code(error: PlannerError) -> str:
    for cls in type(error).__mro__:
        if cls in PLANNER_CODES:
            return PLANNER_CODES[cls]
    return "planner_error"


def error_response(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


def _validation_message(exc: RequestValidationError) -> str:
    problems = []
    for error in exc.errors()[:3]:
        where = ".".join(str(part) for part in error.get("loc", ()) if part != "body")
        problems.append(f"{where or 'body'}: {error.get('msg', 'invalid')}")
    return "The request is not valid: " + "; ".join(problems) + "."


async def _api_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(exc.status, exc.code, exc.message)


async def _validation_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return error_response(422, "invalid_request", _validation_message(exc))


async def _http_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    code = HTTP_CODES.get(exc.status_code, "error")
    message = exc.detail if isinstance(exc.detail, str) else "The request failed."
    if exc.status_code == 404:
        message = "Nothing is here."
    return error_response(exc.status_code, code, message)


async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
    logger.error("unexpected failure", exc_info=exc)
    return error_response(500, "internal", INTERNAL_MESSAGE)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
