"""The shell scripts parse, and pass shellcheck where it is installed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.containers.conftest import REPO_ROOT, SHELL_SCRIPTS

pytestmark = pytest.mark.unit


def interpreter(script: Path) -> str:
    first = script.read_text().splitlines()[0]
    return "sh" if first in ("#!/bin/sh", "#!/usr/bin/env sh") else "bash"


@pytest.mark.parametrize("script", SHELL_SCRIPTS, ids=lambda p: p.name)
def test_script_parses(script: Path) -> None:
    result = subprocess.run(
        [interpreter(script), "-n", str(script)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_init_script_is_posix_sh() -> None:
    # The ollama image may not have bash; dash is the strictest common /bin/sh.
    dash = shutil.which("dash")
    if dash is None:
        pytest.skip("dash is not installed")
    script = REPO_ROOT / "scripts" / "init-ollama.sh"
    result = subprocess.run([dash, "-n", str(script)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("script", SHELL_SCRIPTS, ids=lambda p: p.name)
def test_shellcheck_is_clean(script: Path) -> None:
    shellcheck = shutil.which("shellcheck")
    if shellcheck is None:
        pytest.skip("shellcheck is not installed (apt-get install shellcheck)")
    result = subprocess.run(
        [shellcheck, "--severity=warning", str(script)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout
