"""Errors the user can act on, each tied to the exit code the CLI returns for it."""

from __future__ import annotations


class PlannerError(Exception):
    """An error with a message meant for the traveller, not a stack trace."""

    exit_code = 1


class InvalidRequestError(PlannerError):
    """The request cannot be planned as written (missing destination, impossible dates)."""

    exit_code = 2


class ConfigurationError(PlannerError):
    """An environment variable has a value the planner cannot use."""

    exit_code = 2


class DependencyUnavailableError(PlannerError):
    """Ollama, the model or the MCP server cannot be used."""

    exit_code = 3

    def __init__(self, dependency: str, address: str, waited_s: float, reason: str, fix: str):
        self.dependency = dependency
        self.address = address
        self.waited_s = waited_s
        self.reason = reason
        self.fix = fix
        super().__init__(
            f"{dependency} is not available at {address} (waited {waited_s:.1f}s): {reason}\n"
            f"Fix: {fix}"
        )


class UnusableModelOutputError(PlannerError):
    """The model answered, but nothing it wrote could be used (no day of the plan)."""

    exit_code = 3

    def __init__(self, model: str, address: str, returned: str, fix: str):
        self.model = model
        self.address = address
        self.returned = returned
        self.fix = fix
        super().__init__(
            f"The model '{model}' (Ollama at {address}) gave no usable plan: {returned}\nFix: {fix}"
        )


class ClarificationNeeded(PlannerError):
    """One-shot mode only: the request needs an answer from the traveller (what to add)."""

    exit_code = 2
