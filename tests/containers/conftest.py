"""Shared paths, tool lookups and a stand-in docker CLI for the container checks (no Docker
daemon needed)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]

COMPOSE_FILE = REPO_ROOT / "docker-compose.yml"
E2E_OVERRIDE = REPO_ROOT / "tests" / "e2e" / "docker-compose.e2e.yml"
AIRGAPPED_FILE = REPO_ROOT / "docker-compose.airgapped.yml"
AIRGAP_OVERRIDE = REPO_ROOT / "tests" / "e2e" / "docker-compose.airgap.yml"

PRODUCT_DOCKERFILE = REPO_ROOT / "Dockerfile"
DOCKERFILES = [
    PRODUCT_DOCKERFILE,
    REPO_ROOT / "ollama-double" / "Dockerfile",
    REPO_ROOT / "tests" / "e2e" / "otlp-receiver.Dockerfile",
    REPO_ROOT / "tests" / "e2e" / "postgres" / "Dockerfile",
]

SHELL_SCRIPTS = sorted(
    [
        *(REPO_ROOT / "scripts").glob("*.sh"),
        REPO_ROOT / "tests" / "e2e" / "postgres" / "entrypoint.sh",
    ]
)

# A stand-in `docker` CLI: records its arguments in $FAKE_DOCKER_DIR/calls and answers
# `image inspect` from $FAKE_DOCKER_DIR/inspect/<image with / and : as _>, whose first line
# is the image's size and second line its base image label.
FAKE_DOCKER = r"""#!/usr/bin/env bash
printf '%s\n' "$*" >> "$FAKE_DOCKER_DIR/calls"
case "$1" in
  info) exit "${FAKE_DOCKER_INFO_RC:-0}" ;;
  image)
    image="${@: -1}"
    file="$FAKE_DOCKER_DIR/inspect/$(printf '%s' "$image" | tr '/:' '__')"
    [ -f "$file" ] || { echo "Error: No such image: $image" >&2; exit 1; }
    case "$*" in
      *base.name*) sed -n 2p "$file" ;;
      *) sed -n 1p "$file" ;;
    esac ;;
esac
"""


class FakeDocker:
    """A folder holding the stand-in `docker` and what it answers."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.bin = root / "bin"
        self.bin.mkdir(parents=True)
        (root / "inspect").mkdir()
        docker = self.bin / "docker"
        docker.write_text(FAKE_DOCKER)
        docker.chmod(0o755)

    def add_image(self, name: str, size: int, base: str = "") -> None:
        file = self.root / "inspect" / name.replace("/", "_").replace(":", "_")
        file.write_text(f"{size}\n{base}\n")

    def run(self, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
        full_env = {
            **os.environ,
            "PATH": f"{self.bin}{os.pathsep}{os.environ['PATH']}",
            "FAKE_DOCKER_DIR": str(self.root),
            **env,
        }
        return subprocess.run(
            list(args), env=full_env, capture_output=True, text=True, timeout=60, check=False
        )


@pytest.fixture
def fake_docker(tmp_path: Path) -> FakeDocker:
    return FakeDocker(tmp_path / "docker")


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
