"""The double's settings (what ``serve`` flags and ``OLLAMA_DOUBLE_*`` variables set)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ollama_double.costmodel import CostModel

OLLAMA_VERSION = "0.13.0"


@dataclass
class DoubleConfig:
    store_dir: str | None = None
    behaviour: str = "tools"
    model_behaviours: dict[str, str] = field(default_factory=dict)
    cost: CostModel = field(default_factory=CostModel)
    # slow
    slow_first_ms: float = 3000.0
    slow_chunk_ms: float = 250.0
    # errors
    error_count: int = 0  # 0 = every call fails
    error_status: int = 500
    error_message: str = "llama runner process has terminated: exit status 2"
    error_mode: str = "http"  # http | midstream
    # pull
    pull_seconds: float = 0.0
    offline: bool = False
    registry_host: str = "registry.ollama.ai"
    registry_models: tuple[str, ...] = ()  # empty = every name can be pulled
    # oracle and replay: initial tables (POST /_double/answers and /_double/replay add more)
    answers: dict[str, Any] = field(default_factory=dict)
    replay: list[Any] = field(default_factory=list)
    # serving
    default_keep_alive: str = "5m"
    num_parallel: int = 1
    prefix_cache: bool = True
    max_tool_rounds: int = 1
    parallel_tool_calls: int = 1
    tiny_max_tokens: int = 256
    tiny_n_ctx: int = 4096
    tiny_threads: int = 2
    tiny_tools: str = "prompt"  # prompt | constrained
    version: str = OLLAMA_VERSION


_DURATION_UNITS = {"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "ms": 1e-3, "s": 1, "m": 60, "h": 3600}


def parse_keep_alive(value: Any, default: str) -> float | None:
    """Seconds to keep a model loaded; None = forever; 0 = unload at once."""
    if value is None or value == "":
        value = default
    if isinstance(value, bool):
        raise ValueError("invalid keep_alive")
    if isinstance(value, int | float):
        seconds = float(value)
    else:
        text = str(value).strip()
        if re.fullmatch(r"-?\d+(\.\d+)?", text):
            seconds = float(text)
        else:
            matches = re.findall(r"(-?\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)", text)
            if not matches or "".join(n + u for n, u in matches) != text:
                raise ValueError(f"time: invalid duration {text!r}")
            seconds = sum(float(n) * _DURATION_UNITS[u] for n, u in matches)
    return None if seconds < 0 else seconds
