"""Shared input plumbing: every calculator's input is a pydantic model with unit-named
fields, all optional so that a missing value becomes a bilingual "please give X"
instead of a schema error. The same models are the LangChain tools' args schemas."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from tools.catalogue import GpuSpec, find_gpu
from tools.errors import ToolInputError


class CalcInput(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


def resolve_gpu(name: str | None) -> GpuSpec | None:
    if name is None:
        return None
    spec = find_gpu(name)
    if spec is None:
        raise ToolInputError(
            "gpu",
            f"I don't know the GPU '{name}'. Give its peak FLOP/s or power explicitly.",
            f"لا أعرف وحدة GPU باسم '{name}'. يرجى ذكر ذروة أدائها أو قدرتها صراحةً.",
        )
    return spec
