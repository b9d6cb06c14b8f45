"""scripts/image-sizes.sh, the machine-readable image sizes the benchmark prints, run against
a stand-in docker CLI."""

from __future__ import annotations

import json

import pytest

from tests.containers.conftest import REPO_ROOT, FakeDocker

pytestmark = pytest.mark.unit

SCRIPT = REPO_ROOT / "scripts" / "image-sizes.sh"
BASE = "localhost/debian-python:bookworm"


def test_sizes_of_both_images_with_what_they_add_to_their_base(fake_docker: FakeDocker) -> None:
    fake_docker.add_image(BASE, 124_000_000)
    fake_docker.add_image("travel-planner/orchestrator:e2e", 270_000_000, BASE)
    fake_docker.add_image("travel-planner/mcp-server:e2e", 190_000_000, BASE)

    result = fake_docker.run("bash", str(SCRIPT), "e2e")

    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["tag"] == "e2e"
    orchestrator, mcp = report["images"]["orchestrator"], report["images"]["mcp-server"]
    assert orchestrator == {
        "image": "travel-planner/orchestrator:e2e",
        "bytes": 270_000_000,
        "base_image": BASE,
        "base_bytes": 124_000_000,
        "added_bytes": 146_000_000,
        "goal_bytes": 180_000_000,
        "within_goal": False,
    }
    assert (mcp["added_bytes"], mcp["goal_bytes"], mcp["within_goal"]) == (
        66_000_000,
        200_000_000,
        True,
    )


def test_an_unbuilt_image_and_an_unknown_base_are_reported_not_guessed(
    fake_docker: FakeDocker,
) -> None:
    fake_docker.add_image("travel-planner/mcp-server:latest", 190_000_000, "python:3.13-slim")

    result = fake_docker.run("bash", str(SCRIPT), IMAGE_TAG="latest")

    assert result.returncode == 0, result.stderr
    images = json.loads(result.stdout)["images"]
    assert images["orchestrator"] == {
        "image": "travel-planner/orchestrator:latest",
        "bytes": None,
        "reason": "not built",
    }
    assert images["mcp-server"]["base_image"] == "python:3.13-slim"
    assert images["mcp-server"]["base_bytes"] is None
    assert images["mcp-server"]["added_bytes"] is None


def test_without_a_docker_daemon_it_says_so_in_json_and_exits_3(fake_docker: FakeDocker) -> None:
    result = fake_docker.run("bash", str(SCRIPT), FAKE_DOCKER_INFO_RC="1")

    assert result.returncode == 3
    report = json.loads(result.stdout)
    assert report["images"] is None and "Docker" in report["error"]
