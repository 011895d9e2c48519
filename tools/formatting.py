"""Number formatting shared by both languages.

Money has two decimals and thousands separators; very large or very small magnitudes
(FLOP counts) use scientific notation with superscript exponents ("8.4 × 10²²"), which
stays readable inside right-to-left Arabic text in Telegram.
"""

from __future__ import annotations

import math

_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
# Left-to-right isolate keeps "$1,234.56" and "8.4 × 10²²" intact inside Arabic lines.
LRI, PDI = "\u2066", "\u2069"


def sci(value: float, digits: int = 3) -> str:
    if value == 0:
        return "0"
    exp = math.floor(math.log10(abs(value)))
    mant = value / 10**exp
    if round(abs(mant), digits - 1) >= 10:
        mant /= 10
        exp += 1
    mant_s = f"{mant:.{digits - 1}f}".rstrip("0").rstrip(".")
    return f"{mant_s} × 10{str(exp).translate(_SUPERSCRIPT)}"


def number(value: float, decimals: int = 2) -> str:
    """Thousands separators; scientific beyond 10^15 or below 10^-3."""
    if value != 0 and (abs(value) >= 1e15 or abs(value) < 1e-3):
        return sci(value)
    if float(value).is_integer():
        return f"{int(value):,}"
    text = f"{value:,.{decimals}f}".rstrip("0").rstrip(".")
    return text


def money(value: float) -> str:
    if abs(value) >= 1e15:
        return "$" + sci(value)
    sign = "-" if value < 0 else ""
    return f"{sign}${abs(value):,.2f}"


def percent(value: float) -> str:
    return f"{number(value, 2)}%"


def isolate(text: str, lang: str) -> str:
    """Wrap a left-to-right fragment so it renders correctly inside Arabic text."""
    return f"{LRI}{text}{PDI}" if lang == "ar" else text
