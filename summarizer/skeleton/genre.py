"""What kind of report a text is: a 总结, a plan, news, a meeting report, 经济运行 figures, a 政府工作报告.

The genre chooses the memo's shape (outputs/brief.py), so it is decided by rules on the report's own
words, as data (data/genres.toml, extendable in summarizer.toml): the title line first, then the
opening sentences, then the roles of the figures. A template whose figures are blanks (XX亿元) is said
to be one.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any, Literal

__all__ = [
    "GENRES",
    "Genre",
    "GenreGuess",
    "extra_genre_cues",
    "genre_name",
    "guess_genre",
    "is_template",
    "placeholder_count",
    "placeholders",
]

Genre = Literal["summary", "plan", "news", "meeting", "economy", "government_report"]
GENRES: tuple[Genre, ...] = ("summary", "plan", "news", "meeting", "economy", "government_report")
_OPENING_CHARS = 200  # the dateline, the reporter and the first sentence stand here
_DATELINE_CHARS = 40

# An office's own cues (summarizer.toml [summarizer.genres.<key>]: title / opening / voice lists)
_EXTRA: ContextVar[Mapping[str, Mapping[str, Sequence[str]]]] = ContextVar(
    "extra_genre_cues", default=MappingProxyType({})
)


@contextmanager
def extra_genre_cues(extra: Mapping[Any, Mapping[Any, Sequence[str]]]) -> Iterator[None]:
    """Use the office's own genre cues (added to the shipped ones) while inside."""
    token = _EXTRA.set(extra)
    try:
        yield
    finally:
        _EXTRA.reset(token)


@dataclass(frozen=True)
class _Cues:
    key: str
    genre: Genre
    name: str
    title: tuple[re.Pattern[str], ...]
    opening: tuple[re.Pattern[str], ...]
    voice: tuple[str, ...] = ()
    voice_min: int = 0
    dateline: tuple[re.Pattern[str], ...] = ()


@dataclass(frozen=True)
class GenreGuess:
    genre: Genre
    name: str  # what the memo calls the report: 工作总结, 工作计划, 新闻稿 …
    placeholders: int  # figures written as blanks (XX亿元)
    why: str  # the cue that decided it, for `inspect`

    @property
    def is_template(self) -> bool:
        return is_template(self.placeholders)


def is_template(placeholders: int) -> bool:
    """Enough figures written as blanks (XX亿元) to make the report a template to fill."""
    return placeholders >= int(_data()["placeholders"]["min"])


@cache
def _data() -> dict[str, Any]:
    return tomllib.loads(
        resources.files("summarizer.skeleton").joinpath("data/genres.toml").read_text("utf-8")
    )


def _cues() -> list[_Cues]:
    data, extra = _data(), _EXTRA.get()
    order = [*data["order"], "news", *(k for k in extra if k not in data["genres"])]
    cues = []
    for key in dict.fromkeys(order):
        table = {**data["genres"].get(key, {})}
        own = extra.get(key, {})
        genre = table.get("genre", key)
        if genre not in GENRES:
            continue
        cues.append(
            _Cues(
                key=key,
                genre=genre,
                name=str(own.get("name") or table.get("name", "")),
                title=tuple(re.compile(w) for w in [*table.get("title", []), *own.get("title", [])]),
                opening=tuple(re.compile(w) for w in [*table.get("opening", []), *own.get("opening", [])]),
                voice=tuple([*table.get("voice", []), *own.get("voice", [])]),
                voice_min=int(table.get("voice_min", 0)),
                dateline=tuple(re.compile(w) for w in table.get("dateline", [])),
            )
        )
    return cues


def genre_name(genre: str) -> str:
    """The report's kind in the memo's words (工作计划); "" for an unknown key."""
    return next((c.name for c in _cues() if c.genre == genre and c.key == genre), "")


def placeholder_count(text: str) -> int:
    return len(re.findall(_data()["placeholders"]["pattern"], text))


_BLANK_RUN = re.compile(r"[Xx×＊*〇○]{1,4}(?:[.．][Xx×〇○]{1,3})?")


def placeholders(text: str) -> list[tuple[int, int, str]]:
    """A template's blanks in `text`: (start, end, unit) of each blank run before its unit (XX亿元 ->
    the XX and 亿元)."""
    found = []
    for m in re.finditer(_data()["placeholders"]["pattern"], text):
        run = _BLANK_RUN.match(text, m.start())
        if run is not None:
            found.append((run.start(), run.end(), text[run.end() : m.end()].strip()))
    return found


def guess_genre(title: str, text: str, *, forward: int, results: int, original: str = "") -> GenreGuess:
    """`title`: the report's title line ("" when it has none); `text`: the cleaned text; `forward` and
    `results`: how many of its figures are targets or plan quantities, and how many results;
    `original`: the text as loaded, whose dateline (本报讯（记者 …）) cleaning takes out as a byline."""
    blanks = placeholder_count(text)
    cues = _cues()
    opening = text.lstrip()[:_OPENING_CHARS]
    as_loaded = original.lstrip()[:_OPENING_CHARS]
    if title:
        opening = opening.removeprefix(title).lstrip()
        as_loaded = as_loaded.removeprefix(title).lstrip()
    for cue in cues:
        said = next(
            (
                m
                for p in cue.dateline
                for where in (opening, as_loaded)
                if (m := p.search(where[:_DATELINE_CHARS]))
            ),
            None,
        )
        if said:
            return GenreGuess(cue.genre, cue.name, blanks, f"电头：{said.group()}")
    for cue in cues:
        hit = next((m for p in cue.title if title and (m := p.search(title))), None)
        if hit and cue.key != "news":
            # the title's own word names it (工作思路, 工作要点); a pattern's longer match does not
            name = hit.group() if hit.group().startswith("工作") and len(hit.group()) <= 4 else cue.name
            return GenreGuess(cue.genre, name, blanks, f"标题：{title}")
    first_sentence = re.split(r"[。！？]", opening, maxsplit=1)[0]
    # a meeting is decided by the sentence that opens the story; news words by the whole opening
    for genre, where in (("meeting", first_sentence), ("news", opening)):
        for cue in (c for c in cues if c.genre == genre):
            said = next((m for p in cue.opening if (m := p.search(where))), None)
            if said:
                return GenreGuess(cue.genre, cue.name, blanks, f"开头：{said.group()}")
    for cue in cues:
        if cue.voice and sum(text.count(word) for word in cue.voice) >= cue.voice_min:
            return GenreGuess(
                cue.genre, cue.name, blanks, f"称谓：{'、'.join(w for w in cue.voice if w in text)}"
            )
    if forward > results:
        return GenreGuess("plan", genre_name("plan"), blanks, "目标和计划数多于实绩")
    return GenreGuess("summary", genre_name("summary"), blanks, "默认")
