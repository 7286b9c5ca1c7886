"""Grounding: every figure of a summary traced to the source, every unsupported one caught.

Figures are compared exactly, through the deterministic parser on both sides: value, range end, unit
and magnitude equal after normalisation (271.3亿元 == 271.3亿; 271.3亿元 != 271.3万元; 86.40 is not
"close" to 86.4 — it is equal, because Decimal("86.40") == Decimal("86.4"), but 86.5 never is).
A figure found in the source must also sit with its subject: the indicator's name in the same
sentence, a growth rate attached by the parser to the same indicator. Text without figures is
located by exact quote or by the best-matching sentence, with the match quality recorded.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from ..core.models import Document, Quantity, QuantityKind, Span
from ..core.summary import (
    ArithmeticCheck,
    Finding,
    GroundingReport,
    GroundingStatus,
    Indicator,
    Measure,
    OutlineItem,
    Project,
    Summary,
    TextItem,
)
from ..skeleton.build import build_skeleton, project_stretch_end
from ..skeleton.claims import disagreement
from ..skeleton.names import is_bare, is_neighbours_name, name_problem, named_figures
from ..skeleton.vocabulary import (
    DISTINCT_COMPOUNDS,
    JUDGEMENT_WORDS,
    PLANNED_CLAUSE,
    PROJECT_STATUS_WORDS,
    THEME_WORDS,
    canonical_indicator,
    theme_of,
)
from ..text.normalise import name_key, nfkc
from ..text.quantities import find_quantities
from ..text.segment import CLAUSE_BREAK, SEMICOLON_BREAK, SENTENCE_BREAK

__all__ = [
    "PROPOSAL_MARK",
    "TO_BE_DECIDED_MARK",
    "UNVERIFIED_MARK",
    "VISIBLE_MARKS",
    "apply_policy",
    "check_arithmetic",
    "check_rendered",
    "ground",
    "misnamed_figures",
    "names_match",
    "same_figure",
    "signed_value",
    "unsupported_judgements",
    "verified_figures",
]

# Words a name may carry that the source leaves implicit (short forms are `name_key`'s).
_IMPLICIT_WORDS = ("同比", "全年", "实现", "完成")


def signed_value(q: Quantity) -> Decimal | None:
    """The normalised value with the sign its direction word gives (下降3.5% -> -3.5)."""
    if q.normalized is None:
        return None
    return -abs(q.normalized) if q.direction == "down" else q.normalized


def same_figure(written: Quantity, source: Quantity) -> bool:
    """Exact equality after normalisation. A unit the summary left out ("271.3亿") matches any unit;
    a sign or 下降 on either side must agree with the other side's direction."""
    if written.normalized is None or source.normalized is None:
        return False
    if written.unit and source.unit and written.unit != source.unit:
        return False
    if (written.high is None) != (source.high is None):
        return False
    if (
        written.high is not None
        and source.high is not None
        and written.high * written.magnitude != source.high * source.magnitude
    ):
        return False
    if written.normalized < 0 or written.direction is not None:
        return signed_value(written) == signed_value(source)
    return abs(written.normalized) == abs(source.normalized)


_UNIT_NOTE = re.compile(r"[（(][^）)]{0,8}[）)]$")  # 规模以上工业增加值（亿元）: a table header's unit


def _norm_name(text: str) -> str:
    text = name_key(_UNIT_NOTE.sub("", nfkc(text).strip()))
    for word in _IMPLICIT_WORDS:
        text = text.replace(word, "")
    return text


def names_match(name: str, other: str) -> bool:
    """Two names of one indicator: equal after normalisation, one inside the other (总产值 / 规上工业总产值)
    where the shorter ends the longer and still names something (a bare 投资 or 项目 names nothing), or
    one canonical name
    (高新技术企业 / 高企). Two different canonical names never match (规上工业增加值 is not 规上工业总产值),
    and nothing else does: a name is the source's, not one that merely shares characters with it."""
    name, other = _UNIT_NOTE.sub("", nfkc(name).strip()), _UNIT_NOTE.sub("", nfkc(other).strip())
    a, b = _norm_name(name), _norm_name(other)
    if not a or not b:
        return False
    if a == b:
        return True
    shorter, longer = sorted((a, b), key=len)
    for x, y in ((a, b), (b, a)):  # 出口 is not 进出口总额, 利润总额 not 净利润
        if any(c in x and c not in y and c[1:] in y for c in DISTINCT_COMPOUNDS):
            return False
    ca, cb = canonical_indicator(name), canonical_indicator(other)
    if ca and cb:
        return ca == cb
    # the shorter ends the longer (总产值 / 规上工业总产值, 技术人才 / 引进技术人才) and names something:
    # never a bare 投资, never a head cut off (恒达科技 is not 恒达科技等项目)
    return longer.endswith(shorter) and not is_bare(shorter)


