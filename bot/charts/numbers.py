"""Numbers as a chart shows them: thousands separators, and Arabic-Indic digits with the
Arabic thousands and decimal separators in Arabic charts ("١٢٬٣٤٥٫٥")."""

from __future__ import annotations

_ARABIC = str.maketrans("0123456789,.%", "٠١٢٣٤٥٦٧٨٩٬٫٪")


def localise(text: str, lang: str) -> str:
    """Western digits and separators to Arabic ones in Arabic charts; unchanged in English."""
    return text.translate(_ARABIC) if lang == "ar" else text


def number(value: float, lang: str, decimals: int | None = None) -> str:
    """Thousands separators; two decimals for small values unless told, trailing zeros trimmed."""
    if decimals is None:
        decimals = 0 if abs(value) >= 100 else 2
    text = f"{value:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return localise(text, lang)


def money(value: float, lang: str) -> str:
    """"$12,345" in English, "١٢٬٣٤٥ دولار" in Arabic (a word reads better than "$" right to left)."""
    if lang == "ar":
        return f"{number(value, lang)} دولار"
    sign = "-" if value < 0 else ""
    return f"{sign}${number(abs(value), lang)}"


def percent(value: float, lang: str) -> str:
    return localise(f"{value:,.1f}%".replace(".0%", "%"), lang)


def axis_scale(largest: float) -> tuple[float, str]:
    """Divide tick labels (never the data) by a power of a thousand when values are long."""
    if largest >= 10e9:
        return 1e9, "billions"
    if largest >= 10e6:
        return 1e6, "millions"
    return 1.0, ""
