"""Dockerfiles pass hadolint and keep the properties the images promise."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.containers.conftest import DOCKERFILES, REPO_ROOT, require_tool

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("dockerfile", DOCKERFILES, ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_hadolint_finds_nothing(dockerfile: Path) -> None:
    hadolint = require_tool("hadolint")
    result = subprocess.run(
        [hadolint, "--no-color", str(dockerfile)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def instructions(dockerfile: Path) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    joined: list[str] = []
    pending = ""
    for raw in dockerfile.read_text().splitlines():
        line = raw.strip()
        if not pending and (not line or line.startswith("#")):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        joined.append(pending + line)
        pending = ""
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1]) for line in joined]


def final_stage(dockerfile: Path) -> list[tuple[str, str]]:
    steps = instructions(dockerfile)
    last_from = max(i for i, (op, _) in enumerate(steps) if op == "FROM")
    return steps[last_from:]


PRODUCT_DOCKERFILES = DOCKERFILES[:2]


@pytest.mark.parametrize(
    "dockerfile", PRODUCT_DOCKERFILES, ids=lambda p: str(p.relative_to(REPO_ROOT))
)
def test_product_images_build_on_a_configurable_base_in_two_stages(dockerfile: Path) -> None:
    steps = instructions(dockerfile)
    assert steps[0] == ("ARG", "PYTHON_IMAGE=python:3.13-slim")
    froms = [args for op, args in steps if op == "FROM"]
    assert froms == ["${PYTHON_IMAGE} AS builder", "${PYTHON_IMAGE}"]


@pytest.mark.parametrize(
    "dockerfile", PRODUCT_DOCKERFILES, ids=lambda p: str(p.relative_to(REPO_ROOT))
)
def test_product_images_run_as_a_numeric_non_root_user(dockerfile: Path) -> None:
    users = [args for op, args in final_stage(dockerfile) if op == "USER"]
    assert users, "final stage sets no USER"
    uid = users[-1].split(":")[0]
    assert uid.isdigit() and int(uid) != 0


@pytest.mark.parametrize(
    "dockerfile", PRODUCT_DOCKERFILES, ids=lambda p: str(p.relative_to(REPO_ROOT))
)
def test_final_stage_installs_nothing(dockerfile: Path) -> None:
    # Dependencies are resolved in the builder; the final stage only copies the venv.
    runs = " ".join(args for op, args in final_stage(dockerfile) if op == "RUN")
    for installer in ("pip install", "apt-get", "gcc", "uv "):
        assert installer not in runs
