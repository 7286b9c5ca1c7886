"""What a figure is called: the subject the source gives it, in the source's own words.

One owner for the rule, read by the skeleton (each fact's name), by grounding (the names a source
figure answers to) and by the name-quality bench. In order:

- a share names both sides: 三大主导产业主营业务收入占全区主营业务收入87.83% ->
  三大主导产业主营业务收入占全区主营业务收入比重;
- a completion rate names its task and whose it is: 重点项目…，完成年度投资43.9% -> 重点项目完成年度投资;
- a core indicator of the vocabulary, when its unit fits (进出口总额 never names 2个);
- a count names the noun it counts, written after it where the source puts it there (三个驻点招商小组,
  的8个城市更新项目) and with its verb where the source has one (召开专题培训会8次); an example list names
  the group, never one member for the total (贝德食品等10个项目 -> 贝德食品等项目);
- a figure that qualifies a thing written after it (总投资217亿元的7个产业项目) is that thing's property
  (产业项目总投资); a bare property word (投资, 总投资) takes the project the sentence names before it;
- otherwise the parser's subject of the clause.

`name_problem` says why a name is not one a reader accepts ("" when it is): a bare verb or measure
word, a number inside, an example standing for a total. Where the rules leave a problem, the subject is
elliptical in the source and the model is asked (its answer must be found in the figure's sentence).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..core.models import Quantity, QuantityKind
from ..text.normalise import name_key
from ..text.quantities import find_quantities
from ..text.units import SUBJECT_LEADING
from .vocabulary import (
    BARE_MEASURE_WORDS,
    BARE_NOUNS,
    BARE_VERBS,
    COUNT_INDICATORS,
    COUNTED_HEADS,
    FLOW_VERBS,
    OWNER_HEADS,
    PROPERTY_WORDS,
    STATE_WORDS,
    canonical_indicator,
    canonical_match,
)

__all__ = [
    "after_markup",
    "elliptical_subject",
    "figure_name",
    "is_bare",
    "is_neighbours_name",
    "name_problem",
    "named_figures",
]

K = QuantityKind
_MAX_NAME = 30
_RATES = frozenset({K.PERCENT, K.PERCENTAGE_POINTS})
_SPECS = frozenset({K.CAPACITY, K.AREA, K.LENGTH, K.WEIGHT, K.ENERGY})  # a thing's size, written before it
# Particles, adverbs, pronouns, years and time words a clause may open with; never part of a name
# (已累计走访企业, 他们全年计划新开工项目, （三）突出两项重点).
_OPENERS = re.compile(
    r"^(?:[（(][一二三四五六七八九十\d]+[）)]|[（(]|\d{1,2}[.、．](?!\d)|[一二三四五六七八九十]+是|(?:19|20)\d\d年度?|由|"
    r"[了以的对将把为和与及共已并还再均又也都即]|其中|他们|我们|我区|该区|本区|今年以来|截至目前|截止目前|目前|"
    r"全年|年内|当年|上半年|下半年|前三季度|[一二三四]季度|累计|共计|合计|总计|已经|先后|分别|同时|此外|"
    r"全力|积极|着力|大力|扎实|持续|进一步|有序|稳步|顺利|成功|特别是|尤其是|实施了|完成了|重点(?=[推抓做])|加快(?=[建推实完])|具体|另外|明年|今年|"
    r"(?:20\d\d年)?\d{1,2}月(?:底|末|中旬|上旬|下旬|\d{1,2}日)?(?:前|以前|之前)|"
    r"[^，。；]{0,4}(?:全面提升|全面|提升))+"
)
# Verbs that open a clause but never belong to a count's name (its noun does): 确保15家企业进驻.
_MODAL_OPENERS = re.compile(r"^(?:确保|力争|力求|争取|预计|预期|计划|拟|要|将|全年|年内)+")
_PARTICLES_END = re.compile(
    r"(?:[了的等]|达到|共计|合计|总计|累计|突破|超过|约为|仅为|年内|全年|上半年|下半年|当年|均"
    # the level a figure is held at or brought to: 诉求办结率保持在95%, 审批时限压缩至30个工作日
    r"|保持在|保持|稳定在|控制在|压缩至|压缩到|压减至|压减到|缩短至|缩短到|提高到|提高至|提升到|提升至|降至|降低到|降低至)+$"
)
# A verb that opens a phrase after a figure: what follows is a predicate, not the counted noun.
_PREDICATE_START = re.compile(
    r"^(?:到|在(?!谈|建)|对|向|从|进行|开展|为|把|将|用于|实现|完成|达到|左右|以上|建设|实施|打造|新建|建成)"
)
_VERB_STOP = re.compile(
    r"加快|加大|推进|推动|正在|已|年内|当年|完成|开工|建成|投产|达产|实现|落户|落地|签约|进驻|办理|提报|"
    r"建设|积极性|手续|相关|成功|顺利|全部|基本|合计|总投资|总长|共|先后|奠定|作用"
)
_RUN_AFTER = re.compile(r"[\u4e00-\u9fffA-Za-z“”/]+")
_CUT = re.compile("[的和及与、]|已|正在|列入|将于|目前")
_HEAD = re.compile("|".join(sorted(COUNTED_HEADS, key=len, reverse=True)))
_CJK_RUN = re.compile(r"[\u4e00-\u9fffA-Za-z]+")
_GROUP_AFTER = re.compile(
    r"等[“\"]?(?:\d+|[一二三四五六七八九十两]+)?[个家项大]*(?P<head>"
    + "|".join(sorted(COUNTED_HEADS, key=len, reverse=True))
    + ")"
)
_SHARE = re.compile(
    r"^(?P<part>.*?)占(?!比)(?P<whole>.{1,24}?)(?:的)?(?:比重|比例|份额)?"
    r"(?:为|达到|达|是|提高到|提升到|上升到|提高至|提升至|下降到|降至|降低到)?$"
)
_COMPLETION = re.compile(
    r"^(?P<owner>.*?)(?:已|累计)?完成(?:了)?(?P<task>(?:年度|全年|年|上半年|本年|当年)?[^，。；的]{0,10}?)(?:的)?$"
)
_TASK_WORDS = re.compile("计划|目标|任务|投资|年度|全年")
_ANNUAL_PRODUCTION = re.compile(r"年产(?:能)?$")
_AFTER_VERB = re.compile(
    r"(?:建设|实施|打造|新建|用于|建成)(?P<thing>[\u4e00-\u9fffA-Za-z“”]{2,16}(?:[、和][\u4e00-\u9fffA-Za-z“”]{2,16}){0,3})"
)
_OWNER_HEAD = re.compile("|".join(h for h in OWNER_HEADS if h not in ("公司", "集团")))
_LEADING = re.compile("^(?:" + "|".join(sorted(SUBJECT_LEADING, key=len, reverse=True)) + ")+")
_BARE_FILLERS = frozenset({"的", "了", "并", "和", "已", "年度", "全年", "各类", "新", "再", "仅", "只"})


def _tokens(s: str) -> list[str] | None:
    """`s` split into bare words (verbs, measure words, general nouns, fillers), or None."""
    words = BARE_MEASURE_WORDS | BARE_VERBS | BARE_NOUNS | _BARE_FILLERS
    best: list[list[str] | None] = [None] * (len(s) + 1)
    best[0] = []
    for i in range(len(s)):
        path = best[i]
        if path is None:
            continue
        for j in range(i + 1, min(len(s), i + 6) + 1):
            if s[i:j] in words and best[j] is None:
                best[j] = [*path, s[i:j]]
    return best[len(s)]


@lru_cache(maxsize=4096)
def is_bare(name: str) -> bool:
    """The name says what kind of amount or what was done, not of what: 完成投资, 年度目标任务, 召开,
    项目, 项目投资. A general noun after a verb or modifier is a name (签约项目, 走访企业)."""
    s = _PARTICLES_END.sub("", _OPENERS.sub("", name_key(name)))
    if not s:
        return True
    tokens = _tokens(s)
    if tokens is None:
        return False
    meaningful = [t for t in tokens if t not in _BARE_FILLERS]
    # a general noun with a word before it says which (签约项目, 签约项目总投资); 项目投资 does not
    return not any(t in BARE_NOUNS for t in meaningful[1:])


def name_problem(name: str) -> str:
    """Why a reader would not accept `name` as what a figure is ("" when it is acceptable)."""
    plain = name_key(name)
    if not _CJK_RUN.search(plain) or len(plain) < 2:
        return "没有名称"
    if any(q.kind in (K.YEAR, K.DATE) for q in find_quantities(plain)):
        return "名称里有日期"
    if is_bare(name):
        return "只有动词或量词，没有说是什么"
    if plain.endswith("等"):
        return "以举例代替总数"
    if len(plain) > _MAX_NAME:
        return "太长"
    return ""


def after_markup(words: str) -> str:
    """Markup and brackets never stand inside a name: 园区>>>【任务】…<<<新签约项目 names from 新签约 on."""
    return re.split(r"[【】<>＜＞{}\[\]《》|]", words)[-1]


_NOT_WORD_START = re.compile(r"^[^\u4e00-\u9fffA-Za-z0-9“（(]+")


def _strip(words: str) -> str:
    s = _NOT_WORD_START.sub("", after_markup(words).strip(" \u3000\"'"))  # 🚀园区营收, a stray ）
    s = _OPENERS.sub("", s)
    s = _PARTICLES_END.sub("", s).strip(" \u3000\"'")
    return _balanced(s)


def _balanced(s: str) -> str:
    """Quotes as the source pairs them: a stray opening or closing mark at an end goes, an open one is
    closed (发放“涉企政策指南”“惠企政策包 -> …“惠企政策包”)."""
    while s.startswith("”") or (s.startswith("“") and "”" not in s):
        s = s[1:]
    while s.endswith("“") or (s.endswith("”") and s.count("”") > s.count("“")):
        s = s[:-1]
    if s.count("“") > s.count("”"):
        s += "”"
    return s


def _noun_after(text: str, end: int) -> str:
    """The noun written right after a figure: up to its head noun (三个驻点招商小组, 1支推进专班), else
    up to the next verb; with its group (高性能ABS树脂一体化等项目); "" when a break or a verb follows."""
    run = _RUN_AFTER.match(text, end)
    if run is None:
        return ""
    words = run.group().replace("“", "").replace("”", "")
    if _PREDICATE_START.match(words):
        return ""
    cut = _CUT.search(words)
    noun = words[: cut.start()] if cut else words
    heads = [h for h in _HEAD.finditer(noun) if h.end() >= 2]
    if heads:  # the last head: 道路收尾验收工程, 企业科技研发中心
        noun = noun[: heads[-1].end()]
    elif stop := _VERB_STOP.search(noun):
        noun = noun[: stop.start()]
    noun = noun.rstrip("等")
    if len(noun) < 2:
        return ""
    raw_end, seen = end, 0  # where the noun ends in the text (quotes count there)
    while seen < len(noun) and raw_end < len(text):
        seen += text[raw_end] not in "“”"
        raw_end += 1
    group = _GROUP_AFTER.match(text, raw_end)
    if group:  # X等项目, X等“7大项目”: the group, not X
        noun += "等" + group.group("head")
    return noun


def _thing_after(text: str, end: int) -> tuple[str, bool]:
    """The thing a figure qualifies when 的 follows it (总投资217亿元的7个产业项目 -> 产业项目), and
    whether a count stands between."""
    if not text.startswith("的", end):
        return "", False
    start, counted = end + 1, False
    for q in find_quantities(text[start : start + 12]):  # 的7个产业项目: skip the count between
        if q.span.start == 0 and q.is_figure:
            start, counted = start + q.span.end, True
        break
    return _noun_after(text, start), counted


def _owner_before(text: str, start: int, stop: int) -> str:
    """The project (or park, road …) the clause before names: the first noun phrase ending in an owner
    head (亿通生物能源固废利用项目正在进行…，年内完成投资1.8亿元); never a company standing for it."""
    clauses = [c for c in re.split(r"[，,；;：:]", text[start:stop]) if c.strip()]
    if not clauses:
        return ""
    clause = clauses[-1]
    for head in _OWNER_HEAD.finditer(clause):
        phrase = _strip(_MODAL_OPENERS.sub("", _strip(clause[: head.end()])))
        phrase = _LEADING.sub("", phrase)
        if 4 <= len(phrase) <= 20 and not is_bare(phrase):
            return phrase
    return ""


_STATE_END = re.compile(
    "(?:" + "|".join(sorted({w for ws in STATE_WORDS.values() for w in ws}, key=len, reverse=True)) + ")+$"
)
_ADVERB_END = re.compile("(?:持续|继续|明显|有所|仍然|仍|较|偏|进一步)+$")


def _verb_removed(name: str) -> str:
    s = _LEADING.sub("", name)
    verb = next((v for v in sorted(BARE_VERBS, key=len, reverse=True) if s.startswith(v)), "")
    return s[len(verb) :]


def _without_verb(name: str) -> str:
    """A name without the verb it opens with: 谋划十大类项目 -> 十大类项目; 签约项目 stays (项目 alone
    says nothing)."""
    rest = _verb_removed(name)
    return rest if len(rest) >= 2 and not is_bare(rest) else name


def _object_of(name: str) -> str:
    """What a count counts, without its verb: 新开工项目 -> 项目, 发现隐患问题 -> 隐患问题."""
    s = _verb_removed(name)
    head = list(_HEAD.finditer(s))
    return s if head and head[-1].end() == len(s) and len(s) >= 2 else ""


def elliptical_subject(text: str, start: int, stop: int) -> str:
    """The subject of the clause before a figure whose own clause names none: 工业投资占比偏低，仅为41.3%
    -> 工业投资占比; 工业投资增速放缓，较上半年回落3.2个百分点 -> 工业投资增速."""
    clauses = [c for c in re.split(r"[，,；;：:]", text[start:stop]) if c.strip()]
    if len(clauses) < 2:
        return ""
    if any(q.is_figure for q in find_quantities(clauses[-2])):  # 增长10%以上，达到236亿元: the figure's
        return ""
    clause = _strip(clauses[-2])
    stripped = _ADVERB_END.sub("", _STATE_END.sub("", clause))
    stripped = _LEADING.sub("", _strip(re.sub(r"^.*?(?:一是|二是|三是|四是|五是)", "", stripped)))
    return stripped if stripped != clause and 2 <= len(stripped) <= 16 and not is_bare(stripped) else ""


# a previous figure's own property and period, off its name: 重点项目年度计划投资 -> 重点项目
_OWN_PROPERTY = re.compile(
    f"(?:年度|全年|年内|当年|上半年)?(?:{'|'.join(PROPERTY_WORDS)}|已?完成投资|完成)(?:年度|全年)?$"
)
_TOTAL_END = re.compile("(?:总数|总量|数量|总额)$")
_DONE_AFTER = re.compile(r"(?:到|赴|深入|下沉)[\u4e00-\u9fff]{2,12}")
_GAP_BREAK = re.compile(r"[，,、；;。：:！？\n]")
_COMPARED = re.compile(
    r"^(?:比|较|同比|环比|增幅|增速|降幅)"
)  # 比年初增加, 增幅高于全市: of the figure before
_LABEL_BEFORE = re.compile(r"([\u4e00-\u9fffA-Za-z“”]{2,16})[：:]\s*$")
_RUN_BREAK = re.compile(r"[，,；;。！？!?\n]")
_MEMBER_SPLIT = re.compile(r"、|和|及|与")


def _respective_name(text: str, q: Quantity, sentence_start: int) -> str:
    """规上工业总产值、规上工业增加值分别为486.2亿元、112.5亿元: the figure's member of the list before
    分别, by position — only when the list and the run of figures are the same length."""
    before = text[sentence_start : q.span.start]
    at = before.rfind("分别")
    if at < 0 or _RUN_BREAK.search(before, at):
        return ""
    if q.kind in _RATES and (q.direction or q.comparison):  # growth rates go to their hosts
        return ""
    index = sum(1 for x in find_quantities(before[at:]) if x.is_figure)
    end = _RUN_BREAK.search(text, q.span.end)
    after = text[q.span.end : end.start() if end else len(text)]
    total = index + 1 + sum(1 for x in find_quantities(after) if x.is_figure)
    head = re.split(r"[，,；;：:]", before[:at])[-1]
    members = [m for m in _MEMBER_SPLIT.split(head) if m.strip()]
    if len(members) != total:
        return ""
    return _strip(_LEADING.sub("", _strip(members[index])))


def _property(words: str) -> str:
    return next((w for w in PROPERTY_WORDS if words.endswith(w)), "")


def _canonical_fits(canonical: str, q: Quantity) -> bool:
    if not canonical:
        return False
    counts = canonical in COUNT_INDICATORS
    return (q.kind is K.COUNT) if counts else q.kind is K.MONEY


def figure_name(
    text: str,
    q: Quantity,
    *,
    window: str,
    clause: str,
    sentence_start: int,
    canonical: str = "",
    previous: str = "",
    previous_end: int = -1,
) -> tuple[str, str]:
    """(name, rule) of the figure `q` of the cleaned `text` (`_figure_name`); a count listed after
    another with only 、 between shares its flow verb: 新增国家级“小巨人”企业4家、省级专精特新中小企业25家
    is 新增 both."""
    name, rule = _figure_name(
        text, q, window=window, clause=clause, sentence_start=sentence_start, canonical=canonical,
        previous=previous, previous_end=previous_end,
    )  # fmt: skip
    listed = previous_end >= 0 and text[previous_end : q.span.start - len(window)].strip() == "、"
    verb = next((v for v in sorted(FLOW_VERBS, key=len, reverse=True) if previous.startswith(v)), "")
    if listed and verb and q.kind is K.COUNT and name and not name.startswith(FLOW_VERBS):
        return verb + name, "flow" if rule == "vocabulary" else rule  # the year's flow of a stock
    return name, rule


def _figure_name(
    text: str,
    q: Quantity,
    *,
    window: str,
    clause: str,
    sentence_start: int,
    canonical: str = "",
    previous: str = "",
    previous_end: int = -1,
) -> tuple[str, str]:
    """(name, rule) of the figure `q` of the cleaned `text`.

    `window`: the words between the figure and the punctuation (or previous figure) before it;
    `clause`: the same back to the punctuation only (投资5亿元以上项目2个: the window of 2个 is 项目);
    `previous`: the name of the figure before it in the sentence, the owner of an elliptical rate, used
    only when that figure ends the clause right before (`previous_end`: where it ends)."""
    gap = text[previous_end : q.span.start - len(window)].strip() if previous_end >= 0 else "。"
    if gap and (gap[-1] not in "，,、" or _GAP_BREAK.search(gap[:-1])):
        previous = ""  # only the figure of the clause right before (97个项目，总投资446.55亿元)
    before = _strip(window)
    if respective := _respective_name(text, q, sentence_start):  # A、B分别为x、y: in order
        named = canonical_indicator(respective)
        return (named, "vocabulary") if _canonical_fits(named, q) else (respective, "respectively")
    if q.kind is K.PERCENT:
        share = _SHARE.match(window.strip())
        if share:
            part = _strip(share.group("part")) or previous
            whole = _strip(share.group("whole"))
            if whole:
                return f"{part}占{whole}比重", "share"
        done = _COMPLETION.match(window.strip())
        if done and _TASK_WORDS.search(done.group("task")):
            # the owner of 重点项目已完成投资31.1亿元，完成年度投资43.9% is 重点项目, not its 投资
            owner = _strip(done.group("owner")) or re.split("已?完成|实现", previous)[0]
            return f"{owner}完成{done.group('task')}", "completion"
    if _canonical_fits(canonical, q):
        written_at = canonical_match(window)[1]
        flow = next((v for v in FLOW_VERBS if window[:written_at].endswith(v)), "") if written_at > 0 else ""
        if flow:  # 申报高企18家: applications, not the stock of 高新技术企业
            return f"{flow}{canonical}", "flow"
        return canonical, "vocabulary"
    subject = _strip(_MODAL_OPENERS.sub("", before))
    elided = not subject and not window.strip().endswith("的") and not _noun_after(text, q.span.end)
    if elided and (elliptical := elliptical_subject(text, sentence_start, q.span.start)):
        return elliptical, "clause"  # 招商项目落地率不高，仅为62%
    if previous and (
        elided or subject in ("总数", "总量", "总额", "总计", "合计") or _COMPARED.match(subject)
    ):
        # 总产值增长10%以上，达到236亿元; 新增规上工业企业21家，总数达到186家; 158家，比年初增加12家
        return f"{_LEADING.sub('', previous)}{subject}", "previous"
    label = _LABEL_BEFORE.search(text, max(0, q.span.start - len(window) - 24), q.span.start - len(window))
    if not subject and label:  # 固定资产投资：52.8亿元
        return _strip(label.group(1)), "label"
    if q.kind is K.COUNT and subject and is_bare(subject) and clause.strip() != window.strip():
        # a figure inside the clause qualifies this one: 投资5亿元以上项目2个, 投资3亿元左右的项目5个
        whole = _strip(_MODAL_OPENERS.sub("", _strip(clause)))
        if whole and not is_bare(whole):
            return whole, "threshold"
    noun = _noun_after(text, q.span.end)
    if noun and _ANNUAL_PRODUCTION.search(window.strip()):  # 年产100万件汽车内饰零部件
        return f"年产{re.sub('(?:项目|生产线|工程)$', '', noun) or noun}", "property"
    if q.kind is K.COUNT:
        if noun and is_bare(noun) and not subject:  # 确保15—20家企业进驻开发区
            predicate = re.match(r"[\u4e00-\u9fff]{1,10}", text[q.span.end + len(noun) :])
            return noun + (predicate.group() if predicate else ""), "count"
        if noun:
            if window.rstrip().endswith("等"):  # 贝德食品等10个项目: the group, never one member
                member = _LEADING.sub("", re.split(r"[、，,和及与]", subject)[-1])
                return f"{member}等{noun}", "group"
            if window.rstrip().endswith("的") and subject:
                return f"{subject}的{noun}", "count"
            if subject.endswith(OWNER_HEADS) or subject.startswith(("每", "各")):
                return f"{subject}{noun}", "count"  # 新材料产业园13个拟入驻项目; 每个重点工程成立1支推进专班
            if not is_bare(noun):
                return noun, "count"
            return (f"{subject}{noun}" if subject else noun), "count"
        if subject and is_bare(subject) and previous and (stock := _TOTAL_END.sub("", previous)) != previous:
            return f"{_LEADING.sub('', stock)}{subject}", "previous"  # 高新技术企业总数达到320家，净增45家
        if subject and is_bare(subject) and previous and (obj := _object_of(previous)):
            return f"{subject}{obj}", "count"  # 新开工项目26个，竣工18个; 发现隐患问题323项，已完成整改256项
        if window.rstrip().endswith("等") and (later := _HEAD.search(text, q.span.end, q.span.end + 16)):
            member = _LEADING.sub(
                "", re.split(r"[、，,和及与]", subject)[-1]
            )  # 凤鸣路西段和鸾凤路等6条总长9公里道路
            return f"{member}等{later.group()}", "group"
        if subject and (done := _DONE_AFTER.match(text, q.span.end)):  # 监督员每月定期2次到企业检查
            return f"{subject}{done.group()}", "count"
        return subject, "count"
    thing, counted = _thing_after(text, q.span.end)
    if thing and (counted or not is_bare(thing)):
        prop = _property(subject) or _property(window.strip())
        return (f"{thing}{prop}" if prop else thing), "property"
    if thing:  # 投资3亿元左右的项目5个: the source's own phrase names the threshold
        return f"{subject}{q.text}的{thing}", "threshold"
    if noun and is_bare(noun) and q.kind is K.MONEY:  # 投资5亿元以上项目2个以上
        return f"{subject}{q.text}{noun}", "threshold"
    spec = q.kind in _SPECS
    if (
        noun
        and q.kind not in _RATES
        and (not subject or is_bare(_LEADING.sub("", subject)) or _property(subject))
    ):
        prop = _property(subject)
        return (f"{noun}{prop}" if prop and not noun.endswith(prop) else noun), "property"
    if noun and spec:  # 曙光6.6万千伏安变电所, 利华益20万吨/年聚苯乙烯项目
        member = re.split(r"[、，,和及与]", _LEADING.sub("", subject))[-1]
        return f"{member}{noun}", "property"
    if subject and is_bare(subject):
        verb_thing = _AFTER_VERB.match(text, q.span.end)
        if verb_thing:  # 投资3.6亿元建设创智绿谷产业园
            return f"{subject}{verb_thing.group().replace('“', '').replace('”', '')}", "owner"
        prop = _property(subject)
        owner_named = _without_verb(_OWN_PROPERTY.sub("", previous))
        if prop and owner_named and _HEAD.search(owner_named[-3:]) and not is_bare(owner_named):
            # 97个项目，总投资446.55亿元; X项目总投资18.6亿元，年内计划投资6亿元，已完成投资4.3亿元
            return f"{owner_named}{before}", "owner"
        owner = _owner_before(text, sentence_start, q.span.start - len(window))
        if owner:
            return f"{owner}{prop or subject}", "owner"
    return subject, "clause"


_WINDOW_END = re.compile(r"[，,；;。！？!?\n、：:（）()]")
_SENTENCE_END = re.compile(r"[。！？!?\n]")


_LIST_NUMERAL = re.compile("[一二三四五六七八九十]{1,3}")
# a date before a 、 is no figure ending the list (11月底前赴长三角、粤港澳大湾区…)
_DATE_WORDS = re.compile(r"(?:20\d\d年)?\d{1,2}月(?:底|末|中旬|上旬|下旬|\d{1,2}日)?(?:前|以前|之前)?")


def noun_list_start(text: str, cuts: list[re.Match[str]], start: int) -> int:
    """Where a figure's words begin, given the breaks before it: after the last break, unless that
    break is a 、 between names with no figure (赴长三角、粤港澳大湾区开展招商活动不少于2次), which the
    words run on over; 新增智能工厂3家、数字化车间12个 keeps its 、 as the break."""
    n = len(cuts) - 1
    while n >= 0 and cuts[n].group() == "、":
        before = _DATE_WORDS.sub("", text[cuts[n - 1].end() if n > 0 else start : cuts[n].start()])
        if re.search(r"[0-9０-９]", before) or not before.strip() or _LIST_NUMERAL.fullmatch(before.strip()):
            break  # a figure before it, or 四、 numbering the item
        n -= 1
    return cuts[n].end() if n >= 0 else start


def named_figures(text: str) -> list[tuple[Quantity, str]]:
    """Every figure of a short text (a goal, a sentence a model wrote) with the name the same rule
    gives it; a growth rate without a subject of its own takes the figure's before it."""
    found: list[tuple[Quantity, str]] = []
    floor, sentence, previous, previous_end = 0, 0, "", -1
    for q in (q for q in find_quantities(text) if q.is_figure):
        ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, q.span.start)]
        if ends and ends[-1] > sentence:
            sentence, previous, previous_end = ends[-1], "", -1
        floor = max(floor, sentence)
        clause_start = noun_list_start(
            text, list(_WINDOW_END.finditer(text, sentence, q.span.start)), sentence
        )
        window = text[max(clause_start, floor) : q.span.start]
        if q.kind in _RATES and (q.direction or q.comparison):  # a growth rate: the parser's host
            name = q.subject or previous
        else:
            name, _ = figure_name(
                text,
                q,
                window=window,
                clause=text[clause_start : q.span.start],
                sentence_start=sentence,
                canonical=canonical_indicator(window),
                previous=previous,
                previous_end=previous_end,
            )
        found.append((q, name))
        previous, floor, previous_end = name or previous, q.span.end, q.span.end
    return found


def is_neighbours_name(name: str, neighbours: tuple[str, ...] | list[str]) -> bool:
    """The name is another figure's of the same sentence (晟光新能源新增产能 for the 产值 growth beside
    it): a name for an elliptical figure must be its own, not the one its neighbour already has."""
    key = name_key(name)
    return any(
        other and (key == other or key.endswith(other) or other.endswith(key))
        for other in map(name_key, neighbours)
    )
