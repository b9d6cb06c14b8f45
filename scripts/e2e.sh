#!/usr/bin/env bash
# Container end-to-end run of the real docker-compose.yml with real images.
#
#   bash scripts/e2e.sh          (make e2e)
#
# On a Debian machine it installs and starts a Docker Engine when none answers, builds a
# Python base image when python:3.13-slim cannot be pulled, builds a wheelhouse and the
# images from it, then brings the stack up as users do (`--profile cpu up -d`, then
# `run orchestrator "REQUEST"`) with tests/e2e/docker-compose.e2e.yml on top of
# docker-compose.yml. That override swaps only what cannot be pulled without a registry:
# Ollama -> the Ollama-API double (started by the real scripts/init-ollama.sh) and the
# Aspire Dashboard -> an OTLP trace receiver; when postgres:17 cannot be pulled either,
# POSTGRES_IMAGE points at a stand-in built from Debian's PostgreSQL (tests/e2e/postgres).
# The model-ready gate runs the real orchestrator image. Steps, each printing PASS or FAIL:
#   0. images build; they run as non-root without compilers (sizes printed as JSON)
#   1. one-shot plan in the orchestrator container; tools served by the mcp-server container;
#      one trace spanning orchestrator and MCP server spans
#   2. the orchestrator starts only after the model is in the store (fresh volume, slow pull):
#      the model entered the store (its manifest's time) before model-ready saw it, and
#      model-ready completed before the orchestrator started
#   3. the web app (`serve`, PostgreSQL) plans a trip over HTTP: POST /api/trips, then the
#      run's events until the end event (skipped while the image has no `serve` command)
#   4. `docker stop` ends the planner, the web app and the MCP server by SIGTERM (no SIGKILL
#      after the grace period)
#   5. BIND_ADDRESS beyond loopback without credentials: exposure-check exits 2 and the web
#      app and the dashboard never start
#   6. air-gapped (internal network, registry unreachable): works with the model preloaded;
#      with an empty volume ollama exits 1 with a clear message, model-ready exits 3 with
#      its own, and neither the orchestrator nor the web app starts
#   7. air-gap bundle round trip (scripts/airgap-bundle.sh create, then load with the pinned
#      digest of its checksum list)
# Everything it started is removed on exit (containers, networks, volumes); images stay as
# build cache. Exit status: 0 when every step passed.
#
# Env: PYTHON_IMAGE (base image; default python:3.13-slim, or a locally built Debian one),
#      POSTGRES_IMAGE (default postgres:17, or the stand-in), IMAGE_TAG (default e2e),
#      E2E_PULL_SECONDS (simulated pull time, default 8), E2E_KEEP=1 (leave the stack up).
set -euo pipefail

repo_root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo_root"

export IMAGE_TAG="${IMAGE_TAG:-e2e}"
pull_seconds="${E2E_PULL_SECONDS:-8}"
project="tpe2e$$"
project_empty="${project}empty"
work="$(mktemp -d /tmp/travel-e2e.XXXXXX)"
model="phi4-mini"
trip_start="$(date -u -d '+5 months' +%Y-%m-01)"
request="4 days in Lisbon from ${trip_start}, food and museums"
run_started=$(date +%s)
failures=0
declare -a summary=()
declare -a compose_cmd=()

log() { printf '[e2e %s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }

record() { # record STATUS STEP SECONDS DETAIL
    local line
    line="$(printf '%-4s  %-44s %4ss  %s' "$1" "$2" "$3" "$4")"
    summary+=("$line")
    echo "$line"
    if [ "$1" = FAIL ]; then failures=$((failures + 1)); fi
}

ensure_docker() {
    if ! command -v docker >/dev/null 2>&1 || ! command -v dockerd >/dev/null 2>&1; then
        if ! docker info >/dev/null 2>&1; then
            log "installing Docker Engine from Debian (docker.io) ..."
            apt-get update -qq
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io >/dev/null
        fi
    fi
    if ! docker info >/dev/null 2>&1; then
        log "starting dockerd (log: /tmp/e2e-dockerd.log) ..."
        setsid dockerd >/tmp/e2e-dockerd.log 2>&1 </dev/null &
        local waited=0
        until docker info >/dev/null 2>&1; do
            if [ "$waited" -ge 60 ]; then
                log "dockerd did not answer within 60s; last lines of /tmp/e2e-dockerd.log:"
                tail -n 20 /tmp/e2e-dockerd.log
                exit 1
            fi
            sleep 1
            waited=$((waited + 1))
        done
    fi
    # E2E_COMPOSE: v2 (`docker compose`, installed if missing), v1 (docker-compose 1.29),
    # or auto (v2 when present, else v1).
    local want="${E2E_COMPOSE:-auto}"
    case "$want" in
        auto) if docker compose version >/dev/null 2>&1; then want=v2; else want=v1; fi ;;
        v1 | v2) ;;
        *) log "E2E_COMPOSE must be v1, v2 or auto (got '$want')"; exit 2 ;;
    esac
    if [ "$want" = v2 ]; then
        docker compose version >/dev/null 2>&1 || bash scripts/install-compose-v2.sh
        compose_cmd=(docker compose)
    else
        if ! command -v docker-compose >/dev/null 2>&1; then
            log "installing docker-compose from Debian ..."
            apt-get update -qq
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose >/dev/null
        fi
        compose_cmd=(docker-compose)
    fi
    log "Docker $(docker version -f '{{.Server.Version}}'), $("${compose_cmd[@]}" version | head -n 1)"
}

