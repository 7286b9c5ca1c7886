"""The model's part of extraction: name, condense and classify the skeleton's items, by id.

One call per unit (a stretch of the report, a handful of ids). The prompt lists each id with its own
source text; the JSON schema has exactly those ids as required keys (`additionalProperties: false`), so
a grammar-bound model cannot invent one. Every answer is checked item by item: an answer that is not a
string, too long, carries a figure its source does not, or shares too little with its source, is
dropped and the item keeps its skeleton form. The model never types a value: values, units, periods,
roles and spans come from the skeleton.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict

from ..backends.redact import MASK
from ..core.summary import PROJECT_STATUSES
from ..skeleton.claims import disagreement
from ..skeleton.names import is_neighbours_name, name_problem
from ..skeleton.types import Fact, Skeleton, Unit
from ..skeleton.vocabulary import canonical_indicator
from ..text.normalise import name_key, nfkc
from ..text.quantities import find_quantities

__all__ = ["Ask", "Naming", "answer_schema", "asks_for", "check_answer"]

NAME_MAX, TEXT_MAX, PROJECT_NAME_MAX, COMPANY_MAX = 20, 36, 30, 20
_MIN_SHARED = 0.5  # share of an answer's characters that must occur in its source


class Naming(BaseModel):
    """Whatever JSON object came back; each id's value is checked on its own (`check_answer`)."""

    model_config = ConfigDict(extra="allow")


@dataclass(frozen=True)
class Ask:
    id: str
    kind: str  # "fact" / "item" / "project"
    source: str  # the text the model reads for this id
    neighbours: tuple[str, ...] = ()  # a fact's: the names of the other figures of its sentence


def _fact_source(fact: Fact) -> str:
    return fact.context or fact.clause[-40:]


def asks_for(skeleton: Skeleton, unit: Unit) -> list[Ask]:
    """What the skeleton cannot decide in this unit: names of facts without a vocabulary name, one
    line for items whose title sentence is too long, and the name, company and status of a project
    whose name the rules cannot read (a project named as written keeps that name: exact, and free)."""
    facts = {f.id: f for f in skeleton.facts}
    items = {i.id: i for i in skeleton.items}
    projects = {p.id: p for p in skeleton.projects}
    asks: list[Ask] = []
    for ident in unit.ids:
        if (fact := facts.get(ident)) is not None:
            if not fact.canonical and name_problem(fact.subject):  # elliptical in the source: ask
                asks.append(Ask(ident, "fact", _fact_source(fact), fact.neighbours))
        elif (item := items.get(ident)) is not None and not item.short:
            asks.append(Ask(ident, "item", item.text[:160]))
        elif (project := projects.get(ident)) is not None and not project.name:
            asks.append(Ask(ident, "project", project.clause[:80]))
    return asks


def answer_schema(asks: Sequence[Ask]) -> dict[str, Any]:
    """Exactly these ids, each required: the grammar can neither skip nor invent one."""
    properties: dict[str, Any] = {}
    for ask in asks:
        if ask.kind == "fact":
            properties[ask.id] = {"type": "string", "maxLength": NAME_MAX}
        elif ask.kind == "item":
            properties[ask.id] = {"type": "string", "maxLength": TEXT_MAX}
        else:
            properties[ask.id] = {
                "type": "object",
                "properties": {
                    "name": {"type": "string", "maxLength": PROJECT_NAME_MAX},
                    "company": {"type": "string", "maxLength": COMPANY_MAX},
                    "status": {"enum": list(PROJECT_STATUSES)},
                },
                "required": ["name", "company", "status"],
                "additionalProperties": False,
            }
    return {
        "title": "Naming",
        "type": "object",
        "properties": properties,
        "required": [a.id for a in asks],
        "additionalProperties": False,
    }


# --- checking one answer -------------------------------------------------------------------------

_DIGIT = re.compile(r"\d")
_PARTICLES = re.compile(r"^[的了以对将把为和与及共]+")  # 的蓝创金属材料有限公司 -> 蓝创金属材料有限公司
_MARKS = re.compile(r"[〖〗]")
_LABEL = re.compile(r"[^，,；;]{2,10}(?:问题|方面|情况|工作|建设)")


