#!/bin/sh
# Entrypoint of the ollama service: start the server, make sure the configured model is in
# the store (pulling it once if needed), load it, then keep serving in the foreground.
#
# Env: OLLAMA_MODEL_ID (required), OLLAMA_STARTUP_TIMEOUT_SECONDS (60),
#      OLLAMA_MODELS (store, default $HOME/.ollama/models), OLLAMA_HOST (bind address).
# Exit status: that of `ollama serve`; 1 if the server does not come up or the model is
# neither present nor pullable (offline / air-gapped without a preloaded volume); 2 if a
# setting is malformed (the message names it).
set -u

model="${OLLAMA_MODEL_ID:-}"
startup_timeout="${OLLAMA_STARTUP_TIMEOUT_SECONDS:-60}"
store="${OLLAMA_MODELS:-${HOME:-/root}/.ollama/models}"
# Seconds the server keeps answering after a failed pull, before the script exits: whatever
# waits for the model (the compose file's model-ready gate) then sees "server up, model
# missing" and reports a failed pull, rather than a host that never answered.
linger_after_failed_pull=5
linger=0

log() {
    echo "init-ollama: $*"
}

fail() {
    echo "init-ollama: ERROR: $1" >&2
    shift
    for line in "$@"; do
        echo "init-ollama:   $line" >&2
    done
    if [ "$linger" -gt 0 ]; then
        sleep "$linger"
    fi
    stop_server
    exit 1
}

stop_server() {
    if [ -n "${server_pid:-}" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid" 2>/dev/null
        wait "$server_pid" 2>/dev/null
    fi
}

on_signal() {
    log "stopping ollama serve (pid $server_pid)"
    kill -TERM "$server_pid" 2>/dev/null
    wait "$server_pid"
    exit $?
}

if [ -z "$model" ]; then
    echo "init-ollama: ERROR: OLLAMA_MODEL_ID is not set; set it to the model to serve (e.g. phi4-mini)." >&2
    exit 1
fi
# A model name is [host/][namespace/]name[:tag] made of letters, digits and . _ - : /. Anything
# else, or a leading "-" (which the CLI would read as an option, e.g. --help), is refused.
case "$model" in
    -* | *[!A-Za-z0-9._:/-]*)
        echo "init-ollama: ERROR: OLLAMA_MODEL_ID='$model' is not a model name (expected e.g. phi4-mini or qwen2.5:7b)." >&2
        exit 2
        ;;
esac
case "$startup_timeout" in
    '' | *[!0-9]*)
        echo "init-ollama: ERROR: OLLAMA_STARTUP_TIMEOUT_SECONDS='$startup_timeout' is not a whole number of seconds (e.g. 60)." >&2
        exit 2
        ;;
esac

ollama serve &
server_pid=$!
trap on_signal TERM INT

log "waiting for ollama serve (pid $server_pid) to answer (up to ${startup_timeout}s) ..."
waited=0
until ollama list >/dev/null 2>&1; do
    if ! kill -0 "$server_pid" 2>/dev/null; then
        wait "$server_pid"
        fail "ollama serve exited with status $? before answering; see the lines above."
    fi
    if [ "$waited" -ge "$startup_timeout" ]; then
        fail "ollama serve did not answer within ${startup_timeout}s (OLLAMA_STARTUP_TIMEOUT_SECONDS)."
    fi
    if [ $((waited % 10)) -eq 0 ] && [ "$waited" -gt 0 ]; then
        log "still waiting for ollama serve (${waited}s) ..."
    fi
    sleep 1
    waited=$((waited + 1))
done
log "ollama serve is up after ${waited}s"

if ollama show -- "$model" >/dev/null 2>&1; then
    log "model $model is already in the store ($store), no pull needed"
else
    log "model $model is not in the store ($store); pulling it (this can take a while) ..."
    if ! ollama pull -- "$model"; then
        linger=$linger_after_failed_pull
        fail "could not pull model \"$model\": it is not in the store ($store) and the pull failed." \
            "If this machine is offline or air-gapped, preload the ollama-models volume with the" \
            "model from a connected machine (see docs/air-gapped.md), or set OLLAMA_MODEL_ID to a" \
            "model that is already there (ollama list)."
    fi
    if ! ollama show -- "$model" >/dev/null 2>&1; then
        fail "ollama pull reported success but model \"$model\" is still not in the store ($store)."
    fi
    log "pull of $model complete"
fi

# An empty prompt loads the model into memory without generating anything, so the first
# request does not pay the load time.
log "loading $model ..."
if ollama run -- "$model" "" </dev/null >/dev/null; then
    log "model $model is present and loaded; serving"
else
    log "WARNING: loading $model failed (see above); it stays in the store and will load on first use"
fi

wait "$server_pid"
