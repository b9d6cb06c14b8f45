"""The tiny-model behaviour: a real SmolLM2-135M answering through the Ollama API."""

from __future__ import annotations

import json
import time

import jsonschema
import ollama
import pytest
from double_cases import stats

from ollama_double.launcher import running_ollama_double

pytestmark = [pytest.mark.integration, pytest.mark.slow]

SCHEMA = {
    "type": "object",
    "properties": {
        "destination": {"type": "string"},
        "duration_days": {"type": "integer"},
        "interests": {"type": "array", "items": {"type": "string"}, "maxItems": 3},
    },
    "required": ["destination", "duration_days", "interests"],
}


async def test_real_tiny_model_streams_and_honours_a_schema() -> None:
    extra = ("--tiny-max-tokens", "64")
    with running_ollama_double(
        behaviour="tiny-model", models=("smollm2:135m",), extra_args=extra
    ) as url:
        client = ollama.AsyncClient(host=url)
        started = time.perf_counter()
        parts = [
            part
            async for part in await client.chat(
                model="smollm2:135m",
                messages=[{"role": "user", "content": "Name one sight in Lisbon."}],
                options={"num_predict": 24, "temperature": 0},
                stream=True,
            )
        ]
        streamed_s = time.perf_counter() - started
        structured = await client.chat(
            model="smollm2:135m",
            messages=[{"role": "user", "content": "Trip: 4 days in Lisbon for food and museums."}],
            format=SCHEMA,
            options={"temperature": 0},
        )
        counters = stats(url)
    text = "".join(p.message.content or "" for p in parts)
    final = parts[-1]
    assert final.done is True and text.strip()
    assert len(parts) > 2
    assert 0 < final.eval_count <= 24
    assert final.prompt_eval_count > 0 and final.eval_duration > 0
    value = json.loads(structured.message.content or "")
    jsonschema.validate(value, SCHEMA)
    assert counters["records"][0]["load_ms"] > 0
    assert counters["records"][1]["load_ms"] == 0
    print(f"tiny model: first streamed answer in {streamed_s:.1f}s: {text!r}; structured: {value}")
