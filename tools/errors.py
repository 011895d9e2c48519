"""Bilingual input errors raised by the calculators.

Calculators never return NaN or infinity and never let a raw exception reach a user:
every bad value becomes a ``ToolInputError`` whose message exists in English and
Arabic, and whose ``field`` names the offending parameter so the engine can ask for it.
"""

from __future__ import annotations

import math


class ToolInputError(ValueError):
    """A value a calculator cannot accept. ``missing`` marks a value the user did not give."""

    def __init__(self, field: str, message_en: str, message_ar: str, *, missing: bool = False):
        super().__init__(message_en)
        self.field = field
        self.message_en = message_en
        self.message_ar = message_ar
        self.missing = missing

    def message(self, lang: str) -> str:
        return self.message_ar if lang == "ar" else self.message_en


def missing(field: str) -> ToolInputError:
    from tools.labels import label

    en, ar = label(field)
    return ToolInputError(field, f"Please give the {en}.", f"يرجى تحديد {ar}.", missing=True)


def check_number(field: str, value: float | None, *, low: float, high: float,
                 low_inclusive: bool = False, required: bool = True) -> float | None:
    """Validate one number against a plausible range; returns it as float."""
    from tools.labels import label

    if value is None:
        if required:
            raise missing(field)
        return None
    en, ar = label(field)
    try:
        v = float(value)
    except (TypeError, ValueError, OverflowError):
        raise ToolInputError(field, f"The {en} must be a number.", f"يجب أن تكون قيمة {ar} رقمًا.") from None
    if math.isnan(v) or math.isinf(v):
        raise ToolInputError(field, f"The {en} must be a finite number.", f"يجب أن تكون قيمة {ar} رقمًا محددًا.")
    too_low = v < low if low_inclusive else v <= low
    if too_low:
        op_en = "at least" if low_inclusive else "greater than"
        op_ar = "لا تقل عن" if low_inclusive else "أكبر من"
        raise ToolInputError(field, f"The {en} must be {op_en} {low:g} (got {v:g}).",
                             f"يجب أن تكون قيمة {ar} {op_ar} {low:g} (القيمة المعطاة {v:g}).")
    if v > high:
        raise ToolInputError(field, f"The {en} of {v:g} is outside the plausible range (at most {high:g}).",
                             f"قيمة {ar} ({v:g}) خارج النطاق المعقول (الحد الأقصى {high:g}).")
    return v
