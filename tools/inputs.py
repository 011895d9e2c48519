"""Shared input plumbing: every calculator's input is a pydantic model with unit-named
fields, all optional so that a missing value becomes a bilingual "please give X"
instead of a schema error. Each number carries its plausible range as a ``Field``
constraint with a description, so pydantic checks it (``registry.run`` turns a violation
into a bilingual ``ToolInputError``) and the LLM sees the bounds in the tool schema.
The same models are the LangChain tools' args schemas."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from tools import defaults as d
from tools.catalogue import GpuSpec, find_gpu
from tools.errors import ToolInputError, missing
from tools.labels import label


class CalcInput(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


def bounded(field: str, *, le: float, gt: float | None = 0, ge: float | None = None) -> Any:
    """An optional number in (gt, le], or [ge, le] when ``ge`` is given, described by its label."""
    if ge is not None:
        gt = None
    return Annotated[float | None, Field(gt=gt, ge=ge, le=le, allow_inf_nan=False, description=label(field)[0])]


GPUS = bounded("gpus", le=d.MAX_GPUS)
HOURS = bounded("hours", le=d.MAX_HOURS)
PRICE_PER_GPU_HOUR = bounded("price_usd_per_gpu_hour", le=d.MAX_PRICE_USD_PER_GPU_HOUR)
GPU_PRICE = bounded("gpu_price_usd", le=10_000_000)
CAPEX = bounded("capex_usd", le=d.MAX_USD)
PARAMETERS = bounded("parameters", le=d.MAX_PARAMETERS)
TOKENS_PER_SECOND = bounded("tokens_per_second_per_gpu", le=d.MAX_TOKENS_PER_SECOND)
OPEX_PER_MONTH = bounded("opex_usd_per_month", ge=0, le=d.MAX_USD)


def need(field: str, value: float | None) -> float:
    """A value the calculation cannot do without: asked for when missing (range checked by the model)."""
    if value is None:
        raise missing(field)
    return float(value)


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