choose_base_image() {
    if [ -n "${PYTHON_IMAGE:-}" ]; then
        docker image inspect "$PYTHON_IMAGE" >/dev/null 2>&1 || docker pull "$PYTHON_IMAGE"
    elif docker image inspect python:3.13-slim >/dev/null 2>&1 \
        || timeout 120 docker pull python:3.13-slim >/dev/null 2>&1; then
        PYTHON_IMAGE=python:3.13-slim
    else
        log "python:3.13-slim cannot be pulled here; using a Debian base built with debootstrap"
        PYTHON_IMAGE=localhost/debian-python:bookworm
        scripts/build-base-image.sh "$PYTHON_IMAGE"
    fi
    export PYTHON_IMAGE
    py_version="$(docker run --rm --entrypoint python3 "$PYTHON_IMAGE" \
        -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
    export WHEELHOUSE="build/wheelhouse-py${py_version}"
    log "base image $PYTHON_IMAGE (Python $py_version), wheelhouse $WHEELHOUSE"
}

choose_postgres_image() {
    postgres_standin=0
    if [ -n "${POSTGRES_IMAGE:-}" ]; then
        docker image inspect "$POSTGRES_IMAGE" >/dev/null 2>&1 || docker pull "$POSTGRES_IMAGE"
    elif docker image inspect postgres:17 >/dev/null 2>&1 \
        || timeout 120 docker pull postgres:17 >/dev/null 2>&1; then
        POSTGRES_IMAGE=postgres:17
    else
        log "postgres:17 cannot be pulled here; using Debian's PostgreSQL on a debootstrap base"
        POSTGRES_IMAGE="travel-planner-e2e/postgres:$IMAGE_TAG"
        postgres_standin=1
        scripts/build-base-image.sh localhost/debian-postgresql:bookworm postgresql
    fi
    export POSTGRES_IMAGE
}

build_images() {
    scripts/build-wheelhouse.sh "$WHEELHOUSE" "$py_version" 2>&1 | grep -v 'is ignored: it is neither' || true
    [ -f "$WHEELHOUSE/STAMP" ] || { log "wheelhouse build failed"; return 1; }
    log "building travel-planner/mcp-server:$IMAGE_TAG and travel-planner/orchestrator:$IMAGE_TAG ..."
    "${compose_cmd[@]}" --env-file "$work/e2e.env" -p "$project" -f docker-compose.yml \
        build mcp-server orchestrator >"$work/build.log" 2>&1 \
        || { tail -n 40 "$work/build.log"; return 1; }
    if [ "$postgres_standin" = 1 ]; then
        log "building $POSTGRES_IMAGE (Debian's PostgreSQL) ..."
        docker build -q -f tests/e2e/postgres/Dockerfile \
            --build-arg BASE_IMAGE=localhost/debian-postgresql:bookworm \
            -t "$POSTGRES_IMAGE" . >>"$work/build.log" 2>&1 \
            || { tail -n 40 "$work/build.log"; return 1; }
    fi
    log "building the test images (Ollama double, OTLP receiver) ..."
    local image name
    for image in ollama-double=ollama-double/Dockerfile \
        otlp-receiver=tests/e2e/otlp-receiver.Dockerfile; do
        name="${image%%=*}"
        docker build -q -f "${image#*=}" \
            --build-arg "BASE_IMAGE=travel-planner/orchestrator:$IMAGE_TAG" \
            -t "travel-planner-e2e/$name:$IMAGE_TAG" . >>"$work/build.log" 2>&1 \
            || { tail -n 40 "$work/build.log"; return 1; }
    done
    docker image ls --format '{{.Repository}}:{{.Tag}}  {{.Size}}' \
        | grep -E "^travel-planner(-e2e)?/.*:$IMAGE_TAG " || true
}

