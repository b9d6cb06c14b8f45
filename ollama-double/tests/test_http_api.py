"""The double's HTTP API driven with plain httpx: pulls, store, errors, timing counters."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import httpx
import pytest
from double_cases import WEATHER_TOOL, stats

from ollama_double.launcher import running_ollama_double

pytestmark = pytest.mark.integration

USER = {"role": "user", "content": "Weather in Oslo from 2027-06-01 to 2027-06-02?"}


def ndjson(response: httpx.Response) -> list[dict]:
    return [json.loads(line) for line in response.text.splitlines() if line.strip()]


def test_root_version_tags_and_show(double: str) -> None:
    root = httpx.get(f"{double}/")
    assert (root.status_code, root.text) == (200, "Ollama is running")
    assert httpx.head(f"{double}/").status_code == 200
    assert httpx.get(f"{double}/api/version").json()["version"]
    tags = httpx.get(f"{double}/api/tags").json()["models"]
    phi = next(m for m in tags if m["name"] == "phi4-mini:latest")
    assert phi["size"] > 0 and len(phi["digest"]) == 64
    assert phi["details"]["family"] == "phi3"
    shown = httpx.post(f"{double}/api/show", json={"model": "phi4-mini:latest"}).json()
    assert shown["details"]["parameter_size"] == "3.8B"
    assert shown["model_info"]["phi3.context_length"] == 131072
    assert "tools" in shown["capabilities"]


def test_errors_for_absent_models_and_bad_requests(double: str) -> None:
    show = httpx.post(f"{double}/api/show", json={"model": "mistral"})
    assert (show.status_code, show.json()) == (404, {"error": "model 'mistral' not found"})
    chat = httpx.post(f"{double}/api/chat", json={"model": "mistral", "messages": []})
    assert chat.status_code == 404
    assert chat.json() == {"error": 'model "mistral" not found, try pulling it first'}
    gen = httpx.post(f"{double}/api/generate", json={"model": "mistral"})
    assert gen.status_code == 404
    assert httpx.post(f"{double}/api/chat", json={"messages": []}).json() == {
        "error": "model is required"
    }
    assert httpx.post(f"{double}/api/chat", content=b"{nope").status_code == 400
    bad_keep_alive = httpx.post(
        f"{double}/api/chat", json={"model": "phi4-mini", "messages": [], "keep_alive": "later"}
    )
    assert bad_keep_alive.status_code == 400
    delete = httpx.request("DELETE", f"{double}/api/delete", json={"model": "mistral"})
    assert delete.status_code == 404


def test_generate_warms_the_model_and_keep_alive_zero_unloads(double: str) -> None:
    warm = httpx.post(
        f"{double}/api/generate", json={"model": "phi4-mini", "keep_alive": "30m", "stream": False}
    ).json()
    assert warm["done"] is True and warm["done_reason"] == "load" and warm["response"] == ""
    loaded = httpx.get(f"{double}/api/ps").json()["models"]
    assert [m["name"] for m in loaded] == ["phi4-mini:latest"]
    assert loaded[0]["expires_at"] > "2026"
    unload = httpx.post(f"{double}/api/generate", json={"model": "phi4-mini", "keep_alive": 0})
    assert ndjson(unload)[-1]["done_reason"] == "unload"
    assert httpx.get(f"{double}/api/ps").json()["models"] == []
    chat_warm = httpx.post(
        f"{double}/api/chat", json={"model": "phi4-mini", "messages": [], "stream": False}
    ).json()
    assert chat_warm["done_reason"] == "load" and chat_warm["message"]["content"] == ""
    assert len(httpx.get(f"{double}/api/ps").json()["models"]) == 1
    # The statistics list each load or unload request, in order, apart from the calls.
    requests = httpx.get(f"{double}/_double/stats").json()["load_requests"][-3:]
    assert [r["reason"] for r in requests] == ["load", "unload", "load"]
    assert requests[0]["received_at"] <= requests[1]["received_at"] <= requests[2]["received_at"]
    prompt = httpx.post(
        f"{double}/api/generate",
        json={"model": "phi4-mini", "prompt": "Describe Madrid", "stream": False},
    ).json()
    assert "Madrid" in prompt["response"] and prompt["eval_count"] > 0


def test_changing_num_ctx_reloads_the_model(double: str) -> None:
    httpx.post(f"{double}/api/generate", json={"model": "phi4-mini", "keep_alive": 0})
    body = {"model": "phi4-mini", "messages": [USER], "stream": False}
    for num_ctx in (4096, 4096, 8192, 8192):
        httpx.post(f"{double}/api/chat", json={**body, "options": {"num_ctx": num_ctx}})
    assert stats(double)["loads"] == 2


def test_num_predict_cuts_the_answer(double: str) -> None:
    body = {
        "model": "phi4-mini",
        "messages": [{"role": "user", "content": "Tell me about Berlin"}],
        "stream": False,
        "options": {"num_predict": 3},
    }
    reply = httpx.post(f"{double}/api/chat", json=body).json()
    assert reply["done_reason"] == "length"
    assert reply["eval_count"] <= 3


def test_pull_streams_progress_and_writes_the_store(tmp_path: Path) -> None:
    store = tmp_path / "models"
    extra = ("--pull-seconds", "0.4", "--registry-models", "phi4-mini,qwen3")
    with running_ollama_double(models=(), store_dir=store, extra_args=extra) as url:
        assert httpx.get(f"{url}/api/tags").json() == {"models": []}
        lines = ndjson(httpx.post(f"{url}/api/pull", json={"model": "phi4-mini"}, timeout=30))
        assert lines[0] == {"status": "pulling manifest"}
        layer_lines = [item for item in lines if "digest" in item]
        assert layer_lines and all(item["status"].startswith("pulling ") for item in layer_lines)
        assert all(0 <= item["completed"] <= item["total"] for item in layer_lines)
        assert [item["status"] for item in lines[-3:]] == [
            "verifying sha256 digest",
            "writing manifest",
            "success",
        ]
        assert [m["name"] for m in httpx.get(f"{url}/api/tags").json()["models"]] == [
            "phi4-mini:latest"
        ]
        not_streamed = httpx.post(f"{url}/api/pull", json={"model": "qwen3", "stream": False})
        assert not_streamed.json() == {"status": "success"}
        unknown = ndjson(httpx.post(f"{url}/api/pull", json={"model": "no-such-model"}))
        assert unknown[-1] == {"error": "pull model manifest: file does not exist"}
    manifest_path = store / "manifests/registry.ollama.ai/library/phi4-mini/latest"
    manifest = json.loads(manifest_path.read_text())
    assert manifest["schemaVersion"] == 2
    for ref in [manifest["config"], *manifest["layers"]]:
        blob = store / "blobs" / ref["digest"].replace(":", "-")
        data = blob.read_bytes()
        assert len(data) == ref["size"]
        assert "sha256:" + hashlib.sha256(data).hexdigest() == ref["digest"]
    assert any(layer["mediaType"].endswith("image.model") for layer in manifest["layers"])


def test_a_copied_store_works_on_another_server(tmp_path: Path) -> None:
    source = tmp_path / "source"
    with running_ollama_double(models=("phi4-mini", "qwen2.5:7b"), store_dir=source) as url:
        before = httpx.get(f"{url}/api/tags").json()["models"]
    copy = tmp_path / "elsewhere" / "models"
    shutil.copytree(source, copy)
    shutil.rmtree(source)
    with running_ollama_double(models=(), store_dir=copy, extra_args=("--offline",)) as url:
        after = httpx.get(f"{url}/api/tags").json()["models"]
        chat = httpx.post(
            f"{url}/api/chat",
            json={"model": "qwen2.5:7b", "messages": [USER], "stream": False},
        )
    assert sorted((m["name"], m["digest"], m["size"]) for m in after) == sorted(
        (m["name"], m["digest"], m["size"]) for m in before
    )
    assert chat.status_code == 200


def test_offline_pull_fails_naming_the_registry() -> None:
    with running_ollama_double(models=(), extra_args=("--offline",)) as url:
        streamed = ndjson(httpx.post(f"{url}/api/pull", json={"model": "phi4-mini"}))
        plain = httpx.post(f"{url}/api/pull", json={"model": "phi4-mini", "stream": False})
        tags = httpx.get(f"{url}/api/tags").json()
    assert streamed[0] == {"status": "pulling manifest"}
    message = streamed[-1]["error"]
    assert message.startswith("pull model manifest: Get ")
    assert "registry.ollama.ai" in message
    assert plain.status_code == 500 and plain.json()["error"] == message
    assert tags == {"models": []}


def test_errors_behaviour_fails_the_first_calls_then_recovers() -> None:
    body = {"model": "phi4-mini", "messages": [USER], "stream": False}
    with running_ollama_double(behaviour="errors", extra_args=("--error-count", "2")) as url:
        codes = [httpx.post(f"{url}/api/chat", json=body).status_code for _ in range(3)]
        first = httpx.post(f"{url}/api/chat", json=body)
        records = stats(url)["records"]
    assert codes == [500, 500, 200]
    assert first.status_code == 200
    assert [r["status"] for r in records] == [500, 500, 200, 200]


def test_errors_behaviour_always_and_midstream() -> None:
    body = {"model": "phi4-mini", "messages": [USER]}
    with running_ollama_double(behaviour="errors") as url:
        always = [httpx.post(f"{url}/api/chat", json=body) for _ in range(2)]
    assert [r.status_code for r in always] == [500, 500]
    assert always[0].json() == {"error": "llama runner process has terminated: exit status 2"}
    extra = ("--error-mode", "midstream", "--error-message", "boom")
    with running_ollama_double(behaviour="errors", extra_args=extra) as url:
        response = httpx.post(f"{url}/api/chat", json=body)
    lines = ndjson(response)
    assert response.status_code == 200
    assert lines[0]["done"] is False
    assert lines[-1] == {"error": "boom"}


def test_json_text_tools_and_per_model_override() -> None:
    body = {"messages": [USER], "tools": [WEATHER_TOOL], "stream": False}
    extra = ("--model-behaviour", "qwen3=tools")
    with running_ollama_double(
        behaviour="json-text-tools", models=("phi4-mini", "qwen3"), extra_args=extra
    ) as url:
        phi = httpx.post(f"{url}/api/chat", json={**body, "model": "phi4-mini"}).json()
        qwen = httpx.post(f"{url}/api/chat", json={**body, "model": "qwen3"}).json()
        switched = httpx.post(f"{url}/_double/behaviour", json={"behaviour": "no-tools"})
        plain = httpx.post(f"{url}/api/chat", json={**body, "model": "phi4-mini"}).json()
    assert "tool_calls" not in phi["message"]
    call = json.loads(phi["message"]["content"])
    assert call == {
        "name": "weather",
        "arguments": {
            "place": "Oslo",
            "start_date": "2027-06-01",
            "end_date": "2027-06-02",
            "country": "Norway",
        },
    }
    assert qwen["message"]["tool_calls"][0]["function"]["name"] == "weather"
    assert switched.status_code == 200
    assert "tool_calls" not in plain["message"] and "Oslo" in plain["message"]["content"]


def test_slow_behaviour_and_cost_model_report_durations() -> None:
    extra = (
        "--slow-first-ms", "300", "--slow-chunk-ms", "20",
        "--prompt-token-ms", "1", "--gen-token-ms", "2", "--load-ms", "100",
    )  # fmt: skip
    body = {"model": "phi4-mini", "messages": [{"role": "user", "content": "Tell me about Athens"}]}
    with running_ollama_double(behaviour="slow", extra_args=extra) as url:
        first = ndjson(httpx.post(f"{url}/api/chat", json=body, timeout=60))
        second = ndjson(httpx.post(f"{url}/api/chat", json=body, timeout=60))
        counters = stats(url)
    final = first[-1]
    assert final["done"] is True
    for field in ("total_duration", "load_duration", "prompt_eval_duration", "eval_duration"):
        assert final[field] > 0
    assert counters["loads"] == 1
    assert counters["cost_model"] == {"prompt_token_ms": 1.0, "gen_token_ms": 2.0, "load_ms": 100.0}
    assert counters["calls"] == 2
    # The second, identical prompt is served from the slot's cache but for its last token.
    assert second[-1]["prompt_eval_count"] == 1
    assert counters["evaluated_tokens"] == final["prompt_eval_count"] + 1
    assert counters["prompt_tokens"] == counters["evaluated_tokens"] + counters["cached_tokens"]
    assert counters["generated_tokens"] == final["eval_count"] + second[-1]["eval_count"]
    assert [r["message_count"] for r in counters["records"]] == [1, 1]
    assert counters["records"][0]["load_ms"] > counters["records"][1]["load_ms"]
