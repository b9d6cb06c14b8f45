"""The error boundary: caller mistakes become short tool errors; nothing internal leaks.

* A domain error (ToolInputError, DataUnavailableError) is the message the caller sees. A
  caller mistake is logged at DEBUG: an unknown place on a normal plan is not a server error.
* Arguments of the wrong type ("100" for a number, true for an amount, an unknown argument)
  are answered with the parameter's name and what it must be; never with internal function
  names or the rejected value.
* Anything else is logged with its traceback and answered with a generic message."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastmcp.exceptions import ToolError, ValidationError
from fastmcp.server.middleware import CallNext, Middleware, MiddlewareContext
from fastmcp.tools.base import ToolResult
from pydantic import ValidationError as PydanticValidationError

from travel_mcp_server.inputs import DataUnavailableError, ToolInputError

logger = logging.getLogger("travel_mcp_server")

_EXPECTED = {
    "int": "a whole number",
    "float": "a number",
    "string": "a string",
    "bool": "true or false",
}


@contextmanager
def tool_errors(tool: str) -> Iterator[None]:
    """Turn domain errors into MCP tool errors; never leak a stack trace to the caller."""
    try:
        yield
    except ToolInputError as exc:
        logger.debug("%s refused the call: %s", tool, exc)
        raise ToolError(str(exc), log_level=logging.DEBUG) from None
    except DataUnavailableError as exc:
        logger.info("%s has no data to answer: %s", tool, exc)
        raise ToolError(str(exc), log_level=logging.INFO) from None
    except ToolError:
        raise
    except Exception:
        logger.exception("unexpected failure in tool %s", tool)
        raise ToolError(f"{tool} failed unexpectedly on the server; try again later.") from None


def describe_argument_errors(error: PydanticValidationError) -> str:
    """One clause per bad argument, naming the parameter and the expected type only."""
    clauses = []
    for detail in error.errors(include_url=False, include_context=False, include_input=False):
        field = ".".join(str(part) for part in detail["loc"]) or "arguments"
        kind = str(detail["type"])
        if kind in ("missing_argument", "missing"):
            clauses.append(f"'{field}' is required")
        elif kind in ("unexpected_keyword_argument", "extra_forbidden"):
            clauses.append(f"'{field}' is not a parameter of this tool")
        else:
            expected = next((v for k, v in _EXPECTED.items() if kind.startswith(k)), None)
            clauses.append(
                f"'{field}' must be {expected}" if expected else f"'{field}' is invalid ({kind})"
            )
    return (
        "Invalid arguments: "
        + "; ".join(dict.fromkeys(clauses))
        + (". Send JSON numbers as numbers (not strings or booleans) and dates as 'YYYY-MM-DD'.")
    )


class ArgumentErrors(Middleware):
    """Answer type errors in a tool's arguments with a clean message (see module doc)."""

    async def on_call_tool(
        self, context: MiddlewareContext[Any], call_next: CallNext[Any, ToolResult]
    ) -> ToolResult:
        try:
            return await call_next(context)
        except ValidationError as exc:
            cause = exc.__cause__
            message = (
                describe_argument_errors(cause)
                if isinstance(cause, PydanticValidationError)
                else "Invalid arguments for this tool."
            )
            raise ToolError(message, log_level=logging.DEBUG) from None


class QuietArgumentWarnings(logging.Filter):
    """FastMCP logs a caller's wrongly typed arguments as a WARNING; they are caller
    mistakes like any other, so they go to DEBUG."""

    def filter(self, record: logging.LogRecord) -> bool:
        if str(record.msg).startswith("Invalid arguments for tool"):
            record.levelno, record.levelname = logging.DEBUG, "DEBUG"
            return logging.getLogger(record.name).isEnabledFor(logging.DEBUG)
        return True
