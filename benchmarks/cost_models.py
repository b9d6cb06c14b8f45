"""Cost models of real phi4-mini deployments, built from published figures.

The Ollama-API double sleeps for a configurable time per prompt token, per generated
token and per model load. These models set those times from public measurements, so a
run against the double costs what the same calls would cost on real hardware. Where no
phi4-mini figure was found, a comparable 3-4B Q4_K_M figure is used and says so.
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Source:
    """One published measurement the cost model rests on."""

    figure: str
    url: str
    note: str


@dataclass(frozen=True)
class CostModel:
    """Time the model server spends per prompt token, per generated token and per load."""

    name: str
    hardware: str
    prompt_tokens_per_s: float
    gen_tokens_per_s: float
    load_s: float
    sources: tuple[Source, ...]
    scale: float = 1.0

    @property
    def prompt_token_ms(self) -> float:
        return 1000.0 / self.prompt_tokens_per_s * self.scale

    @property
    def gen_token_ms(self) -> float:
        return 1000.0 / self.gen_tokens_per_s * self.scale

    @property
    def load_ms(self) -> float:
        return self.load_s * 1000.0 * self.scale

    def scaled(self, factor: float) -> CostModel:
        """The same model with every time multiplied by ``factor`` (ratios are unchanged)."""
        return replace(self, scale=factor)

    def double_args(self) -> list[str]:
        """Command-line options that make the Ollama-API double charge this model's times."""
        return [
            "--prompt-token-ms",
            f"{self.prompt_token_ms:.6f}",
            "--gen-token-ms",
            f"{self.gen_token_ms:.6f}",
            "--load-ms",
            f"{self.load_ms:.3f}",
        ]

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "hardware": self.hardware,
            "prompt_tokens_per_s": self.prompt_tokens_per_s,
            "gen_tokens_per_s": self.gen_tokens_per_s,
            "load_s": self.load_s,
            "scale": self.scale,
            "prompt_token_ms": round(self.prompt_token_ms, 6),
            "gen_token_ms": round(self.gen_token_ms, 6),
            "load_ms": round(self.load_ms, 3),
            "sources": [{"figure": s.figure, "url": s.url, "note": s.note} for s in self.sources],
        }


_LOAD_SOURCE = Source(
    figure="Ollama load_duration: llama3.2:3b ~0.62 s (page cache warm), 10.13 s fully cold; "
    "qwen3:4b 1.12 s",
    url="https://gh.kevintoh.cc/ollama-bench/",
    note="No published phi4-mini load time was found; these are Ollama's own load_duration "
    "figures for 3-4B Q4 models (Apple M3 Pro, Ollama 0.20.x).",
)

CPU = CostModel(
    name="cpu",
    hardware="x86 server CPU, 4 cores (Xeon E-2176G, AVX2), llama.cpp, phi4-mini Q4_K_M",
    prompt_tokens_per_s=32.08,
    gen_tokens_per_s=10.62,
    load_s=1.12,
    sources=(
        Source(
            figure="phi-4-mini Q4_K_M, stock llama.cpp, llama-bench: prompt 32.08 tok/s, "
            "generation 10.62 tok/s",
            url="https://github.com/deemwar-products/llama-cpu-benchmarks/blob/main/"
            "results/phi-4-mini_std.json",
            note="Xeon E-2176G (6c/12t, AVX2, no AVX-512), container pinned to 4 cores "
            "(docs/hardware.md of the same repository); llama-bench -p 256 / -n 128.",
        ),
        _LOAD_SOURCE,
    ),
)

GPU = CostModel(
    name="gpu",
    hardware="NVIDIA RTX 4090 (24 GB), llama.cpp/Ollama, 3-4B Q4_K_M",
    prompt_tokens_per_s=20323.0,
    gen_tokens_per_s=334.67,
    load_s=0.62,
    sources=(
        Source(
            figure="Llama-3.2-3B-Instruct Q4_K_M on RTX 4090, llama-bench pp512: 20323 tok/s",
            url="https://github.com/geerlingguy/ai-benchmarks/issues/43",
            note="No phi4-mini RTX 4090 figure was found; Llama 3.2 3B Q4_K_M is the "
            "comparable model (llama.cpp Vulkan build, ngl 99).",
        ),
        Source(
            figure="llama3.2:3b on RTX 4090 (Intel 265K PC), Ollama eval rate 334.67 tok/s",
            url="https://github.com/geerlingguy/ai-benchmarks#llama-323b",
            note="Same comparable model through Ollama. Cross-check: Phi-4-multimodal "
            "(phi4-mini language model) Q4_K_M on RTX 5090, llama-bench pp512 19904 / "
            "tg128 324 tok/s, https://huggingface.co/Swicked86/phi4-mm-gguf",
        ),
        _LOAD_SOURCE,
    ),
)

COST_MODELS: dict[str, CostModel] = {CPU.name: CPU, GPU.name: GPU}
