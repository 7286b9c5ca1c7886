"""Build the skeleton of one report: every fact, list item and project clause, with ids and roles.

Coverage is by construction: every figure the parser finds in the body is a fact or a growth rate of
one; every 一是/（一）/sentence item under 主要工作, 存在问题, 下步打算 and 保障措施 is one list item.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter

from ..core.models import Document, Quantity, QuantityKind, Section, Span, StandardPart
from ..text.docmeta import ZONE_WORDS, guess_meta
from ..text.periods import PERIOD_WORD, format_period, parse_period
from ..text.quantities import find_quantities
from ..text.segment import CLAUSE_BREAK, SEMICOLON_BREAK, SENTENCE_BREAK
from .genre import guess_genre
from .names import after_markup, elliptical_subject, figure_name, noun_list_start
from .outline import memo_outline
from .parts import FORWARD_PARTS, PartMap, part_map
from .roles import role_of
from .types import Fact, ItemKind, ListItem, ProjectCandidate, Skeleton, Unit
from .vocabulary import PLANNED_CLAUSE, PROJECT_STATUS_WORDS, canonical_indicator, theme_of

__all__ = ["build_skeleton", "change_text", "is_growth", "project_stretch_end"]

_RATES = frozenset({QuantityKind.PERCENT, QuantityKind.PERCENTAGE_POINTS})
# A subject window also stops at 、 and ：, where a list or a label starts.
_WINDOW_END = re.compile(rf"{CLAUSE_BREAK.pattern}|[、：:]")
_ZONE = re.compile(rf"(?:[\u4e00-\u9fffA-Za-z*]{{1,12}}?)(?:{ZONE_WORDS})")
_NOT_ISSUER = (
    "新闻",
    "办公室",
    "记者",
    "网",
    "报社",
    "电视台",
    "文库",
    "争创",
    "创建",
    "打造",
    "省级",
    "国家级",
)
_CJK = re.compile(r"[\u4e00-\u9fff]")
# problems named in one breath: 存在X、Y、Z等问题 / 面临X、Y等困难
_NAMED_PROBLEMS = re.compile(
    r"(?:存在|面临)(?:着)?(?:一些|部分)?(?P<list>[^。；;：:，,]{4,80}?)等(?:突出|短板|方面的?)?(?:问题|困难|不足|制约|挑战|瓶颈)"
    # …，但也要看到，部分企业订单不足、中小企业融资难等问题依然存在
    r"|(?:^|[，,。；;])(?:但|但也要看到|同时)?[，,]?(?P<remaining>[^。；;：:，,]{4,80}?)等(?:问题|困难)"
    r"(?:依然|仍然|仍|还|也)(?:存在|突出|较为突出|不同程度存在)"
)
# a sentence that announces a list before its colon (…存在一些不容忽视的问题：一是…)
_ANNOUNCED = re.compile(r"(?:问题|不足|困难|挑战|短板|以下工作|如下)[：:]")
# a part's label run into its first point on a scraped page (二、存在问题一是…)
_POINT_AFTER_LABEL = re.compile(r"(?P<label>[^。；;：:，,]{2,20}?)(?=[一二三四五六七八九十]是)")
# what a meeting did besides (会议还研究了其他事项)
_ASIDE = re.compile(r"\s*(?:会议|会上)还(?:研究|听取|审议|通报)")
# a story's credit line at its end: （管委会党政办 供稿）
_BYLINE = re.compile(
    r"[（(][^（）()。]{0,30}(?:供稿|供图|来源|编辑|审核|撰稿|通讯员|请|(?:19|20)\d\d年\d{1,2}月\d{1,2}日)[^（）()。]{0,12}[）)]"
)
# "对此，我们将…" after a list of problems: the report's answer to them
_RESPONSE = re.compile(r"\s*(?:对此|为此|针对(?:以上|上述|这些)(?:问题|困难|不足))")
# "会议要求，各部门要…": what a meeting asks starts after its 会议要求
_SAID = re.compile(r"会议[\u4e00-\u9fff]{2}[，,]")
_SHORT_MAX = 30  # a title sentence this short stands alone as the item's one line
_ITEM_PARTS: dict[StandardPart, ItemKind] = {
    StandardPart.BASIC_SITUATION: "measure",
    StandardPart.MAIN_WORK: "measure",
    StandardPart.PROBLEMS: "problem",
    StandardPart.NEXT_STEPS: "next_step",
    StandardPart.KEY_TASKS: "next_step",
    StandardPart.GUIDING_IDEAS: "next_step",
    StandardPart.MAIN_GOALS: "goal",
    StandardPart.SAFEGUARDS: "safeguard",
}
_ID_PREFIX: dict[ItemKind, str] = {
    "measure": "m",
    "problem": "p",
    "next_step": "n",
    "safeguard": "s",
    "goal": "g",
}
_MARKER = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，、,]?|首先|其次|再次|最后|[（(]?[一二三四五六七八九十\d]+[)）、.．])\s*"
)
_PROJECT_WORDS = re.compile(r"项目")
_STATUS_WORDS = tuple((name, re.compile(words)) for name, words in PROJECT_STATUS_WORDS)
_INVESTMENT = re.compile(r"投资|总投资")
_PLANNED_CLAUSE = re.compile(PLANNED_CLAUSE)
_LEADING_VERBS = re.compile(
    r"^(?:[^，。；]{0,4}(?:抓好|推进|推动|加快|实施|完成|开工建设|开工|建设|引进|签约|落地|谋划|储备|新上|续建|竣工|投产|跟进|督促|确保|力争|全力|重点|其中|包括|共有|主要有|已有))+"
)
_GENERIC_NAME = re.compile(
    r"^(?:[\d个家项余]*(?:重点|产业|在谈|新开工|续建|签约|招商|大|亿元以上|重大|市级|省级|县级|各类|新)?)+项目$"
)


def _sentence_start(text: str, pos: int) -> int:
    """Start of the sentence holding `pos` (at most 400 characters back: linear on one-line pages)."""
    floor = max(0, pos - 400)
    ends = [m.end() for m in SENTENCE_BREAK.finditer(text, floor, pos)]
    return ends[-1] if ends else floor


def _window(text: str, q: Quantity, floor: int) -> str:
    """The words between a figure and the punctuation (or previous figure) before it."""
    start = max(floor, q.span.start - 40)
    return text[
        noun_list_start(text, list(_WINDOW_END.finditer(text, start, q.span.start)), start) : q.span.start
    ].strip()


_YEAR_WORD = re.compile(r"((?:19|20)\d\d)年")


def _past_year(before: str, plan_document: bool, role: str) -> str:
    """A plan's review of last year ("2025年，开发区实现…") dates its results: 2025年, not the plan's year."""
    years = _YEAR_WORD.findall(before) if plan_document and role == "result" else []
    return f"{years[-1]}年" if years else ""


_ITEM_OPENER = re.compile(r"[一二三四五六七八九十]+是|[（(][一二三四五六七八九十\d]+[)）]")


_COMPARED = ("较", "比", "与", "同")  # 增速较1-9月提高: the base of a comparison, not the figure's period


def _periods(text: str, start: int, end: int) -> list[str]:
    return [
        m.group()
        for m in PERIOD_WORD.finditer(text, start, end)
        if text[max(0, m.start() - 1) : m.start()] not in _COMPARED
    ]


def _period_before(text: str, q: Quantity, sentence: int) -> str:
    """The period words the source puts before the figure: in its sentence, else shortly before it
    on its line ("上半年主要指标如下：\n…"). Never from further away: a scraped page is one long line."""
    line = text.rfind("\n", 0, q.span.start) + 1
    for start in (sentence, max(line, q.span.start - 150)):
        # An enumerated item never lends its period to the next (一是…一季度投产；二是年底前建成…); a
        # lead-in before the first item covers them all (上半年，一是…；二是…).
        openers = [m.start() for m in _ITEM_OPENER.finditer(text, start, q.span.start)]
        found = _periods(text, openers[-1], q.span.start) if openers else []
        found = found or _periods(text, start, openers[0] if openers else q.span.start)
        if found:
            return "".join(found[-1].split())
    return ""


_PARTICLES = re.compile(r"^(?:[了以的对将把为和与及共已]|其中|实施了|完成了)+")
_NOUN_AFTER = re.compile(r"^[\u4e00-\u9fff“”]{2,12}")


def _subject(text: str, q: Quantity) -> str:
    """The parser's subject without the particles a window can start with (了总投资 -> 总投资); for a
    count without one, the noun written after it (…的8个城市更新项目 -> 城市更新项目)."""
    subject = _PARTICLES.sub("", q.subject or "").strip("“”\"'")
    if len(subject) < 2 and q.kind is QuantityKind.COUNT:
        after = CLAUSE_BREAK.split(text[q.span.end : q.span.end + 24], maxsplit=1)[0]
        noun = _NOUN_AFTER.match(after)
        subject = noun.group().strip("“”") if noun else subject
    return subject if len(subject) >= 2 else ""


def _heading_paths(outline: Section) -> list[tuple[int, int, str, int]]:
    """(start, end, path, level) of every heading, outermost first."""
    found: list[tuple[int, int, str, int]] = []

    def visit(node: Section, path: str) -> None:
        for child in node.children:
            if child.kind == "heading":
                label = f"{child.marker or ''}{child.title or ''}"
                child_path = f"{path} > {label}" if path else label
                found.append((child.span.start, child.span.end, child_path, child.level))
                visit(child, child_path)
            else:
                visit(child, path)

    visit(outline, "")
    return found


def _path_at(headings: list[tuple[int, int, str, int]], offset: int) -> str:
    inside = [h for h in headings if h[0] <= offset < h[1]]
    return max(inside, key=lambda h: h[0])[2] if inside else ""


# --- facts -----------------------------------------------------------------------------------------


def is_growth(q: Quantity) -> bool:
    return q.kind in _RATES and (q.direction is not None or q.comparison is not None)


def _column_period(q: Quantity) -> str:
    """A table cell's period: its column header when that names one (1-9月, 上半年, 2025年)."""
    return q.column if q.column and parse_period(q.column) is not None else ""


