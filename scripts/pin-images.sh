#!/usr/bin/env bash
# Prints a Kustomize `images:` list that pins every image of the Kubernetes deployment to its
# digest, for your overlay's kustomization.yaml (docs/kubernetes-guide.md, "Pin the images"):
#
#   scripts/pin-images.sh [IMAGE...]   >> deploy/k8s/overlays/mine/kustomization.yaml
#
# IMAGE: NAME:TAG as your nodes pull it (default: the images and tags that
# deploy/k8s/base/kustomization.yaml names). The digest is the one Docker recorded when the
# image was pulled from, or pushed to, a registry (`docker image inspect` RepoDigests): pull
# or push each image first. A tag can move; a digest cannot.
# Exit status: 0; 2 if an image has no registry digest here (the message says which).
set -euo pipefail

repo_root="$(cd "$(dirname "$0")/.." && pwd)"
base="$repo_root/deploy/k8s/base/kustomization.yaml"

default_images() { # NAME:TAG of every entry of the base's images: list
    awk '/^images:/ { inside = 1; next }
         inside && /^[^ #-]/ { inside = 0 }
         inside && $1 == "-" && $2 == "name:" { name = $3 }
         inside && $1 == "newTag:" { gsub(/"/, "", $2); print name ":" $2 }' "$base"
}

if [ $# -gt 0 ]; then
    images=("$@")
else
    mapfile -t images < <(default_images)
fi

missing=()
echo "images:"
for image in "${images[@]}"; do
    name="${image%:*}"
    digests="$(docker image inspect -f '{{range .RepoDigests}}{{println .}}{{end}}' "$image" 2>/dev/null || true)"
    # Prefer the digest recorded for this very name; else the first registry it came from.
    reference="$(grep -m1 "^$name@sha256:" <<<"$digests" || grep -m1 '@sha256:' <<<"$digests" || true)"
    if [ -z "$reference" ]; then
        missing+=("$image")
        continue
    fi
    echo "  - name: $name"
    [ "${reference%@*}" = "$name" ] || echo "    newName: ${reference%@*}"
    echo "    digest: ${reference#*@}"
done
if [ "${#missing[@]}" -gt 0 ]; then
    echo "pin-images: no registry digest for: ${missing[*]}" >&2
    echo "pin-images: pull them (or push them to your registry), then run this again." >&2
    exit 2
fi
