#!/usr/bin/env bash
# Air-gapped bundle of the Travel Planner: on a connected machine, `create` gathers what a
# machine without internet access needs (images, the Ollama model store, the MCP server's
# datasets, a wheelhouse to rebuild the images) plus a manifest and SHA-256 checksums, and
# prints the digest of that checksum list; on the target, `load` checks the list against
# that digest, then every checksum, and only then loads anything.
set -euo pipefail

readonly BUNDLE_FORMAT="travel-planner-airgap-bundle"
readonly BUNDLE_FORMAT_VERSION=1
readonly SUMS=SHA256SUMS
readonly MANIFEST=manifest.json
readonly STORE_TAR=ollama/ollama-models.tar
readonly DATASETS_TAR=datasets/travel-mcp-server-data.tar
readonly MARKER=.airgap-bundle.sha256 # written into the volume: which bundle filled it

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
image_tag="${IMAGE_TAG:-latest}"

usage() {
    cat <<EOF
Usage:
  airgap-bundle.sh create OUT_DIR [options]    on a connected machine: write a bundle and
                                               print the digest of its checksum list
  airgap-bundle.sh load BUNDLE_DIR --digest SHA256 [options]
                                               on the target: verify, then load it
  airgap-bundle.sh verify BUNDLE_DIR --digest SHA256
                                               the same as: load ... --verify-only
  airgap-bundle.sh --help

The digest that create prints (sha256 of the bundle's $SUMS) pins the whole bundle: carry it
to the target separately from the bundle (a ticket, a signed note), so that a bundle whose
files and checksum list were both replaced is refused.

create options:
  --images "IMG ..."   images to save (env BUNDLE_IMAGES). Default: the five images of the
                       stack, travel-planner/orchestrator:\$IMAGE_TAG,
                       travel-planner/mcp-server:\$IMAGE_TAG, \$OLLAMA_IMAGE,
                       \$ASPIRE_DASHBOARD_IMAGE and \$POSTGRES_IMAGE. An empty list bundles
                       no images.
  --models-dir DIR     take the model store from DIR, an Ollama home such as ~/.ollama
                       (env OLLAMA_MODELS_DIR). Default: the Compose volume (see --volume).
  --model ID           the model the bundle is for; create refuses a store without it
                       (env OLLAMA_MODEL_ID, default phi4-mini).
  --skip-models        bundle no model store.
  --wheelhouse DIR     copy this existing wheelhouse (made by scripts/build-wheelhouse.sh,
                       e.g. build/wheelhouse) instead of building one (env BUNDLE_WHEELHOUSE).
  --skip-wheelhouse    bundle no wheelhouse (env BUNDLE_SKIP_WHEELHOUSE=1).
  --python X.Y         Python version of the images' base, for the wheelhouse
                       (env PYTHON_VERSION, default 3.13).

load and verify options:
  --digest SHA256      digest of the checksum list, as printed by create (env BUNDLE_DIGEST;
                       "sha256:" prefix optional). Required.
  --unpinned           check the checksums without a digest: finds damage in transit, not
                       a bundle replaced on purpose (a warning says so).
  --verify-only        check the bundle and stop; needs no Docker.
  --force              replace a model store already in the volume.
  --skip-images        load no images.
  --skip-models        restore no model store.

common options:
  --project NAME       Compose project name (env COMPOSE_PROJECT_NAME, default: the name of
                       the repository folder, as Compose derives it).
  --volume NAME        volume that Ollama mounts at /root/.ollama (env OLLAMA_VOLUME,
                       default PROJECT_ollama-models).

Other env: AIRGAP_HELPER_IMAGE, an image with sh and tar used for the throwaway containers
that copy the model store in and out of the volume (default
travel-planner/mcp-server:\$IMAGE_TAG, which is always in the bundle).

Exit codes:
  0  done (or, with --verify-only, the bundle is intact)
  1  a Docker command failed part-way (the message says which; the volume is left as it was)
  2  usage error, or the bundle is incomplete, corrupt, does not match --digest or holds
     links (nothing was loaded), or create was given something it cannot bundle (missing
     image, model not in the store)
  3  Docker is unavailable (no docker command, or the daemon does not answer)
  4  load: the volume already holds a different model store; rerun with --force to replace it
EOF
}

say() { printf '%s\n' "$*"; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die() {
    local code="$1"
    shift
    local line
    for line in "$@"; do printf 'error: %s\n' "$line" >&2; done
    exit "$code"
}
usage_error() { die 2 "$@" "run 'airgap-bundle.sh --help' for the usage"; }

# parse_options COMMAND OPERAND LABEL "VALUE-OPTIONS" "FLAGS" ARGS...
# Reads a command's arguments into the caller's local variables (bash finds them in the
# caller's scope): `--some-name VALUE` sets some_name, a flag `--some-flag` sets some_flag=1,
# and the one operand sets the variable named OPERAND (LABEL names it in messages). A value
# option written with a trailing `?` ("images?") may be given an empty value.
parse_options() {
    local _command="$1" _operand="$2" _label="$3" _values=" $4 " _flags=" $5 " _name
    shift 5
    while (($#)); do
        _name="${1#--}"
        case "$1" in
            -h | --help) usage; exit 0 ;;
            --*)
                if [[ "$_values" == *" $_name "* || "$_values" == *" $_name? "* ]]; then
                    (($# > 1)) || usage_error "$1 needs a value"
                    [[ -n "$2" || "$_values" == *" $_name? "* ]] || usage_error "$1 needs a value"
                    printf -v "${_name//-/_}" '%s' "$2"
                    shift
                elif [[ "$_flags" == *" $_name "* ]]; then
                    printf -v "${_name//-/_}" '%s' 1
                else
                    usage_error "unknown option for $_command: $1"
                fi
                ;;
            -*) usage_error "unknown option for $_command: $1" ;;
            *)
                [[ -z "${!_operand}" ]] ||
                    usage_error "$_command takes one $_label, got '${!_operand}' and '$1'"
                printf -v "$_operand" '%s' "$1"
                ;;
        esac
        shift
    done
}

human_size() {
    local bytes="$1"
    awk -v b="$bytes" 'BEGIN { split("B KiB MiB GiB TiB", u); i = 1
        while (b >= 1024 && i < 5) { b /= 1024; i++ }
        printf (i == 1 ? "%d %s" : "%.1f %s"), b, u[i] }'
}

file_size() { wc -c <"$1" | tr -d ' '; }

json_str() {
    local s="${1//\\/\\\\}"
    s="${s//\"/\\\"}"
    printf '"%s"' "$s"
}

default_project() {
    # Compose's default project name: the folder of the compose file, lower-cased, with
    # anything but letters, digits, '-' and '_' dropped.
    basename "$repo_root" | tr '[:upper:]' '[:lower:]' | tr -cd 'a-z0-9_-'
}

# Path of a model's manifest inside the store, as Ollama lays it out:
# manifests/HOST/NAMESPACE/NAME/TAG (defaults registry.ollama.ai, library, latest).
model_manifest_path() {
    local model="$1" name tag host namespace rest
    name="${model%%:*}"
    tag="latest"
    [[ "$model" == *:* ]] && tag="${model#*:}"
    host="registry.ollama.ai"
    namespace="library"
    rest="$name"
    if [[ "$rest" == */*/* ]]; then
        host="${rest%%/*}"
        rest="${rest#*/}"
    fi
    if [[ "$rest" == */* ]]; then
        namespace="${rest%%/*}"
        rest="${rest#*/}"
    fi
    printf 'models/manifests/%s/%s/%s/%s' "$host" "$namespace" "$rest" "$tag"
}

# "NAME:TAG" for every model manifest listed in a store tarball.
models_in_store_tar() {
    tar -tf "$1" | sed -n 's|^\(\./\)\{0,1\}models/manifests/\([^/]*\)/\([^/]*\)/\([^/]*\)/\([^/][^/]*\)$|\2/\3/\4:\5|p' |
        sed 's|^registry\.ollama\.ai/library/||; s|^registry\.ollama\.ai/||' | sort -u
}

require_docker() {
    if ! command -v docker >/dev/null 2>&1; then
        die 3 "Docker is unavailable: no 'docker' command on PATH." \
            "install Docker Engine (or put the docker CLI on PATH) and run this again."
    fi
    if ! docker info >/dev/null 2>&1; then
        die 3 "Docker is unavailable: the daemon does not answer ('docker info' failed)." \
            "start it (systemctl start docker, or dockerd) and check that you may use it."
    fi
}

helper_image() {
    local image="${AIRGAP_HELPER_IMAGE:-travel-planner/mcp-server:$image_tag}"
    if ! docker image inspect "$image" >/dev/null 2>&1; then
        die 1 "the helper image $image (used to copy the model store) is not available." \
            "load the bundle's images first, or set AIRGAP_HELPER_IMAGE to an image with sh and tar."
    fi
    printf '%s' "$image"
}

# ---------------------------------------------------------------------------- verify

declare -a listed_files=()
declare -A expected_sum=()

# Links or special files inside the bundle could make a verified name read something else:
# only plain files and folders are accepted, in the folder and inside the model store tar.
refuse_links() {
    local dir="$1" found
    found="$(find "$dir" -mindepth 1 ! -type f ! -type d -printf '%P\n' | head -n 5 || true)"
    if [[ -n "$found" ]]; then
        die 2 "bundle $dir REFUSED: it holds links or special files, which a bundle made by 'create' never does:" \
            "$(paste -sd ' ' <<<"$found")" \
            "copy the bundle again as plain files (cp -rL, or tar without links); nothing was loaded."
    fi
}

refuse_links_in_tar() {
    local dir="$1" tarball="$2" found
    [[ -f "$dir/$tarball" ]] || return 0
    found="$(tar -tvf "$dir/$tarball" | awk 'substr($1, 1, 1) != "-" && substr($1, 1, 1) != "d"' | head -n 5 || true)"
    if [[ -n "$found" ]]; then
        die 2 "bundle $dir REFUSED: $tarball holds links or special files; nothing was loaded:" \
            "$found"
    fi
}

# The checksum list must be the one create wrote: its sha256 equals the digest the operator
# carried over separately. Without that, a bundle rebuilt with new files and a matching list
# would pass.
check_digest() {
    local dir="$1" want="$2" unpinned="$3" have
    have="$(sha256sum "$dir/$SUMS" | cut -d' ' -f1)"
    if [[ -z "$want" ]]; then
        if [[ "$unpinned" == 1 ]]; then
            warn "no --digest given (--unpinned): the checksums find damage in transit, not a bundle" \
                "replaced on purpose. The checksum list of this bundle has digest sha256:$have."
            return
        fi
        usage_error "load and verify need the digest that create printed: --digest SHA256 (or BUNDLE_DIGEST)." \
            "run with --unpinned to check the checksums without it."
    fi
    want="${want#sha256:}"
    want="$(printf '%s' "$want" | tr '[:upper:]' '[:lower:]')"
    [[ "$want" =~ ^[0-9a-f]{64}$ ]] || usage_error "--digest must be 64 hexadecimal digits (got '$2')."
    if [[ "$have" != "$want" ]]; then
        die 2 "bundle $dir REFUSED: its checksum list $SUMS has digest sha256:$have," \
            "not the sha256:$want you gave: the bundle is not the one that was created; nothing was loaded." \
            "get the bundle (and its digest) again from the connected machine."
    fi
    say "checksum list matches the pinned digest sha256:$want."
}

# Check every checksum before anything is loaded. Returns normally only for an intact
# bundle; any missing, corrupt or unlisted-required file ends the script with exit code 2.
verify_bundle() {
    local dir="$1" digest="$2" unpinned="$3" line_no=0 line sum path
    [[ -d "$dir" ]] || die 2 "bundle directory $dir does not exist."
    if [[ ! -f "$dir/$SUMS" && ! -L "$dir/$SUMS" ]]; then
        die 2 "bundle $dir is incomplete: it has no $SUMS file." \
            "create writes $SUMS last, so the bundle was cut short while being written or copied;" \
            "copy the whole bundle directory again (or run 'create' again on the connected machine)."
    fi
    refuse_links "$dir"
    check_digest "$dir" "$digest" "$unpinned"
    while IFS= read -r line || [[ -n "$line" ]]; do
        line_no=$((line_no + 1))
        [[ -z "$line" ]] && continue
        if [[ ! "$line" =~ ^([0-9a-f]{64})\ [\ *](.+)$ ]]; then
            die 2 "$SUMS line $line_no is not '<sha256>  <file>': the bundle is damaged; copy it again."
        fi
        sum="${BASH_REMATCH[1]}"
        path="${BASH_REMATCH[2]}"
        if [[ "$path" == /* || "/$path/" == */../* || "$path" == "$SUMS" ]]; then
            die 2 "$SUMS line $line_no names '$path', which is not a file inside the bundle; refusing it."
        fi
        listed_files+=("$path")
        expected_sum["$path"]="$sum"
    done <"$dir/$SUMS"
    [[ -n "${expected_sum[$MANIFEST]:-}" ]] || die 2 "$SUMS does not list $MANIFEST: not a bundle made by 'create'."

    local -a missing=() corrupt=() extra=()
    local actual size
    for path in "${listed_files[@]}"; do
        if [[ ! -f "$dir/$path" ]]; then
            missing+=("$path")
            continue
        fi
        size="$(file_size "$dir/$path")"
        if ((size > 100 * 1024 * 1024)); then
            say "checking $path ($(human_size "$size")) ..."
        fi
        actual="$(sha256sum "$dir/$path" | cut -d' ' -f1)"
        if [[ "$actual" != "${expected_sum[$path]}" ]]; then
            corrupt+=("$path: expected sha256 ${expected_sum[$path]}, found $actual ($(human_size "$size"))")
        fi
    done
    while IFS= read -r -d '' path; do
        path="${path#"$dir"/}"
        [[ "$path" == "$SUMS" ]] && continue
        [[ -n "${expected_sum[$path]:-}" ]] || extra+=("$path")
    done < <(find "$dir" -type f -print0)

    local item
    for item in "${extra[@]}"; do
        warn "unexpected file $item is not part of the bundle ($SUMS does not list it); it is ignored."
    done
    if ((${#missing[@]} + ${#corrupt[@]} > 0)); then
        for item in "${missing[@]}"; do printf 'error: missing file: %s\n' "$item" >&2; done
        for item in "${corrupt[@]}"; do printf 'error: corrupt file: %s\n' "$item" >&2; done
        die 2 "bundle $dir REFUSED: ${#corrupt[@]} corrupt and ${#missing[@]} missing file(s); nothing was loaded." \
            "copy the bundle again from the connected machine (all files, byte for byte) and rerun;" \
            "if the copy there is damaged too, run 'airgap-bundle.sh create' again."
    fi
    refuse_links_in_tar "$dir" "$STORE_TAR"
    say "bundle $dir verified: ${#listed_files[@]} files, all checksums match."
}

manifest_value() {
    # Values written by create sit one per line as "key": "value".
    sed -n "s/^  \"$2\": \"\\(.*\\)\",\\{0,1\\}$/\\1/p" "$1/$MANIFEST" | head -n 1
}

# ---------------------------------------------------------------------------- load

volume_probe() {
    # Prints "<entries> <marker>" for a volume: how many entries it holds at the top level
    # and which bundle filled it (empty when none).
    local helper="$1" volume="$2"
    docker run --rm --network none --user 0:0 -v "$volume:/target:ro" --entrypoint sh "$helper" -c \
        "n=\$(ls -A /target | wc -l); m=\$(cat /target/$MARKER 2>/dev/null || true); echo \"\$n \$m\""
}

extract_store() {
    local helper="$1" volume="$2" bundle="$3" sum="$4"
    docker run --rm --network none --user 0:0 -v "$volume:/target" -v "$bundle/ollama:/bundle:ro" \
        --entrypoint sh "$helper" -c \
        "set -e; tar -xf /bundle/$(basename "$STORE_TAR") -C /target; echo $sum > /target/$MARKER"
}

restore_model_store() {
    local bundle="$1" volume="$2" project="$3" force="$4"
    local sum="${expected_sum[$STORE_TAR]}" helper probe entries marker created=0
    helper="$(helper_image)"
    if docker volume inspect "$volume" >/dev/null 2>&1; then
        probe="$(volume_probe "$helper" "$volume")" || die 1 "could not read volume $volume."
        entries="${probe%% *}"
        marker="${probe#* }"
    else
        entries=0
        marker=""
        docker volume create --label "com.docker.compose.project=$project" \
            --label "com.docker.compose.volume=ollama-models" "$volume" >/dev/null ||
            die 1 "could not create volume $volume."
        created=1
    fi

    if [[ "$marker" == "$sum" ]]; then
        say "volume $volume already holds this bundle's model store; left as it is."
        return
    fi
    if ((entries == 0)); then
        say "restoring the model store into volume $volume ..."
        if ! extract_store "$helper" "$volume" "$bundle" "$sum"; then
            # The volume was empty (or new) before: put it back that way.
            if ((created)); then
                docker volume rm "$volume" >/dev/null 2>&1 || true
            else
                docker run --rm --network none --user 0:0 -v "$volume:/target" --entrypoint sh \
                    "$helper" -c 'find /target -mindepth 1 -delete' >/dev/null 2>&1 || true
            fi
            die 1 "extracting the model store into $volume failed (see above); the volume is empty again."
        fi
        return
    fi
    if [[ "$force" != 1 ]]; then
        die 4 "volume $volume already holds a model store ($entries entries) that did not come from this bundle." \
            "rerun with --force to replace it, or with --volume NAME to restore into another volume."
    fi

    # Replace: extract into a staging volume first; touch the real one only once that worked.
    local staging="${volume}-airgap-staging"
    docker volume rm "$staging" >/dev/null 2>&1 || true
    docker volume create "$staging" >/dev/null || die 1 "could not create staging volume $staging."
    say "extracting the model store into staging volume $staging ..."
    if ! extract_store "$helper" "$staging" "$bundle" "$sum"; then
        docker volume rm "$staging" >/dev/null 2>&1 || true
        die 1 "extracting the model store failed (see above); volume $volume was not touched."
    fi
    say "replacing the contents of volume $volume ..."
    if ! docker run --rm --network none --user 0:0 -v "$staging:/staging:ro" -v "$volume:/target" \
        --entrypoint sh "$helper" -c 'set -e; find /target -mindepth 1 -delete; cp -a /staging/. /target/'; then
        die 1 "copying from $staging into $volume failed; $staging still holds the complete store," \
            "rerun with --force to try again."
    fi
    docker volume rm "$staging" >/dev/null 2>&1 || true
}

cmd_load() {
    local bundle="" verify_only=0 force=0 skip_images=0 skip_models=0 unpinned=0
    local digest="${BUNDLE_DIGEST:-}"
    local project="${COMPOSE_PROJECT_NAME:-}" volume="${OLLAMA_VOLUME:-}"
    parse_options load bundle BUNDLE_DIR "digest project volume" \
        "verify-only unpinned force skip-images skip-models" "$@"
    [[ -n "$bundle" ]] || usage_error "load needs the bundle directory: airgap-bundle.sh load BUNDLE_DIR"
    [[ -d "$bundle" ]] || die 2 "bundle directory $bundle does not exist."
    bundle="$(cd "$bundle" && pwd)"
    project="${project:-$(default_project)}"
    volume="${volume:-${project}_ollama-models}"

    verify_bundle "$bundle" "$digest" "$unpinned"
    local model created
    model="$(manifest_value "$bundle" model)"
    created="$(manifest_value "$bundle" created)"
    say "bundle made $created for model ${model:-?}"
    if ((verify_only)); then
        return
    fi

    require_docker
    local path loaded=() restored="not restored (--skip-models)"
    if ((skip_images == 0)); then
        for path in "${listed_files[@]}"; do
            [[ "$path" == images/*.tar ]] || continue
            say "loading $path ..."
            docker load -i "$bundle/$path" || die 1 "docker load of $path failed (see above)."
            loaded+=("$path")
        done
    fi
    if ((skip_models == 0)); then
        if [[ -n "${expected_sum[$STORE_TAR]:-}" ]]; then
            restore_model_store "$bundle" "$volume" "$project" "$force"
            restored="in volume $volume"
        else
            restored="none in this bundle"
        fi
    fi

    say ""
    say "loaded bundle $bundle"
    say "  images:      ${#loaded[@]} loaded"
    say "  model store: $restored (model ${model:-?})"
    [[ -n "${expected_sum[$DATASETS_TAR]:-}" ]] && say "  datasets:    $bundle/$DATASETS_TAR (also inside the mcp-server image)"
    [[ -d "$bundle/wheelhouse" ]] && say "  wheelhouse:  $bundle/wheelhouse (to rebuild images offline)"
    say "next: COMPOSE_PROJECT_NAME=$project docker compose --profile cpu up   (see docs/air-gapped.md)"
}

# ---------------------------------------------------------------------------- create

default_images() {
    printf '%s\n' \
        "travel-planner/orchestrator:$image_tag" \
        "travel-planner/mcp-server:$image_tag" \
        "${OLLAMA_IMAGE:-ollama/ollama:0.31.1}" \
        "${ASPIRE_DASHBOARD_IMAGE:-mcr.microsoft.com/dotnet/aspire-dashboard:13}" \
        "${POSTGRES_IMAGE:-postgres:17}"
}

export_store_from_dir() {
    local src="$1" out="$2"
    [[ -d "$src/models" ]] ||
        die 2 "$src has no models/ folder: give the Ollama home (the folder holding models/, e.g. ~/.ollama)."
    # Only models/: the rest of an Ollama home (its private key, history) stays behind. Links
    # are stored as the files they point to: load refuses links in a store.
    tar -h -C "$src" -cf "$out" ./models
}

export_store_from_volume() {
    local volume="$1" out="$2" helper
    docker volume inspect "$volume" >/dev/null 2>&1 ||
        die 2 "volume $volume does not exist." \
            "start Ollama once so the model is pulled (make up-cpu), pass --volume or --project," \
            "or take the store from a folder with --models-dir ~/.ollama."
    helper="$(helper_image)"
    docker run --rm --network none --user 0:0 -v "$volume:/root/.ollama:ro" \
        -v "$(dirname "$out"):/out" --entrypoint sh "$helper" -c \
        "set -e; tar -h -C /root/.ollama -cf /out/$(basename "$out") ./models; chown $(id -u):$(id -g) /out/$(basename "$out")" ||
        die 1 "exporting the model store from volume $volume failed (see above)."
}

cmd_create() {
    local out="" models_dir="${OLLAMA_MODELS_DIR:-}" model="${OLLAMA_MODEL_ID:-phi4-mini}"
    local skip_models=0 skip_wheelhouse="${BUNDLE_SKIP_WHEELHOUSE:-0}" python="${PYTHON_VERSION:-3.13}"
    local wheelhouse="${BUNDLE_WHEELHOUSE:-}"
    local project="${COMPOSE_PROJECT_NAME:-}" volume="${OLLAMA_VOLUME:-}"
    # unset unless BUNDLE_IMAGES or --images lists the images (an empty list bundles none)
    local images
    [[ -z "${BUNDLE_IMAGES+x}" ]] || images="$BUNDLE_IMAGES"
    parse_options create out OUT_DIR "images? models-dir model wheelhouse python project volume" \
        "skip-models skip-wheelhouse" "$@"
    [[ -n "$out" ]] || usage_error "create needs an output directory: airgap-bundle.sh create OUT_DIR"
    [[ -z "$models_dir" || -d "$models_dir" ]] || usage_error "--models-dir $models_dir is not a directory"
    [[ -z "$wheelhouse" || -d "$wheelhouse" ]] || usage_error "--wheelhouse $wheelhouse is not a directory"
    project="${project:-$(default_project)}"
    volume="${volume:-${project}_ollama-models}"
    local -a image_list=()
    if [[ -v images ]]; then
        read -r -a image_list <<<"$images"
    else
        mapfile -t image_list < <(default_images)
    fi

    if [[ -e "$out" && ! -d "$out" ]]; then
        usage_error "$out exists and is not a directory"
    fi
    if [[ -d "$out" && -n "$(ls -A "$out")" && ! -f "$out/$MANIFEST" && ! -f "$out/$SUMS" ]]; then
        usage_error "$out is not empty and is not a bundle; choose a new or empty directory"
    fi
    if ((${#image_list[@]})) || { ((skip_models == 0)) && [[ -z "$models_dir" ]]; }; then
        require_docker
    fi

    mkdir -p "$out"
    out="$(cd "$out" && pwd)"
    # An earlier bundle here is replaced; its checksum file goes first so that a run cut
    # short never leaves something that verifies.
    rm -f "$out/$SUMS"
    local entry
    for entry in images ollama datasets wheelhouse "$MANIFEST" airgap-bundle.sh; do
        rm -rf "${out:?}/$entry"
    done
    mkdir -p "$out/images"

    local image file id image_entries=()
    for image in "${image_list[@]}"; do
        id="$(docker image inspect --format '{{.Id}}' "$image" 2>/dev/null)" ||
            die 2 "image $image is not in the local image store." \
                "build it (docker compose build) or pull it, or choose the images with BUNDLE_IMAGES / --images."
        file="images/$(printf '%s' "$image" | tr '/:@' '___').tar"
        say "saving $image -> $file ..."
        docker save -o "$out/$file" "$image" || die 1 "docker save $image failed (see above)."
        image_entries+=("{\"name\": $(json_str "$image"), \"file\": $(json_str "$file"), \"id\": $(json_str "$id")}")
    done

    local store_models="" store_source="none"
    if ((skip_models == 0)); then
        mkdir -p "$out/ollama"
        if [[ -n "$models_dir" ]]; then
            say "exporting the model store from $models_dir ..."
            export_store_from_dir "$models_dir" "$out/$STORE_TAR"
            store_source="$models_dir"
        else
            say "exporting the model store from volume $volume ..."
            export_store_from_volume "$volume" "$out/$STORE_TAR"
            store_source="volume $volume"
        fi
        store_models="$(models_in_store_tar "$out/$STORE_TAR" | paste -sd ' ' -)"
        if ! tar -tf "$out/$STORE_TAR" | grep -qxE "(\./)?$(model_manifest_path "$model")"; then
            rm -f "$out/$STORE_TAR"
            die 2 "model $model is not in the store from $store_source (it holds: ${store_models:-nothing})." \
                "pull it there first (ollama pull $model), or name the model with --model / OLLAMA_MODEL_ID."
        fi
    fi

    local data_root="$repo_root/mcp-server/src" data_dirs=()
    if [[ -d "$data_root/travel_mcp_server" ]]; then
        mapfile -t data_dirs < <(cd "$data_root" && find travel_mcp_server -type d -name data -prune | sort)
    fi
    if ((${#data_dirs[@]})); then
        mkdir -p "$out/datasets"
        tar -C "$data_root" -cf "$out/$DATASETS_TAR" "${data_dirs[@]}"
        say "bundled the MCP server datasets: ${data_dirs[*]}"
    else
        warn "no data folder found under mcp-server/src/travel_mcp_server; bundling no datasets."
    fi

    local wheelhouse_python="null"
    if [[ "$skip_wheelhouse" == 1 ]]; then
        say "wheelhouse skipped"
    elif [[ -n "$wheelhouse" ]]; then
        cp -RL "$wheelhouse" "$out/wheelhouse"
        [[ -f "$out/wheelhouse/PYTHON_VERSION" ]] && python="$(cat "$out/wheelhouse/PYTHON_VERSION")"
        wheelhouse_python="$(json_str "$python")"
        say "copied the wheelhouse from $wheelhouse (Python $python)"
    elif [[ -x "$repo_root/scripts/build-wheelhouse.sh" || -f "$repo_root/scripts/build-wheelhouse.sh" ]]; then
        say "building the wheelhouse (Python $python) ..."
        bash "$repo_root/scripts/build-wheelhouse.sh" "$out/wheelhouse" "$python" ||
            die 1 "building the wheelhouse failed (see above); rerun with --skip-wheelhouse to bundle without it."
        wheelhouse_python="$(json_str "$python")"
    else
        warn "scripts/build-wheelhouse.sh not found; bundling no wheelhouse."
    fi

    cp "${BASH_SOURCE[0]}" "$out/airgap-bundle.sh"
    chmod +x "$out/airgap-bundle.sh"

    local version commit joined
    version="$(sed -n 's/^version = "\(.*\)"/\1/p' "$repo_root/pyproject.toml" 2>/dev/null | head -n 1)"
    commit="$(git -C "$repo_root" rev-parse HEAD 2>/dev/null || true)"
    joined="$(IFS=,; printf '%s' "${image_entries[*]}")"
    {
        printf '{\n'
        printf '  "format": "%s",\n' "$BUNDLE_FORMAT"
        printf '  "format_version": "%s",\n' "$BUNDLE_FORMAT_VERSION"
        printf '  "created": "%s",\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
        printf '  "product_version": %s,\n' "$(json_str "${version:-unknown}")"
        printf '  "git_commit": %s,\n' "$(json_str "${commit:-unknown}")"
        printf '  "model": %s,\n' "$(json_str "$model")"
        printf '  "models_in_store": %s,\n' "$(json_str "$store_models")"
        printf '  "compose_project": %s,\n' "$(json_str "$project")"
        printf '  "images": [%s],\n' "$joined"
        if ((skip_models)); then
            printf '  "model_store": null,\n'
        else
            printf '  "model_store": %s,\n' "$(json_str "$STORE_TAR")"
        fi
        printf '  "datasets": %s,\n' "$( ((${#data_dirs[@]})) && json_str "$DATASETS_TAR" || echo null)"
        printf '  "wheelhouse_python": %s\n' "$wheelhouse_python"
        printf '}\n'
    } >"$out/$MANIFEST"

    # Checksums of everything, written last and renamed into place: its presence marks a
    # complete bundle.
    (cd "$out" && find . -type f ! -name "$SUMS" ! -name "$SUMS.tmp" -printf '%P\0' | sort -z |
        xargs -0 -r sha256sum) >"$out/$SUMS.tmp"
    mv "$out/$SUMS.tmp" "$out/$SUMS"

    local count total digest
    digest="$(sha256sum "$out/$SUMS" | cut -d' ' -f1)"
    count="$(wc -l <"$out/$SUMS" | tr -d ' ')"
    total="$(du -sb "$out" | cut -f1)"
    say ""
    say "bundle written to $out ($count files, $(human_size "$total"))"
    say "  images:      ${#image_list[@]} (${image_list[*]:-none})"
    say "  model store: $( ((skip_models)) && echo skipped || echo "$store_models (from $store_source)")"
    say "  datasets:    $( ((${#data_dirs[@]})) && echo "$DATASETS_TAR" || echo none)"
    say "  wheelhouse:  $( [[ -d "$out/wheelhouse" ]] && echo "wheelhouse/ (Python $python)" || echo none)"
    say "checksum list digest: sha256:$digest"
    say "carry the whole directory to the target and the digest separately, then run:"
    say "  ./airgap-bundle.sh load DIR --digest $digest"
}

main() {
    (($#)) || usage_error "missing command (create, load or verify)"
    local command="$1"
    shift
    case "$command" in
        create) cmd_create "$@" ;;
        load) cmd_load "$@" ;;
        verify) cmd_load "$@" --verify-only ;;
        -h | --help | help) usage ;;
        *) usage_error "unknown command '$command' (expected create, load or verify)" ;;
    esac
}

main "$@"
