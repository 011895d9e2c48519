"""The one result type every calculator returns, and its bilingual rendering."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal

from tools import formatting as fmt
from tools.defaults import Assumption
from tools.labels import label
from tools.titles import title

Kind = Literal["count", "money", "hours", "days", "months", "years", "flops", "percent", "watts",
               "kwh", "kw", "ratio", "usd_per_gpu_hour", "usd_per_kwh", "usd_per_mtok", "tokens", "tok_s",
               "flop_s", "number"]

_UNITS = {
    "hours": ("h", "ساعة"), "days": ("days", "يوم"), "months": ("months", "شهر"), "years": ("years", "سنة"),
    "flops": ("FLOPs", "عملية FLOP"), "watts": ("W", "واط"), "kwh": ("kWh", "كيلوواط ساعة"),
    "kw": ("kW", "كيلوواط"), "usd_per_gpu_hour": ("per GPU-hour", "لكل ساعة GPU"),
    "usd_per_kwh": ("per kWh", "لكل كيلوواط ساعة"), "usd_per_mtok": ("per million tokens", "لكل مليون رمز"),
    "tokens": ("tokens", "رمز"), "tok_s": ("tokens/s", "رمز/ثانية"), "flop_s": ("FLOP/s", "عملية/ثانية"),
}


@dataclass(frozen=True)
class Quantity:
    field: str
    value: float
    kind: Kind = "number"
    label_en: str | None = None
    label_ar: str | None = None

    def label(self, lang: str) -> str:
        en, ar = label(self.field)
        return (self.label_ar or ar) if lang == "ar" else (self.label_en or en)

    def text(self, lang: str) -> str:
        v = self.value
        if self.kind in ("money", "usd_per_gpu_hour", "usd_per_kwh", "usd_per_mtok"):
            s = fmt.money(v)
        elif self.kind == "flops" or self.kind == "flop_s":
            s = fmt.sci(v)
        elif self.kind == "percent":
            s = fmt.percent(v)
        else:
            s = fmt.number(v)
        unit = _UNITS.get(self.kind)
        if lang == "ar":
            s = fmt.isolate(s, lang)
            return f"{s} {unit[1]}" if unit else s
        return f"{s} {unit[0]}" if unit else s


@dataclass(frozen=True)
class CalcResult:
    """Inputs (with units), formula, assumptions filled in, and results of one calculation."""

    tool: str
    inputs: list[Quantity]
    formula_en: str
    formula_ar: str
    outputs: list[Quantity]
    assumptions: list[Assumption] = field(default_factory=list)
    notes_en: list[str] = field(default_factory=list)
    notes_ar: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        for q in (*self.inputs, *self.outputs):
            if not math.isfinite(q.value):
                raise ArithmeticError(f"{self.tool}: non-finite {q.field}")

    @property
    def values(self) -> dict[str, float]:
        """Machine-readable inputs and outputs by field name."""
        return {q.field: q.value for q in (*self.inputs, *self.outputs)}

    def numbers(self) -> list[float]:
        return [q.value for q in (*self.inputs, *self.outputs)] + [a.value for a in self.assumptions]

    def render(self, lang: str = "en") -> str:
        ar = lang == "ar"
        lines = [title(self.tool, lang)]
        lines.append("المدخلات:" if ar else "Inputs:")
        lines += [f"• {q.label(lang)}: {q.text(lang)}" for q in self.inputs]
        if self.assumptions:
            lines.append("افتراضات (لم تُحدَّد في السؤال):" if ar else "Assumptions (not given in the question):")
            for a in self.assumptions:
                en, arl = label(a.field)
                lines.append(f"• {arl if ar else en} = {fmt.isolate(fmt.number(a.value), lang)} — {a.source}")
        lines.append(("المعادلة: " + self.formula_ar) if ar else ("Formula: " + self.formula_en))
        lines.append("النتيجة:" if ar else "Result:")
        lines += [f"• {q.label(lang)}: {q.text(lang)}" for q in self.outputs]
        lines += self.notes_ar if ar else self.notes_en
        return "\n".join(lines)
