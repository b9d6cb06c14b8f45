#!/usr/bin/env bash
# Build a minimal Debian bookworm image with Python 3 from the Debian archive, for
# machines that cannot pull python:3.13-slim from a container registry.
# Usage: scripts/build-base-image.sh [IMAGE_NAME [PACKAGE...]]
#   IMAGE_NAME  default localhost/debian-python:SUITE
#   PACKAGE     more Debian packages to include (e.g. postgresql, for the end-to-end run's
#               stand-in of the official postgres image)
# Env: DEBIAN_SUITE (bookworm: Python 3.11; trixie: Python 3.13), DEBIAN_MIRROR.
# Needs root, debootstrap and a running Docker Engine. Skips work if the image exists.
set -euo pipefail

suite="${DEBIAN_SUITE:-bookworm}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
image="${1:-localhost/debian-python:$suite}"
shift $(($# > 0 ? 1 : 0))
packages="python3,python3-venv,python-is-python3,ca-certificates"
for package in "$@"; do
    packages="$packages,$package"
done

if docker image inspect "$image" >/dev/null 2>&1; then
    echo "base image $image already exists, nothing to do"
    exit 0
fi

if ! command -v debootstrap >/dev/null 2>&1; then
    echo "debootstrap not found; installing it with apt-get" >&2
    apt-get update -qq && apt-get install -y -qq debootstrap
fi

rootfs="$(mktemp -d /tmp/base-rootfs.XXXXXX)"
trap 'rm -rf "$rootfs"' EXIT

echo "debootstrap $suite (minbase + $packages) into $rootfs ..."
debootstrap --variant=minbase --include="$packages" \
    "$suite" "$rootfs" "$mirror" >/tmp/debootstrap.log 2>&1 || {
    echo "debootstrap failed; last lines of /tmp/debootstrap.log:" >&2
    tail -n 20 /tmp/debootstrap.log >&2
    exit 1
}

# Package caches and docs are not needed at run time; dropping them keeps the base small.
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* \
    "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/locale/*

echo "importing as $image ..."
tar -C "$rootfs" -c . | docker import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV LANG=C.UTF-8' \
    --change 'CMD ["python3"]' \
    - "$image" >/dev/null
docker image ls "$image"
