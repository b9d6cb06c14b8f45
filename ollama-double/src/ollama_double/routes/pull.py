"""``POST /api/pull``: streamed progress per blob, then the manifest, like Ollama.

The manifest is written before ``success`` is sent, so a model is listed from the
moment the last ``writing manifest`` line is out.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ollama_double.config import DoubleConfig
from ollama_double.responses import error, ndjson, read_json
from ollama_double.state import DoubleState, double_state
from ollama_double.store import InvalidModelName, ModelName, build_layers


def pull_failure(config: DoubleConfig, name: ModelName) -> str | None:
    """Why the registry would refuse this pull, or None."""
    if config.offline:
        host = name.host if name.host != "registry.ollama.ai" else config.registry_host
        url = name.manifest_url().replace(f"https://{name.host}/", f"https://{host}/")
        return f'pull model manifest: Get "{url}": dial tcp: lookup {host}: no such host'
    allowed = {ModelName.parse(m).display for m in config.registry_models}
    if allowed and name.display not in allowed:
        return "pull model manifest: file does not exist"
    return None


async def progress(state: DoubleState, name: ModelName) -> AsyncIterator[dict[str, Any]]:
    config = state.config
    yield {"status": "pulling manifest"}
    await asyncio.sleep(min(0.05, config.pull_seconds / 10))
    problem = pull_failure(config, name)
    if problem:
        yield {"error": problem}
        return
    cfg, layers = build_layers(name)
    blobs = [*layers, cfg]
    steps = 4
    delay = config.pull_seconds / max(1, len(blobs) * steps)
    for blob in blobs:
        total = len(blob.data)
        status = f"pulling {blob.digest[7:19]}"
        for step in range(steps + 1):
            completed = total * step // steps
            yield {"status": status, "digest": blob.digest, "total": total, "completed": completed}
            if step < steps:
                await asyncio.sleep(delay)
        state.store.write_blob(blob.data)
    yield {"status": "verifying sha256 digest"}
    yield {"status": "writing manifest"}
    state.store.write_manifest(name, cfg, layers)
    yield {"status": "success"}


async def pull(request: Request) -> Response:
    state = double_state(request)
    try:
        body = await read_json(request)
        name = ModelName.parse(body.get("model") or body.get("name") or "")
    except (ValueError, InvalidModelName) as exc:
        return error(str(exc), 400)
    state.pulls += 1
    if body.get("stream", True) is not False:
        return ndjson(progress(state, name))
    last: dict[str, Any] = {}
    async for item in progress(state, name):
        last = item
        if "error" in item:
            return error(item["error"], 500)
    return JSONResponse({"status": last.get("status", "success")})