@dataclass
class _Source:
    doc: Document

    def __post_init__(self) -> None:
        # the names the source gives each figure, read by the one naming rule (skeleton/names.py):
        # a growth rate answers to its host's names
        self.names: dict[int, set[str]] = {}
        # figures whose subject the source leaves out: their sentence, and the names of its other figures
        self.contexts: dict[int, tuple[str, tuple[str, ...]]] = {}
        for fact in build_skeleton(self.doc).facts:
            # the one naming rule's reading, not the parser's raw subject (恒达科技 of 恒达科技等5个项目)
            own = {n for n in (fact.subject, fact.canonical) if n and not name_problem(n)}
            for q in (fact.value, *fact.changes):
                self.names.setdefault(q.span.start, set()).update(own)
                if not own:
                    self.contexts[q.span.start] = (fact.context, fact.neighbours)
        # same_figure needs equal absolute values: index by it, so a summary with thousands of
        # indicators is checked in linear time (a scraped page can hold 10,000 figures)
        self.by_value: dict[Decimal, list[Quantity]] = {}
        self._same: dict[tuple[object, ...], list[Quantity]] = {}
        for q in self.doc.figures:
            if q.normalized is not None:
                self.by_value.setdefault(abs(q.normalized), []).append(q)

    def same(self, written: Quantity) -> list[Quantity]:
        """The source figures that are the same figure as `written`, in document order."""
        if written.normalized is None:
            return []
        key = (written.normalized, written.unit, written.high, written.magnitude, written.direction)
        if key not in self._same:
            candidates = self.by_value.get(abs(written.normalized), [])
            self._same[key] = [s for s in candidates if same_figure(written, s)]
        return self._same[key]

    def named(self, q: Quantity, name: str) -> bool:
        """The source gives figure `q` this name; where its subject is left out (已完成整改36项), a
        name that stands in its sentence, as the model's answer must."""
        if any(names_match(name, own) for own in self.names.get(q.span.start, ())):
            return True
        context, neighbours = self.contexts.get(q.span.start, ("", ()))
        if not context or name_problem(name) or is_neighbours_name(name, neighbours):
            return False
        return name_key(name) in name_key(context)

    def sentence_of(self, q: Quantity) -> str:
        text = self.doc.cleaned
        start = max((m.end() for m in SEMICOLON_BREAK.finditer(text, 0, q.span.start)), default=0)
        end_match = SEMICOLON_BREAK.search(text, q.span.end)
        return text[start : end_match.start() if end_match else len(text)]

    def candidates(self, written: str) -> list[tuple[Quantity, Quantity]]:
        """(written figure, source figure) pairs that are the same figure."""
        pairs = []
        for w in find_quantities(nfkc(written)):
            if not w.is_figure:
                continue
            pairs += [(w, s) for s in self.same(w)]
        return pairs

    def written_figures(self, written: str) -> list[Quantity]:
        return [q for q in find_quantities(nfkc(written)) if q.is_figure]

    def span(self, q: Quantity) -> Span:
        return q.source or self.doc.offsets.to_original(q.span.start, q.span.end)


