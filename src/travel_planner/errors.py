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


class _ErrorWithFix(PlannerError):
    """Something outside the planner, at `address`, is wrong: the problem in one line, then
    what to do about it."""

    exit_code = 3

    def __init__(self, problem: str, address: str, fix: str):
        self.address = address
        self.fix = fix
        super().__init__(f"{problem}\nFix: {fix}")


class DependencyUnavailableError(_ErrorWithFix):
    """Ollama, the model or the MCP server cannot be used."""

    def __init__(self, dependency: str, address: str, waited_s: float, reason: str, fix: str):
        self.dependency = dependency
        self.waited_s = waited_s
        self.reason = reason
        problem = f"{dependency} is not available at {address} (waited {waited_s:.1f}s): {reason}"
        super().__init__(problem, address, fix)


class UnusableModelOutputError(_ErrorWithFix):
    """The model answered, but nothing it wrote could be used (no day of the plan)."""

    def __init__(self, model: str, address: str, returned: str, fix: str):
        self.model = model
        self.returned = returned
        problem = f"The model '{model}' (Ollama at {address}) gave no usable plan: {returned}"
        super().__init__(problem, address, fix)


class ClarificationNeeded(PlannerError):
    """One-shot mode only: the request needs an answer from the traveller (what to add)."""

    exit_code = 2
