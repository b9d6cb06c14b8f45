#!/usr/bin/env bash
# Installs from Debian what the test suite and the container end-to-end run need beyond the
# lock file, skipping what is there already:
#   chromium, chromium-driver   browser tests of the web page (Playwright drives /usr/bin/chromium)
#   postgresql                  database tests against a real server (initdb, pg_ctl)
#   dash, shellcheck            checks of the shell scripts
#   docker.io, docker-compose   the container checks and `make e2e` (Docker Engine, Compose 1.29)
#   debootstrap                 base images where no registry is reachable
# Usage: scripts/install-ci-packages.sh   (as root, on Debian 12 or a derivative)
set -euo pipefail

packages=(chromium chromium-driver postgresql shellcheck dash docker.io docker-compose debootstrap)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f '${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
        missing+=("$package")
done
if [ "${#missing[@]}" -eq 0 ]; then
    echo "install-ci-packages: all present (${packages[*]})"
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-ci-packages: no apt-get here; install these yourself: ${missing[*]}" >&2
    exit 1
fi
echo "install-ci-packages: installing ${missing[*]} ..."
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
echo "install-ci-packages: done"
