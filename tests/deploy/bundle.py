"""Running scripts/airgap-bundle.sh without a Docker daemon: a stand-in `docker` CLI that
records every call (so tests can prove a refused bundle made none), a model store on disk,
and a bundle made by the script's own `create`."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.deploy.rendering import REPO_ROOT

SCRIPT = REPO_ROOT / "scripts" / "airgap-bundle.sh"
IMAGES = "travel-planner/orchestrator:latest travel-planner/mcp-server:latest"

FAKE_DOCKER = textwrap.dedent(
    """\
    #!/usr/bin/env bash
    # Stand-in docker CLI: records its arguments, answers like a daemon would.
    printf '%s\\n' "$*" >> "$DOCKER_CALLS"
    case "$1" in
      info) exit "${FAKE_DOCKER_INFO_RC:-0}" ;;
      image)
        image="${@: -1}"
        for missing in ${FAKE_MISSING_IMAGES:-}; do
          [ "$missing" = "$image" ] && { echo "No such image: $image" >&2; exit 1; }
        done
        echo "sha256:$(printf '%s' "$image" | sha256sum | cut -c1-64)" ;;
      save) { echo "image $4"; head -c 4096 /dev/zero; } > "$3" ;;
      load) echo "Loaded image from $3" ;;
      volume)
        case "$2" in
          inspect) [ -n "${FAKE_VOLUME_EXISTS:-}" ] || { echo "no such volume" >&2; exit 1; } ;;
          create) echo "${@: -1}" ;;
        esac ;;
      run)
        case "$*" in
          *"ls -A /target"*) echo "${FAKE_VOLUME_PROBE:-0 }" ;;
        esac ;;
    esac
    """
)

# Tools the script uses on the target; the no-docker test gets a PATH with only these.
TOOLS = (
    "bash",
    "env",
    "cat",
    "cut",
    "sed",
    "awk",
    "tr",
    "wc",
    "sort",
    "head",
    "find",
    "sha256sum",
    "basename",
    "dirname",
    "date",
    "tar",
    "grep",
    "mkdir",
    "rm",
    "cp",
    "mv",
    "chmod",
    "du",
    "paste",
    "xargs",
    "ls",
    "id",
    "git",
)


@dataclass
class Env:
    tmp: Path
    bin_dir: Path
    calls: Path
    extra: dict[str, str]

    def run(
        self, *args: str, path: str | None = None, **env: str
    ) -> subprocess.CompletedProcess[str]:
        full_env = {
            "PATH": path or f"{self.bin_dir}{os.pathsep}{os.environ['PATH']}",
            "HOME": str(self.tmp),
            "DOCKER_CALLS": str(self.calls),
            "LC_ALL": "C",
            **self.extra,
            **env,
        }
        return subprocess.run(
            ["bash", str(SCRIPT), *args],
            env=full_env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    def docker_calls(self) -> list[str]:
        return self.calls.read_text().splitlines() if self.calls.exists() else []

    def reset_calls(self) -> None:
        self.calls.write_text("")


def make_store(root: Path, models: dict[str, str]) -> Path:
    """An Ollama home (like ~/.ollama) holding the given models (name -> tag)."""
    home = root / "ollama-home"
    for name, tag in models.items():
        manifest = home / "models" / "manifests" / "registry.ollama.ai" / "library" / name / tag
        manifest.parent.mkdir(parents=True, exist_ok=True)
        digest = f"{abs(hash(name)):064x}"[:64]
        manifest.write_text(json.dumps({"layers": [{"digest": f"sha256:{digest}"}]}))
        blob = home / "models" / "blobs" / f"sha256-{digest}"
        blob.parent.mkdir(parents=True, exist_ok=True)
        blob.write_bytes(b"weights of " + name.encode() * 1000)
    (home / "id_ed25519").write_text("private key that must stay behind")
    return home


@pytest.fixture
def env(tmp_path: Path) -> Env:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    docker = bin_dir / "docker"
    docker.write_text(FAKE_DOCKER)
    docker.chmod(0o755)
    store = make_store(tmp_path, {"phi4-mini": "latest", "qwen2.5": "3b"})
    extra = {
        "BUNDLE_IMAGES": IMAGES,
        "OLLAMA_MODELS_DIR": str(store),
        "BUNDLE_SKIP_WHEELHOUSE": "1",
        "COMPOSE_PROJECT_NAME": "travelplanner",
    }
    return Env(tmp=tmp_path, bin_dir=bin_dir, calls=tmp_path / "docker-calls.log", extra=extra)


def printed_digest(proc: subprocess.CompletedProcess[str]) -> str:
    """The checksum list digest `create` printed."""
    for line in proc.stdout.splitlines():
        if line.startswith("checksum list digest: sha256:"):
            return line.rsplit(":", 1)[1]
    raise AssertionError(f"create printed no digest:\n{proc.stdout}")


def sums_digest(bundle: Path) -> str:
    return hashlib.sha256((bundle / "SHA256SUMS").read_bytes()).hexdigest()


@pytest.fixture
def bundle(env: Env) -> Path:
    """A bundle from `create`; later runs carry its digest (BUNDLE_DIGEST), as an operator
    who received it with the bundle would."""
    out = env.tmp / "bundle"
    proc = env.run("create", str(out))
    assert proc.returncode == 0, proc.stderr
    env.extra["BUNDLE_DIGEST"] = printed_digest(proc)
    env.reset_calls()
    return out


def flip_byte(path: Path, offset: int = 10) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0xFF
    path.write_bytes(bytes(data))