check_product_images() { # non-root user, no compiler, and their sizes
    local image uid tools problems=""
    for image in "travel-planner/orchestrator:$IMAGE_TAG" "travel-planner/mcp-server:$IMAGE_TAG"; do
        uid="$(docker run --rm --entrypoint id "$image" -u)"
        tools="$(docker run --rm --entrypoint sh "$image" -c 'command -v gcc cc make pip || true')"
        [ "$uid" != 0 ] || problems+=" $image runs as root;"
        [ -z "$tools" ] || problems+=" $image has $tools;"
        printf '%s:%s ' "${image%%:*}" "$(docker image inspect -f '{{.Size}}' "$image" | awk '{printf "%dMB", $1/1e6}')"
    done
    bash scripts/image-sizes.sh "$IMAGE_TAG" >"$work/image-sizes.json" 2>&1 || true
    [ -z "$problems" ] || { echo "$problems"; return 1; }
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

write_env_file() {
    # An explicit env file, so that a developer's .env does not change the run. Host ports are
    # free ones picked now, on 127.0.0.1, so the run does not collide with anything running.
    cat >"$work/e2e.env" <<EOF
IMAGE_TAG=$IMAGE_TAG
PYTHON_IMAGE=${PYTHON_IMAGE:-python:3.13-slim}
WHEELHOUSE=${WHEELHOUSE:-build/wheelhouse}
POSTGRES_IMAGE=$POSTGRES_IMAGE
POSTGRES_PASSWORD=$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')
OLLAMA_MODEL_ID=$model
E2E_PULL_SECONDS=$pull_seconds
TRAVEL_TOOLS_DATA_MODE=offline
BIND_ADDRESS=127.0.0.1
OLLAMA_HOST_PORT=$(free_port)
MCP_HOST_PORT=$(free_port)
ASPIRE_UI_HOST_PORT=$(free_port)
ASPIRE_OTLP_HOST_PORT=$(free_port)
WEB_HOST_PORT=$(free_port)
# The orchestrator starts after model-ready only; it has no reason to wait long itself.
OLLAMA_READY_TIMEOUT_SECONDS=15
EOF
}

compose() { # compose PROJECT [normal|airgap] -- ARGS...
    local p="$1" files=(-f docker-compose.yml -f tests/e2e/docker-compose.e2e.yml)
    shift
    case "$1" in
        airgap) files+=(-f docker-compose.airgapped.yml -f tests/e2e/docker-compose.airgap.yml); shift ;;
        normal) shift ;;
    esac
    if [ "$1" = "--" ]; then shift; fi
    "${compose_cmd[@]}" --env-file "$work/e2e.env" -p "$p" --profile cpu "${files[@]}" "$@"
}

bring_up() { # bring_up PROJECT MODE NAME -> `--profile cpu up -d`, log in $work/NAME.up
    local p="$1" mode="$2" name="$3" status=0
    log "${compose_cmd[*]} --profile cpu up -d ($name) ..."
    compose "$p" "$mode" -- up -d </dev/null >"$work/$name.up" 2>&1 || status=$?
    log "up exited with $status"
    return "$status"
}

is_before() { # is_before TIME1 TIME2 (RFC 3339, nanoseconds) -> status 0 if TIME1 < TIME2
    python3 -c '
import sys
from datetime import datetime
def parse(value):  # RFC 3339 with nanoseconds -> datetime (microseconds)
    value = value.rstrip("Z")
    head, _, frac = value.partition(".")
    return datetime.fromisoformat(head + "." + (frac + "000000")[:6])
first, second = map(parse, sys.argv[1:])
sys.exit(0 if first < second else 1)
' "$1" "$2"
}

container_of() { # container_of PROJECT SERVICE -> id of the (possibly exited) container
    docker ps -aq --filter "label=com.docker.compose.project=$1" \
        --filter "label=com.docker.compose.service=$2" --filter "label=com.docker.compose.oneoff=False" \
        | head -n 1
}

run_plan() { # run_plan PROJECT MODE NAME -> writes $work/NAME.out, returns the exit status
    local p="$1" mode="$2" name="$3" status=0
    log "${compose_cmd[*]} run orchestrator \"$request\" ($name) ..."
    compose "$p" "$mode" -- run -T --name "$name" orchestrator "$request" \
        </dev/null >"$work/$name.out" 2>&1 || status=$?
    log "orchestrator exited with $status; output: $(wc -l <"$work/$name.out") lines"
    return "$status"
}

spans_json() { # spans_json PROJECT -> the receiver's GET /spans
    compose "$1" -- exec -T aspire-dashboard python -c \
        'import urllib.request; print(urllib.request.urlopen("http://127.0.0.1:18888/spans", timeout=5).read().decode())'
}