def change_text(q: Quantity) -> str:
    """A growth rate as a reader says it: 同比增长33.9%, 下降4.2% (the source's words)."""
    word = {"up": "增长", "down": "下降"}.get(q.direction or "", "")
    text = q.shown or q.text
    if word and not text.startswith(("增长", "下降", "减少", "提高", "降低", "回落")):
        text = word + text
    return f"{q.comparison or ''}{text}" if q.comparison and not text.startswith(q.comparison) else text


def _facts(
    doc: Document, parts: PartMap, period: str, plan_document: bool, headings: list[tuple[int, int, str, int]]
) -> list[Fact]:
    text = doc.cleaned
    facts: list[Fact] = []
    hosts: dict[int, list[Fact]] = {}  # sentence start -> facts a growth rate there may belong to
    last_name: dict[int, str] = {}  # sentence start -> the name of its last figure so far
    last_end: dict[int, int] = {}  # sentence start -> where its last figure so far ends
    by_sentence: dict[int, list[Fact]] = {}
    for q in sorted(doc.figures, key=lambda f: f.span.start):
        sentence = _sentence_start(text, q.span.start)
        before = text[sentence : q.span.start]
        same = hosts.get(sentence, [])
        floor = same[-1].value.span.end if same else sentence
        if is_growth(q):
            host = _host(q, same, text)
            if host is not None:
                host.changes.append(q)
                last_end[sentence] = q.span.end
                continue
        part = parts.at(q.span.start)
        window = _window(text, q, floor)
        paragraph = text[text.rfind("\n", 0, q.span.start) + 1 : q.span.start]
        role = role_of(
            q, before, part, report_period=period, plan_document=plan_document, paragraph=paragraph
        )
        if q.column and q.subject:  # a table's cell: its row names it (text/tables.py)
            name = q.subject
            canonical = canonical_indicator(name)
            name, rule = (canonical, "vocabulary") if canonical else (name, "table")
        elif is_growth(q):  # a rate standing alone: the parser's subject (the nearest indicator's)
            name = _subject(text, q) or elliptical_subject(text, sentence, q.span.start)
            canonical, rule = "", "growth"
        else:
            name, rule = figure_name(
                text,
                q,
                window=window,
                clause=_window(text, q, sentence),
                sentence_start=sentence,
                canonical=canonical_indicator(window),
                previous=last_name.get(sentence, ""),
                previous_end=last_end.get(sentence, -1),
            )
            canonical = name if rule == "vocabulary" else ""
        fact = Fact(
            id=f"f{len(facts) + 1}",
            value=q,
            changes=[],
            subject=name,
            clause=(window + q.text),
            context=(
                f"{text[max(sentence, q.span.start - 60) : q.span.start]}〖{q.text}〗"
                + SENTENCE_BREAK.split(text[q.span.end : q.span.end + 16], maxsplit=1)[0]
            ),
            # a table's period is its column's (1-9月), the prose's the words before the figure
            period=_column_period(q)
            or _period_before(text, q, sentence)
            or _past_year(before, plan_document, role),
            role=role,
            section=_path_at(headings, q.span.start),
            part=part.value,
            canonical=canonical,
            # a core indicator, or the year's flow of one (新增高新技术企业15家), among the results
            headline=rule in ("vocabulary", "flow") and role in ("result", "estimate"),
        )
        facts.append(fact)
        by_sentence.setdefault(sentence, []).append(fact)
        last_name[sentence], last_end[sentence] = name, q.span.end
        if not is_growth(q):
            hosts.setdefault(sentence, []).append(fact)
    for group in by_sentence.values():
        for fact in group:
            fact.neighbours = tuple(o.canonical or o.subject for o in group if o is not fact and o.subject)
    return facts


