"""Every number in a cleaned report, parsed deterministically: value, magnitude, unit, kind, hedges,
direction, comparison and the indicator it measures.

One master regex scans the text left to right; at each position its alternatives are tried in
order, so the never-a-figure shapes (dates, phones, 第3期 ...) win over the general figure pattern.
The general pattern then takes adjacent hedges (约 近 超过 不少于 | 余 多 | 以上 左右 以内), a range
(15—20, 3-5, 3～5, 3至5, 5万-8万, 10%—15%), a sign, a magnitude (万 亿 千万 萬 億; 千 only when it
does not start a unit: 3千吨 is 3000 吨 but 5千瓦 is 5 千瓦) and a unit with an optional /denominator
(units.py). `value` is the low end as written; in 5千-1万元 the high is re-expressed in the low's
magnitude (value 5, high 10, magnitude 1000).

Never figures (kinds outside FIGURE_KINDS): YEAR 2021年/2025年度/2030届 and a bare 19xx/20xx with
nothing attached; DATE 2024-05-31, 2023.11.02, 5月31日, 6月份, 9月底, 15日, 14:30, 9时30分; PERIOD
1-9月, 2021-2025年, 3季度, Q3/H1; SLOGAN a number right inside quotes (“123”, "233", “2+4+N”, “5大行动”,
up to 12 chars), 2+4+N, or a number followed by 工程/体系/格局/战略/行动; LIST_MARKER 1. 1、 1） at a
line start or after 。；：, and （1） (1) ① anywhere; PHONE 0571-88886666, 400-800-1234, mobiles,
numbers after 电话/热线; IDENTIFIER ICP备/公网安备 numbers, numbers after 编号/备案号, masked 1****,
bare runs of 9+ digits; ORDINAL 第3期, 2号路, 4.0版, 6页, 500强, chrome counts after 页数/浏览, numbers
glued to Latin letters (5G, PM2.5, ISO9001, GB/T 9704-2012) unless the letters are a unit (2GWh, 1.5GW).

Context, for figures only:
- qualifiers: the adjacent hedges plus clause modals (预计 预期 力争 力求 确保 争取 计划, 目标 before
  为/是/：) between the previous ，；。！？ and the number; 计划/目标 that are completed (完成年度计划的55%)
  and 争取 + funds (争取资金) are facts, not modals.
- direction: 增长/提高/... or 下降/减少/... right before the number (了/为/达/到/至 may sit between);
  single 增/减 only for rates; a rate listed after another (33.9%、148.1%) inherits its direction.
- comparison: the last 同比/环比/比上年/较上年/... in the clause.
- subject: "clause" = the phrase since the previous ，；。、：（） or quantity, minus trailing verbs
  (达到 突破 同比增长 ...) and everything up to the last leading verb (实现 完成 新增 其中 全年 ...);
  "respectively" = rates after 分别 map in order onto the indicator figures before them: the 、-joined
  run right before the list when there is one (its size must equal the number of rates), else the
  last N of the sentence; any mismatch leaves them None. "nearest" = a growth rate without its own
  subject takes the subject of the nearest preceding indicator figure of the sentence. For percentage
  points a plain percent (开工率82.6%) is an indicator; for percents it is not. Sentences end at
  。！？ and newlines (not ；, which joins clauses that share figures).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from decimal import Context, Decimal
from typing import Literal

from ..core.models import FIGURE_KINDS, Quantity, QuantityKind, Span
from . import units
from .numerals import numeral_value
from .segment import CLAUSE_BREAK, SENTENCE_BREAK, SENTENCE_STOPS

__all__ = ["find_quantities"]

K = QuantityKind
_RATES = frozenset({K.PERCENT, K.PERCENTAGE_POINTS})

_D = "[0-9０-９]"
_NUM = rf"(?:{_D}{{1,3}}(?:,{_D}{{3}})+(?!{_D})|{_D}+)(?:[.．]{_D}+)?"
_SEP = "(?:——|[-—–－~～〜至到])"
_SP = "[ \u3000\u00a0]?"  # PDF text often has one space between a number and its unit
_PREFIX = (
    "(?:"
    + units.alternation(
        ("大约", "将近", "接近", "超过", "不少于", "不低于", "不超过", "不足", "不到", "至少")
    )
    + "|高达|高達|多达|多達|长达|長達|逾"
    + "|(?<![签簽节節制预預合特集履违違邀相])[约約]"  # not 签约/节约 ...
    + "|(?<![附就最临臨靠邻鄰将將接])近|(?<!赶)超"
    + "|(?<![下到抵表发發通送传傳转轉])[达達])"
)
_SUFFIX = "(?:以上|以下|以内|以內|之内|之內|左右)"
_TIME = f"{_D}{{1,2}}:{_D}{{2}}(?::{_D}{{2}})?"
_QUOTES_OPEN, _QUOTES_CLOSE = '“"‘「『', '”"’」』'

# Chinese numerals (一百亿元, 十二个, 两个百分点, 三成, 百分之八点五, 翻一番) are figures like Arabic ones
# when a unit or magnitude follows; the value comes from cn2an. A numeral never starts inside another
# one, and never after 第 (第十二届 is an ordinal).
_CN_DIGITS = "零〇一二两兩三四五六七八九"
_CN_NUMERAL = f"[{_CN_DIGITS}十百千万萬亿億]+(?:[点點][{_CN_DIGITS}]+)?"
_CN_NOT_AFTER = (
    f"(?<![第另这這此该該前后後述{_CN_DIGITS}十百千万萬亿億点點])"  # 另两项, 这三个: referring back
)
# 成 is a tenth (三成 = 30%) unless it starts a word (一成不变, 建成, 成为 ...).
_CN_TENTHS = "成(?!为|為|立|果|本|效|绩|績|员|員|熟|功|长|長|交|都|品|型|套|不变|不變)"
_CN_HEDGE = f"(?:{_PREFIX}|上(?=[百千万萬])|[数數](?=[十百千万萬]))"

# Every alternative below starts with one of these; checking it first keeps number-free text cheap.
_STARTS = (
    '0-9０-９“"‘「『I公第（(\u2460-\u249b\u2776-\u2793+＋\\-−－大将將接超不至高多长長逾约約近达達'
    f"{_CN_DIGITS}十百千万萬亿億翻上数數"
)
_MASTER = re.compile(
    f"(?=[{_STARTS}])(?:"
    + "|".join(
        (
            rf"(?P<slogan_q>[{_QUOTES_OPEN}](?={_D})[^{_QUOTES_OPEN}{_QUOTES_CLOSE}\n。；;！？!?，,]{{1,12}}"
            rf"[{_QUOTES_CLOSE}])",
            rf"(?P<icp>(?:ICP[备证備證]?|公网安备|公網安備)[:：]?[^\S\n]*{_D}+[号號]?(?:[-－]{_D}+)?)",
            rf"(?P<datetime>{_D}{{4}}[-/.．]{_D}{{1,2}}[-/.．]{_D}{{1,2}}(?:[ T]{_TIME})?"
            rf"|(?:19|20){_D}{{2}}[-/](?:0?[1-9]|1[0-2])(?!{_D})|{_TIME}(?!{_D}))",
            rf"(?P<phone>(?:[(（]0{_D}{{2,3}}[)）]{_SP}|0{_D}{{2,3}}[-－ ]){_D}{{7,8}}"
            rf"(?:[-－]{_D}{{1,4}})?(?!{_D})"
            rf"|[48]00[-－ ]?{_D}{{3}}[-－ ]?{_D}{{4}}(?!{_D})|(?:\+?86[- ]?)?1[3-9]{_D}{{9}}(?!{_D}))",
            rf"(?P<period>(?:{_D}{{4}}年)?{_D}{{1,2}}{_SP}{_SEP}{_SP}{_D}{{1,2}}月份?"
            rf"|(?:19|20){_D}{{2}}年?{_SP}{_SEP}{_SP}(?:19|20){_D}{{2}}(?:年度|年)?(?!{_D})|{_D}季度)",
            rf"(?P<date>(?:{_D}{{4}}{_SP}年{_SP})?{_D}{{1,2}}{_SP}月(?:{_SP}{_D}{{1,2}}{_SP}[日号號])?"
            rf"(?:份|底|初|末|中旬|上旬|下旬)?|{_D}{{1,2}}日|{_D}{{1,2}}[时時](?:{_D}{{1,2}}分)?)",
            rf"(?P<year>(?:19|20){_D}{{2}}{_SP}(?:年度|年|届|屆))",
            rf"(?P<ordinal>第{_SP}{_NUM}(?:{_SP}{_SEP}{_SP}{_NUM})?"
            r"(?:季度|[期页頁批届屆次名个個号號条條章节節位轮輪天周年款项項篇卷册冊])?)",
            rf"(?P<list_paren>[（(]{_D}{{1,3}}[）)])",
            rf"(?P<list_num>(?<![^\s。；;：:！？!?]){_D}{{1,3}}(?:[.．、]|[)）])(?!{_D}))",
            "(?P<circled>[\u2460-\u249b\u2776-\u2793])",
            rf"(?P<slogan_plus>{_D}+(?:[+＋](?:{_D}+|[A-Za-z]))+)",
            rf"(?P<gen>(?P<pre>{_PREFIX})?(?P<sign>[-−－](?={_D}))?(?P<num>{_NUM})"
            rf"(?:(?P<mag1>{units.MAGNITUDE_PATTERN})?(?P<pct1>[%％])?{_SP}{_SEP}{_SP}(?P<high>{_NUM}))?"
            rf"(?P<mid>[余餘多])?(?:{_SP}(?P<mag>{units.MAGNITUDE_PATTERN}))?(?P<mid2>[余餘多])?"
            rf"(?:{_SP}(?P<unit>{units.UNIT_PATTERN})(?:[/／](?P<per>{units.PER_PATTERN}))?)?"
            rf"(?P<post>{_SUFFIX})?)",
            rf"(?P<cn_share>(?P<cn_share_pre>{_PREFIX})?(?P<cn_base>百分之|千分之)(?P<cn_share_num>{_CN_NUMERAL})"
            rf"(?P<cn_share_post>{_SUFFIX})?)",
            f"(?P<cn_double>翻了?(?P<cn_times>[{_CN_DIGITS}])?番)",
            rf"(?P<cn>{_CN_NOT_AFTER}(?P<cn_pre>{_CN_HEDGE})?(?P<cn_num>{_CN_NUMERAL})(?P<cn_mid>[余餘多])?"
            rf"(?:{_SP}(?P<cn_unit>{_CN_TENTHS}|{units.UNIT_PATTERN})(?:[/／](?P<cn_per>{units.PER_PATTERN}))?)?"
            rf"(?P<cn_post>{_SUFFIX})?)",
        )
    )
    + ")"
)
_FIXED_KINDS = {
    "slogan_q": K.SLOGAN,
    "icp": K.IDENTIFIER,
    "datetime": K.DATE,
    "phone": K.PHONE,
    "period": K.PERIOD,
    "date": K.DATE,
    "year": K.YEAR,
    "ordinal": K.ORDINAL,
    "list_paren": K.LIST_MARKER,
    "list_num": K.LIST_MARKER,
    "circled": K.LIST_MARKER,
    "slogan_plus": K.SLOGAN,
}
_VALUED = frozenset({"year", "ordinal", "list_paren", "list_num"})  # the number means something
_FIRST_NUM = re.compile(_NUM)
_WIDE_DIGITS = str.maketrans("０１２３４５６７８９．", "0123456789.")

_SLOGAN_WORDS = re.compile("工程|体系|體系|格局|战略|戰略|行动|行動")
_PHONE_CONTEXT = re.compile("电话|電話|热线|熱線|手机|手機|传真|傳真|联系方式|聯繫方式|咨询|諮詢")
_ID_CONTEXT = re.compile(
    "编号|編號|备案|備案|许可证|許可證|证号|證號|代码|代碼|邮编|郵編|账号|帳號|文号|文號"
)
_CHROME_COUNT_CONTEXT = re.compile("页数|頁數|页码|頁碼|浏览|瀏覽|阅读量|閱讀量|点击|點擊")  # site chrome
_LATIN = re.compile("[A-Za-z]")
_CODE_BEFORE = re.compile(r"[A-Za-z]+(?:/[A-Za-z]+)?\s$")  # GB/T 9704-2012
_NUMBER_END = frozenset("０１２３４５６７８９)）]")
_ALNUM = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.")

# Boundaries (segment owns sentence and clause ends). A subject also stops at 、：（）【】.
_SUBJECT_END = re.compile(rf"[{SENTENCE_STOPS}\n，；;、：:（）()【】]|,(?![0-9]{{3}})")
_LOOKBACK = 80  # no window reaches further back; keeps long unpunctuated lines linear

_MODAL = re.compile(
    units.alternation(("预计", "预期", "力争", "力求", "确保", "计划"))
    + "|(?:目标|目標)(?=[为為是：:])"
    + "|(?:争取|爭取)"  # 争取资金 is a fact (funds obtained), not a modal
    + "(?!到|各[类項项]|上[级級]|中央|省|市|[资資]金|[专專][项項]|扶持|[补補]助|[奖獎]补|[债債]|政策)"
)
_PLAN_NOUNS = frozenset({"计划", "目标"})  # also nouns: 完成年度计划的55% is a fact
_DONE_BEFORE = re.compile("完成|占|超额")
_COMPARISON = re.compile(units.alternation(units.COMPARISONS))
_UP, _DOWN = units.UP, units.DOWN
_DIRECTION = re.compile(
    rf"(?:(?P<up>{units.alternation(_UP)}|(?<![新递遞倍])增)"
    rf"|(?P<down>{units.alternation(_DOWN)}|(?<![缩縮削递遞核])[减減]))"
    r"(?P<to>了|为|為|达到|達到|达|達|到|至)?\s*$"
)
_RESPECTIVELY = re.compile("分别|分別")
_LIST_GAP = re.compile(
    rf"[、，,和及与與\s]*(?:(?:{_COMPARISON.pattern})?{units.alternation(_UP + _DOWN)}(?:了|为)?)?"
)

# Subject clean-up. Trailing words end a clause before its number (…总产值突破 / 同比增长); leading
# verbs open it (实现总产值). Single characters carry lookbehinds so 行为/一般公共 stay whole.
_TRAILING = re.compile(
    "(?:"
    + units.alternation((*_UP, *_DOWN, *(w + "了" for w in _UP + _DOWN), *units.SUBJECT_TRAILING))
    + f"|{_COMPARISON.pattern}"
    + "|(?<![签节制预合特集履违邀相大])约|(?<![行作成认以因称视更])为|(?<![发表到抵传下通])达"
    + "|(?<![甚以直截])至|(?<![得收达做办报签遇感受])到|(?<![所没拥现具])有|(?<![存所现实正自内外])在"
    + "|(?<![附就最临靠邻将接])近|超|逾|仅|是|了|的|等|占|已|将)$"
)
_LEADING = re.compile(
    "[一二三四五六七八九十]是|"  # 一是 item markers open a clause too
    + units.alternation(units.SUBJECT_LEADING)
)
_LEADING_AT_END = re.compile(f"(?:{_LEADING.pattern})$")
_ONLY_FUNCTION = re.compile(rf"(?:{_LEADING.pattern}|[其并还和及与或从由向对把被在以、\s])+")
_CJK_OR_LATIN = re.compile("[\u4e00-\u9fffA-Za-z]")
_SUBJECT_STRIP = " \t\u3000"
_QUOTE_PAIRS = (("“", "”"), ("‘", "’"))
_MAX_SUBJECT = 20


@dataclass
class _Draft:
    start: int
    end: int
    kind: QuantityKind
    value: Decimal | None = None
    high: Decimal | None = None
    magnitude: int = 1
    unit: str = ""
    qualifiers: list[str] = field(default_factory=list)
    direction: Literal["up", "down"] | None = None
    comparison: str | None = None
    subject: str | None = None
    subject_rule: Literal["clause", "nearest", "respectively"] | None = None
    respectively: bool = False  # 分别 in its clause

    @property
    def is_growth(self) -> bool:
        return self.kind in _RATES and (self.direction is not None or self.comparison is not None)


def find_quantities(text: str) -> list[Quantity]:
    """Every number in `text` (cleaned), sorted by span start; spans are in `text` coordinates."""
    drafts: list[_Draft] = []
    last_end = 0
    for m in _MASTER.finditer(text):
        if m.start() < last_end:  # swallowed by a token extended past its match (B2B, 2号)
            continue
        draft = _draft(m, text, last_end)
        if draft is None:  # Chinese numerals in words and set phrases (一批, 千家万户)
            continue
        drafts.append(draft)
        last_end = draft.end
    _add_context(drafts, text)
    _attribute(drafts, text)
    return [_to_quantity(d, text) for d in drafts]


def _decimal(written: str) -> Decimal:
    return Decimal(written.translate(_WIDE_DIGITS).replace(",", ""))


def _draft(m: re.Match[str], text: str, floor: int) -> _Draft | None:
    if m.group("gen") is None and m.lastgroup in _CHINESE:
        return _chinese(m, text)
    if m.group("gen") is None:
        name = next(n for n in _FIXED_KINDS if m.group(n) is not None)
        value = None
        if name in _VALUED:
            number = _FIRST_NUM.search(m.group())
            value = _decimal(number.group()) if number else None
        return _Draft(m.start(), m.end(), _FIXED_KINDS[name], value=value)
    return _general(m, text, floor)


def _general(m: re.Match[str], text: str, floor: int) -> _Draft:
    start, end = m.start(), m.end()
    num, pre, sign = m.group("num"), m.group("pre"), m.group("sign")
    before = text[start - 1] if start > 0 else ""
    if sign and pre is None and ((before.isascii() and before.isalnum()) or before in _NUMBER_END):
        start, sign = start + 1, None  # a hyphen after a word or number is not a minus sign
        before = text[start - 1]
    after = text[end] if end < len(text) else ""
    value = _decimal(("-" if sign else "") + num)
    has_unit = bool(m.group("unit") or m.group("mag") or m.group("mag1"))
    context_start = max(0, start - 10)
    context = text[text.rfind("\n", context_start, start) + 1 or context_start : start]  # same line
    if not has_unit and pre is None:
        if before == "*" or after == "*" or _ID_CONTEXT.search(context):  # masked 玥1****知, 编号：A2024-17
            return _Draft(start, end, K.IDENTIFIER)
        glued_left = bool(
            _LATIN.match(before) or (before in "-－" and _LATIN.match(text[start - 2 : start - 1]))
        )
        if glued_left or _LATIN.match(after) or _CODE_BEFORE.search(text, max(floor, start - 12), start):
            return _glued(text, start, end, value, floor, glued_left)
    bare = not (
        has_unit or pre or sign or m.group("high") or m.group("mid") or m.group("mid2") or m.group("post")
    )
    if bare:
        if after and after in "号號版页頁强強":  # 2号路, 4.0版, 共6页, 世界500强
            return _Draft(start, end + 1, K.ORDINAL, value=value)
        if _SLOGAN_WORDS.match(text, end):
            return _Draft(start, end, K.SLOGAN)
        if _PHONE_CONTEXT.search(context) and len(num) >= 5:
            return _Draft(start, end, K.PHONE)
        if _CHROME_COUNT_CONTEXT.search(context):
            return _Draft(start, end, K.ORDINAL, value=value)
        digits = num.translate(_WIDE_DIGITS)
        if digits.isdigit() and len(digits) >= 9:
            return _Draft(start, end, K.IDENTIFIER)
        if len(digits) == 4 and digits.isdigit() and digits[:2] in ("19", "20"):
            return _Draft(start, end, K.YEAR, value=value)
    # The low end's own magnitude wins (value stays as written); 5千-1万元 gives high 10 in 千.
    mag_written = m.group("mag1") or m.group("mag")
    magnitude = units.magnitude_of(mag_written) if mag_written else 1
    high = _decimal(m.group("high")) if m.group("high") else None
    if high is not None and m.group("mag1") and m.group("mag"):
        high = high * units.magnitude_of(m.group("mag")) / magnitude
    kind, unit = K.OTHER, ""
    if m.group("unit"):
        unit, kind = units.unit_of(m.group("unit"))
        if m.group("per"):
            per = units.to_simplified(m.group("per"))
            kind, unit = units.compound_kind(kind, unit, per), f"{unit}/{per}"
    adjacent = [units.to_simplified(q) for q in (pre, m.group("mid"), m.group("mid2"), m.group("post")) if q]
    return _Draft(start, end, kind, value, high, magnitude, unit, adjacent)


_CHINESE = frozenset({"cn_share", "cn_double", "cn"})
_CN_MAGNITUDE_END = re.compile("(?:万亿|萬億|千万|千萬|亿|億|万|萬)$")
_CN_BARE = re.compile("[百千万萬亿億]+")  # 百亿元 has no digit: fine with a magnitude or a hedge; 十 is ten
_CN_NOT_UNITS = frozenset({"期", "类", "類"})  # after a Chinese numeral: phase and class, not counts
_CN_SET_PHRASE_AFTER = re.compile(f"[{_CN_DIGITS}]|性|级|級|创业|創業|开发|開發")  # 四个一流, 二次创业


def _cn_value(numeral: str) -> tuple[Decimal, int] | None:
    """(value, magnitude) as written: 一百亿 -> (100, 10**8); 一亿二千万 -> (120000000, 1)."""
    m = _CN_MAGNITUDE_END.search(numeral)
    if m and m.start() > 0 and not re.search("[万萬亿億]", numeral[: m.start()]):
        head = numeral[: m.start()]
        value = numeral_value("一" + head if head[0] in "十百千" else head)
        return (value, units.magnitude_of(m.group())) if value is not None else None
    value = numeral_value("一" + numeral if numeral[0] in "十百千" else numeral)
    return (value, 1) if value is not None else None


def _chinese(m: re.Match[str], text: str) -> _Draft | None:
    start, end = m.start(), m.end()
    if m.group("cn_double") is not None:  # 翻一番 doubles, 翻两番 quadruples; 翻番 is one doubling
        times = m.group("cn_times")
        value = numeral_value(times) if times else Decimal(1)
        return _Draft(start, end, K.OTHER, value=value, unit="番") if value else None
    if m.group("cn_share") is not None:  # 百分之八点五, 千分之三
        value = numeral_value(m.group("cn_share_num"))
        if value is None:
            return None
        unit = "%" if m.group("cn_base") == "百分之" else "‰"
        hedges = [units.to_simplified(h) for h in (m.group("cn_share_pre"), m.group("cn_share_post")) if h]
        return _Draft(start, end, K.PERCENT, value=value, unit=unit, qualifiers=hedges)
    numeral, hedge, mid, written_unit = (
        m.group("cn_num"),
        m.group("cn_pre"),
        m.group("cn_mid"),
        m.group("cn_unit"),
    )
    parsed = _cn_value(numeral)
    if parsed is None or text.startswith(("级", "級"), end):  # 千亿级产业 names a class, not a figure
        return None
    value, magnitude = parsed
    if (
        numeral in ("零", "〇")
        or (written_unit or "") in _CN_NOT_UNITS
        or numeral + (written_unit or "") == "二次"
    ):
        return None  # 零部件, 二期工程, 二类医疗器械, 二次招商
    has_digit = bool(_CN_BARE.sub("", numeral.split("点")[0].split("點")[0]))
    if not has_digit and not (hedge or mid or (magnitude > 1 and written_unit)):
        return None  # 百家争鸣, 千家万户, “百亿园中园”; 百亿元, 近百家, 百余家 are figures
    if not written_unit:
        if magnitude == 1:  # 十四五, 一二三产业: a numeral alone is a name, not a figure
            return None
        if len(numeral) == 1 + (1 if numeral.endswith(("万亿", "萬億", "千万", "千萬")) else 0):
            return None  # 千万 alone is an adverb (千万不能)
    kind, unit = K.OTHER, ""
    if written_unit and written_unit.startswith("成"):
        kind, unit, magnitude = K.PERCENT, "%", magnitude * 10  # 三成 = 30%, kept as written (3 tenths)
    elif written_unit:
        unit, kind = units.unit_of(written_unit)
        if m.group("cn_per"):
            per = units.to_simplified(m.group("cn_per"))
            kind, unit = units.compound_kind(kind, unit, per), f"{unit}/{per}"
    digits_only = not re.search("[十百千万萬亿億点點]", numeral)
    if digits_only and len(numeral) >= 2:  # 二〇二五年 is a year; 一二三 is a list of numbers
        return _Draft(start, end, K.YEAR, value=value) if unit == "年" else None
    plain = magnitude == 1 and not (hedge or mid or m.group("cn_post"))
    if plain and value == 1 and kind in (K.COUNT, K.DURATION):  # 一批, 一个中心, 一年来: words
        return None
    if kind is K.COUNT and _CN_SET_PHRASE_AFTER.match(text, end):
        return None  # 四个一流, 五个一批, 一次性
    if _SLOGAN_WORDS.match(text, end) or (start and text[start - 1] in _QUOTES_OPEN):
        return _Draft(start, end, K.SLOGAN)  # 三年行动, “五个坚持”, “三个机制”
    adjacent = [units.to_simplified(q) for q in (hedge, mid, m.group("cn_post")) if q]
    return _Draft(start, end, kind, value, None, magnitude, unit, adjacent)


def _glued(text: str, start: int, end: int, value: Decimal, floor: int, glued_left: bool) -> _Draft:
    """A number inside a Latin token (5G, Q3, PM2.5, B2B): the whole token is one ORDINAL/PERIOD."""
    left, right = start, end
    while left > floor and text[left - 1] in _ALNUM:
        left -= 1
    while right < len(text) and text[right] in _ALNUM:
        right += 1
    while right > end and text[right - 1] == ".":  # 建成5G. ends the sentence, not the token
        right -= 1
    token = text[left:right].upper()
    if glued_left and re.fullmatch("Q[1-4]|H[12]", token):
        return _Draft(left, right, K.PERIOD)
    return _Draft(left, right, K.ORDINAL, value=value)


def _positions(pattern: re.Pattern[str], text: str) -> list[int]:
    return [m.start() for m in pattern.finditer(text)]


def _window_start(bounds: list[int], pos: int) -> int:
    """Index just after the last boundary before `pos`, no further back than _LOOKBACK."""
    i = bisect_left(bounds, pos)
    return max(bounds[i - 1] + 1 if i else 0, pos - _LOOKBACK)


def _add_context(drafts: list[_Draft], text: str) -> None:
    clause_bounds = _positions(CLAUSE_BREAK, text)
    subject_bounds = _positions(_SUBJECT_END, text)
    previous: _Draft | None = None
    for d in drafts:
        prev_end = previous.end if previous else 0
        if d.kind in FIGURE_KINDS:
            clause = text[_window_start(clause_bounds, d.start) : d.start]
            d.qualifiers = _modals(clause) + d.qualifiers
            comparisons = _COMPARISON.findall(clause)
            d.comparison = units.to_simplified(comparisons[-1]) if comparisons else None
            d.direction = _direction(clause, d.kind in _RATES)
            inherits = previous is not None and d.kind in _RATES and previous.kind in _RATES
            if d.direction is None and inherits and _LIST_GAP.fullmatch(text, prev_end, d.start):
                d.direction = previous.direction if previous else None  # 增长33.9%、148.1%
            d.respectively = bool(_RESPECTIVELY.search(clause))
            if not d.respectively:  # 分别 names its indicators elsewhere (a list before it, in order)
                window = text[max(_window_start(subject_bounds, d.start), prev_end) : d.start]
                d.subject = _subject(window)
                d.subject_rule = "clause" if d.subject else None
        previous = d


def _modals(clause: str) -> list[str]:
    found: list[str] = []
    for m in _MODAL.finditer(clause):
        word = units.to_simplified(m.group())
        if word in _PLAN_NOUNS and ("的" in clause[m.end() :] or _DONE_BEFORE.search(clause, 0, m.start())):
            continue
        if word not in found:
            found.append(word)
    return found


def _direction(clause: str, is_rate: bool) -> Literal["up", "down"] | None:
    m = _DIRECTION.search(clause, max(0, len(clause) - 8))
    if m is None:
        return None
    word = m.group("up") or m.group("down")
    if len(word) == 1 and not is_rate:  # 增/减 alone before a count is usually 新增-like
        return None
    if m.group("to") in ("到", "至"):  # 比重提高到46.8%, 降至3%: the level reached, not a change
        return None
    return "up" if m.group("up") else "down"


def _subject(window: str) -> str | None:
    s = window.strip(_SUBJECT_STRIP)
    s = _strip_trailing(s, _TRAILING)  # 总产值突破 / 产值同比增长
    while (cut := _strip_trailing(s, _LEADING_AT_END)) != s:  # 项目仅签约
        s = _strip_trailing(cut, _TRAILING)
    for m in reversed(list(_LEADING.finditer(s))):
        rest = s[m.end() :].strip(_SUBJECT_STRIP)
        if len(rest) >= 2:  # 开工率 keeps 开工; 完成投资 drops 完成
            s = rest
            break
    for left, right in _QUOTE_PAIRS:  # a window may cut a quote in half: “走出去”招商 stays whole
        if s.count(left) != s.count(right):
            s = s.strip(left + right)
    if not 2 <= len(s) <= _MAX_SUBJECT or not _CJK_OR_LATIN.search(s) or _ONLY_FUNCTION.fullmatch(s):
        return None
    return s


def _strip_trailing(s: str, pattern: re.Pattern[str]) -> str:
    # Both patterns end in `$` and no word is longer than 5 chars: search only the tail (linear time).
    while (m := pattern.search(s, max(0, len(s) - 6))) is not None:
        s = s[: m.start()].rstrip(_SUBJECT_STRIP)
    return s


def _attribute(drafts: list[_Draft], text: str) -> None:
    """Subjects for rates without their own: the 分别 list first, then the nearest indicator."""
    sentence_bounds = _positions(SENTENCE_BREAK, text)
    sentences: dict[int, list[_Draft]] = {}
    for d in drafts:
        if d.kind in FIGURE_KINDS:
            sentences.setdefault(bisect_left(sentence_bounds, d.start), []).append(d)
    for figs in sentences.values():
        # What a rate can measure: percents measure amounts; points measure amounts or plain percents.
        amounts: list[_Draft] = []
        levels: list[_Draft] = []
        i = 0
        while i < len(figs):
            d = figs[i]
            pool = levels if d.kind is K.PERCENTAGE_POINTS else amounts
            if d.kind in _RATES and d.respectively and d.subject is None:
                j = i + 1
                while j < len(figs) and figs[j].kind in _RATES and figs[j].subject is None:
                    if not _LIST_GAP.fullmatch(text, figs[j - 1].end, figs[j].start):
                        break
                    j += 1
                group = figs[i:j]
                for rate, indicator in zip(group, _respective(pool, len(group), text), strict=False):
                    _take_subject(rate, indicator, "respectively")  # no indicators: all stay None
                for rate in group:
                    _remember(rate, amounts, levels)
                i = j
                continue
            if d.is_growth and d.subject is None and pool:
                _take_subject(d, pool[-1], "nearest")
            _remember(d, amounts, levels)
            i += 1


def _remember(d: _Draft, amounts: list[_Draft], levels: list[_Draft]) -> None:
    if d.is_growth:
        return
    if d.kind not in _RATES:
        amounts.append(d)
        levels.append(d)
    elif d.kind is K.PERCENT:
        levels.append(d)


def _respective(indicators: list[_Draft], n: int, text: str) -> list[_Draft]:
    """The n indicators a 分别 list of n rates maps onto, or [] when that would be a guess.

    A 、-joined run right before the list (产值A、利税B、利润C) must hold exactly n figures, so an
    earlier figure of the sentence never fills a gap; without such a run, the last n of the sentence.
    """
    if not indicators:
        return []
    run = 1
    while run < min(len(indicators), n + 1):  # n + 1 is enough to see a mismatch
        if CLAUSE_BREAK.search(text, indicators[-run - 1].end, indicators[-run].start):
            break
        run += 1
    if run >= 2:
        return indicators[-run:] if run == n else []
    return indicators[-n:] if len(indicators) >= n else []


def _take_subject(rate: _Draft, indicator: _Draft, rule: Literal["nearest", "respectively"]) -> None:
    if indicator.subject is not None:
        rate.subject, rate.subject_rule = indicator.subject, rule


def _normalized(value: Decimal, magnitude: int) -> Decimal:
    """value * magnitude, exact and in plain notation (27130000000, not 2.713E+10)."""
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    shift = len(str(magnitude)) - 1  # magnitudes are powers of ten
    result = Decimal((sign, digits, exponent + shift))
    if result == result.to_integral_value():
        return result.quantize(Decimal(1), context=Context(prec=len(digits) + shift + 2))
    return result.normalize(Context(prec=len(digits) + 2))


def _to_quantity(d: _Draft, text: str) -> Quantity:
    figure = d.kind in FIGURE_KINDS
    return Quantity(
        text=text[d.start : d.end],
        span=Span(start=d.start, end=d.end),
        kind=d.kind,
        value=d.value,
        high=d.high,
        magnitude=d.magnitude,
        unit=d.unit,
        normalized=_normalized(d.value, d.magnitude) if figure and d.value is not None else None,
        qualifiers=tuple(d.qualifiers),
        direction=d.direction,
        comparison=d.comparison,
        subject=d.subject,
        subject_rule=d.subject_rule,
    )