check_plan_text() { # check_plan_text FILE -> prints what is missing, status 1 if anything is
    python3 - "$1" <<'EOF'
import re, sys
text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
missing = [f"Day {n}" for n in range(1, 5) if not re.search(rf"\bDay {n}\b", text)]
if not re.search(r"(?im)^\W*sources\b", text):
    missing.append("a Sources section")
if missing:
    print("missing: " + ", ".join(missing))
    sys.exit(1)
EOF
}

check_one_trace() { # check_one_trace SPANS_FILE -> the plan is one trace, with both services
    # Every tool call of the one-shot plan is in the trace of the plan itself (the trace
    # context crosses into the MCP server). Other orchestrator traces (the start-up readiness
    # checks of the CLI containers) hold no tool call; their root span names are printed.
    python3 - "$1" <<'EOF'
import json, sys
from collections import defaultdict
spans = json.load(open(sys.argv[1]))
services, roots = defaultdict(set), defaultdict(list)
for span in spans:
    services[span["trace_id"]].add(span.get("service_name"))
    if not span.get("parent_span_id"):
        roots[span["trace_id"]].append(span["name"])
both = [t for t, s in services.items() if {"travel-planner", "travel-mcp-server"} <= s]
with_tools = [t for t, s in services.items() if "travel-mcp-server" in s]
mcp = sum(1 for s in spans if s.get("service_name") == "travel-mcp-server")
others = sorted({n for t, s in services.items() if t not in both and "travel-planner" in s
                 for n in roots[t]})
print(f"{len(spans)} spans, {mcp} from travel-mcp-server, all in {len(with_tools)} trace(s); "
      f"{len(both)} with spans of both services"
      + (f"; other orchestrator traces: {', '.join(others)}" if others else ""))
sys.exit(0 if len(both) == 1 and with_tools == both else 1)
EOF
}

wait_for_spans() { # wait_for_spans PROJECT FILE: poll until the check passes (export is batched)
    local deadline=$(($(date +%s) + 30))
    while :; do
        spans_json "$1" >"$2" 2>/dev/null || echo '[]' >"$2"
        if check_one_trace "$2" >/dev/null 2>&1 || [ "$(date +%s)" -ge "$deadline" ]; then
            check_one_trace "$2"
            return
        fi
        sleep 2
    done
}

container_logs() { # container_logs CONTAINER [docker logs options] -> its whole log
    local id="$1"
    shift
    docker logs "$@" "$id" >"$work/logs.tmp" 2>&1 || true
    cat "$work/logs.tmp"
}

log_time() { # log_time CONTAINER PATTERN -> RFC 3339 time of the first matching log line
    local lines
    lines="$(container_logs "$1" -t)"
    awk -v pat="$2" 'index($0, pat) { print $1; exit }' <<<"$lines"
}

manifest_time() { # manifest_time PROJECT -> RFC 3339 time the model's manifest entered the store
    # The moment the model became visible to anyone asking Ollama (it lists what has a
    # manifest). Read from the volume itself: the same clock as Docker's log timestamps.
    docker run --rm --network none -v "${1}_ollama-models:/store:ro" --entrypoint python \
        "travel-planner/mcp-server:$IMAGE_TAG" -c '
import os, sys
from datetime import datetime, timezone
name, _, tag = sys.argv[1].partition(":")
path = "/store/models/manifests/registry.ollama.ai/library/%s/%s" % (name, tag or "latest")
stamp = datetime.fromtimestamp(os.stat(path).st_mtime, timezone.utc)
print(stamp.strftime("%Y-%m-%dT%H:%M:%S.%fZ"))' "$model" 2>/dev/null || true
}