def _check_figure(
    src: _Source,
    item: str,
    field: str,
    written: str,
    subject: str | None,
    *,
    within: tuple[int, int] | None = None,
) -> list[Finding]:
    """Every figure in `written` must be in the source; with a subject, next to that subject."""
    findings: list[Finding] = []

    def add(text: str, status: GroundingStatus, spans: list[Span] | None = None, **extra: str) -> None:
        findings.append(
            Finding(item=item, field=field, written=text, status=status, spans=spans or [], **extra)
        )

    missing = GroundingStatus.FIGURE_NOT_IN_SOURCE
    for other in find_quantities(nfkc(written)):
        # years, dates, codes: not indicator figures, but a number all the same — it must be in the text
        if not other.is_figure and other.text not in src.doc.cleaned:
            add(other.text, missing, match="none", note="该数字（日期、编号等）不在正文中")
    for w in src.written_figures(written):
        matches = src.same(w)
        if not matches:
            add(w.text, missing, match="none")
            continue
        if subject is None:
            add(w.text, GroundingStatus.VERIFIED, [src.span(matches[0])])
            continue
        # the first source figure tied to the subject by the parser, else by the words around it
        attached = next((s for s in matches if src.named(s, subject)), None)
        found = attached or next((s for s in matches if _near(src, s, subject, within)), None)
        if found is not None:
            how = "exact" if attached else "sentence"
            add(w.text, GroundingStatus.VERIFIED, [src.span(found)], match=how)
        else:
            owners = (
                "、".join(sorted({n for s in matches for n in src.names.get(s.span.start, ())})) or "其他内容"
            )
            problem = name_problem(subject)
            note = (
                f"名称“{subject}”{problem}：原文省略了这个数字的主语，请按原文补上"
                if problem
                else f"原文中该数字属于“{owners}”，不是“{subject}”"
            )
            add(
                w.text, GroundingStatus.MISATTRIBUTED, [src.span(s) for s in matches], match="none", note=note
            )
    return findings


def _near(src: _Source, q: Quantity, name: str, within: tuple[int, int] | None) -> bool:
    """The name stands right before a figure the parser gave no subject, or right after a count
    (8个城市更新项目); for a project's investment, inside the stretch of text about that project."""
    if not q.subject and _name_before(src, q, name):
        return True
    if _name_after(src, q, name):
        return True
    return within is not None and within[0] <= q.span.start < within[1]


def _compact(text: str) -> str:
    return re.sub(r"\s", "", nfkc(text))


def _name_after(src: _Source, q: Quantity, name: str) -> bool:
    """A count's noun written right after it (8个城市更新项目): nothing but 的 or a quote between, never
    the next clause's words (在孵企业612家，毕业企业47家)."""
    after = _compact(src.doc.cleaned[q.span.end : q.span.end + len(name) + 8]).lstrip("的“”\"'")
    return q.kind is QuantityKind.COUNT and bool(_compact(name)) and after.startswith(_compact(name))


_CLAUSE_BEFORE = re.compile(r"[，,；;、：:。！？\n]")


def _name_before(src: _Source, q: Quantity, name: str) -> bool:
    """The name ends the figure's own clause (from the last punctuation or figure before it)."""
    text = src.doc.cleaned
    start = max(
        (m.end() for m in _CLAUSE_BEFORE.finditer(text, max(0, q.span.start - 60), q.span.start)), default=0
    )
    start = max([start, *(f.span.end for f in src.doc.figures if start <= f.span.end <= q.span.start)])
    return names_match(name, text[start : q.span.start])


def _bigrams(text: str) -> set[str]:
    text = _norm_name(text)
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _check_text(src: _Source, item: str, written: str, threshold: float = 0.5) -> Finding:
    """Text is found by exact quote or by the best-matching clause or sentence (bigram coverage); then
    its claims must agree with that source text (claims.py): overlap alone never verifies a meaning."""
    text = src.doc.cleaned
    quote = written.strip()
    at, end = _quoted(text, quote)
    if at >= 0:  # a quote: only a negation right before it can turn it round (尚未|开工)
        context, match, span = text[max(0, at - 3) : end], "exact", (at, end)
    else:
        best, span = _best_sentence(text, quote)
        if best < threshold:
            return Finding(
                item=item, field="text", written=written, status=GroundingStatus.TEXT_NOT_FOUND,
                match=f"none({best:.2f})",
            )  # fmt: skip
        context, match = text[span[0] : span[1]], f"fuzzy({best:.2f})"
    spans = [src.doc.offsets.to_original(*span)]
    why = disagreement(nfkc(quote), nfkc(context))
    if why:
        return Finding(
            item=item, field="text", written=written, status=GroundingStatus.TEXT_NOT_FOUND, spans=spans,
            match=f"meaning({match})", note=why,
        )  # fmt: skip
    return Finding(
        item=item, field="text", written=written, status=GroundingStatus.VERIFIED, spans=spans, match=match
    )


