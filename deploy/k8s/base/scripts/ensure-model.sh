#!/bin/sh
# Runs in the Ollama init container: makes sure OLLAMA_MODEL_ID is in the model store (the
# PVC) before the Ollama server container starts, so nothing ever asks for a missing model.
#   OLLAMA_MODEL_SOURCE=pull       pull the model when it is missing (needs registry egress);
#                                  a model already in the store is never pulled again.
#   OLLAMA_MODEL_SOURCE=preloaded  air-gapped: never pull; wait until the store holds the
#                                  model (copied in from the bundle) and say how to copy it.
set -eu

model="${OLLAMA_MODEL_ID:?OLLAMA_MODEL_ID is not set}"
source="${OLLAMA_MODEL_SOURCE:-pull}"
wait_limit="${OLLAMA_PRELOAD_WAIT_SECONDS:-3600}"
store="${OLLAMA_MODELS:-$HOME/.ollama/models}"
pod="${POD_NAME:-ollama-0}"
namespace="${POD_NAMESPACE:-travel-planner}"
log="${TMPDIR:-/tmp}/ollama-init.log"

# A model name is [host/][namespace/]name[:tag]; a leading "-" would be read as an option.
case "$model" in
  -* | *[!A-Za-z0-9._:/-]*)
    echo "OLLAMA_MODEL_ID='$model' is not a model name (expected e.g. phi4-mini or qwen2.5:7b)" >&2
    exit 2
    ;;
esac

case "$source" in
  pull | preloaded) ;;
  *)
    echo "OLLAMA_MODEL_SOURCE must be 'pull' or 'preloaded', not '$source'" >&2
    exit 2
    ;;
esac

# A private server on loopback, alive only while this script runs.
export OLLAMA_HOST=127.0.0.1:11434
ollama serve >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT

waited=0
until ollama list >/dev/null 2>&1; do
  if [ "$waited" -ge 60 ]; then
    echo "the temporary ollama server did not answer within 60s; its log:" >&2
    cat "$log" >&2
    exit 1
  fi
  sleep 1
  waited=$((waited + 1))
done

if ollama show -- "$model" >/dev/null 2>&1; then
  echo "model $model is already in the store ($store)"
  exit 0
fi

if [ "$source" = pull ]; then
  echo "model $model is not in the store; pulling it (progress below)"
  ollama pull -- "$model"
  ollama show -- "$model" >/dev/null
  echo "model $model pulled into $store"
  exit 0
fi

waited=0
while ! ollama show -- "$model" >/dev/null 2>&1; do
  if [ $((waited % 60)) -eq 0 ]; then
    echo "model $model is not in $store and this cluster does not pull models."
    echo "copy the store from the air-gapped bundle into this pod's volume, for example:"
    echo "  kubectl -n $namespace exec -i $pod -c ensure-model -- tar -x -C $HOME/.ollama < ollama/ollama-models.tar"
  fi
  if [ "$waited" -ge "$wait_limit" ]; then
    echo "model $model did not appear in $store within ${wait_limit}s; giving up" >&2
    exit 1
  fi
  sleep 5
  waited=$((waited + 5))
done
echo "model $model found in $store"
