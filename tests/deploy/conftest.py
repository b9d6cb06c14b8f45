from __future__ import annotations

import pytest

from tests.deploy.bundle import bundle, env  # noqa: F401 (fixtures of the bundle tests)
from tests.deploy.rendering import OVERLAYS, Obj, rendered


@pytest.fixture(params=OVERLAYS)
def overlay(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def objects(overlay: str) -> list[Obj]:
    return rendered(f"overlays/{overlay}")