def _quoted(text: str, quote: str) -> tuple[int, int]:
    """Where the quote stands in the source, character for character; a line break of the source
    (a heading line and the paragraph under it) may fall anywhere between them. (-1, -1) if nowhere."""
    if not quote:
        return -1, -1
    at = text.find(quote)
    if at >= 0:
        return at, at + len(quote)
    chars = [re.escape(c) for c in quote if not c.isspace()]
    found = re.search(r"\s*".join(chars), text) if chars else None
    return (found.start(), found.end()) if found else (-1, -1)


def _best_sentence(text: str, quote: str) -> tuple[float, tuple[int, int]]:
    """The clause or sentence (of several clauses) covering most of the quote's bigrams."""
    want = _bigrams(quote)
    best, best_span = 0.0, (0, 0)
    for splitter in (SEMICOLON_BREAK, SENTENCE_BREAK):
        start = 0
        for m in splitter.finditer(text + "\n"):
            sentence = text[start : m.start()]
            if sentence.strip() and want:
                score = len(want & _bigrams(sentence)) / len(want)
                if score > best:
                    best, best_span = score, (start, m.start())
            start = m.end()
    return best, best_span


def _text_items(summary: Summary) -> Iterable[tuple[str, str]]:
    for name in ("problems", "next_steps", "goals"):
        for index, entry in enumerate(getattr(summary, name)):
            yield f"{name}[{index}]", entry.text
            if entry.detail:
                yield f"{name}[{index}]", entry.detail
    for index, measure in enumerate(summary.measures):
        yield f"measures[{index}]", measure.text
    for index, entry in enumerate(summary.outline):  # the author's own words: found as written
        for written in (entry.heading, entry.text):
            if written:
                yield f"outline[{index}]", written


def ground(summary: Summary, doc: Document) -> GroundingReport:
    src = _Source(doc)
    findings: list[Finding] = []
    for index, ind in enumerate(summary.indicators):
        item = f"indicators[{index}]"
        findings += _check_figure(src, item, "value", ind.value, ind.name)
        if ind.change:
            findings += _check_figure(src, item, "change", ind.change, ind.name)
    for index, proj in enumerate(summary.projects):
        item = f"projects[{index}]"
        findings.append(_check_text(src, item, proj.name, threshold=0.6).model_copy(update={"field": "name"}))
        span = _project_span(src, proj, summary.projects)
        if proj.investment:
            findings += _check_figure(src, item, "investment", proj.investment, proj.name, within=span)
        findings += _project_fields(src, item, proj, span)
    for item, text in _text_items(summary):
        findings.append(_check_text(src, item, text))
        findings += _check_figure(src, item, "text", text, None)
    for index, measure in enumerate(summary.measures):
        findings += _theme(src, f"measures[{index}]", measure)
    findings += _other_fields(src, summary)
    findings += _check_figure(src, "meta.overview", "text", summary.meta.overview, None)
    findings += _check_meta(doc, summary)
    return GroundingReport(source=doc.source, findings=findings, arithmetic=check_arithmetic(doc))


_STATUS_PATTERNS = {name: re.compile(words) for name, words in PROJECT_STATUS_WORDS}
_UNCLAIMED_STATUSES = ("未知", "计划")


def _project_span(src: _Source, proj: Project, projects: Sequence[Project]) -> tuple[int, int] | None:
    """The stretch of the cleaned text about one project: its sentence, from the clause that names it
    (or the sentence start, for a company written first: 由X公司建设的Y项目) to where another project of
    the summary is named. None when the project cannot be found."""
    text = src.doc.cleaned
    at = text.find(proj.name) if proj.name else -1
    if at < 0 and proj.name:
        score, (start, _) = _best_sentence(text, proj.name)
        at = start if score >= 0.6 else -1
    if at < 0:
        return None
    begin = max((m.end() for m in SEMICOLON_BREAK.finditer(text, 0, at)), default=0)
    end = project_stretch_end(text, at + len(proj.name) if text.startswith(proj.name, at) else at)
    for other in projects:
        if other is proj or not other.name or other.name in proj.name:
            continue
        where = text.find(other.name, begin, end)
        if where < 0:
            continue
        if where > at:
            end = min(end, where)
        elif where + len(other.name) <= at:  # another project before it: from the clause after
            cut = max((m.end() for m in CLAUSE_BREAK.finditer(text, where, at)), default=at)
            begin = max(begin, cut)
    return begin, end


_PLANNED = re.compile(PLANNED_CLAUSE)


