"""Dockerfiles pass hadolint, and the one recipe of the two product images keeps the
properties the images promise: a configurable base, non-root users, nothing installed in the
final stages, the MCP server's healthcheck."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.containers.conftest import DOCKERFILES, PRODUCT_DOCKERFILE, REPO_ROOT, require_tool

pytestmark = pytest.mark.unit

TARGETS = ("orchestrator", "mcp-server")


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
        if not line or line.startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        joined.append(pending + line)
        pending = ""
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1]) for line in joined]


def stages(dockerfile: Path) -> dict[str, tuple[str, list[tuple[str, str]]]]:
    """Stage name -> (what it is built FROM, its instructions)."""
    result: dict[str, tuple[str, list[tuple[str, str]]]] = {}
    current: list[tuple[str, str]] = []
    for op, args in instructions(dockerfile):
        if op == "FROM":
            base, _, name = args.partition(" AS ")
            current = []
            result[name.strip()] = (base.strip(), current)
        else:
            current.append((op, args))
    return result


def chain(name: str) -> list[list[tuple[str, str]]]:
    """Instructions of a target and of every stage it is built on, the target's first."""
    all_stages = stages(PRODUCT_DOCKERFILE)
    steps = []
    while name in all_stages:
        base, own = all_stages[name]
        steps.append(own)
        name = base
    return steps


def test_one_recipe_builds_both_images_on_a_configurable_base() -> None:
    assert instructions(PRODUCT_DOCKERFILE)[0] == ("ARG", "PYTHON_IMAGE=python:3.13-slim")
    all_stages = stages(PRODUCT_DOCKERFILE)
    assert set(TARGETS) <= set(all_stages)
    # Every chain starts from the configurable base, and both targets share one runtime stage.
    roots = {base for base, _ in all_stages.values() if base not in all_stages}
    assert roots == {"${PYTHON_IMAGE}"}
    assert all_stages["orchestrator"][0] == all_stages["mcp-server"][0] == "runtime"
    assert not (REPO_ROOT / "mcp-server" / "Dockerfile").exists()


@pytest.mark.parametrize("target", TARGETS)
def test_each_target_runs_as_a_numeric_non_root_user(target: str) -> None:
    users = [args for steps in chain(target) for op, args in steps if op == "USER"]
    assert users, f"{target} sets no USER"
    uid = users[0].split(":")[0]  # the target's own, or the nearest one it inherits
    assert uid.isdigit() and int(uid) != 0


@pytest.mark.parametrize("target", TARGETS)
def test_final_stages_only_copy_the_built_environment(target: str) -> None:
    # Dependencies are resolved in the builder stages; what the image is made of installs nothing.
    final = chain(target)[:2]  # the target and the shared runtime stage
    runs = " ".join(args for steps in final for op, args in steps if op == "RUN")
    for installer in ("pip install", "apt-get", "gcc", "uv ", "build-venv"):
        assert installer not in runs
    copies = [args for op, args in final[0] if op == "COPY"]
    assert any(
        args.startswith("--from=") and args.endswith("/opt/venv /opt/venv") for args in copies
    )


def test_the_mcp_server_image_checks_its_own_health() -> None:
    (healthcheck,) = [args for op, args in chain("mcp-server")[0] if op == "HEALTHCHECK"]
    assert "/health" in healthcheck and "urllib" in healthcheck


def test_the_orchestrator_image_keeps_web_data_in_its_data_folder() -> None:
    env = " ".join(args for op, args in chain("orchestrator")[0] if op == "ENV")
    assert "TRAVEL_PLANNER_DATA_DIR=/data" in env
