"""scripts/make-env.sh: the first run's .env, with a random PostgreSQL password."""

import stat
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "make-env.sh"

pytestmark = pytest.mark.unit


def run(target: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["sh", str(SCRIPT), str(target)], capture_output=True, text=True)


def password_of(target: Path) -> str:
    line = next(x for x in target.read_text().splitlines() if x.startswith("POSTGRES_PASSWORD="))
    return line.split("=", 1)[1]


def test_first_run_writes_a_private_env_with_a_random_password(tmp_path: Path) -> None:
    first, second = tmp_path / "a.env", tmp_path / "b.env"
    assert run(first).returncode == 0 and run(second).returncode == 0
    assert len(password_of(first)) >= 24
    assert password_of(first) != password_of(second)
    assert stat.S_IMODE(first.stat().st_mode) == 0o600
    # Everything else is .env.example as it is.
    example = (REPO / ".env.example").read_text().splitlines()
    written = first.read_text().splitlines()
    assert [x for x in written if not x.startswith("POSTGRES_PASSWORD=")] == [
        x for x in example if not x.startswith("POSTGRES_PASSWORD=")
    ]


def test_an_existing_env_is_kept(tmp_path: Path) -> None:
    target = tmp_path / ".env"
    target.write_text("POSTGRES_PASSWORD=mine\n")
    assert run(target).returncode == 0
    assert target.read_text() == "POSTGRES_PASSWORD=mine\n"


def test_an_existing_env_without_a_password_is_refused(tmp_path: Path) -> None:
    target = tmp_path / ".env"
    target.write_text("OLLAMA_MODEL_ID=qwen3\n")
    done = run(target)
    assert done.returncode == 2
    assert "POSTGRES_PASSWORD" in done.stderr
