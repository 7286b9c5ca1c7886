"""Report periods read as month ranges: what a period covers, and which period comes next.

A period is a year (or none) and an inclusive range of months: 2025年 = (2025, 1, 12), 上半年 =
(·, 1, 6), 1-9月 and 前三季度 = (·, 1, 9), 三季度 = (·, 7, 9), 9月 = (·, 9, 9), 截至9月 = (·, 1, 9).
The period after one is the next piece of the year at the granularity reports use:

    2025年 -> 2026年            2025年上半年 / 1-6月 -> 2025年下半年     2025年下半年 -> 2026年上半年
    2025年三季度 -> 2025年四季度  2025年1-9月 / 前三季度 -> 2025年四季度  2025年四季度 -> 2026年一季度
    2025年5月 -> 2025年6月       2025年1-5月 (a running total) -> 2025年6月

Anything else (a range such as 3-8月, a period that crosses into a year the text does not name, a
phrase we cannot read) has no derivable successor: the caller shows a placeholder instead of guessing.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["Period", "format_period", "next_period", "parse_period"]

_CN = {"一": 1, "二": 2, "三": 3, "四": 4}
_QUARTER_NAMES = "一二三四"
_DASH = "[-—–~～至到]"
_NOISE = re.compile(r"[\s，。、；：,.;:（）()]+")


@dataclass(frozen=True)
class Period:
    year: int | None
    start: int  # first month, 1-12
    end: int  # last month, inclusive

    @property
    def months(self) -> int:
        return self.end - self.start + 1


def _months(rest: str) -> tuple[int, int] | None:
    if rest in ("", "全年", "年度", "全年度"):
        return 1, 12
    if rest in ("上半年", "前半年"):
        return 1, 6
    if rest == "下半年":
        return 7, 12
    if rest == "前三季度":
        return 1, 9
    if match := re.fullmatch(r"第?([一二三四1-4])季度", rest):
        quarter = _CN.get(match.group(1)) or int(match.group(1))
        return quarter * 3 - 2, quarter * 3
    if match := re.fullmatch(rf"(\d{{1,2}})月?{_DASH}(\d{{1,2}})月(?:份)?", rest):
        first, last = int(match.group(1)), int(match.group(2))
        return (first, last) if 1 <= first <= last <= 12 else None
    if match := re.fullmatch(r"(?:截至|截止)(\d{1,2})月(?:份|底|末)?", rest):
        last = int(match.group(1))
        return (1, last) if 1 <= last <= 12 else None
    if match := re.fullmatch(r"(\d{1,2})月(?:份)?", rest):
        month = int(match.group(1))
        return (month, month) if 1 <= month <= 12 else None
    return None


def parse_period(text: str) -> Period | None:
    """2025年上半年 -> Period(2025, 1, 6); 1-9月 -> Period(None, 1, 9); unreadable -> None."""
    cleaned = _NOISE.sub("", unicodedata.normalize("NFKC", text))
    match = re.fullmatch(r"(?:(\d{4})年(?:度)?)?(.*)", cleaned)
    if not cleaned or match is None:
        return None
    year = int(match.group(1)) if match.group(1) else None
    if year is None and match.group(2) == "":
        return None
    months = _months(match.group(2))
    return Period(year, *months) if months else None


def format_period(period: Period) -> str:
    """The way 公文 name a period: 2026年, 2025年下半年, 2025年四季度, 2025年6月, 2025年3-8月."""
    year = f"{period.year}年" if period.year is not None else ""
    start, end = period.start, period.end
    if (start, end) == (1, 12):
        return year or "全年"
    if (start, end) == (1, 6):
        return f"{year}上半年"
    if (start, end) == (7, 12):
        return f"{year}下半年"
    if end - start == 2 and start % 3 == 1:
        return f"{year}{_QUARTER_NAMES[end // 3 - 1]}季度"
    if start == end:
        return f"{year}{start}月"
    return f"{year}{start}-{end}月"


def next_period(text: str) -> str | None:
    """The period a plan drafted after a report for `text` covers; None when it cannot be told."""
    period = parse_period(text)
    if period is None:
        return None
    year, start, end = period.year, period.start, period.end
    following: Period | None
    if (start, end) == (1, 12):
        following = Period(year + 1, 1, 12) if year is not None else None
    elif (start, end) == (1, 6):
        following = Period(year, 7, 12)
    elif (start, end) == (7, 12):
        following = Period(year + 1, 1, 6) if year is not None else None
    elif (end - start == 2 and start % 3 == 1) or (start, end) == (1, 9):
        # a quarter, or the first three quarters as a running total: the next quarter
        following = Period(year, end + 1, end + 3) if end < 12 else None
        if end == 12 and year is not None:
            following = Period(year + 1, 1, 3)
    elif start == 1 or start == end:
        # a running total 1-N月, or a single month: the next month
        following = Period(year, end + 1, end + 1) if end < 12 else None
        if end == 12 and year is not None:
            following = Period(year + 1, 1, 1)
    else:
        following = None
    return format_period(following) if following is not None else None