_RESPECTIVE_RATES = re.compile(r"分别[^，。；,;]*$")


def _host(rate: Quantity, same: list[Fact], text: str) -> Fact | None:
    """The figure in the same sentence this growth rate measures: the parser's subject decides (the
    分别 list and the nearest-indicator rule set it); a 分别 list of rates the parser could not map
    goes in order onto the run of figures before it (分别为486.2亿元、112.5亿元，分别增长10.3%、8.9%);
    without a subject, the figure right before."""
    if not same:
        return None
    clause_start = max((m.end() for m in CLAUSE_BREAK.finditer(text, 0, rate.span.start)), default=0)
    opener = _RESPECTIVE_RATES.search(text, clause_start, rate.span.start)
    if rate.subject is None and opener:
        index = sum(1 for q in find_quantities(text[opener.start() : rate.span.start]) if q.is_figure)
        end = CLAUSE_BREAK.search(text, rate.span.end)
        rest = text[rate.span.end : end.start() if end else len(text)]
        count = index + 1 + sum(1 for q in find_quantities(rest) if q.is_figure)
        run = [f for f in same if not f.changes or index > 0][-count:]
        if len(same) >= count and len(run) == count:
            return same[-count:][index]
        return None
    if rate.subject:
        named = [f for f in same if f.subject == rate.subject or f.value.subject == rate.subject]
        return named[-1] if named else None
    last = same[-1]
    return last if not last.changes else None


