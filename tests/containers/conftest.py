"""Shared paths and tool lookups for the container checks (no Docker daemon needed)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]

COMPOSE_FILE = REPO_ROOT / "docker-compose.yml"
E2E_OVERRIDE = REPO_ROOT / "tests" / "e2e" / "docker-compose.e2e.yml"
AIRGAPPED_FILE = REPO_ROOT / "docker-compose.airgapped.yml"
AIRGAP_OVERRIDE = REPO_ROOT / "tests" / "e2e" / "docker-compose.airgap.yml"

DOCKERFILES = [
    REPO_ROOT / "Dockerfile",
    REPO_ROOT / "mcp-server" / "Dockerfile",
    REPO_ROOT / "ollama-double" / "Dockerfile",
    REPO_ROOT / "tests" / "e2e" / "otlp-receiver.Dockerfile",
]

SHELL_SCRIPTS = [
    REPO_ROOT / "scripts" / name
    for name in (
        "init-ollama.sh",
        "build-base-image.sh",
        "build-wheelhouse.sh",
        "e2e.sh",
        "install-compose-v2.sh",
    )
]


def find_tool(name: str) -> str | None:
    """A tool from the project's venv (dev dependencies) or else from PATH."""
    in_venv = Path(sys.executable).parent / name
    if in_venv.exists():
        return str(in_venv)
    return shutil.which(name)


def require_tool(name: str) -> str:
    path = find_tool(name)
    if path is None:
        pytest.skip(f"{name} is not installed (uv sync installs the dev tools)")
    return path
