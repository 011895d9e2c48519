"""The accelerator catalogue: GPU names → published specs (from ``hardware.toml``)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_CATALOGUE_FILE = Path(__file__).with_name("hardware.toml")


@dataclass(frozen=True)
class GpuSpec:
    key: str
    name: str
    peak_flops_bf16_dense: float
    power_watts: float
    memory_gb: float
    source: str
    aliases: tuple[str, ...]


def _norm(name: str) -> str:
    """Case-, space- and punctuation-insensitive form: "H100-SXM" == "h100 sxm" == "H100SXM"."""
    name = name.lower().replace("إ", "ا").replace("أ", "ا")
    name = re.sub(r"(?<=\d)s\b", "", name)  # "H100s" → "h100"
    return re.sub(r"[\s\-_/.]+", "", name)


@lru_cache(maxsize=1)
def load_catalogue() -> dict[str, GpuSpec]:
    data = tomllib.loads(_CATALOGUE_FILE.read_text(encoding="utf-8"))
    return {
        key: GpuSpec(
            key=key,
            name=row["name"],
            peak_flops_bf16_dense=float(row["peak_flops_bf16_dense"]),
            power_watts=float(row["power_watts"]),
            memory_gb=float(row["memory_gb"]),
            source=row["source"],
            aliases=tuple(row.get("aliases", [])),
        )
        for key, row in data["gpu"].items()
    }


@lru_cache(maxsize=1)
def _alias_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for key, spec in load_catalogue().items():
        for alias in (key, spec.name, *spec.aliases):
            index[_norm(alias)] = key
    return index


def find_gpu(name: str) -> GpuSpec | None:
    """Look a GPU up by any of its names; None when unknown."""
    key = _alias_index().get(_norm(name))
    if key is None:
        stripped = _norm(re.sub(r"(?i)\bnvidia\b", "", name))
        key = _alias_index().get(stripped)
    return load_catalogue()[key] if key else None


def gpu_name_pattern() -> str:
    """A regex alternation matching every known alias (longest first), for the extractor."""
    names = set()
    for spec in load_catalogue().values():
        names.update([spec.key, *spec.aliases])
    parts = sorted(names, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"[\s\-]?").replace(r"\-", r"[\s\-]?") for p in parts)
