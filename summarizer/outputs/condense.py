"""A memo item's body from the author's own words: the clauses that carry its key figures.

A 简报 keeps, of each part, what a leader acts on: the figures, under the words the source gives them.
So an item's body is chosen, never rewritten: its clauses (split at 。 and ；) are ranked by the figures
they carry (money and growth first; a clause without a figure last) and kept, in the source's order,
while they fit the item's budget. A clause keeps its own role words (计划, 力争, 年内), so a target is
never shown as a result. Only enumerators (一是) and a story's pronoun (他们, 该开发区) are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..core.models import QuantityKind
from ..text.normalise import nfkc
from ..text.quantities import find_quantities

__all__ = ["Clause", "clauses", "condense", "condense_all", "key_weight", "render", "speaks_of_itself"]

_CLAUSE = re.compile(r"[^。；;！？\n]+[。；;！？]?")
# what ties a clause to the one before it (一是, 其中, 但, 并), which a clause standing alone drops
_ENUMERATOR = re.compile(
    r"^(?:(?:存在的?(?:主要)?问题|下一?步(?:工作|打算)?)[：:]|其中[，,]?|同时[，,]|此外[，,]|另外[，,]|对此[，,]?|为此[，,]?|因此[，,]|但是?(?=[在是对])|并(?![购列网行])(?=[\u4e00-\u9fff])|[一二三四五六七八九十]+是"
    r"|第[一二三四五六七八九十]+[，、]|首先[，,]|其次[，,]|最后[，,]|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．])"
)
_SELF_REFERENCE = re.compile(
    r"制定本(?:计划|方案|要点|思路)|特制定|现将[^。]{0,30}(?:报告|汇报)如下|报告如下[：:]?$"
)
# a reporter's access (记者从…获悉，) is the story's, not the memo's
_REPORTER_VOICE = re.compile(r"记者(?:从|在|于)[^，。；]{2,30}(?:获悉|了解到|获知)[，,]?")
# a story names the zone by a pronoun (他们, 该开发区); a memo about the zone needs no subject there
_PRONOUN = re.compile(r"^(?:他们|她们|该开发区|该园区|该高新区|该区)(?=[\u4e00-\u9fff])")
# a part's label in running text, which the memo's section title says (当前，…还存在一些困难和问题：)
_PART_LABEL = re.compile(
    r"^[^。；：:]{0,30}?(?:(?:存在|面临)[^。；：:]{0,10}(?:问题|不足|困难|挑战)|下一?步[^。；：:]{0,6})[：:]"
)
# a clause that points back at what the memo leaves out (面对这六项问题，…): it reads only in place
_BACK_REFERENCE = re.compile(
    r"^(?:面对|针对|对于|围绕|通过)?(?:这些|上述|以上|这[一二三四五六七八九十两几]+[项个条大])"
)
# a line in brackets on its own: who wrote it and when (（…经济发展局 2026年4月15日）)
_SIGNATURE = re.compile(r"^[（(][^（）()]*[）)][。；]?$")
_SUB_POINT = re.compile(
    r"^(?:[一二三四五六七八九十]+是|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．]|第[一二三四五六七八九十]+[，、])"
)
_SUBHEADING_MAX = 16  # "一是创新管理运行机制" is a heading inside the item: dropped when alone
_LONG_CLAUSE = 60  # a longer clause keeps only what its figures say (and its time words)
_SUBJECT_MAX = 50
# a piece that opens with its own verb says its own thing (扎实推进4条道路收尾验收工程)
_OWN_PREDICATE = re.compile(
    r"(?:扎实|加快|全力|积极|大力|持续|深入|着力|进一步|认真|不断|切实)?"
    r"(?:推进|推动|实施|开展|组织|召开|新建|引进|举办|发放|收集|解决|培训|排查|打造|抓好|落实|启动|建成)"
)
_GIST_MAX = 80
_WHOLE_MAX = 150
_LEAD_IN_MAX = 30  # "1-6月份，" "截至目前，" "下半年，": the time a clause's figures belong to
_TAIL_MAX = 16
_FILLER_MAX = 40  # a clause without a figure joins the figures only when short
_PIECE = re.compile(r"[^，,]+[，,]?")


@dataclass(frozen=True)
class Clause:
    text: str  # as the memo prints it
    weight: int  # how much a leader needs it: its figures
    order: int
    point: int = 0  # which of the item's sub-points (一是, 二是 …) it stands in


def key_weight(text: str) -> int:
    """Money 3, a growth rate or a share 2, any other figure 1."""
    weight = 0
    for q in find_quantities(nfkc(text)):
        if not q.is_figure:
            continue
        if q.kind is QuantityKind.MONEY:
            weight += 3
        elif q.kind in (QuantityKind.PERCENT, QuantityKind.PERCENTAGE_POINTS):
            weight += 2
        else:
            weight += 1
    return weight


def _pieces_with_figures(clause: str) -> list[str]:
    """A long clause cut into what its figures say: each run of pieces (split at ，) with a figure, with
    the piece before it when that has none (its subject: 亿通生物…项目正在进行生产线设备采购，年内完成投资
    1.8亿元) and a short piece after (what became of it: 正在办理立项等相关手续). A short lead-in of the
    clause (1-6月份，截至目前，下半年，) stays with its first run: the time its figures belong to."""
    if len(clause) <= _LONG_CLAUSE:
        return [clause]
    stop = clause[-1] if clause[-1] in "。；;！？" else ""
    pieces = _PIECE.findall(clause.removesuffix(stop) if stop else clause)
    weighted = [bool(key_weight(piece)) for piece in pieces]
    if not any(weighted):
        return [_gist(pieces) + stop]
    runs: list[list[int]] = []
    for n, has in enumerate(weighted):
        if has and runs and runs[-1][-1] == n - 1:
            runs[-1].append(n)
        elif has:
            runs.append([n])
    found: list[str] = []
    taken = -1
    for run in runs:
        first, last = run[0], run[-1]
        # the piece before is the figures' subject when they do not open with one of their own
        # (…项目正在进行生产线设备采购，年内完成投资1.8亿元); a predicate of its own is another matter
        # (研究制定了相应保障措施，扎实推进4条道路收尾验收工程)
        headless = not _OWN_PREDICATE.match(pieces[first])
        if (
            headless
            and first - 1 > taken
            and not weighted[first - 1]
            and len(pieces[first - 1]) <= _SUBJECT_MAX
        ):
            first -= 1
        if last + 1 < len(pieces) and not weighted[last + 1] and len(pieces[last + 1]) <= _TAIL_MAX:
            last += 1
        kept = pieces[first : last + 1]
        if not found:  # the clause's opening (2026年，园区将坚持…) says when and who, when it is short
            opening = 0
            while opening < first and sum(len(p) for p in pieces[: opening + 1]) <= _LEAD_IN_MAX:
                opening += 1
            kept = [*pieces[:opening], *kept]
        found.append("".join(kept).rstrip("，,"))
        taken = last
    return found


def _gist(pieces: list[str]) -> str:
    """A long clause without a figure: whole while it reads in one breath; else its pieces that name
    things (lists with 、, quoted names) up to _GIST_MAX characters and its last piece, where a Chinese
    sentence says what it comes to (…，向升级国家级开发区目标迈进): never a subject without its verb."""
    if sum(len(p) for p in pieces) <= _WHOLE_MAX:
        return "".join(pieces).rstrip("，,")
    last = pieces[-1]
    naming = [p for p in pieces[:-1] if "、" in p or "“" in p] or pieces[:1]
    chosen: list[str] = []
    used = len(last)
    for piece in naming:
        if used + len(piece) > _GIST_MAX and chosen:
            break
        chosen.append(piece)
        used += len(piece)
    return "".join([*chosen, last]).rstrip("，,")


def speaks_of_itself(text: str) -> bool:
    """The document speaking of itself (制定本计划; 现将…报告如下): no memo or plan repeats it."""
    return _SELF_REFERENCE.search(text) is not None


def clauses(text: str, subject: str = "") -> list[Clause]:
    """The text's clauses as a memo may print them. `subject`: the zone a story calls 他们 or 该区 at
    a clause's start (named there); without one the pronoun is dropped."""
    found = []
    point = 0
    for order, m in enumerate(_CLAUSE.finditer(text)):
        if _SUB_POINT.match(m.group().strip()):
            point += 1
        if m.group().rstrip().endswith("？"):
            continue  # a rhetorical question (园区如何建设？) states nothing
        clause = (
            m.group().strip().lstrip("）)」”")
        )  # a bracket or quote closed before the clause is not its own
        clause = _ENUMERATOR.sub("", _ENUMERATOR.sub("", _PART_LABEL.sub("", clause))).lstrip("，、 ")
        for sub, piece in enumerate(_pieces_with_figures(clause)):
            piece = _ENUMERATOR.sub("", _REPORTER_VOICE.sub("", piece)).lstrip("，、 ")
            piece = _PRONOUN.sub(subject, _ENUMERATOR.sub("", piece))
            if _SELF_REFERENCE.search(piece) or _SIGNATURE.match(piece):
                continue  # the document speaking of itself (结合我局职能，制定本计划), or its signature
            if _BACK_REFERENCE.match(piece) and not key_weight(piece):
                continue  # it points at words the memo leaves out
            if piece.count("“") != piece.count("”") or piece.count('"') % 2:
                continue  # a quotation cut by its own stops, or who said it: a person's words, not facts
            if len(piece.rstrip("。；;！？")) >= 2:
                found.append(Clause(piece, key_weight(piece), order * 100 + sub, point))
    return found