def _project_fields(src: _Source, item: str, proj: Project, span: tuple[int, int] | None) -> list[Finding]:
    """A project's company, timeline and stage must be said in the text about that project (never in
    a neighbour's clause of the same sentence); a stage must be said as done, not as planned."""
    found: list[Finding] = []
    text = src.doc.cleaned

    def add(field: str, written: str, ok: bool, note: str) -> None:
        status = GroundingStatus.VERIFIED if ok else GroundingStatus.TEXT_NOT_FOUND
        found.append(
            Finding(item=item, field=field, written=written, status=status, match="exact" if ok else "none",
                    note="" if ok else note)
        )  # fmt: skip

    about = _compact(text[span[0] : span[1]]) if span else ""
    if proj.company:
        add("company", proj.company, _compact(proj.company) in about, "原文没有说这个项目由这家企业建设")
    if proj.timeline:
        add("timeline", proj.timeline, _compact(proj.timeline) in about, "原文没有说这个项目的这个时间")
    if proj.status not in _UNCLAIMED_STATUSES:
        pattern = _STATUS_PATTERNS.get(proj.status)
        done = _PLANNED.sub("", text[span[0] : span[1]]) if span else ""
        ok = pattern is not None and bool(pattern.search(done))
        add("status", proj.status, ok, f"原文没有说该项目已“{proj.status}”")
    return found


def _theme(src: _Source, item: str, measure: Measure) -> list[Finding]:
    """A 做法's theme is a heading the memo files it under: one of the theme's words must stand in its
    section heading or in the sentence the item comes from (a 招商 item never files under 党建)."""
    words = THEME_WORDS.get(measure.theme)
    if words is None:  # 其他: no claim
        return []
    text = src.doc.cleaned
    at = text.find(measure.text)
    if at < 0:
        score, (at, _) = _best_sentence(text, measure.text)
        at = at if score >= 0.5 else -1
    paragraph = ""
    if at >= 0:
        # its own sentence: the next item's words never file this one
        start = max((m.end() for m in SENTENCE_BREAK.finditer(text, 0, at)), default=0)
        stop = SENTENCE_BREAK.search(text, at + len(measure.text))
        paragraph = text[start : stop.start() if stop else len(text)]
    # misfiled only where the item's own words say another theme (a reader's own filing of an item the
    # word lists do not cover is no claim against the source)
    other = theme_of(measure.section.rsplit(" > ", 1)[-1], measure.text, paragraph)
    ok = any(word in measure.section or word in paragraph for word in words) or other in ("", measure.theme)
    return [
        Finding(
            item=item, field="theme", written=measure.theme,
            status=GroundingStatus.VERIFIED if ok else GroundingStatus.TEXT_NOT_FOUND,
            match="exact" if ok else "none", note="" if ok else f"原文这一条没有说到“{measure.theme}”",
        )
    ]  # fmt: skip


# Fields that are data about an item, not claims about the zone; every other string field is checked
# for figures, so a field added later (or by hand) cannot carry an unchecked number into an output.
_DATA_FIELDS = frozenset(
    {"id", "section", "named_by", "form", "unit", "kind", "role", "source", "grounding_status", "period"}
)
_CHECKED_FIELDS = {
    "indicators": {"name", "value", "change"},
    "projects": {"name", "investment", "company", "timeline", "status"},
    "measures": {"text", "theme"},
    "problems": {"text", "detail"},
    "next_steps": {"text", "detail"},
    "goals": {"text", "detail"},
}


def _other_fields(src: _Source, summary: Summary) -> list[Finding]:
    found: list[Finding] = []
    for collection, checked in _CHECKED_FIELDS.items():
        for index, entry in enumerate(getattr(summary, collection)):
            for field, value in entry.model_dump().items():
                if isinstance(value, str) and value and field not in checked and field not in _DATA_FIELDS:
                    found += _check_figure(src, f"{collection}[{index}]", field, value, None)
    return found


_DATED = re.compile(r"\d+\s*(?:年|月|日|季度)?")


