"""Bilingual input errors raised by the calculators.

Calculators never return NaN or infinity and never let a raw exception reach a user:
every bad value becomes a ``ToolInputError`` whose message exists in English and
Arabic, and whose ``field`` names the offending parameter so the engine can ask for it.
"""

from __future__ import annotations


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


def from_validation(field: str, error: dict) -> ToolInputError:
    """One pydantic error on ``field`` (a ``Field`` constraint or a type) as a bilingual message."""
    from tools.labels import label

    en, ar = label(field)
    kind, ctx, value = error["type"], error.get("ctx") or {}, error.get("input")
    if kind == "finite_number":
        return ToolInputError(field, f"The {en} must be a finite number.", f"يجب أن تكون قيمة {ar} رقمًا محددًا.")
    try:
        v = float(value)
    except (TypeError, ValueError, OverflowError):
        return ToolInputError(field, f"The {en} is not valid.", f"قيمة {ar} غير صالحة.")
    if kind in ("greater_than", "greater_than_equal"):
        inclusive = kind == "greater_than_equal"
        low = float(ctx["ge" if inclusive else "gt"])
        op_en = "at least" if inclusive else "greater than"
        op_ar = "لا تقل عن" if inclusive else "أكبر من"
        return ToolInputError(field, f"The {en} must be {op_en} {low:g} (got {v:g}).",
                              f"يجب أن تكون قيمة {ar} {op_ar} {low:g} (القيمة المعطاة {v:g}).")
    if kind == "less_than_equal":
        high = float(ctx["le"])
        return ToolInputError(field, f"The {en} of {v:g} is outside the plausible range (at most {high:g}).",
                              f"قيمة {ar} ({v:g}) خارج النطاق المعقول (الحد الأقصى {high:g}).")
    return ToolInputError(field, f"The {en} is not valid.", f"قيمة {ar} غير صالحة.")
