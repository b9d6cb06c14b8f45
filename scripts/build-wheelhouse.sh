#!/usr/bin/env bash
# Build a wheelhouse for the container images from the lock file, so that images can be
# built with `pip install --no-index --find-links` (no registry access at build time).
#
# Usage: scripts/build-wheelhouse.sh OUT_DIR [PYTHON_VERSION]
#   PYTHON_VERSION: the Python of the image's base (X.Y), default 3.13 (python:3.13-slim).
#                   Use 3.11 for a Debian bookworm base (scripts/build-base-image.sh).
# Env: WHEEL_ARCH (default: this machine's, e.g. x86_64), PIP (pip command to use), UV,
#      FORCE=1 (rebuild even when OUT_DIR matches uv.lock already).
#
# OUT_DIR receives the wheels plus:
#   requirements-orchestrator.txt, requirements-mcp-server.txt  (uv export, with hashes)
#   requirements-build.txt                                       (build backend for the projects)
#   PYTHON_VERSION                                               (checked by the Dockerfiles)
#   STAMP                                                        (lock hash: skip when unchanged)
set -euo pipefail

if [ $# -lt 1 ] || [ "$1" = "-h" ] || [ "$1" = "--help" ]; then
    sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
fi

out="$1"
py_version="${2:-${PYTHON_VERSION:-3.13}}"
arch="${WHEEL_ARCH:-$(uname -m)}"
repo_root="$(cd "$(dirname "$0")/.." && pwd)"

case "$py_version" in
    3.1[1-9]) ;;
    *) echo "unsupported Python version '$py_version' (expected 3.11 or newer, as X.Y)" >&2; exit 2 ;;
esac

# uv from PATH, else the private copy `make` installs under .cache/tools.
uv="${UV:-$(command -v uv || echo "$repo_root/.cache/tools/bin/uv")}"
if [ ! -x "$uv" ]; then
    echo "uv not found: install it (pip install uv==0.13.8) or run 'make install' first" >&2
    exit 1
fi

if [ -n "${PIP:-}" ]; then
    read -r -a pip_cmd <<<"$PIP"
elif python3 -m pip --version >/dev/null 2>&1; then
    pip_cmd=(python3 -m pip)
else
    pip_cmd=("$uv" tool run pip)
fi

mkdir -p "$out"
out="$(cd "$out" && pwd)"

# Up to date when built from the same lock for the same Python and architecture.
stamp="$(sha256sum "$repo_root/uv.lock" | cut -d' ' -f1) $py_version $arch"
if [ -f "$out/STAMP" ] && [ "$(cat "$out/STAMP")" = "$stamp" ] && [ "${FORCE:-0}" != 1 ]; then
    echo "wheelhouse $out is up to date (uv.lock unchanged, Python $py_version, $arch); FORCE=1 rebuilds"
    exit 0
fi
rm -f "$out/STAMP"

echo "exporting requirements from uv.lock ..."
(
    cd "$repo_root"
    "$uv" export --frozen --no-dev --no-emit-workspace --no-header --quiet \
        --package travel-planner -o "$out/requirements-orchestrator.txt"
    "$uv" export --frozen --no-dev --no-emit-workspace --no-header --quiet \
        --package travel-mcp-server -o "$out/requirements-mcp-server.txt"
)
# The projects themselves are built from source inside the image; pip needs their build
# backend (pyproject.toml [build-system]) in the wheelhouse to do that offline.
echo "hatchling>=1.27" >"$out/requirements-build.txt"

# Wheels that match the image's Python and a glibc Linux on this architecture.
platform_args=()
for tag in manylinux1 manylinux2010 manylinux2014 \
    manylinux_2_17 manylinux_2_24 manylinux_2_26 manylinux_2_27 manylinux_2_28 \
    manylinux_2_31 manylinux_2_34 manylinux_2_35 manylinux_2_36; do
    platform_args+=(--platform "${tag}_${arch}")
done
abi="cp${py_version/./}"

for req in requirements-orchestrator.txt requirements-mcp-server.txt requirements-build.txt; do
    echo "downloading wheels for $req (Python $py_version, $arch) ..."
    "${pip_cmd[@]}" download --quiet --disable-pip-version-check \
        --only-binary=:all: --implementation cp --python-version "$py_version" \
        --abi "$abi" "${platform_args[@]}" \
        --dest "$out" -r "$out/$req"
done

echo "$py_version" >"$out/PYTHON_VERSION"
echo "$stamp" >"$out/STAMP"
count="$(find "$out" -maxdepth 1 -name '*.whl' | wc -l)"
echo "wheelhouse ready: $out ($count wheels, $(du -sh "$out" | cut -f1), Python $py_version)"