step_plan_and_ordering() {
    local t0 status detail ollama gate orchestrator started pulled gate_done gate_exit
    t0=$(date +%s)
    status=0
    bring_up "$project" normal "${project}-up" || { status=$?; tail -n 20 "$work/${project}-up.up"; }
    [ "$status" -ne 0 ] || run_plan "$project" normal "${project}-plan" || status=$?
    ollama="$(container_of "$project" ollama)"
    gate="$(container_of "$project" model-ready)"
    orchestrator="$(container_of "$project" orchestrator)"

    # Step 1: the plan, the tools, the trace.
    if [ "$status" -ne 0 ]; then
        tail -n 30 "$work/${project}-plan.out"
        record FAIL "1 one-shot plan in the container" $(($(date +%s) - t0)) "orchestrator exit $status"
    elif ! detail="$(check_plan_text "$work/${project}-plan.out")"; then
        tail -n 40 "$work/${project}-plan.out"
        record FAIL "1 one-shot plan in the container" $(($(date +%s) - t0)) "$detail"
    else
        sed -n '1,200p' "$work/${project}-plan.out" | sed 's/^/    | /'
        record PASS "1 one-shot plan in the container" $(($(date +%s) - t0)) "exit 0, Day 1-4 and Sources present"
    fi
    if detail="$(wait_for_spans "$project" "$work/spans.json")"; then
        record PASS "1 tools via mcp-server, one shared trace" $(($(date +%s) - t0)) "$detail"
    else
        record FAIL "1 tools via mcp-server, one shared trace" $(($(date +%s) - t0)) "$detail"
    fi
    compose "$project" -- logs --no-color mcp-server >"$work/mcp.log" 2>&1 || true
    tail -n 5 "$work/mcp.log" | sed 's/^/    mcp-server | /'

    # Step 2: the pull began on the fresh volume, the model entered the store (manifest
    # written: from then on Ollama lists it), model-ready saw it and exited 0, and only then
    # did the orchestrator container of `up` start. The script's own "pull complete" line is
    # not the reference: it comes after the pull command has exited, which is later than the
    # moment the store has the model. (`run` starts model-ready again, so its first completion
    # is read from its log.)
    started="$(docker inspect -f '{{.State.StartedAt}}' "$orchestrator" 2>/dev/null || true)"
    pull_began="$(log_time "$ollama" "pulling it")"
    pulled="$(manifest_time "$project")"
    gate_done="$(log_time "$gate" "Ready: Ollama at")"
    gate_exit="$(docker inspect -f '{{.State.ExitCode}}' "$gate" 2>/dev/null || echo '?')"
    container_logs "$ollama" | grep -F 'init-ollama:' | sed 's/^/    ollama | /' || true
    container_logs "$gate" | head -n 4 | sed 's/^/    model-ready | /' || true
    echo "    pull began at $pull_began; model in the store at $pulled; model-ready saw it at $gate_done (exit $gate_exit); orchestrator started at $started"
    if [ -n "$started" ] && [ -n "$pull_began" ] && [ -n "$pulled" ] && [ "$gate_exit" = 0 ] \
        && [ -n "$gate_done" ] && is_before "$pull_began" "$pulled" \
        && is_before "$pulled" "$gate_done" && is_before "$gate_done" "$started"; then
        record PASS "2 orchestrator starts after the model pull" $(($(date +%s) - t0)) "pull took ${pull_seconds}s on a fresh volume; model-ready exit 0 after it, then the orchestrator"
    else
        record FAIL "2 orchestrator starts after the model pull" $(($(date +%s) - t0)) "began='$pull_began' pulled='$pulled' gate='$gate_exit $gate_done' started='$started'"
    fi
    docker rm -f "${project}-plan" >/dev/null 2>&1 || true
}

serve_available() { # whether the orchestrator image has the web app's `serve` command
    docker run --rm --network none --entrypoint travel-planner \
        "travel-planner/orchestrator:$IMAGE_TAG" serve --help >/dev/null 2>&1
}

web_plan() { # web_plan BASE_URL -> plans $request over the HTTP API, prints a summary
    python3 - "$1" "$request" <<'EOF'
import json, re, sys, time, urllib.error, urllib.request
base, request = sys.argv[1], sys.argv[2]

def call(method, path, body=None, timeout=10.0):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method,
                                 headers={"Content-Type": "application/json",
                                          "Accept": "application/json"})
    try:
        return urllib.request.urlopen(req, timeout=timeout)
    except urllib.error.HTTPError as exc:
        if path == "/ready":
            raise
        sys.exit(f"{method} {path} answered {exc.code}: {exc.read().decode(errors='replace')[:300]}")

deadline = time.monotonic() + 120
while True:  # the app is up once /ready answers 200 (database, Ollama + model, MCP server)
    try:
        with call("GET", "/ready") as answer:
            if answer.status == 200:
                break
    except (urllib.error.URLError, OSError) as exc:
        problem = exc
    if time.monotonic() > deadline:
        sys.exit(f"GET /ready never answered 200 within 120s ({problem})")
    time.sleep(1)

with call("POST", "/api/trips", {"request": request}) as answer:
    status, created = answer.status, json.load(answer)
if status != 202 or not {"id", "run_id"} <= created.keys():
    sys.exit(f"POST /api/trips answered {status} {created}")

events, text = [], []
req = urllib.request.Request(f"{base}/api/runs/{created['run_id']}/events",
                             headers={"Accept": "text/event-stream"})
