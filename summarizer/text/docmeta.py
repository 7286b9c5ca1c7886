"""Title, issuer, period and document type read off the opening by rules, before any model call.

A report's title line says all four in a fixed order (单位 + 期限 + 内容 + 文种: "青禾经济开发区2025年
上半年工作总结"), so rules get them exactly where a small model paraphrases. When the rules find both
the issuer and the period, extraction skips its model call for the document's metadata — one call
and a re-read of the opening saved per document; otherwise the model fills only what is missing.
"""

from __future__ import annotations

import re
import tomllib
from importlib import resources

from ..core.models import Document
from .periods import DATED_PERIOD, dated_period

__all__ = ["ZONE_WORDS", "MetaGuess", "guess_meta"]

_ISSUERS = tomllib.loads(resources.files("summarizer.text").joinpath("data/issuers.toml").read_text("utf-8"))
_ZONE_SUFFIX = "|".join(map(re.escape, _ISSUERS["zone"]))
# the zone words without the office (管委会) and the customs areas: what a report's body calls a zone
ZONE_WORDS = "|".join(
    map(re.escape, (w for w in _ISSUERS["zone"] if w not in ("管委会", "园区", "综合保税区", "保税区")))
)
# A name is a run of Chinese characters ending in a zone word; punctuation and digits end the run.
_ZONE = re.compile(rf"[\u4e00-\u9fffA-Za-z]{{1,14}}?(?:{_ZONE_SUFFIX})")  # masked names: xx开发区
# "和平区2026年政府工作报告": a place name opening the title, right before its year or its kind
_PLACE = re.compile(
    rf"([\u4e00-\u9fff]{{1,10}}?(?:{'|'.join(_ISSUERS['place'])}))(?:人民政府)?"
    r"(?:办公室)?(?=(?:19|20)\d\d年|政府工作报告|关于|国民经济|召开|举行|举办)"
)
_DEPARTMENT = re.compile(rf"[\u4e00-\u9fff]{{2,8}}?(?:{'|'.join(_ISSUERS['department'])})(?=[，,\s]|$)")
# a park named right after its zone (桦川高新区新能源产业园), not the zone's parks in general (园区建设)
_PARK = re.compile(
    r"[\u4e00-\u9fff]{2,10}?(?:产业园区|工业园区|产业园|科技园|园区)(?![\u4e00-\u9fff]{0,2}(?:建设|内|里))"
)
_PLAN_WORDS = ("计划", "要点", "思路", "安排", "打算")
_SUMMARY_WORDS = ("总结", "情况", "汇报", "报告", "简报")
_TITLE_MAX = 50  # DocumentMeta.title's limit
_LONG_TITLE_MAX = 120


class MetaGuess(dict[str, str]):
    """The fields found in the title line (keys of `DocumentMeta`); absent keys were not found."""

    @property
    def complete(self) -> bool:
        return all(self.get(key) for key in ("title", "issuer", "period", "doc_type"))


def _title(doc: Document) -> str:
    first = doc.cleaned.lstrip().split("\n", 1)[0].strip()
    looks_like_title = len(first) <= _TITLE_MAX and not first.endswith(("。", "；", "，", "："))
    # a 通知's long title (…关于印发…实施方案的通知) runs past the limit but holds no sentence's punctuation
    long_title = len(first) <= _LONG_TITLE_MAX and not re.search("[。；，：！？]", first)
    return first if (looks_like_title or long_title) and re.search(r"[\u4e00-\u9fff]", first) else ""


def _shortened(title: str) -> str:
    """A title the summary can hold: a long one cut, and said to be cut."""
    return title if len(title) <= _TITLE_MAX else title[: _TITLE_MAX - 1] + "…"


def _issuer(text: str) -> str:
    # Periods first: "2025年青禾…" would otherwise make 年 part of the name.
    without_periods = DATED_PERIOD.sub("，", text)
    match = _ZONE.search(without_periods)
    if match is None:  # a 区/县/市 government's report: the place that opens its title
        place = _PLACE.match(text.strip())
        return place.group(1) if place else ""
    name = match.group(0)
    # 管委会 alone names the office, not the zone: "青禾经济开发区管委会" -> the zone.
    inner = _ZONE.match(name.removesuffix("管委会")) if name.endswith("管委会") else None
    name = inner.group(0) if inner else name
    # a park inside a zone ("桦川高新区新能源产业园：…") is the park's report
    park = _PARK.match(without_periods, match.end()) if not inner else None
    name += park.group(0) if park else ""
    # a department's own report ("云塘高新区经济发展局2026年工作计划") is the department's
    department = _DEPARTMENT.match(without_periods, match.end()) if not inner else None
    return name + department.group(0) if department else name


def _doc_type(title: str, opening: str) -> str:
    if title:
        summary = any(word in title for word in _SUMMARY_WORDS)
        plan = any(word in title for word in _PLAN_WORDS)
        if summary and plan:
            return "summary_with_next_steps"
        if plan:
            return "plan"
        if summary:
            return "summary"
    if "讯" in opening[:80] and ("记者" in opening[:80] or "通讯员" in opening[:80]):
        return "news"
    return ""


def guess_meta(doc: Document) -> MetaGuess:
    """Only the title line is trusted: in the body, the first zone-like name or year is often another
    organisation's or a comparison year (seen in real reports), and a wrong issuer is worse than none."""
    title = _title(doc)
    guess = MetaGuess()
    for key, value in (
        ("title", _shortened(title)),
        ("issuer", _issuer(title)),
        ("period", dated_period(title)),
        ("doc_type", _doc_type(title, doc.cleaned)),
    ):
        if value:
            guess[key] = value
    return guess