def _shared(answer: str, source: str) -> float:
    """Share of the answer's (non-punctuation) characters that occur in the source."""
    chars = [ch for ch in answer if ch.isalnum()]
    if not chars:
        return 0.0
    return sum(1 for ch in chars if ch in source) / len(chars)


def _figures_ok(answer: str, source: str) -> bool:
    """Every figure in the answer is written exactly so in the source (numbers are sacred)."""
    mine = [q.text for q in find_quantities(nfkc(answer)) if q.is_figure]
    theirs = {q.text for q in find_quantities(nfkc(source)) if q.is_figure}
    return all(text in theirs for text in mine)


def _figures(text: str) -> list[str]:
    return [q.text for q in find_quantities(nfkc(text)) if q.is_figure]


def _has_figure(name: str) -> bool:
    """A name carries no number: neither a digit nor a Chinese-numeral figure (税收一百亿元)."""
    return bool(_DIGIT.search(name)) or any(q.is_figure for q in find_quantities(nfkc(name)))


def _checked_name(name: str, source: str, neighbours: tuple[str, ...] = ()) -> str | None:
    """A model's name for a figure: a name a reader accepts (skeleton/names.py), with no number, not
    another figure's of the sentence, that stands in the figure's own sentence — or is the vocabulary's
    name for words that do."""
    if not 2 <= len(name) <= NAME_MAX or _has_figure(name) or name_problem(name):
        return None
    if is_neighbours_name(name, neighbours):
        return None
    if name_key(name) in name_key(source):
        return name
    canonical = canonical_indicator(name)
    return name if canonical and canonical == canonical_indicator(_words_before_figure(source)) else None


def _words_before_figure(source: str) -> str:
    """The words of the source's clause before its figure, marked 〖〗 (where a vocabulary name stands)."""
    return re.split(r"[，,；;。：:]", source.split("〖", 1)[0])[-1]


# what no answer of a report's words holds: control characters and noncharacters (\f, NUL, U+FFFE), and
# the redaction mask where an endpoint echoed the key into an item
_NOT_WORDS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]|" + re.escape(MASK))


def _garbled(value: object) -> bool:
    texts = value.values() if isinstance(value, dict) else [value]
    return any(isinstance(t, str) and _NOT_WORDS.search(t) is not None for t in texts)


def check_answer(ask: Ask, value: object) -> str | dict[str, str] | None:
    """The answer for one id if it passes, else None (the item keeps its skeleton form)."""
    if _garbled(value):  # never stored, never rendered: the source's own words stay
        return None
    if ask.kind == "project":
        if not isinstance(value, dict):
            return None
        name = str(value.get("name", "")).strip()
        company = str(value.get("company", "")).strip()
        status = str(value.get("status", ""))
        if not 2 <= len(name) <= PROJECT_NAME_MAX or (
            _DIGIT.search(name) and not _figures_ok(name, ask.source)
        ):
            return None
        if _shared(name, ask.source) < 0.8 or (company and company not in ask.source):
            return None
        return {"name": name, "company": company, "status": status if status in PROJECT_STATUSES else "未知"}
    if not isinstance(value, str):
        return None
    text = _MARKS.sub("", value).strip().rstrip("。；;")
    if ask.kind == "fact":
        return _checked_name(_PARTICLES.sub("", text), ask.source, ask.neighbours)
    if not 4 <= len(text) <= TEXT_MAX or not _figures_ok(text, ask.source):
        return None
    if _LABEL.fullmatch(text):  # "产业结构优化问题" names a topic; a memo needs the statement itself
        return None
    if disagreement(nfkc(text), nfkc(ask.source)):  # 仍需优化 condensed to 优化, 承压 to 向好
        return None
    # a next step's or goal's figure is its commitment: 新开工亿元以上项目不少于10个 is not 新开工亿元以上项目
    first = re.split(r"[。；;]", ask.source, maxsplit=1)[0]
    if ask.id[:1] in ("n", "g") and _figures(first) and not _figures(text):
        return None
    return text if _shared(text, ask.source) >= _MIN_SHARED else None