kind = "message"
with urllib.request.urlopen(req, timeout=300) as stream:
    for raw in stream:
        line = raw.decode("utf-8").rstrip("\r\n")
        if line.startswith("event:"):
            kind = line[6:].strip()
        elif line.startswith("data:"):
            text.append(line[5:].strip())
        elif not line:
            events.append(kind)
            if kind == "end":
                break
            kind = "message"
counts = {k: events.count(k) for k in dict.fromkeys(events)}
stream_text = "\n".join(text)
with call("GET", f"/api/trips/{created['id']}") as answer:
    stored = answer.read().decode("utf-8")
missing = [f"Day {n}" for n in range(1, 5) if not re.search(rf"Day {n}\b", stored)]
if "end" not in events or "error" in events or missing:
    sys.exit(f"events {counts}; stored trip lacks {missing}; stream tail: {stream_text[-300:]}")
print(f"202 then {len(events)} events {counts}; the stored trip has Day 1-4")
EOF
}

step_web_plan() {
    local t0 detail port
    t0=$(date +%s)
    if ! serve_available; then
        record SKIP "3 web app plans a trip over HTTP" 0 "the orchestrator image has no 'serve' command yet"
        return
    fi
    port="$(sed -n 's/^WEB_HOST_PORT=//p' "$work/e2e.env")"
    log "web app on 127.0.0.1:$port: POST /api/trips, then the run's events ..."
    if detail="$(web_plan "http://127.0.0.1:$port" 2>&1)"; then
        record PASS "3 web app plans a trip over HTTP" $(($(date +%s) - t0)) "$detail"
    else
        container_logs "$(container_of "$project" web)" | tail -n 20 | sed 's/^/    web | /'
        record FAIL "3 web app plans a trip over HTTP" $(($(date +%s) - t0)) "$detail"
    fi
}

step_stop_is_prompt() {
    # docker stop sends SIGTERM and, after 10s, SIGKILL (exit 137). Any other exit status
    # means the process ended on SIGTERM itself; the seconds are printed for reference.
    local t0 service id began ended code detail="" failed=0
    t0=$(date +%s)
    for service in orchestrator web mcp-server; do
        id="$(container_of "$project" "$service")"
        if [ -z "$id" ] || [ "$(docker inspect -f '{{.State.Running}}' "$id")" != true ]; then
            [ "$service" = web ] && ! serve_available && continue
            detail+="$service not running; "
            failed=1
            continue
        fi
        began=$(date +%s%N)
        docker stop "$id" >/dev/null
        ended=$(date +%s%N)
        code="$(docker inspect -f '{{.State.ExitCode}}' "$id")"
        detail+="$service exit $code in $(((ended - began) / 1000000))ms; "
        [ "$code" != 137 ] || failed=1
    done
    if [ "$failed" = 0 ]; then
        record PASS "4 docker stop ends containers by SIGTERM" $(($(date +%s) - t0)) "$detail"
    else
        record FAIL "4 docker stop ends containers by SIGTERM" $(($(date +%s) - t0)) "$detail"
    fi
}

step_exposure_refused() {
    local t0 p="${project}expose" status=0 check dashboard log
    t0=$(date +%s)
    log "BIND_ADDRESS=0.0.0.0 without credentials: up -d aspire-dashboard ..."
    BIND_ADDRESS=0.0.0.0 compose "$p" -- up -d aspire-dashboard </dev/null >"$work/expose.up" 2>&1 || status=$?
    check="$(container_of "$p" exposure-check)"
    log="$(container_logs "$check")"
    printf '%s\n' "$log" | sed 's/^/    exposure-check | /'
    dashboard="$(container_of "$p" aspire-dashboard)"
    local dash_ran=never
    if [ -n "$dashboard" ]; then
        dash_ran="$(docker container inspect -f '{{.State.StartedAt}}' "$dashboard")"
        [ "$dash_ran" != "0001-01-01T00:00:00Z" ] || dash_ran=never
    fi
    if [ "$status" -ne 0 ] && [ -n "$check" ] \
        && [ "$(docker inspect -f '{{.State.ExitCode}}' "$check")" = 2 ] \
        && grep -qF "WEB_AUTH_TOKEN" <<<"$log" && [ "$dash_ran" = never ]; then
        record PASS "5 exposure without credentials refused" $(($(date +%s) - t0)) "exposure-check exit 2 naming what to set; the dashboard never started"
    else
        tail -n 5 "$work/expose.up"
        record FAIL "5 exposure without credentials refused" $(($(date +%s) - t0)) "up exit $status, dashboard started '$dash_ran'"
    fi
    compose "$p" -- down -v --remove-orphans >/dev/null 2>&1 || true
}

