"""scripts/airgap-bundle.sh without a Docker daemon: bundles are made by the script's own
`create` (images from a stand-in `docker` CLI, the model store from a folder), then
verified and loaded. The stand-in records every call, so the tests can prove that a
damaged bundle makes no Docker call at all."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.deploy.bundle import IMAGES, TOOLS, Env, flip_byte, printed_digest
from tests.deploy.rendering import REPO_ROOT, all_containers, pod_spec, rendered, workloads

pytestmark = pytest.mark.unit


def test_help_documents_commands_and_exit_codes(env: Env) -> None:
    proc = env.run("--help")
    assert proc.returncode == 0
    for text in ("create OUT_DIR", "load BUNDLE_DIR", "--verify-only", "--force", "BUNDLE_IMAGES"):
        assert text in proc.stdout
    for code in ("0  done", "2  usage error", "3  Docker is unavailable"):
        assert code in proc.stdout


@pytest.mark.parametrize(
    "args",
    [(), ("explode",), ("load",), ("create",), ("load", "a", "b"), ("create", "x", "--bogus")],
)
def test_bad_usage_exits_2_with_a_pointer_to_help(env: Env, args: tuple[str, ...]) -> None:
    proc = env.run(*args)
    assert proc.returncode == 2
    assert "--help" in proc.stderr
    assert env.docker_calls() == []


def test_create_writes_images_store_datasets_manifest_and_checksums(env: Env, bundle: Path) -> None:
    manifest = json.loads((bundle / "manifest.json").read_text())
    assert manifest["format"] == "travel-planner-airgap-bundle"
    assert manifest["model"] == "phi4-mini"
    assert manifest["created"].endswith("Z")
    assert manifest["models_in_store"] == "phi4-mini:latest qwen2.5:3b"
    assert [i["name"] for i in manifest["images"]] == IMAGES.split()
    for image in manifest["images"]:
        assert (bundle / image["file"]).is_file()
        assert image["id"].startswith("sha256:")
    store = subprocess.run(
        ["tar", "-tf", str(bundle / manifest["model_store"])], capture_output=True, text=True
    ).stdout
    assert "./models/manifests/registry.ollama.ai/library/phi4-mini/latest" in store.splitlines()
    assert "id_ed25519" not in store
    # The checksum file covers every other file and is readable by plain sha256sum.
    listed = {line.split("  ", 1)[1] for line in (bundle / "SHA256SUMS").read_text().splitlines()}
    on_disk = {str(p.relative_to(bundle)) for p in bundle.rglob("*") if p.is_file()}
    assert listed == on_disk - {"SHA256SUMS"}
    check = subprocess.run(
        ["sha256sum", "--check", "--quiet", "SHA256SUMS"], cwd=bundle, capture_output=True
    )
    assert check.returncode == 0
    assert (bundle / "airgap-bundle.sh").is_file()


def test_create_bundles_the_mcp_server_datasets(bundle: Path) -> None:
    package = REPO_ROOT / "mcp-server" / "src" / "travel_mcp_server"
    data_files = sorted(
        str(p.relative_to(package.parent)) for p in package.rglob("data/*") if p.is_file()
    )
    if not data_files:
        pytest.skip("the MCP server package has no data folder yet")
    manifest = json.loads((bundle / "manifest.json").read_text())
    listing = subprocess.run(
        ["tar", "-tf", str(bundle / manifest["datasets"])], capture_output=True, text=True
    ).stdout.splitlines()
    assert set(data_files) <= set(listing)


def test_an_intact_bundle_verifies_without_docker_calls(env: Env, bundle: Path) -> None:
    proc = env.run("load", str(bundle), "--verify-only")
    assert proc.returncode == 0, proc.stderr
    assert "all checksums match" in proc.stdout
    assert "phi4-mini" in proc.stdout
    assert env.docker_calls() == []
    assert env.run("verify", str(bundle)).returncode == 0


def test_a_flipped_byte_is_refused_naming_the_file(env: Env, bundle: Path) -> None:
    target = bundle / "images" / "travel-planner_mcp-server_latest.tar"
    before = subprocess.run(["sha256sum", str(target)], capture_output=True, text=True).stdout
    flip_byte(target)
    proc = env.run("load", str(bundle))
    assert proc.returncode == 2
    assert "corrupt file: images/travel-planner_mcp-server_latest.tar" in proc.stderr
    assert f"expected sha256 {before.split()[0]}" in proc.stderr
    assert "REFUSED" in proc.stderr
    assert "nothing was loaded" in proc.stderr
    assert "copy the bundle again" in proc.stderr
    assert env.docker_calls() == []


def test_a_corrupt_model_store_is_refused_too(env: Env, bundle: Path) -> None:
    flip_byte(bundle / "ollama" / "ollama-models.tar", offset=2000)
    proc = env.run("load", str(bundle), "--verify-only")
    assert proc.returncode == 2
    assert "corrupt file: ollama/ollama-models.tar" in proc.stderr


def test_a_missing_file_is_refused(env: Env, bundle: Path) -> None:
    (bundle / "images" / "travel-planner_orchestrator_latest.tar").unlink()
    proc = env.run("load", str(bundle))
    assert proc.returncode == 2
    assert "missing file: images/travel-planner_orchestrator_latest.tar" in proc.stderr
    assert env.docker_calls() == []


def test_a_bundle_without_its_checksum_file_is_incomplete(env: Env, bundle: Path) -> None:
    (bundle / "SHA256SUMS").unlink()
    proc = env.run("load", str(bundle))
    assert proc.returncode == 2
    assert "incomplete" in proc.stderr
    assert "no SHA256SUMS" in proc.stderr


def test_a_truncated_copy_is_refused(env: Env, bundle: Path) -> None:
    store = bundle / "ollama" / "ollama-models.tar"
    store.write_bytes(store.read_bytes()[:1024])
    proc = env.run("load", str(bundle), "--verify-only")
    assert proc.returncode == 2
    assert "corrupt file: ollama/ollama-models.tar" in proc.stderr


def test_an_unexpected_extra_file_is_reported_but_ignored(env: Env, bundle: Path) -> None:
    (bundle / "images" / "leftover.tar.part").write_text("half a copy")
    proc = env.run("load", str(bundle), "--verify-only")
    assert proc.returncode == 0
    assert "unexpected file images/leftover.tar.part" in proc.stderr


def test_checksum_lines_pointing_outside_the_bundle_are_refused(env: Env, bundle: Path) -> None:
    sums = bundle / "SHA256SUMS"
    sums.write_text(sums.read_text() + f"{'0' * 64}  ../../etc/passwd\n")
    # Without the pin (which this edit breaks), the path check itself must refuse it.
    proc = env.run("load", str(bundle), "--verify-only", "--unpinned", BUNDLE_DIGEST="")
    assert proc.returncode == 2
    assert "../../etc/passwd" in proc.stderr


def test_load_without_docker_on_path_exits_3(env: Env, bundle: Path, tmp_path: Path) -> None:
    tools = tmp_path / "tools-without-docker"
    tools.mkdir()
    for tool in TOOLS:
        found = shutil.which(tool)
        if found:
            (tools / tool).symlink_to(found)
    proc = env.run("load", str(bundle), path=str(tools))
    assert proc.returncode == 3
    assert "Docker is unavailable" in proc.stderr
    assert "no 'docker' command" in proc.stderr
    # Verification still ran first and passed.
    assert "all checksums match" in proc.stdout


def test_load_with_a_daemon_that_does_not_answer_exits_3(env: Env, bundle: Path) -> None:
    proc = env.run("load", str(bundle), FAKE_DOCKER_INFO_RC="1")
    assert proc.returncode == 3
    assert "daemon does not answer" in proc.stderr


def test_load_loads_every_image_then_fills_a_new_volume(env: Env, bundle: Path) -> None:
    proc = env.run("load", str(bundle))
    assert proc.returncode == 0, proc.stderr
    calls = env.docker_calls()
    loads = [c for c in calls if c.startswith("load -i")]
    assert len(loads) == 2
    assert all(c.endswith(".tar") for c in loads)
    create = next(c for c in calls if c.startswith("volume create"))
    assert "com.docker.compose.project=travelplanner" in create
    assert create.endswith("travelplanner_ollama-models")
    extract = [c for c in calls if c.startswith("run") and "tar -xf" in c]
    assert len(extract) == 1
    assert "travelplanner_ollama-models:/target" in extract[0]
    assert "--network none" in extract[0]
    # Images first, then the store: the helper image comes from the bundle.
    assert calls.index(loads[-1]) < calls.index(extract[0])
    assert "images:      2 loaded" in proc.stdout
    assert "in volume travelplanner_ollama-models" in proc.stdout


def test_load_refuses_a_volume_that_already_holds_other_models(env: Env, bundle: Path) -> None:
    proc = env.run("load", str(bundle), FAKE_VOLUME_EXISTS="1", FAKE_VOLUME_PROBE="2 ")
    assert proc.returncode == 4
    assert "already holds a model store" in proc.stderr
    assert "--force" in proc.stderr
    assert not any("tar -xf" in c for c in env.docker_calls())


def test_forced_load_extracts_into_staging_before_touching_the_volume(
    env: Env, bundle: Path
) -> None:
    proc = env.run("load", str(bundle), "--force", FAKE_VOLUME_EXISTS="1", FAKE_VOLUME_PROBE="2 ")
    assert proc.returncode == 0, proc.stderr
    calls = env.docker_calls()
    extract = next(c for c in calls if "tar -xf" in c)
    swap = next(c for c in calls if "cp -a /staging/." in c)
    assert "travelplanner_ollama-models-airgap-staging:/target" in extract
    assert calls.index(extract) < calls.index(swap)
    assert calls[-1] == "volume rm travelplanner_ollama-models-airgap-staging"


def test_loading_the_same_bundle_twice_leaves_the_volume_alone(env: Env, bundle: Path) -> None:
    sums = (bundle / "SHA256SUMS").read_text().splitlines()
    store_sum = next(line.split()[0] for line in sums if line.endswith("ollama-models.tar"))
    proc = env.run("load", str(bundle), FAKE_VOLUME_EXISTS="1", FAKE_VOLUME_PROBE=f"1 {store_sum}")
    assert proc.returncode == 0, proc.stderr
    assert "already holds this bundle's model store" in proc.stdout
    assert not any("tar -xf" in c for c in env.docker_calls())


def test_volume_and_project_come_from_flags(env: Env, bundle: Path) -> None:
    proc = env.run("load", str(bundle), "--volume", "models-here", "--skip-images")
    assert proc.returncode == 0, proc.stderr
    calls = env.docker_calls()
    assert not any(c.startswith("load") for c in calls)
    assert any(c.startswith("volume create") and c.endswith("models-here") for c in calls)


def test_create_refuses_a_store_without_the_model(env: Env, tmp_path: Path) -> None:
    proc = env.run("create", str(tmp_path / "b"), "--model", "llama3.2:1b")
    assert proc.returncode == 2
    assert "model llama3.2:1b is not in the store" in proc.stderr
    assert "phi4-mini:latest" in proc.stderr
    assert not (tmp_path / "b" / "SHA256SUMS").exists()


def test_create_accepts_a_tagged_model_in_the_store(env: Env, tmp_path: Path) -> None:
    proc = env.run("create", str(tmp_path / "b"), "--model", "qwen2.5:3b")
    assert proc.returncode == 0, proc.stderr


def test_create_refuses_an_image_that_is_not_built(env: Env, tmp_path: Path) -> None:
    proc = env.run(
        "create", str(tmp_path / "b"), FAKE_MISSING_IMAGES="travel-planner/mcp-server:latest"
    )
    assert proc.returncode == 2
    assert "image travel-planner/mcp-server:latest is not in the local image store" in proc.stderr


def test_create_will_not_write_into_an_unrelated_directory(env: Env, tmp_path: Path) -> None:
    target = tmp_path / "documents"
    target.mkdir()
    (target / "thesis.txt").write_text("precious")
    proc = env.run("create", str(target))
    assert proc.returncode == 2
    assert (target / "thesis.txt").read_text() == "precious"


def test_create_again_over_a_bundle_replaces_it(env: Env, bundle: Path) -> None:
    (bundle / "images" / "stale.tar").write_text("from an older bundle")
    proc = env.run("create", str(bundle), BUNDLE_IMAGES="travel-planner/orchestrator:latest")
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in (bundle / "images").iterdir()) == [
        "travel-planner_orchestrator_latest.tar"
    ]
    # A new bundle, a new digest: the old one no longer matches.
    assert env.run("verify", str(bundle)).returncode == 2
    assert env.run("verify", str(bundle), BUNDLE_DIGEST=printed_digest(proc)).returncode == 0


def test_create_without_images_or_store_needs_no_docker(env: Env, tmp_path: Path) -> None:
    proc = env.run("create", str(tmp_path / "b"), "--skip-models", BUNDLE_IMAGES="")
    assert proc.returncode == 0, proc.stderr
    assert env.docker_calls() == []
    manifest = json.loads((tmp_path / "b" / "manifest.json").read_text())
    assert manifest["images"] == []
    assert manifest["model_store"] is None


def test_create_copies_an_existing_wheelhouse(env: Env, tmp_path: Path) -> None:
    wheels = tmp_path / "wheelhouse"
    wheels.mkdir()
    (wheels / "httpx-0.28.1-py3-none-any.whl").write_bytes(b"wheel")
    (wheels / "PYTHON_VERSION").write_text("3.11\n")
    out = tmp_path / "b"
    proc = env.run("create", str(out), "--wheelhouse", str(wheels), BUNDLE_SKIP_WHEELHOUSE="0")
    assert proc.returncode == 0, proc.stderr
    assert (out / "wheelhouse" / "httpx-0.28.1-py3-none-any.whl").read_bytes() == b"wheel"
    assert json.loads((out / "manifest.json").read_text())["wheelhouse_python"] == "3.11"
    assert "wheelhouse/httpx-0.28.1-py3-none-any.whl" in (out / "SHA256SUMS").read_text()


def compose_images() -> dict[str, str]:
    """Service -> image that docker-compose.yml runs when no variable is set."""
    compose_file = REPO_ROOT / "docker-compose.yml"
    if not compose_file.exists():
        pytest.skip("docker-compose.yml is not there yet")
    services = yaml.safe_load(compose_file.read_text())["services"]

    def default(text: str) -> str:
        return re.sub(r"\$\{[A-Z_]+:-([^}]*)\}", r"\1", text)

    return {name: default(svc["image"]) for name, svc in services.items() if "image" in svc}


def test_the_default_bundle_holds_exactly_the_images_compose_runs(env: Env, tmp_path: Path) -> None:
    extra = {k: v for k, v in env.extra.items() if k != "BUNDLE_IMAGES"}
    scripted = Env(tmp=env.tmp, bin_dir=env.bin_dir, calls=env.calls, extra=extra)
    out = tmp_path / "b"
    proc = scripted.run("create", str(out))
    assert proc.returncode == 0, proc.stderr
    bundled = {i["name"] for i in json.loads((out / "manifest.json").read_text())["images"]}
    assert bundled == set(compose_images().values())


def test_kubernetes_runs_the_same_images_as_compose() -> None:
    in_k8s = {
        c["image"] for w in workloads(rendered("overlays/cpu")) for c in all_containers(pod_spec(w))
    }
    assert in_k8s == set(compose_images().values())


@pytest.mark.parametrize(
    ("model", "manifest"),
    [
        ("phi4-mini", "registry.ollama.ai/library/phi4-mini/latest"),
        ("qwen2.5:3b", "registry.ollama.ai/library/qwen2.5/3b"),
        ("someone/tuned:v2", "registry.ollama.ai/someone/tuned/v2"),
        ("hf.co/org/model-GGUF:Q4_K_M", "hf.co/org/model-GGUF/Q4_K_M"),
    ],
)
def test_create_finds_models_by_their_ollama_store_path(
    env: Env, tmp_path: Path, model: str, manifest: str
) -> None:
    home = tmp_path / "other-home"
    path = home / "models" / "manifests" / manifest
    path.parent.mkdir(parents=True)
    path.write_text("{}")
    proc = env.run(
        "create", str(tmp_path / "b"), "--model", model, "--models-dir", str(home), BUNDLE_IMAGES=""
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads((tmp_path / "b" / "manifest.json").read_text())["model"] == model
