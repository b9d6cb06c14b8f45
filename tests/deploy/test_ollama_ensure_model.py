"""The Ollama init container's script (deploy/k8s/base/scripts/ensure-model.sh), run
against a stand-in `ollama` CLI that keeps its models as files in OLLAMA_MODELS."""

from __future__ import annotations

import os
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

from tests.deploy.rendering import K8S_DIR

pytestmark = pytest.mark.unit

SCRIPT = K8S_DIR / "base" / "scripts" / "ensure-model.sh"

FAKE_OLLAMA = textwrap.dedent(
    """\
    #!/bin/sh
    # Stand-in for the ollama CLI: a model "exists" when its marker file is in the store.
    echo "$*" >> "$CALLS"
    command="$1"
    shift
    # Like the real CLI: "--" ends the options; an option where a name belongs is refused.
    if [ "${1:-}" = -- ]; then shift; else case "${1:-}" in -*) exit 64 ;; esac; fi
    case "$command" in
      serve) exec sleep 60 ;;
      list) exit 0 ;;
      show) test -f "$OLLAMA_MODELS/$1" ;;
      pull) echo "pulling manifest"; touch "$OLLAMA_MODELS/$1" ;;
      *) exit 64 ;;
    esac
    """
)


def run_script(tmp_path: Path, **env: str) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    fake = bin_dir / "ollama"
    fake.write_text(FAKE_OLLAMA)
    fake.chmod(0o755)
    store = tmp_path / "models"
    store.mkdir(exist_ok=True)
    calls = tmp_path / "calls.log"
    calls.touch()
    full_env = {
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "HOME": str(tmp_path),
        "TMPDIR": str(tmp_path),
        "OLLAMA_MODELS": str(store),
        "CALLS": str(calls),
        "OLLAMA_MODEL_ID": "phi4-mini",
        **env,
    }
    proc = subprocess.run(
        [shutil.which("sh") or "/bin/sh", str(SCRIPT)],
        env=full_env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return proc, calls.read_text().splitlines()


def test_a_model_already_in_the_store_is_not_pulled_again(tmp_path: Path) -> None:
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "phi4-mini").touch()
    proc, calls = run_script(tmp_path, OLLAMA_MODEL_SOURCE="pull")
    assert proc.returncode == 0, proc.stderr
    assert "already in the store" in proc.stdout
    assert not any(c.startswith("pull") for c in calls)


def test_a_missing_model_is_pulled_once(tmp_path: Path) -> None:
    proc, calls = run_script(tmp_path, OLLAMA_MODEL_SOURCE="pull")
    assert proc.returncode == 0, proc.stderr
    assert calls.count("pull -- phi4-mini") == 1
    assert (tmp_path / "models" / "phi4-mini").exists()


def test_preloaded_mode_never_pulls_and_says_how_to_copy_the_store(tmp_path: Path) -> None:
    proc, calls = run_script(
        tmp_path,
        OLLAMA_MODEL_SOURCE="preloaded",
        OLLAMA_PRELOAD_WAIT_SECONDS="0",
        POD_NAME="ollama-0",
        POD_NAMESPACE="travel-planner",
    )
    assert proc.returncode == 1
    assert not any(c.startswith("pull") for c in calls)
    assert "did not appear" in proc.stderr
    hint = "kubectl -n travel-planner exec -i ollama-0 -c ensure-model -- tar -x -C"
    assert hint in proc.stdout


def test_preloaded_mode_accepts_a_model_copied_in_beforehand(tmp_path: Path) -> None:
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "phi4-mini").touch()
    proc, calls = run_script(tmp_path, OLLAMA_MODEL_SOURCE="preloaded")
    assert proc.returncode == 0, proc.stderr
    assert not any(c.startswith("pull") for c in calls)


def test_an_unknown_source_is_a_configuration_error(tmp_path: Path) -> None:
    proc, calls = run_script(tmp_path, OLLAMA_MODEL_SOURCE="download")
    assert proc.returncode == 2
    assert "OLLAMA_MODEL_SOURCE must be 'pull' or 'preloaded'" in proc.stderr
    assert calls == []


@pytest.mark.parametrize("model", ["--help", "-v", "phi4 mini", "x;id"])
def test_a_model_name_the_cli_would_misread_is_refused(tmp_path: Path, model: str) -> None:
    proc, calls = run_script(tmp_path, OLLAMA_MODEL_ID=model, OLLAMA_MODEL_SOURCE="pull")
    assert proc.returncode == 2
    assert f"OLLAMA_MODEL_ID='{model}' is not a model name" in proc.stderr
    assert calls == []