step_airgapped_preloaded() {
    local t0 status detail internal ollama
    t0=$(date +%s)
    # Same project, so the same ollama-models volume (the model is in it); new, internal network.
    compose "$project" -- down --remove-orphans >/dev/null 2>&1
    status=0
    bring_up "$project" airgap "${project}-airgap" || { status=$?; tail -n 20 "$work/${project}-airgap.up"; }
    [ "$status" -ne 0 ] || run_plan "$project" airgap "${project}-airgap" || status=$?
    internal="$(docker network inspect -f '{{.Internal}}' "${project}_travel" 2>/dev/null || echo '?')"
    ollama="$(container_of "$project" ollama)"
    if [ "$status" -eq 0 ] && [ "$internal" = true ] \
        && detail="$(check_plan_text "$work/${project}-airgap.out")" \
        && grep -qF "already in the store" <<<"$(container_logs "$ollama")"; then
        record PASS "6 air-gapped, model preloaded" $(($(date +%s) - t0)) "internal network, no pull, plan made"
    else
        tail -n 30 "$work/${project}-airgap.out"
        record FAIL "6 air-gapped, model preloaded" $(($(date +%s) - t0)) "exit $status, internal=$internal ${detail:-}"
    fi
    docker rm -f "${project}-airgap" >/dev/null 2>&1 || true
}

step_airgapped_missing_model() {
    local t0 status ollama ollama_exit ollama_log gate gate_exit gate_log orchestrator orch_ran message
    local service started
    t0=$(date +%s)
    status=0
    bring_up "$project_empty" airgap "${project_empty}-up" || status=$?
    ollama="$(container_of "$project_empty" ollama)"
    ollama_exit="$(docker inspect -f '{{.State.ExitCode}} {{.State.Running}}' "$ollama" 2>/dev/null || echo '?')"
    ollama_log="$(container_logs "$ollama")"
    gate="$(container_of "$project_empty" model-ready)"
    gate_exit="$(docker inspect -f '{{.State.ExitCode}} {{.State.Running}}' "$gate" 2>/dev/null || echo '?')"
    gate_log="$(container_logs "$gate")"
    grep -F 'init-ollama:' <<<"$ollama_log" | sed 's/^/    ollama | /' || true
    tail -n 3 <<<"$gate_log" | sed 's/^/    model-ready | /'
    sed 's/^/    compose | /' "$work/${project_empty}-up.up" | tail -n 4
    # Neither the orchestrator nor the web app may have run: no container, or one that never
    # started.
    orch_ran=never
    for service in orchestrator web; do
        orchestrator="$(container_of "$project_empty" "$service")"
        if [ -n "$orchestrator" ]; then
            started="$(docker container inspect -f '{{.State.StartedAt}}' "$orchestrator")"
            [ "$started" = "0001-01-01T00:00:00Z" ] || orch_ran="$service at $started"
        fi
    done
    message=ok
    grep -qF "could not pull model \"$model\"" <<<"$ollama_log" || message="ollama: no 'could not pull model' line"
    grep -qF "docs/air-gapped.md" <<<"$ollama_log" || message="ollama: no pointer to docs/air-gapped.md"
    grep -qF "Ollama stopped while the model was missing" <<<"$gate_log" || message="model-ready: no 'Ollama stopped' line"
    grep -qF "docker compose logs ollama" <<<"$gate_log" || message="model-ready: no pointer to the ollama logs"
    if [ "$status" -ne 0 ] && [ "${ollama_exit% *}" = 1 ] && [ "${ollama_exit#* }" = false ] \
        && [ "${gate_exit% *}" = 3 ] && [ "${gate_exit#* }" = false ] \
        && [ "$message" = ok ] && [ "$orch_ran" = never ]; then
        record PASS "6 air-gapped, model missing" $(($(date +%s) - t0)) "ollama exit 1, model-ready exit 3, both with the message; orchestrator and web app never started"
    else
        record FAIL "6 air-gapped, model missing" $(($(date +%s) - t0)) "up exit $status, ollama '$ollama_exit', model-ready '$gate_exit', started: '$orch_ran', message: $message"
    fi
    compose "$project_empty" -- down -v --remove-orphans >/dev/null 2>&1 || true
}