# --- list items ------------------------------------------------------------------------------------


def _first_sentence(text: str) -> str:
    m = SEMICOLON_BREAK.search(text)
    return (text[: m.start()] if m else text).strip()


def _item(
    doc: Document, kind: ItemKind, start: int, end: int, section: str, n: int, title: str = ""
) -> ListItem | None:
    raw = doc.cleaned[start:end]
    body = _MARKER.sub("", raw).strip()
    if len(re.sub(r"\W", "", body)) < 4 or _BYLINE.fullmatch(body.rstrip("。；;")):
        return None  # （请结合实际补充）, （管委会党政办 供稿）: no item of the report
    first = title.strip("。；;：:") or _first_sentence(body)
    short = (
        first
        if (4 <= len(first) <= _SHORT_MAX and first != body.rstrip("。；;")) or len(body) <= _SHORT_MAX
        else ""
    )
    if short == "" and len(body) <= _SHORT_MAX:
        short = body.rstrip("。；;")
    heading = section.rsplit(" > ", 1)[-1]
    theme = theme_of(heading, first, body) if kind == "measure" else ""
    offset = start + (len(raw) - len(raw.lstrip()))
    return ListItem(
        id=f"{_ID_PREFIX[kind]}{n}",
        kind=kind,
        text=body,
        short=short,
        theme=theme,
        section=section,
        span=Span(start=offset, end=end),
    )


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, cursor = [], start
    for m in SEMICOLON_BREAK.finditer(text[start:end]):
        stop = start + m.end()
        if text[cursor:stop].strip():
            spans.append((cursor, stop))
        cursor = stop
    if text[cursor:end].strip():
        spans.append((cursor, end))
    return spans


