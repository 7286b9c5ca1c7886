"""Chinese numerals both ways, through cn2an (the one place that imports it).

Reading: 一百零八 -> 108, 八点五 -> 8.5, 两千三百 -> 2300, exact as Decimal. Writing: 12 -> 十二 for the
counts the tool itself makes (做法三项), which 公文 writes in Chinese numerals.
cn2an is imported on first use: it costs 0.2 s, and most runs never meet a Chinese numeral.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

__all__ = ["chinese_numeral", "numeral_value"]

_TO_SIMPLIFIED = str.maketrans("兩萬億點〇", "两万亿点零")


def _cn2an() -> Any:
    import cn2an  # type: ignore[import-untyped]

    return cn2an


def numeral_value(numeral: str) -> Decimal | None:
    """The value of a Chinese numeral, or None when the characters do not form one (百, 二二十)."""
    try:
        value = _cn2an().cn2an(numeral.translate(_TO_SIMPLIFIED), "normal")
    except (ValueError, KeyError, IndexError):
        return None
    return Decimal(str(value))  # cn2an gives a float for decimals; its repr is the digits written


def chinese_numeral(n: int) -> str:
    """0 -> 零, 12 -> 十二, 110 -> 一百一十, 1005 -> 一千零五."""
    return str(_cn2an().an2cn(n))
