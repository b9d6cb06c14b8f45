"""The Kubernetes sources are tidy YAML (yamllint) that people can review line by line."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.deploy.rendering import K8S_DIR

pytestmark = pytest.mark.unit

YAMLLINT_CONFIG = (
    "{extends: default, rules: {line-length: {max: 110}, document-start: disable,"
    " comments: {min-spaces-from-content: 1}, truthy: {check-keys: false}}}"
)


def test_yamllint_finds_no_problems() -> None:
    if shutil.which("yamllint", path=str(Path(sys.executable).parent)) is None:
        pytest.skip("yamllint is not installed (uv sync installs the dev group)")
    proc = subprocess.run(
        [sys.executable, "-m", "yamllint", "-f", "parsable", "-d", YAMLLINT_CONFIG, str(K8S_DIR)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
