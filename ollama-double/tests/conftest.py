"""Shared fixtures: one double per behaviour per module, counters reset per test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ollama_double.launcher import DoubleControl, running_ollama_double


@pytest.fixture(scope="module")
def tools_double() -> Iterator[str]:
    with running_ollama_double(behaviour="tools", models=("phi4-mini", "qwen3:8b")) as url:
        yield url


@pytest.fixture
def double(tools_double: str) -> str:
    DoubleControl(tools_double).reset()
    return tools_double
