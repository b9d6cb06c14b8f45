"""An on-disk model store laid out the way Ollama lays out ``OLLAMA_MODELS``.

::

    <root>/manifests/registry.ollama.ai/library/<name>/<tag>   JSON manifest
    <root>/blobs/sha256-<hex>                                   content-addressed blobs

A manifest references a config blob and a list of layers (model weights,
template, params, license) by ``sha256:<hex>`` digest and size. The blobs
written here are small stand-ins (a few KiB), but every digest is the real
sha256 of the blob's bytes, so a store copied to another directory or machine
(the air-gapped path) is read back exactly like Ollama's.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

DEFAULT_REGISTRY = "registry.ollama.ai"
DEFAULT_NAMESPACE = "library"
DEFAULT_TAG = "latest"

MEDIA_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json"
MEDIA_CONFIG = "application/vnd.docker.container.image.v1+json"
MEDIA_MODEL = "application/vnd.ollama.image.model"
MEDIA_TEMPLATE = "application/vnd.ollama.image.template"
MEDIA_PARAMS = "application/vnd.ollama.image.params"
MEDIA_LICENSE = "application/vnd.ollama.image.license"

# What a few well-known models look like (family, parameter size, quantization,
# context length). Anything else gets a generic description.
KNOWN_MODELS: dict[str, dict[str, Any]] = {
    "phi4-mini": {"family": "phi3", "parameter_size": "3.8B", "context_length": 131072},
    "qwen2.5": {"family": "qwen2", "parameter_size": "7.6B", "context_length": 32768},
    "qwen3": {"family": "qwen3", "parameter_size": "8.2B", "context_length": 40960},
    "llama3.2": {"family": "llama", "parameter_size": "3.2B", "context_length": 131072},
    "llama3.1": {"family": "llama", "parameter_size": "8.0B", "context_length": 131072},
    "smollm2": {"family": "llama", "parameter_size": "134.52M", "context_length": 8192},
    "mistral": {"family": "llama", "parameter_size": "7.2B", "context_length": 32768},
}
GENERIC_MODEL = {"family": "llama", "parameter_size": "3.2B", "context_length": 8192}


class InvalidModelName(ValueError):
    """The name cannot be parsed as an Ollama model reference."""


@dataclass(frozen=True)
class ModelName:
    """A parsed model reference.

    ``phi4-mini`` == ``phi4-mini:latest`` == ``registry.ollama.ai/library/phi4-mini:latest``.
    """

    host: str
    namespace: str
    model: str
    tag: str

    @classmethod
    def parse(cls, raw: str) -> ModelName:
        name = (raw or "").strip()
        if not name:
            raise InvalidModelName("model is required")
        for scheme in ("https://", "http://"):
            if name.startswith(scheme):
                name = name[len(scheme) :]
        tag = DEFAULT_TAG
        last = name.rsplit("/", 1)[-1]
        if ":" in last:
            base, tag = name.rsplit(":", 1)
            name = base
        parts = [p for p in name.split("/") if p]
        if not parts or not tag:
            raise InvalidModelName(f"invalid model name {raw!r}")
        if len(parts) == 1:
            host, namespace, model = DEFAULT_REGISTRY, DEFAULT_NAMESPACE, parts[0]
        elif len(parts) == 2:
            host, (namespace, model) = DEFAULT_REGISTRY, parts
        else:
            host, namespace, model = parts[0], "/".join(parts[1:-1]), parts[-1]
        for piece in (host, model, tag, *namespace.split("/")):
            if piece in (".", "..") or any(c in piece for c in "\\ \t\n"):
                raise InvalidModelName(f"invalid model name {raw!r}")
        return cls(host=host, namespace=namespace, model=model.lower(), tag=tag)

    @property
    def display(self) -> str:
        """The short name Ollama shows (``phi4-mini:latest``, ``user/m:tag``)."""
        if self.host == DEFAULT_REGISTRY and self.namespace == DEFAULT_NAMESPACE:
            return f"{self.model}:{self.tag}"
        if self.host == DEFAULT_REGISTRY:
            return f"{self.namespace}/{self.model}:{self.tag}"
        return f"{self.host}/{self.namespace}/{self.model}:{self.tag}"

    def manifest_relpath(self) -> Path:
        return Path("manifests", self.host, *self.namespace.split("/"), self.model, self.tag)

    def manifest_url(self) -> str:
        return f"https://{self.host}/v2/{self.namespace}/{self.model}/manifests/{self.tag}"


def normalize(raw: str) -> str:
    """``phi4-mini`` -> ``phi4-mini:latest`` (raises InvalidModelName)."""
    return ModelName.parse(raw).display


def model_facts(name: ModelName) -> dict[str, Any]:
    base = name.model.split(":")[0]
    for key, facts in KNOWN_MODELS.items():
        if base == key or base.startswith(key + "-") or base.startswith(key + "."):
            return facts
    return GENERIC_MODEL


def _sha256(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def default_store_dir() -> Path:
    env = os.environ.get("OLLAMA_MODELS")
    if env:
        return Path(env).expanduser()
    return Path.home() / ".ollama" / "models"


@dataclass
class Layer:
    media_type: str
    data: bytes

    @property
    def digest(self) -> str:
        return _sha256(self.data)


def build_layers(name: ModelName) -> tuple[Layer, list[Layer]]:
    """The config blob and layers a pull of ``name`` produces (deterministic per name)."""
    facts = model_facts(name)
    seed = hashlib.sha256(name.display.encode()).digest()
    # Stand-in "weights": a GGUF magic followed by deterministic filler (4 KiB).
    weights = b"GGUF" + (seed * 128)[: 4096 - 4]
    template = b"{{- range .Messages }}<|{{ .Role }}|>{{ .Content }}<|end|>{{ end }}<|assistant|>"
    params = json.dumps({"stop": ["<|end|>", "<|user|>", "<|assistant|>"]}).encode()
    license_text = f"Stand-in license text for {name.display} (test store).\n".encode()
    layers = [
        Layer(MEDIA_MODEL, weights),
        Layer(MEDIA_TEMPLATE, template),
        Layer(MEDIA_LICENSE, license_text),
        Layer(MEDIA_PARAMS, params),
    ]
    config = {
        "model_format": "gguf",
        "model_family": facts["family"],
        "model_families": [facts["family"]],
        "model_type": facts["parameter_size"],
        "file_type": "Q4_K_M",
        "architecture": "amd64",
        "os": "linux",
        "rootfs": {"type": "layers", "diff_ids": [layer.digest for layer in layers]},
    }
    return Layer(MEDIA_CONFIG, json.dumps(config).encode()), layers


class ModelStore:
    """Reads and writes models under an Ollama-style store directory."""

    def __init__(self, root: str | os.PathLike[str] | None = None) -> None:
        self.root = Path(root).expanduser() if root is not None else default_store_dir()

    # -- paths -----------------------------------------------------------------
    def blob_path(self, digest: str) -> Path:
        return self.root / "blobs" / digest.replace(":", "-")

    def manifest_path(self, name: ModelName) -> Path:
        return self.root / name.manifest_relpath()

    # -- writing ---------------------------------------------------------------
    def write_blob(self, data: bytes) -> str:
        digest = _sha256(data)
        path = self.blob_path(digest)
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.stat().st_size != len(data):
            tmp = path.with_name(path.name + "-partial")
            tmp.write_bytes(data)
            tmp.replace(path)
        return digest

    def write_manifest(self, name: ModelName, config: Layer, layers: list[Layer]) -> Path:
        manifest = {
            "schemaVersion": 2,
            "mediaType": MEDIA_MANIFEST,
            "config": {
                "mediaType": config.media_type,
                "digest": config.digest,
                "size": len(config.data),
            },
            "layers": [
                {"mediaType": layer.media_type, "digest": layer.digest, "size": len(layer.data)}
                for layer in layers
            ],
        }
        path = self.manifest_path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(manifest))
        return path

    def install(self, raw_name: str) -> str:
        """Put a model into the store at once (what a completed pull leaves behind)."""
        name = ModelName.parse(raw_name)
        config, layers = build_layers(name)
        for blob in (config, *layers):
            self.write_blob(blob.data)
        self.write_manifest(name, config, layers)
        return name.display

    def delete(self, raw_name: str) -> bool:
        """Remove the manifest and any blobs no other manifest references."""
        name = ModelName.parse(raw_name)
        path = self.manifest_path(name)
        if not path.is_file():
            return False
        path.unlink()
        parent = path.parent
        manifests_root = self.root / "manifests"
        while parent != manifests_root and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent
        still_used: set[str] = set()
        for entry in self.list_models():
            still_used.update(entry.all_digests())
        blobs = self.root / "blobs"
        if blobs.is_dir():
            for blob in blobs.iterdir():
                if blob.name.startswith("sha256-") and blob.name.replace("-", ":", 1) not in (
                    still_used
                ):
                    blob.unlink()
        return True

    # -- reading ---------------------------------------------------------------
    def get(self, raw_name: str) -> StoredModel | None:
        try:
            name = ModelName.parse(raw_name)
        except InvalidModelName:
            return None
        path = self.manifest_path(name)
        if not path.is_file():
            return None
        return StoredModel.load(self, name, path)

    def list_models(self) -> list[StoredModel]:
        root = self.root / "manifests"
        found: list[StoredModel] = []
        if not root.is_dir():
            return found
        for path in sorted(root.rglob("*")):
            if not path.is_file():
                continue
            rel = path.relative_to(root).parts
            if len(rel) < 4:
                continue
            host, *namespace, model, tag = rel
            name = ModelName(host=host, namespace="/".join(namespace), model=model, tag=tag)
            try:
                found.append(StoredModel.load(self, name, path))
            except (OSError, ValueError, KeyError):
                continue
        return found


@dataclass
class StoredModel:
    name: ModelName
    manifest: dict[str, Any]
    manifest_digest: str
    modified_at: datetime
    config: dict[str, Any]
    store: ModelStore

    @classmethod
    def load(cls, store: ModelStore, name: ModelName, path: Path) -> StoredModel:
        raw = path.read_bytes()
        manifest = json.loads(raw)
        config: dict[str, Any] = {}
        config_ref = manifest.get("config") or {}
        blob = store.blob_path(config_ref.get("digest", "")) if config_ref else None
        if blob is not None and blob.is_file():
            try:
                config = json.loads(blob.read_bytes())
            except ValueError:
                config = {}
        mtime = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
        return cls(
            name=name,
            manifest=manifest,
            manifest_digest=hashlib.sha256(raw).hexdigest(),
            modified_at=mtime,
            config=config,
            store=store,
        )

    def all_digests(self) -> list[str]:
        digests = [layer["digest"] for layer in self.manifest.get("layers", [])]
        if self.manifest.get("config"):
            digests.append(self.manifest["config"]["digest"])
        return digests

    @property
    def size(self) -> int:
        return sum(int(layer.get("size", 0)) for layer in self.manifest.get("layers", []))

    def layer_text(self, media_type: str) -> str:
        for layer in self.manifest.get("layers", []):
            if layer.get("mediaType") == media_type:
                path = self.store.blob_path(layer["digest"])
                if path.is_file():
                    return path.read_text(errors="replace")
        return ""

    def missing_blobs(self) -> list[str]:
        return [d for d in self.all_digests() if not self.store.blob_path(d).is_file()]

    def details(self) -> dict[str, Any]:
        facts = model_facts(self.name)
        family = self.config.get("model_family") or facts["family"]
        return {
            "parent_model": "",
            "format": self.config.get("model_format", "gguf"),
            "family": family,
            "families": self.config.get("model_families") or [family],
            "parameter_size": self.config.get("model_type") or facts["parameter_size"],
            "quantization_level": self.config.get("file_type", "Q4_K_M"),
        }

    def context_length(self) -> int:
        return int(model_facts(self.name)["context_length"])

    def tags_entry(self) -> dict[str, Any]:
        return {
            "name": self.name.display,
            "model": self.name.display,
            "modified_at": self.modified_at.isoformat(),
            "size": self.size,
            "digest": self.manifest_digest,
            "details": self.details(),
        }