def _items(
    doc: Document, parts: PartMap, headings: list[tuple[int, int, str, int]], cues: set[int]
) -> list[ListItem]:
    counts: Counter[str] = Counter()
    items: list[ListItem] = []
    taken: list[tuple[int, int]] = []

    boundaries = sorted(offset for offset, _ in parts.events)

    def add(kind: ItemKind, start: int, end: int, title: str = "") -> None:
        # An item never runs into the next part: "存在的问题：" in running text ends the item before it.
        end = min([end, *(b for b in boundaries if start < b < end)])
        counts[kind] += 1
        item = _item(doc, kind, start, end, _path_at(headings, start), counts[kind], title)
        if item is None:
            counts[kind] -= 1
            return
        items.append(item)
        taken.append((start, end))

    nodes = doc.outline.walk()
    # 1. 一是/二是 items wherever they are.
    for node in nodes:
        if node.kind == "item":
            part = parts.at(node.span.start)
            add(_ITEM_PARTS.get(part, "measure"), node.span.start, node.span.end)
    # 2. Leaf headings with no items below: one item, the heading title as its line and the body
    #    under it as its text (（一）全力冲刺年度目标。确保… is one next step, not two).
    for node in nodes:
        if node.kind != "heading" or node.level < 2 or not node.title or node.label is not None:
            continue
        if any(c.kind in ("item", "heading") for c in node.walk()[1:]):
            continue
        part = parts.at(node.span.start)
        add(_ITEM_PARTS.get(part, "measure"), node.span.start, node.span.end, title=node.title)
    # 3. Problems, next steps and safeguards written as running sentences: one item per sentence.
    for node in nodes:
        if node.kind != "paragraph":
            continue
        for start, end in _sentences(doc.cleaned, node.span.start, node.span.end):
            part = parts.at(start)
            if part not in (StandardPart.PROBLEMS, StandardPart.NEXT_STEPS, StandardPart.SAFEGUARDS):
                continue
            if _is_heading_line(doc, start, end):
                continue
            if _BYLINE.fullmatch(doc.cleaned[start:end].strip()):
                continue  # （管委会党政办 供稿）: who sent it in, no step of the plan
            if part is StandardPart.PROBLEMS and _RESPONSE.match(doc.cleaned, start):
                continue  # 对此，我们将采取有力措施… answers the problems, it is none of them
            if start in cues:  # "存在的问题：工业投资…": the item starts after the announcement
                colon = re.search(r"[：:]", doc.cleaned[start : min(end, start + 40)]) or _SAID.match(
                    doc.cleaned[start:end]
                )
                # 二、存在问题一是…: a heading run into its first point, which starts the item
                point = _POINT_AFTER_LABEL.match(doc.cleaned, start, min(end, start + 24))
                if colon is not None:
                    start += colon.end()
                elif point is not None:
                    start = point.end("label")
                else:  # "下半年，开发区将重点抓好以下工作。" only announces the part
                    continue
            elif announced := _ANNOUNCED.search(doc.cleaned, start, end):
                start = announced.end()  # …但也存在一些不容忽视的问题：一是…: what it announces follows
            if _ASIDE.match(doc.cleaned, start):
                continue  # 会议还研究了其他事项: no step of the plan
            if not doc.cleaned[start:end].strip("。；; \n") or any(a <= start < b for a, b in taken):
                continue  # nothing after the announcement, or already an 一是 item or a heading's
            add(_ITEM_PARTS[part], start, end)
    # 4. A report written as prose (a press release) has no 一是 runs: its sentences without figures in
    #    主要工作 are its measures, one each ("赴长三角开展专题招商活动。"). Structured reports skip this.
    if not any(i.kind == "measure" for i in items):
        figure_starts = sorted(q.span.start for q in doc.figures)
        for node in nodes:
            if node.kind != "paragraph" or node.span.start == 0:  # the first line is the title
                continue
            for start, end in _sentences(doc.cleaned, node.span.start, node.span.end):
                if parts.at(start) not in (StandardPart.MAIN_WORK, StandardPart.BASIC_SITUATION):
                    continue
                holds_figure = bisect_left(figure_starts, start) < bisect_left(figure_starts, end)
                # a sentence of prose, not a stray line of markup or data: eight Chinese characters at least
                if holds_figure or len(_CJK.findall(doc.cleaned, start, end)) < 8:
                    continue
                if not any(a <= start < b for a, b in taken) and not _is_heading_line(doc, start, end):
                    add("measure", start, end)
    # 5. A report without a problems part that still names its problems in one breath (会议指出，…但
    #    也存在签约项目落地转化慢、外资指标进度滞后等问题): one problem each.
    if not any(i.kind == "problem" for i in items):
        for m in _NAMED_PROBLEMS.finditer(doc.cleaned):
            named = "list" if m.group("list") else "remaining"
            cursor = m.start(named)
            for piece in re.split("、", m.group(named)):
                if len(_CJK.findall(piece)) >= 4:  # also inside a sentence kept as a measure
                    add("problem", cursor, cursor + len(piece))
                cursor += len(piece) + 1
    items.sort(key=lambda i: i.span.start)
    return _renumber(items)