step_bundle_round_trip() {
    # scripts/airgap-bundle.sh: bundle the product images, the PostgreSQL image and the model
    # volume, drop them, load the bundle back with the digest create printed, and plan once
    # more on the internal network from what was loaded.
    local t0 status=0 bundle="$work/bundle" images digest
    t0=$(date +%s)
    if [ ! -f scripts/airgap-bundle.sh ]; then
        record SKIP "7 air-gap bundle round trip" 0 "scripts/airgap-bundle.sh not present"
        return
    fi
    images="travel-planner/orchestrator:$IMAGE_TAG travel-planner/mcp-server:$IMAGE_TAG $POSTGRES_IMAGE"
    compose "$project" -- down --remove-orphans >/dev/null 2>&1
    log "airgap-bundle.sh create (images: $images; model volume ${project}_ollama-models) ..."
    if ! bash scripts/airgap-bundle.sh create "$bundle" --images "$images" --project "$project" \
        --model "$model" --wheelhouse "$WHEELHOUSE" --python "$py_version" >"$work/bundle.log" 2>&1; then
        tail -n 20 "$work/bundle.log"
        record FAIL "7 air-gap bundle round trip" $(($(date +%s) - t0)) "airgap-bundle.sh create failed"
        return
    fi
    digest="$(sed -n 's/^checksum list digest: sha256://p' "$work/bundle.log")"
    log "bundle: $(du -sh "$bundle" | cut -f1), checksum list digest ${digest:-missing}; removing the model volume and the images ..."
    compose "$project" -- down -v --remove-orphans >/dev/null 2>&1
    # shellcheck disable=SC2086 # three image names
    if ! docker image rm $images >/dev/null; then
        record FAIL "7 air-gap bundle round trip" $(($(date +%s) - t0)) "could not remove the images before load"
        return
    fi
    log "airgap-bundle.sh load ..."
    if ! bash scripts/airgap-bundle.sh load "$bundle" --digest "$digest" --project "$project" >>"$work/bundle.log" 2>&1; then
        tail -n 20 "$work/bundle.log"
        record FAIL "7 air-gap bundle round trip" $(($(date +%s) - t0)) "airgap-bundle.sh load failed"
        return
    fi
    bring_up "$project" airgap "${project}-bundle" || { status=$?; tail -n 20 "$work/${project}-bundle.up"; }
    [ "$status" -ne 0 ] || run_plan "$project" airgap "${project}-bundle" || status=$?
    docker rm -f "${project}-bundle" >/dev/null 2>&1 || true
    if [ "$status" -eq 0 ] && check_plan_text "$work/${project}-bundle.out" >/dev/null \
        && grep -qF "already in the store" <<<"$(container_logs "$(container_of "$project" ollama)")"; then
        record PASS "7 air-gap bundle round trip" $(($(date +%s) - t0)) "create, load with the pinned digest (images + model volume), plan on the internal network"
    else
        tail -n 20 "$work/${project}-bundle.out"
        record FAIL "7 air-gap bundle round trip" $(($(date +%s) - t0)) "plan after load failed (exit $status)"
    fi
}

teardown() {
    local status=$?
    if [ "${E2E_KEEP:-0}" = 1 ]; then
        log "E2E_KEEP=1: leaving projects $project and $project_empty up (files in $work)"
        return
    fi
    if [ "${#compose_cmd[@]}" -gt 0 ] && [ -f "$work/e2e.env" ]; then
        log "tearing down (containers, networks, volumes of $project and $project_empty) ..."
        for p in "$project" "$project_empty" "${project}expose"; do
            compose "$p" -- down -v --remove-orphans >/dev/null 2>&1 || true
            docker rm -f "${p}-plan" "${p}-airgap" "${p}-bundle" >/dev/null 2>&1 || true
        done
    fi
    rm -rf "$work"
    exit "$status"
}

main() {
    trap teardown EXIT
    trap 'exit 130' INT TERM
    local t0 detail
    t0=$(date +%s)
    ensure_docker
    choose_base_image
    choose_postgres_image
    write_env_file
    build_images || { record FAIL "0 build images" $(($(date +%s) - t0)) "see the build log above"; exit 1; }
    record PASS "0 build images" $(($(date +%s) - t0)) "base $PYTHON_IMAGE, wheelhouse $WHEELHOUSE"
    if detail="$(check_product_images)"; then
        record PASS "0 images: non-root, no compiler" 0 "$detail"
    else
        record FAIL "0 images: non-root, no compiler" 0 "$detail"
    fi
    sed 's/^/    /' "$work/image-sizes.json"

    step_plan_and_ordering
    step_web_plan
    step_stop_is_prompt
    step_exposure_refused
    step_airgapped_preloaded
    step_airgapped_missing_model
    step_bundle_round_trip

    echo
    echo "== container end-to-end summary ($(($(date +%s) - run_started))s, ${compose_cmd[*]}) =="
    printf '%s\n' "${summary[@]}"
    if [ "$failures" -eq 0 ]; then
        echo "E2E: PASS"
    else
        echo "E2E: FAIL ($failures step(s) failed)"
        exit 1
    fi
}

main "$@"
