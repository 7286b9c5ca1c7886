"""Report periods read as month ranges: what a period covers, and which period comes next.

A period is a year (or none) and an inclusive range of months: 2025年 = (2025, 1, 12), 上半年 =
(·, 1, 6), 1-9月 and 前三季度 = (·, 1, 9), 三季度 = (·, 7, 9), 9月 = (·, 9, 9), 截至9月 = (·, 1, 9).
The period after one is the next piece of the year at the granularity reports use:

    2025年 -> 2026年            2025年上半年 / 1-6月 -> 2025年下半年     2025年下半年 -> 2026年上半年
    2025年三季度 -> 2025年四季度  2025年1-9月 / 前三季度 -> 2025年四季度  2025年四季度 -> 2026年一季度
    2025年5月 -> 2025年6月       2025年1-5月 (a running total) -> 2025年6月

Anything else (a range such as 3-8月, a period that crosses into a year the text does not name, a
phrase we cannot read) has no derivable successor: the caller shows a placeholder instead of guessing.

This module owns every reading of period words: `PERIOD_WORD` finds them in running text (the
period a report states before its figures), `leading_period` takes one off the front of an indicator
name, `dated_period` reads "2025年上半年" off a title, `parse_period` reads a whole period phrase and
`period_months` tells how long a free-text period is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .normalise import plain

__all__ = [
    "DASH",
    "DATED_PERIOD",
    "PERIOD_WORD",
    "Period",
    "dated_period",
    "format_period",
    "leading_period",
    "next_period",
    "parse_period",
    "period_months",
]

_CN = {"一": 1, "二": 2, "三": 3, "四": 4}
_QUARTER_NAMES = "一二三四"
# What joins the two months of a range: 1-9月, 1—9月, 1～9月, 1至9月.
DASH = "[-—–~～至到]"
_WORD = rf"\d{{1,2}}\s*{DASH}\s*\d{{1,2}}\s*月(?:份)?|前三季度|第?[一二三四1-4]季度|上半年|下半年|全年"
# Period words a report puts before its figures: "1-9月，全区实现…", "上半年，…", "全年安排…".
PERIOD_WORD = re.compile(_WORD)
# A year with the period word that may follow it, as a title writes them: 2025年上半年, 2025年度.
DATED_PERIOD = re.compile(rf"(20\d{{2}})年(?:度)?({_WORD})?")
# A name may open with its period (上半年规上工业总产值, 2025年1-9月…); 年度 only counts there.
_LEADING = re.compile(rf"(?:\d{{4}}年)?(?:{_WORD}|年度)")
_MONTH_RANGE = re.compile(rf"(\d{{1,2}})\s*{DASH}\s*(\d{{1,2}})\s*月")


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
    if match := re.fullmatch(rf"(\d{{1,2}})月?{DASH}(\d{{1,2}})月(?:份)?", rest):
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
    cleaned = plain(text)
    match = re.fullmatch(r"(?:(\d{4})年(?:度)?)?(.*)", cleaned)
    if not cleaned or match is None:
        return None
    year = int(match.group(1)) if match.group(1) else None
    if year is None and match.group(2) == "":
        return None
    months = _months(match.group(2))
    return Period(year, *months) if months else None


def format_period(period: Period) -> str:
    """The way 公文 name a period: 2026年, 2025年下半年, 2025年前三季度 (for 1-9月), 2025年四季度, 2025年6月,
    2025年3-8月."""
    year = f"{period.year}年" if period.year is not None else ""
    start, end = period.start, period.end
    if (start, end) == (1, 12):
        return year or "全年"
    if (start, end) == (1, 6):
        return f"{year}上半年"
    if (start, end) == (7, 12):
        return f"{year}下半年"
    if (start, end) == (1, 9):
        return f"{year}前三季度"
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


def leading_period(name: str) -> tuple[str, str]:
    """(period word the name opens with, the rest): 上半年规上工业总产值 -> (上半年, 规上工业总产值).

    `name` is expected `plain` already: the word must start it."""
    match = _LEADING.match(name)
    return (match.group(), name[match.end() :]) if match else ("", name)


def dated_period(text: str) -> str:
    """The first year-and-period the text writes, ranges joined by "-": 2025年1至9月份 -> 2025年1-9月.

    A year must be there: a title's bare 上半年 could be any year's."""
    match = DATED_PERIOD.search(text)
    if match is None:
        return ""
    word = match.group(2) or ""
    if months := _MONTH_RANGE.match(word):
        word = f"{months.group(1)}-{months.group(2)}月"
    return f"{match.group(1)}年{word}"


def period_months(period: str) -> int | None:
    """How many months a free-text period covers: 上半年 / 1-6月 -> 6, 1-9月 / 前三季度 -> 9, 2025年 / 全年
    -> 12, 一季度 -> 3, 截至9月 -> 9, 9月 -> 1; None when it cannot be told.

    Lenient where `parse_period` is strict: a period word anywhere in the phrase counts, so a model's
    "2025年上半年累计" still reads as six months."""
    text = plain(period)
    if not text:
        return None
    if "前三季度" in text:
        return 9
    if "半年" in text:
        return 6
    if match := _MONTH_RANGE.search(text):
        first, last = int(match.group(1)), int(match.group(2))
        return last - first + 1 if 1 <= first <= last <= 12 else None
    if "季度" in text:
        return 3
    if match := re.search(r"截至(\d{1,2})月", text):
        return int(match.group(1))
    if "全年" in text or "年度" in text or re.search(r"\d{4}年$", text):
        return 12
    if re.search(r"\d{1,2}月", text):
        return 1
    return None