def _renumber(items: list[ListItem]) -> list[ListItem]:
    counts: Counter[str] = Counter()
    for item in items:
        counts[item.kind] += 1
        item.id = f"{_ID_PREFIX[item.kind]}{counts[item.kind]}"
    return items


def _is_heading_line(doc: Document, start: int, end: int) -> bool:
    return any(n.kind == "heading" and n.span.start == start for n in doc.outline.walk())


# --- projects --------------------------------------------------------------------------------------


def _projects(
    doc: Document, parts: PartMap, headings: list[tuple[int, int, str, int]]
) -> list[ProjectCandidate]:
    text = doc.cleaned
    found: list[ProjectCandidate] = []
    for m in re.finditer(r"[^，。；！？\n]+", text):
        clause = m.group()
        if not _PROJECT_WORDS.search(clause):
            continue
        figures = [q for q in doc.figures if m.start() <= q.span.start < m.end()]
        money = [q for q in figures if q.kind is QuantityKind.MONEY]
        investment = money[0] if money and _INVESTMENT.search(clause) else None
        # Progress words often follow in the next clause: "…项目总投资6.8亿元，已竣工投产。"
        progress = text[m.start() : project_stretch_end(text, m.end())]
        # what is planned ("计划明年3月投产", "力争年内竣工") is not the project's state now
        now = _PLANNED_CLAUSE.sub("", progress)
        status = next((name for name, pattern in _STATUS_WORDS if pattern.search(now)), "")
        status = status or ("计划" if any(p.search(progress) for _, p in _STATUS_WORDS) else "未知")
        name = _project_name(clause)
        specific = bool(re.search(r"有限公司|集团|年产|万吨|千伏安|生产线", clause))
        if investment is None and not (specific and status != "未知"):
            continue
        if "项目" in clause and not name and not specific:
            continue  # 完成项目投资42亿元, 新签约项目18个: a total over many projects, not one
        if any(q.text in name for q in money):
            continue  # 固定资产投资100亿元以上、重点项目: an indicator's figure runs into the word 项目
        if parts.at(m.start()) in FORWARD_PARTS or re.search(r"拟|计划|将|力争|确保", clause):
            status = "计划"
        found.append(
            ProjectCandidate(
                id=f"j{len(found) + 1}",
                clause=after_markup(clause).strip(),
                name=name,
                investment=investment,
                status=status,
                section=_path_at(headings, m.start()),
                span=Span(start=m.start(), end=m.end()),
                company=_company(clause),
            )
        )
    return found


# Where a project's name ends and the clause's predicate starts: X项目已列入…, X工程已确定为发债项目.
_PREDICATE = re.compile(r"(?:已经?|正在|将于?|于\d|列入|确定为|完成|实现|进入|开始|顺利)")
# 总投资18.6亿元的X项目, 投资3亿元左右的项目
_INVESTMENT_LEAD = re.compile(r"^.*?(?:总投资|投资)(?:约|近|超)?[\d.]+[万亿]?元(?:左右|以上|以内)?的")
_NAME_END = re.compile(r"(?:项目|工程|基地)")
_COMPANY = re.compile(
    r"[\u4e00-\u9fffA-Za-z]{2,16}?(?:股份)?有限(?:责任)?公司|[\u4e00-\u9fffA-Za-z]{2,10}?集团"
)