def _ranked(found: list[Clause]) -> list[Clause]:
    """Figures per character first: a short clause with its figure beats a long one with two. Without
    any figure, the opening clause says what the item is about."""
    ranked = sorted(found, key=lambda c: (-c.weight * 100 // (len(c.text) + 30), c.order))
    return ranked if ranked and ranked[0].weight else sorted(found, key=lambda c: c.order)


def _worth_adding(clause: Clause) -> bool:
    """A clause without a figure joins only when short and more than a sub-heading (一是创新管理运行机制)."""
    return _SUBHEADING_MAX < len(clause.text) <= _FILLER_MAX


KEY_WEIGHT = 6  # a core indicator (规上工业总产值, 新增市场主体 …) outweighs any clause of side facts


def _keyed(clause: Clause, key: set[str] | frozenset[str]) -> Clause:
    """A clause carrying one of the report's core figures (`key`: as written) weighs most; a figure
    is compared whole (3个 is not in 13个)."""
    if key and any(q.text in key for q in find_quantities(nfkc(clause.text)) if q.is_figure):
        return Clause(clause.text, clause.weight + KEY_WEIGHT, clause.order)
    return clause


def _unshown(clause: Clause, shown: set[str] | frozenset[str]) -> Clause:
    """A clause whose every figure the table already shows weighs nothing: it is said there."""
    if not shown or not clause.weight:
        return clause
    figures = [q.text for q in find_quantities(nfkc(clause.text)) if q.is_figure]
    if all(any(f in value for value in shown) for f in figures):
        return Clause(clause.text, 0, clause.order)
    return clause


def render(chosen: list[Clause]) -> str:
    ordered = sorted(chosen, key=lambda c: c.order)
    body = "".join(
        c.text if c.text.endswith(("。", "；", ";", "！", "？")) else c.text + "；" for c in ordered
    )
    return re.sub(r"[；;。！？]+$", "", body) + "。" if body else ""


def condense_all(
    texts: list[str],
    budget: int,
    *,
    whole: list[bool] | None = None,
    shown: set[str] | frozenset[str] = frozenset(),
    key: set[str] | frozenset[str] = frozenset(),
    subject: str = "",
) -> list[tuple[str, int]]:
    """Each text's key clause, then the best clauses of all texts while the total fits `budget`
    characters: where the figures are, the room goes. `whole`: texts kept entire (a problem is never
    cut); `shown`: figures said elsewhere (the table), which weigh nothing here; `key`: core figures,
    which weigh most. Returns each body and how many clauses with figures it left out."""
    found = [[_keyed(_unshown(c, shown), key) for c in clauses(text, subject)] for text in texts]
    whole = whole or [False] * len(texts)
    chosen: list[list[Clause]] = [[] for _ in texts]
    used = 0
    rest: list[tuple[int, Clause]] = []
    for n, item in enumerate(found):
        if whole[n]:
            chosen[n] = list(item)
            used += sum(len(c.text) for c in item)
            continue
        ranked = _ranked(item)
        # the item's key clause carries the most of its figures (a total with its parts and rate)
        heaviest = max(item, key=lambda c: (c.weight, -c.order), default=None)
        if heaviest is not None and heaviest.weight:
            ranked = [heaviest, *(c for c in ranked if c is not heaviest)]
        if ranked:
            chosen[n].append(ranked[0])
            used += len(ranked[0].text)
        figures = any(c.weight for c in item)
        # words without a figure only where the item has none, and a second clause at most
        rest += [
            (n, c) for c in ranked[1:] if c.weight or (not figures and c is ranked[1] and _worth_adding(c))
        ]

    # each sub-point (一是, 二是 …) of an item says something before any says more: its best clause
    # first, then the rest by figures per character
    def density(nc: tuple[int, Clause]) -> tuple[int, int]:
        return (-nc[1].weight * 100 // (len(nc[1].text) + 30), nc[1].order)

    rest.sort(key=density)
    said = {(n, c.point) for n, mine in enumerate(chosen) for c in mine}
    firsts = []
    for n, clause in rest:
        if clause.weight and (n, clause.point) not in said:
            said.add((n, clause.point))
            firsts.append((n, clause))
    for n, clause in [*firsts, *(nc for nc in rest if nc not in firsts)]:
        if used + len(clause.text) <= budget:
            chosen[n].append(clause)
            used += len(clause.text)
    return [
        (render(mine), sum(1 for c in item if c.weight and c not in mine))
        for item, mine in zip(found, chosen, strict=True)
    ]


def condense(text: str, budget: int) -> tuple[str, int]:
    """One text in at most `budget` characters (its key clause always)."""
    return condense_all([text], budget)[0]