def _check_meta(doc: Document, summary: Summary) -> list[Finding]:
    """单位 and 报告期 go into every title and lead: the 单位 must stand in the source as written, and
    every number in the 报告期 (a year, a month) must too — a model's guess of the year is not a fact."""
    haystacks = (nfkc(doc.cleaned), nfkc(doc.original))
    findings = []
    for field, value, needles in (
        ("issuer", summary.meta.issuer, [summary.meta.issuer]),
        ("region", summary.meta.region, [summary.meta.region]),
        ("title", summary.meta.title, [summary.meta.title]),
        ("period", summary.meta.period, _DATED.findall(nfkc(summary.meta.period))),
    ):
        if not value:
            continue
        found = all(any(n.strip() in h for h in haystacks) for n in needles if n.strip())
        if field == "title":  # a title is a line of its own, not any words of the body
            found = _is_title_line(value, doc)
        findings.append(
            Finding(
                item=f"meta.{field}",
                field=field,
                written=value,
                status=GroundingStatus.VERIFIED if found else GroundingStatus.TEXT_NOT_FOUND,
                match="exact" if found else "none",
                note="" if found else "原文中没有这个写法，已从标题和导语中去掉",
            )
        )
    return findings


_TITLE_END = re.compile(r"[\s_|｜—\-－（(：:]")


def _is_title_line(title: str, doc: Document) -> bool:
    """The title is a whole line of the report, or the start of one up to a separator (a page title
    with its site name after a ｜), or a long title line's start said to be cut (…关于印发…工…)."""
    want = _compact(title)
    cut = nfkc(title).strip().removesuffix(nfkc("…")) if title.endswith("…") else ""
    for text in (doc.cleaned, doc.original):
        for line in text.splitlines():
            line = nfkc(line).strip()
            if _compact(line) == want or (len(cut) >= 20 and line.startswith(cut) and len(line) > len(cut)):
                return True
            if line.startswith(nfkc(title).strip()) and _TITLE_END.match(line, len(nfkc(title).strip())):
                return True
    return False


_COMPLETION = re.compile(r"(?:完成|达到|占)(?:了)?(?:年度|全年|年|上半年)?(?:计划|目标|任务)(?:的)?$")


def check_arithmetic(doc: Document) -> list[ArithmeticCheck]:
    """Completion rates the source states with both operands in the same sentence:
    "年度计划投资92亿元，完成投资97.4亿元，完成年度计划的105.9%" -> 97.4 / 92 = 105.9 %."""
    src = _Source(doc)
    checks: list[ArithmeticCheck] = []
    figures = doc.figures
    for index, rate in enumerate(figures):
        if rate.kind.value != "percent" or rate.normalized is None:
            continue
        lead = doc.cleaned[max(0, rate.span.start - 12) : rate.span.start]
        if not _COMPLETION.search(lead):
            continue
        sentence_start = rate.span.start - len(src.sentence_of(rate).split(rate.text)[0])
        before = [q for q in figures[:index] if q.span.start >= sentence_start and q.unit and q.unit != "%"]
        targets = [q for q in before if q.subject and re.search("计划|目标|任务", q.subject)]
        actuals = [q for q in before if q not in targets]
        if not targets or not actuals:
            continue
        target, actual = targets[-1], actuals[-1]
        if target.unit != actual.unit or not target.normalized or actual.normalized is None:
            continue
        exponent = rate.normalized.as_tuple().exponent
        places = -exponent if isinstance(exponent, int) else 0
        computed = (actual.normalized / target.normalized * 100).quantize(Decimal(1).scaleb(-max(places, 0)))
        checks.append(
            ArithmeticCheck(
                kind="completion",
                stated=rate.text,
                computed=computed,
                operands=[actual.text, target.text],
                consistent=computed == rate.normalized,
                spans=[src.span(rate), src.span(actual), src.span(target)],
            )
        )
    return checks + _shares(doc, src) + _sums(doc, src)


_SHARE = re.compile(r"占([^，。；！？]{1,24}?)(?:的)?(?:比重|比例|份额)?(?:为|达到|达|是)?$")


def _shares(doc: Document, src: _Source) -> list[ArithmeticCheck]:
    """ "工业投资41.8亿元，占固定资产投资64.2亿元的65.1%" style: part / whole * 100."""
    checks = []
    figures = doc.figures
    for index, rate in enumerate(figures):
        if rate.kind.value != "percent" or rate.normalized is None:
            continue
        sentence = src.sentence_of(rate)
        lead = sentence[: sentence.find(rate.text)] if rate.text in sentence else ""
        match = _SHARE.search(lead)
        if not match:
            continue
        sentence_start = rate.span.start - len(lead)
        before = [q for q in figures[:index] if q.span.start >= sentence_start and q.unit and q.unit != "%"]
        whole_name = re.sub(r"[\d.亿万元%]+", "", match.group(1))
        wholes = [q for q in before if q.span.start >= sentence_start + match.start()]
        wholes = wholes or [
            q
            for q in figures
            if q.unit and q.unit != "%" and q.subject and whole_name and names_match(whole_name, q.subject)
        ]
        parts = [q for q in before if q.span.start < sentence_start + match.start()]
        if not wholes or not parts:
            continue
        whole, part = wholes[-1], parts[-1]
        if whole is part or whole.unit != part.unit or not whole.normalized or part.normalized is None:
            continue
        checks.append(_rate_check("share", rate, part, whole, src))
    return checks