_NEXT_PROJECT = re.compile(r"[^，,。；;！？\n]*项目")


def project_stretch_end(text: str, name_end: int) -> int:
    """Where the text about one project ends: its sentence or ；, or the clause naming the next project
    (…项目已列入…，半导体生产设备项目已完成样机生产 — that 样机 is the next project's)."""
    stop = SEMICOLON_BREAK.search(text, name_end)
    end = stop.start() if stop else len(text)
    for clause in CLAUSE_BREAK.finditer(text, name_end, end):  # a later clause naming a project
        named = _NEXT_PROJECT.match(text, clause.end())
        if named is not None and named.end() <= end:
            return clause.start()
    return end


def _project_name(clause: str) -> str:
    """The one project the clause names, as written: the words before its predicate that end in
    项目/工程/基地, after the verbs before them; "" for a group (X等7大项目) or a total (项目5个)."""
    head = _INVESTMENT_LEAD.sub("", _MARKER.sub("", after_markup(clause)))
    head = _LEADING_VERBS.sub("", head).strip("“”\"' ")
    if predicate := _PREDICATE.search(head):
        head = head[: predicate.start()]
    ends = [m.end() for m in _NAME_END.finditer(head)]
    if not ends:
        return ""
    name = head[: ends[-1]].strip("“”\"' ")
    if re.search(r"项目\d|等[^，。]{0,6}项目|\d+个|\d+大", clause[clause.find(name) :] if name else clause):
        return ""  # 项目5个, X等2个项目, “7大项目”: many projects, not one
    if len(name) < 5 or len(name) > 40 or _GENERIC_NAME.match(name):
        return ""
    return name


def _company(clause: str) -> str:
    found = _COMPANY.search(clause)
    return _LEADING_VERBS.sub("", found.group()) if found else ""


# --- meta ------------------------------------------------------------------------------------------


_LEADING_JUNK = re.compile(r"^[但在该本全我各及和与对以将为由到的了是主题专场即从向让使经]+")
# Verbs a clause puts before a zone name ("启动XX产业园开发建设有限公司"): never part of the name.
_LEADING_VERBS_ZONE = re.compile(
    r"^(?:启动|推动|推进|加快|建设|成立|组建|入驻|落户|进驻|依托|围绕|带动|支持|服务)+"
)
# A zone name that opens a company's name is the company, not the zone reporting.
_COMPANY_AFTER = re.compile(r"(?:开发建设|建设|投资|发展|运营|管理)?(?:有限)?(?:责任)?(?:公司|集团)")
_SUFFIXES = (
    "高新技术产业开发区",
    "经济技术开发区",
    "经济开发区",
    "工业园区",
    "产业园区",
    "高新区",
    "产业园",
    "开发区",
    "新区",
)


def _suffix(name: str) -> str:
    return next((s for s in _SUFFIXES if name.endswith(s)), "")


def _issuer_from_body(doc: Document) -> str:
    """The zone the body names, by a place name before its zone word: counted, then the most specific
    (经济开发区 over 开发区). A press office, newspaper or document site is never the issuer, nor a
    bare "该开发区"."""
    names: Counter[str] = Counter()
    first: dict[str, int] = {}
    for m in _ZONE.finditer(doc.cleaned):
        name = _LEADING_VERBS_ZONE.sub("", _LEADING_JUNK.sub("", m.group()))
        if len(name) - len(_suffix(name)) < 2 or any(w in name for w in _NOT_ISSUER):
            continue
        if _COMPANY_AFTER.match(doc.cleaned, m.end()):
            continue
        names[name] += 1
        first.setdefault(name, m.start())
    if not names:
        return ""
    # Most mentioned, then the most specific zone word, then the first named (a report names itself early).
    return max(names, key=lambda n: (names[n], len(_suffix(n)), -first[n]))


# A year, but not one that opens a full date (2021年6月30日 is when it was written, not its period).
_REPORT_YEAR = re.compile(r"(20\d\d)年(?!\d{1,2}月\d{1,2}日)")
_TARGET_YEAR = re.compile(r"[到至]")


# 全年奋斗目标, 上半年任务: a period word that dates a goal, not the report.
_GOAL_AFTER = re.compile(r"[^，。；]{0,4}?(?:目标|任务|计划)")


