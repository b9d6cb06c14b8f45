#!/usr/bin/env bash
# Sizes of the two product images as JSON on stdout, for the benchmark and for people:
#
#   scripts/image-sizes.sh [TAG]        (TAG default: $IMAGE_TAG, else latest)
#
# {"tag": "latest", "images": {"orchestrator": {"image": "travel-planner/orchestrator:latest",
#   "bytes": 270000000, "base_image": "python:3.13-slim", "base_bytes": 124000000,
#   "added_bytes": 146000000, "goal_bytes": 180000000, "within_goal": false}, "mcp-server": ...}}
#
# Sizes are Docker's uncompressed image sizes in bytes (as `docker image ls` shows them, MB =
# 10^6 bytes). added_bytes is what the image puts on top of its base (the base it was built
# from is in the image's org.opencontainers.image.base.name label); null when that base is not
# in the local image store. An image that is not built shows as null with a reason.
# Exit status: 0, or 3 when Docker does not answer (the JSON then says so).
set -euo pipefail

tag="${1:-${IMAGE_TAG:-latest}}"
declare -A goal=([orchestrator]=180000000 [mcp-server]=200000000)

size_of() { docker image inspect -f '{{.Size}}' "$1" 2>/dev/null || true; }

if ! docker info >/dev/null 2>&1; then
    printf '{"tag": "%s", "error": "Docker does not answer (docker info failed)", "images": null}\n' "$tag"
    exit 3
fi

rows=()
for name in orchestrator mcp-server; do
    image="travel-planner/$name:$tag"
    bytes="$(size_of "$image")"
    base="" base_bytes=""
    if [ -n "$bytes" ]; then
        base="$(docker image inspect -f '{{index .Config.Labels "org.opencontainers.image.base.name"}}' "$image")"
        [ -z "$base" ] || base_bytes="$(size_of "$base")"
    fi
    rows+=("$name" "$image" "${bytes:-}" "${base:-}" "${base_bytes:-}" "${goal[$name]}")
done

python3 - "$tag" "${rows[@]}" <<'PYTHON'
import json
import sys

tag, values = sys.argv[1], sys.argv[2:]
images = {}
for i in range(0, len(values), 6):
    name, image, size, base, base_size, goal = values[i : i + 6]
    if not size:
        images[name] = {"image": image, "bytes": None, "reason": "not built"}
        continue
    added = int(size) - int(base_size) if base_size else None
    images[name] = {
        "image": image,
        "bytes": int(size),
        "base_image": base or None,
        "base_bytes": int(base_size) if base_size else None,
        "added_bytes": added,
        "goal_bytes": int(goal),
        "within_goal": int(size) <= int(goal),
    }
print(json.dumps({"tag": tag, "images": images}, indent=2))
PYTHON