def _rate_check(kind: str, rate: Quantity, part: Quantity, whole: Quantity, src: _Source) -> ArithmeticCheck:
    assert rate.normalized is not None and part.normalized is not None and whole.normalized
    exponent = rate.normalized.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) else 0
    computed = (part.normalized / whole.normalized * 100).quantize(Decimal(1).scaleb(-max(places, 0)))
    return ArithmeticCheck(
        kind=kind,
        stated=rate.text,
        computed=computed,
        operands=[part.text, whole.text],
        consistent=computed == rate.normalized,
        spans=[src.span(rate), src.span(part), src.span(whole)],
    )


def _sums(doc: Document, src: _Source) -> list[ArithmeticCheck]:
    """ "新签约项目18个，其中工业项目12个、服务业项目6个": the parts may not exceed the total.
    Parts that add up to less are fine ("其中" may list only some); more is an inconsistency."""
    checks = []
    text = doc.cleaned
    for total in doc.figures:
        after = text[total.span.end : total.span.end + 4]
        if not after.startswith(("，其中", ",其中", "。其中", "；其中")) or total.normalized is None:
            continue
        sentence = src.sentence_of(total)
        end = (
            total.span.end + len(sentence.split(total.text, 1)[-1])
            if total.text in sentence
            else total.span.end
        )
        parts = [
            q
            for q in doc.figures
            if total.span.end < q.span.start < end and q.unit == total.unit and q.high is None
        ]
        if len(parts) < 2 or any(q.normalized is None for q in parts):
            continue
        summed = sum((q.normalized for q in parts if q.normalized is not None), Decimal(0))
        checks.append(
            ArithmeticCheck(
                kind="sum",
                stated=total.text,
                computed=summed / total.magnitude if total.magnitude != 1 else summed,
                operands=[q.text for q in parts],
                consistent=summed <= total.normalized,
                spans=[src.span(total), *[src.span(q) for q in parts]],
            )
        )
    return checks


def _worst(findings: list[Finding]) -> GroundingStatus:
    order = [
        GroundingStatus.FIGURE_NOT_IN_SOURCE,
        GroundingStatus.MISATTRIBUTED,
        GroundingStatus.TEXT_NOT_FOUND,
        GroundingStatus.VERIFIED,
    ]
    return min((f.status for f in findings), key=order.index, default=GroundingStatus.VERIFIED)


def apply_policy(summary: Summary, report: GroundingReport, policy: str) -> Summary:
    """Stamp every item with its worst finding; `drop` removes the unverified ones.

    `flag` keeps them (rendered outputs mark them 【待核】); `fail` is decided by the caller, which
    exits non-zero when `report.failed()` is not empty.
    """
    by_item: dict[str, list[Finding]] = {}
    for finding in report.findings:
        by_item.setdefault(finding.item, []).append(finding)
    update: dict[str, object] = {"grounding": report}
    for name in ("indicators", "projects", "measures", "problems", "next_steps", "goals", "outline"):
        kept = []
        for index, entry in enumerate(getattr(summary, name)):
            status = _worst(by_item.get(f"{name}[{index}]", []))
            if policy == "drop" and status is not GroundingStatus.VERIFIED:
                continue
            kept.append(entry.model_copy(update={"grounding_status": status}))
        update[name] = kept
    meta_update: dict[str, str] = {}
    if policy == "drop" and _worst(by_item.get("meta.overview", [])) is not GroundingStatus.VERIFIED:
        meta_update["overview"] = ""
    for field in ("issuer", "region", "title", "period"):  # under every policy: they head outputs unmarked
        if _worst(by_item.get(f"meta.{field}", [])) is not GroundingStatus.VERIFIED:
            meta_update[field] = ""
    if meta_update:
        update["meta"] = summary.meta.model_copy(update=meta_update)
    return summary.model_copy(update=update)