def _own_period_word(text: str) -> re.Match[str] | None:
    return next((m for m in PERIOD_WORD.finditer(text) if not _GOAL_AFTER.match(text, m.end())), None)


_FULL_DATE = re.compile(r"(20\d\d)年\d{1,2}月\d{1,2}日|(20\d\d)[-/.]\d{1,2}[-/.]\d{1,2}")


def _period_from_body(doc: Document, title: str) -> str:
    """The report's own period: the title's period word, else the first one in the opening, with the
    first year the opening names ("2021年以来" gives the year, "预计上半年" the part)."""
    word = _own_period_word(title) or _own_period_word(doc.cleaned[:400])
    year = _REPORT_YEAR.search(title)
    # In the body, the latest year it speaks of as now: "总结2020年招商成效" reviews the year before a
    # 2021 report ("2021年初步确定…"); "到2025年" is a target's year, not the report's.
    said = [int(m.group(1)) for m in _REPORT_YEAR.finditer(doc.cleaned[:600]) if not _TARGET_YEAR.match(
        doc.cleaned, max(0, m.start() - 1))]  # fmt: skip
    # a story without a year in its opening is dated: its dateline, 发布时间 or signature (2026年4月15日)
    dated = [int(m.group(1) or m.group(2)) for m in _FULL_DATE.finditer(doc.cleaned)]
    known = [year.group(1)] if year else [str(max(said))] if said else [str(max(dated))] if dated else []
    return "".join(f"{y}年" for y in known) + ("".join(word.group().split()) if word else "")


def _report_period(text: str) -> str:
    """The period in the words 公文 use for it (2025年1-9月 -> 2025年前三季度); as written when unreadable."""
    period = parse_period(text)
    return format_period(period) if period is not None else text


def build_skeleton(doc: Document) -> Skeleton:
    guess = guess_meta(doc)
    issuer = guess.get("issuer") or _issuer_from_body(doc)
    period = _report_period(guess.get("period") or _period_from_body(doc, guess.get("title", "")))
    doc_type = guess.get("doc_type") or ""
    plan_document = doc_type == "plan"
    parts = part_map(doc, plan=plan_document)
    if not doc_type:
        forward = any(p in FORWARD_PARTS for p in parts.present())
        doc_type = "summary_with_next_steps" if forward else "summary"
    headings = _heading_paths(doc.outline)
    cues = {offset for offset, _ in parts.events}
    facts = _facts(doc, parts, period, plan_document, headings)
    items = _items(doc, parts, headings, cues)
    starts = [f.value.span.start for f in facts]  # in document order
    for item in items:
        first, last = bisect_left(starts, item.span.start), bisect_left(starts, item.span.end)
        item.fact_ids = [f.id for f in facts[first:last]]
    projects = _projects(doc, parts, headings)
    title = guess.get("title", "")
    roles = Counter(f.role for f in facts)
    genre = guess_genre(
        title,
        doc.cleaned,
        forward=roles["target"] + roles["plan"],
        results=roles["result"] + roles["estimate"],
        original=doc.original,
    )
    return Skeleton(
        issuer=issuer,
        period=period,
        title=guess.get("title", ""),
        doc_type=doc_type,
        facts=facts,
        items=items,
        projects=projects,
        parts=[p.value for p in parts.present()],
        units=_units(facts, items, projects, headings),
        genre=genre.genre,
        genre_name=genre.name,
        placeholders=genre.placeholders,
        outline=memo_outline(doc, parts, title),
    )


def _units(
    facts: list[Fact],
    items: list[ListItem],
    projects: list[ProjectCandidate],
    headings: list[tuple[int, int, str, int]],
) -> list[Unit]:
    """Ids grouped by top-level section in document order; the model is asked unit by unit."""
    entries = sorted(
        [(f.value.span.start, f.id) for f in facts]
        + [(i.span.start, i.id) for i in items]
        + [(p.span.start, p.id) for p in projects]
    )
    units: list[Unit] = []
    for start, ident in entries:
        top = _path_at(headings, start).split(" > ", 1)[0]
        if units and units[-1].section == top:
            units[-1].ids.append(ident)
            units[-1].end = start
        else:
            units.append(Unit(section=top, start=start, end=start, ids=[ident]))
    return units
