"""The air-gapped bundle can be pinned: `create` prints the digest of its checksum list,
`load` and `verify` refuse a bundle whose list does not match it (a bundle whose files and
checksums were both replaced), and links anywhere in a bundle are refused. None of the
refusals makes a Docker call."""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path

import pytest

from tests.deploy.bundle import Env, make_store, printed_digest, sums_digest

pytestmark = pytest.mark.unit

IMAGE = "images/travel-planner_mcp-server_latest.tar"


def regenerate_sums(bundle: Path) -> None:
    """What someone replacing files would do so that plain checksums pass again."""
    files = sorted(
        str(p.relative_to(bundle))
        for p in bundle.rglob("*")
        if (p.is_file() or p.is_symlink()) and p.name != "SHA256SUMS"
    )
    listing = subprocess.run(
        ["sha256sum", *files], cwd=bundle, capture_output=True, text=True, check=True
    ).stdout
    (bundle / "SHA256SUMS").write_text(listing)


def test_create_prints_the_digest_of_its_checksum_list(env: Env, tmp_path: Path) -> None:
    proc = env.run("create", str(tmp_path / "b"))
    assert proc.returncode == 0, proc.stderr
    digest = printed_digest(proc)
    assert digest == sums_digest(tmp_path / "b")
    assert f"load DIR --digest {digest}" in proc.stdout


@pytest.mark.parametrize("form", ["plain", "prefixed", "upper"])
def test_the_pinned_digest_verifies_in_any_usual_spelling(
    env: Env, bundle: Path, form: str
) -> None:
    digest = env.extra["BUNDLE_DIGEST"]
    given = {"plain": digest, "prefixed": f"sha256:{digest}", "upper": digest.upper()}[form]
    proc = env.run("verify", str(bundle), "--digest", given, BUNDLE_DIGEST="")
    assert proc.returncode == 0, proc.stderr
    assert "matches the pinned digest" in proc.stdout


@pytest.mark.parametrize("command", ["load", "verify"])
def test_without_a_digest_nothing_is_checked_or_loaded(
    env: Env, bundle: Path, command: str
) -> None:
    proc = env.run(command, str(bundle), BUNDLE_DIGEST="")
    assert proc.returncode == 2
    assert "--digest" in proc.stderr and "--unpinned" in proc.stderr
    assert env.docker_calls() == []


def test_a_bundle_replaced_together_with_its_checksums_is_refused(env: Env, bundle: Path) -> None:
    (bundle / IMAGE).write_bytes(b"an image someone else built")
    regenerate_sums(bundle)
    assert (
        subprocess.run(["sha256sum", "--check", "--quiet", "SHA256SUMS"], cwd=bundle).returncode
        == 0
    )

    proc = env.run("load", str(bundle))

    assert proc.returncode == 2
    assert "REFUSED" in proc.stderr and "not the one that was created" in proc.stderr
    assert f"sha256:{sums_digest(bundle)}" in proc.stderr
    assert env.docker_calls() == []


def test_unpinned_checks_only_catch_damage_and_say_so(env: Env, bundle: Path) -> None:
    (bundle / IMAGE).write_bytes(b"an image someone else built")
    regenerate_sums(bundle)
    proc = env.run("verify", str(bundle), "--unpinned", BUNDLE_DIGEST="")
    assert proc.returncode == 0
    assert "not a bundle" in proc.stderr and "replaced on purpose" in proc.stderr
    assert sums_digest(bundle) in proc.stderr


@pytest.mark.parametrize("digest", ["abc", "z" * 64, "sha512:" + "0" * 64])
def test_a_malformed_digest_is_a_usage_error(env: Env, bundle: Path, digest: str) -> None:
    proc = env.run("verify", str(bundle), "--digest", digest)
    assert proc.returncode == 2
    assert "64 hexadecimal digits" in proc.stderr


def test_a_file_replaced_by_a_link_is_refused_even_when_it_points_at_the_same_bytes(
    env: Env, bundle: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "outside.tar"
    elsewhere.write_bytes((bundle / IMAGE).read_bytes())
    (bundle / IMAGE).unlink()
    (bundle / IMAGE).symlink_to(elsewhere)

    proc = env.run("load", str(bundle))

    assert proc.returncode == 2
    assert "links or special files" in proc.stderr and IMAGE in proc.stderr
    assert env.docker_calls() == []


def test_a_link_to_a_folder_outside_is_refused(env: Env, bundle: Path, tmp_path: Path) -> None:
    (bundle / "datasets" / "more").symlink_to(tmp_path, target_is_directory=True)
    proc = env.run("verify", str(bundle))
    assert proc.returncode == 2
    assert "datasets/more" in proc.stderr


def test_a_model_store_holding_a_link_is_refused(env: Env, bundle: Path) -> None:
    store = bundle / "ollama" / "ollama-models.tar"
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        link = tarfile.TarInfo("./models/blobs/sha256-innocent")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/shadow"
        tar.addfile(link)
    store.write_bytes(buffer.getvalue())
    regenerate_sums(bundle)
    # Even with a digest that matches (the operator was handed this bundle's digest).
    proc = env.run("verify", str(bundle), BUNDLE_DIGEST=sums_digest(bundle))
    assert proc.returncode == 2
    assert "ollama/ollama-models.tar holds links" in proc.stderr


def test_create_stores_the_files_a_store_links_to(env: Env, tmp_path: Path) -> None:
    home = make_store(tmp_path / "linked", {"phi4-mini": "latest"})
    blobs = home / "models" / "blobs"
    blob = next(blobs.iterdir())
    real = tmp_path / "real-blob"
    real.write_bytes(blob.read_bytes())
    blob.unlink()
    blob.symlink_to(real)

    out = tmp_path / "b"
    proc = env.run("create", str(out), "--models-dir", str(home), BUNDLE_IMAGES="")
    assert proc.returncode == 0, proc.stderr
    with tarfile.open(out / "ollama" / "ollama-models.tar") as tar:
        assert all(member.isfile() or member.isdir() for member in tar.getmembers())
    assert env.run("verify", str(out), BUNDLE_DIGEST=printed_digest(proc)).returncode == 0