UNVERIFIED_MARK = "【待核】"
PROPOSAL_MARK = "【建议值】"  # a figure the tool proposes (plans): visibly not a fact from the source
TO_BE_DECIDED_MARK = "【待定】"
VISIBLE_MARKS = (UNVERIFIED_MARK, PROPOSAL_MARK)


def verified_figures(summary: Summary) -> list[Quantity]:
    """Every figure the summary's verified items carry, as the parser reads them."""
    verified: list[Quantity] = []
    items: list[Indicator | Project | Measure | TextItem | OutlineItem] = [
        *summary.indicators,
        *summary.projects,
    ]
    items += [*summary.measures, *summary.problems, *summary.next_steps, *summary.goals, *summary.outline]
    for entry in items:
        if entry.grounding_status is GroundingStatus.VERIFIED:
            written = " ".join(str(v) for v in entry.model_dump().values() if isinstance(v, str))
            verified += [q for q in find_quantities(nfkc(written)) if q.is_figure]
    findings = summary.grounding.findings if summary.grounding else []
    # a field verified on its own (the 同比 cell beside a changed value) is printed bare, so it counts
    for finding in findings:
        if finding.status is GroundingStatus.VERIFIED and finding.field in ("value", "change", "investment"):
            verified += [q for q in find_quantities(nfkc(finding.written)) if q.is_figure]
    overview = [f for f in findings if f.item == "meta.overview"] if summary.grounding else None
    if overview is not None and all(f.status is GroundingStatus.VERIFIED for f in overview):
        verified += [q for q in find_quantities(nfkc(summary.meta.overview)) if q.is_figure]
    return verified


def check_rendered(
    text: str, summary: Summary | Sequence[Summary], marks: Sequence[str] = VISIBLE_MARKS
) -> list[str]:
    """The last gate before a rendered document is written: every figure in it must be one of the
    summaries' verified figures, or stand in a line that carries a visible mark (unverified, or a
    proposal). Returns the offending figures; a non-empty result is a bug in a template or in prose
    generation."""
    summaries = [summary] if isinstance(summary, Summary) else list(summary)
    verified = [q for s in summaries for q in verified_figures(s)]
    violations = []
    for line in text.splitlines():
        # a table row's cells apart: a mark on one cell never exempts its neighbour (a 同比 cell)
        for cell in re.split(r"[|\t]", line):
            if any(mark in cell for mark in marks):
                continue
            for q in find_quantities(nfkc(cell)):
                if q.is_figure and not any(same_figure(q, v) for v in verified):
                    violations.append(q.text)
    return violations


def misnamed_figures(text: str, summary: Summary) -> list[str]:
    """Figures a written sentence puts under another name than the source's: 规上工业总产值达74.5亿元
    where 74.5亿元 is the verified 规上工业增加值. Each figure the sentence names (by the one naming rule)
    must be a verified indicator's value or change under a matching name. Returns "名称 数字" phrases."""
    wrong = []
    indicators = [i for i in summary.indicators if i.grounding_status is GroundingStatus.VERIFIED]
    for q, name in named_figures(nfkc(text)):
        if not name:
            continue
        owners = [
            i
            for i in indicators
            for field in (i.value, i.change)
            if field and any(same_figure(q, v) for v in find_quantities(nfkc(field)) if v.is_figure)
        ]
        if owners and not any(names_match(name, i.name) for i in owners):
            wrong.append(f"“{name}{q.text}”（原文是“{owners[0].name}”）")
    return wrong


def unsupported_judgements(text: str, summary: Summary) -> list[str]:
    """Words of judgement (稳定, 向好, 贡献 …) a written sentence adds that no verified text of the
    report carries: a memo may repeat the report's own judgement, never make one."""
    said = [summary.meta.overview, summary.meta.title]
    entries: list[Measure | TextItem | OutlineItem] = [
        *summary.measures,
        *summary.problems,
        *summary.next_steps,
    ]
    for entry in [*entries, *summary.goals, *summary.outline]:
        if entry.grounding_status is GroundingStatus.VERIFIED:
            said += [entry.text, getattr(entry, "detail", ""), getattr(entry, "heading", "")]
    haystack = nfkc("\n".join(said))
    return [word for word in JUDGEMENT_WORDS if word in text and word not in haystack]
