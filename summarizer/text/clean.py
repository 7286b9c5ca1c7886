"""Normalise loaded text for analysis, keeping a map from every cleaned char back to the original.

Steps, in order (each recorded as `Change`s so `summarizer inspect` can show what happened):
control chars -> pinyin annotations -> Traditional to Simplified -> punctuation -> chrome lines and
the trailing block -> page-splice markers -> synonym-swap repairs -> whitespace.
Pinyin goes before script conversion because the annotations hang off Traditional characters;
chrome goes after it so one set of Simplified patterns serves both scripts.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

import opencc

from ..core.models import Change, ChangeKind, OffsetMap
from . import chrome, synonyms, unwrap
from .mapped import Edit, MappedText
from .segment import PIECE_ENDINGS

__all__ = ["CleanResult", "clean", "detect_script"]

Script = Literal["simplified", "traditional"]


@dataclass(frozen=True)
class CleanResult:
    text: str
    offsets: OffsetMap
    changes: list[Change]
    script: Script
    warnings: list[str] = field(default_factory=list)


# C0/C1 controls (but \n, \t), zero-width chars, bidi overrides, soft hyphen, BOM.
_INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")

# Radical code points that stand for a whole ideograph. Some PDF fonts (and the ToUnicode maps of
# their exports) give ⼯业 for 工业 or ⻓江 for 长江: they look right but match no word, indicator name or
# source quote. Kangxi radicals fold by NFKC; of the supplement only these simplified whole characters
# (NFKC leaves them alone), not component forms such as ⻈ (讠).
_RADICALS = {chr(c): unicodedata.normalize("NFKC", chr(c)) for c in range(0x2F00, 0x2FD6)}
_RADICALS.update(
    zip(
        "⺠⻅⻆⻉⻋⻓⻔⻘⻙⻚⻛⻜⻢⻥⻦⻧⻨⻩⻪⻬⻮⻰⻳",
        "民见角贝车长门青韦页风飞马鱼鸟卤麦黄黾齐齿龙龟",
        strict=True,
    )
)
_RADICAL = re.compile(f"[{''.join(_RADICALS)}]")

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_CJK = r"\u3400-\u9fff\uf900-\ufaff"
# "網(wǎng)" after a CJK char; also the mangled "?jī)?" form some converters leave behind.
_SYLLABLE = f"[a-zü{_TONED}]{{1,6}}"
_PINYIN = re.compile(rf"(?<=[{_CJK}])(?:[(（] ?{_SYLLABLE} ?[)）])+|\?(?:{_SYLLABLE}\)\??)+")
# in a hard-wrapped PDF an annotation can be cut by the wrap: 產(chǎn⏎)值 — the wrap goes with it
_PINYIN_WRAPPED = re.compile(
    rf"(?<=[{_CJK}])(?:\n?[(（]\n? ?{_SYLLABLE}\n? ?\n?[)）])+|\?(?:{_SYLLABLE}\)\??)+"
)
_HAS_TONE = re.compile(f"[{_TONED}]")

_SPLICE = re.compile(r"(?m)^(\d{1,3})、")

# A cleaning step, not a comparison (that is text.normalise): it rewrites the document itself and,
# unlike NFKC, folds only digits, letters and symbols, keeping Chinese punctuation full-width.
_WIDE_TO_ASCII = {chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)}  # digits
_WIDE_TO_ASCII.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF21, 0xFF3B)})  # A-Z
_WIDE_TO_ASCII.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF41, 0xFF5B)})  # a-z
_WIDE_TO_ASCII.update({"％": "%", "＋": "+", "／": "/", "＝": "=", "＜": "<", "＞": ">", "＆": "&"})
_WIDE_TO_ASCII.update({"「": "“", "」": "”", "『": "‘", "』": "’"})
_ASCII_TO_WIDE = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_CJK_CHAR = re.compile(f"[{_CJK}]")


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("tw2s")  # tw2s also resolves 著 -> 着 by phrase


def detect_script(text: str) -> Script:
    """Traditional when a noticeable share of CJK characters change under t2s conversion."""
    cjk = _CJK_CHAR.findall(text)
    if not cjk:
        return "simplified"
    sample = "".join(cjk[:20000])
    converted = _t2s().convert(sample)
    changed = sum(a != b for a, b in zip(sample, converted, strict=False))
    return "traditional" if changed >= max(1, 0.02 * len(sample)) else "simplified"


def clean(original: str, *, hard_wrapped: bool = False) -> CleanResult:
    """`hard_wrapped`: the text is a PDF text layer whose visual lines must be rejoined."""
    buf = MappedText(original)
    warnings: list[str] = []
    buf.apply([Edit(m.start(), m.end()) for m in _INVISIBLE.finditer(buf.text)], ChangeKind.CONTROL)
    buf.apply(
        [Edit(m.start(), m.end(), _RADICALS[m[0]]) for m in _RADICAL.finditer(buf.text)], ChangeKind.RADICAL
    )
    _remove_pinyin(buf, hard_wrapped=hard_wrapped)
    script = detect_script(buf.text)
    if script == "traditional":
        _to_simplified(buf)
    _normalise_punctuation(buf)
    _remove_chrome(buf)
    _rejoin_splices(buf)
    if hard_wrapped:
        buf.apply(unwrap.find_hard_wraps(buf.text), ChangeKind.LINE_WRAP)
    swaps = _repair_synonyms(buf)
    if swaps:
        warnings.append(
            f"疑似经过同义词替换改写（如“进展”代“发展”）：已修复固定搭配 {swaps[0]} 处，"
            f"另有 {swaps[1]} 处可疑用词仅提示、未改动，请对照原文核实。"
        )
    _normalise_whitespace(buf)
    return CleanResult(buf.text, buf.offset_map(), buf.changes, script, warnings)


def _remove_chrome(buf: MappedText) -> None:
    """Chrome lines before the trailing block, then the block itself.

    The block is located before chrome is removed and kept there: removing a long document-site
    header shifts the block towards the front, and looking for it again afterwards could miss it
    (leaving it in the text, untouched by the chrome rules too). Only when nothing is found first is
    it looked for again in the text without chrome.
    """
    trailing = chrome.find_trailing_block(buf.text)
    edits = chrome.find_chrome(buf.text, trailing)
    buf.apply(edits, ChangeKind.CHROME)
    if trailing is None:
        trailing = chrome.find_trailing_block(buf.text)
    else:  # every chrome edit is a deletion before the block
        trailing -= sum(e.end - e.start for e in edits)
    if trailing is not None:
        buf.apply([Edit(trailing, len(buf.text), "", "文末相关推荐或广告")], ChangeKind.TRAILING_BLOCK)


def _remove_pinyin(buf: MappedText, *, hard_wrapped: bool = False) -> None:
    matches = list((_PINYIN_WRAPPED if hard_wrapped else _PINYIN).finditer(buf.text))
    toned = [m for m in matches if _HAS_TONE.search(m.group())]
    # Toneless "(de)" counts only in a document that is visibly annotated; "(KPI)" never matches.
    chosen = matches if len(toned) >= 3 else toned
    buf.apply([Edit(m.start(), m.end(), "", "拼音注音") for m in chosen], ChangeKind.PINYIN)


def _to_simplified(buf: MappedText) -> None:
    converter = _t2s()
    edits: list[Edit] = []
    pos = 0
    for line in buf.text.split("\n"):
        converted = converter.convert(line)
        if converted != line:
            edits.extend(_diff_edits(line, converted, pos))
        pos += len(line) + 1
    buf.apply(edits, ChangeKind.SCRIPT)


def _diff_edits(before: str, after: str, base: int) -> list[Edit]:
    """Runs of changed characters; equal-length lines (the usual case) align char by char."""
    if len(before) == len(after):
        return _runs(before, after, base)
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    return [
        Edit(base + i1, base + i2, after[j1:j2])
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


def _runs(before: str, after: str, base: int) -> list[Edit]:
    edits: list[Edit] = []
    start = -1
    for i, (a, b) in enumerate(zip(before, after, strict=True)):
        if a != b and start < 0:
            start = i
        elif a == b and start >= 0:
            edits.append(Edit(base + start, base + i, after[start:i]))
            start = -1
    if start >= 0:
        edits.append(Edit(base + start, base + len(before), after[start:]))
    return edits


def _normalise_punctuation(buf: MappedText) -> None:
    text = buf.text
    chars = list(text)
    # Parentheses first, so the marks beside them see them as cleaning twice would: "万(de)?" is
    # 万（de）？ in one pass, not two.
    for open_at, close_at in _ascii_paren_pairs(text):
        chars[open_at], chars[close_at] = "（", "）"
    context = "".join(chars)
    for i, ch in enumerate(text):
        if ch in _WIDE_TO_ASCII:
            chars[i] = _WIDE_TO_ASCII[ch]
        elif ch == "．" and 0 < i < len(text) - 1 and chars[i - 1].isdigit() and text[i + 1].isdigit():
            chars[i] = "."  # full-width decimal point: "１２．５％" is 12.5%
        elif ch in _ASCII_TO_WIDE and _chinese_context(context, i):
            chars[i] = _ASCII_TO_WIDE[ch]
    buf.apply(_runs(text, "".join(chars), 0), ChangeKind.PUNCTUATION)


def _chinese_context(text: str, i: int) -> bool:
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if prev.isdigit() and nxt.isdigit():  # 1,234 and 17:51 stay ASCII
        return False
    # ("" in "…" is true: at either end of the text only the other neighbour counts)
    return bool(
        _CJK_CHAR.match(prev)
        or _CJK_CHAR.match(nxt)
        or (prev and prev in "”）》】")
        or (nxt and nxt in "“（《【")
    )


def _ascii_paren_pairs(text: str) -> list[tuple[int, int]]:
    """Matched "(…)" pairs on one line whose content or surroundings are Chinese."""
    pairs: list[tuple[int, int]] = []
    stack: list[int] = []
    for i, ch in enumerate(text):
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            start = stack.pop()
            inner = text[start + 1 : i]
            before = text[start - 1] if start > 0 else ""
            if "\n" not in inner and (_CJK_CHAR.search(inner) or _CJK_CHAR.match(before)):
                pairs.append((start, i))
        elif ch == "\n":
            stack.clear()
    return pairs


def _rejoin_splices(buf: MappedText) -> None:
    """Remove "1、" "2、" page-splice markers from document sites and rejoin cut words.

    Real numbered lists also start lines with "1、"; splices are told apart by cutting a sentence
    (a piece that does not end in sentence punctuation) and by their length (a page of text). Every
    "1、" starts a new candidate run, so a short list before (or inside) the spliced pages is judged
    on its own and never lends its numbers to the splices. The last piece of a run reaches to the
    next run or the end of the text, so only the pieces before it are measured.
    """
    text = buf.text
    runs: list[list[re.Match[str]]] = []
    for m in _SPLICE.finditer(text):
        number = int(m.group(1))
        if number == 1:
            runs.append([m])
        elif runs and number == len(runs[-1]) + 1:
            runs[-1].append(m)
    edits: list[Edit] = []
    for run_index, run in enumerate(runs):
        if len(run) < 2:
            continue
        stop = runs[run_index + 1][0].start() if run_index + 1 < len(runs) else len(text)
        starts = [m.start() for m in run] + [stop]
        pieces = [text[starts[i] : starts[i + 1]].strip() for i in range(len(run))]
        measured = pieces[:-1]
        if sum(map(len, measured)) / len(measured) < 150:
            continue
        if all(p.endswith(PIECE_ENDINGS) for p in measured):
            continue
        for index, m in enumerate(run):
            cut = m.start()
            while index > 0 and cut > 0 and text[cut - 1] in "\n \t":
                cut -= 1
            edits.append(Edit(cut, m.end(), "", f"分页拼接标记“{m.group()}”"))
    buf.apply(edits, ChangeKind.SPLICE_MARKER)


def _repair_synonyms(buf: MappedText) -> tuple[int, int] | None:
    findings = synonyms.find_swaps(buf.text)
    if not findings:
        return None
    suspects = [f for f in findings if f.repaired is None]
    for f in suspects:
        buf.note(
            ChangeKind.SYNONYM_SUSPECT, f.start, f.end, f"疑似“{synonyms.SUSPECT_WORDS[f.garbled]}”被替换"
        )
    repairs = [Edit(f.start, f.end, f.repaired, "固定搭配修复") for f in findings if f.repaired]
    buf.apply(repairs, ChangeKind.SYNONYM_REPAIR)
    return len(repairs), len(suspects)


def _normalise_whitespace(buf: MappedText) -> None:
    # Ideographic spaces, NBSP and tabs become plain spaces (1:1, not worth reporting).
    buf.apply(
        [Edit(m.start(), m.end(), " ") for m in re.finditer(r"[\u3000\u00a0\t]", buf.text)],
        ChangeKind.WHITESPACE,
        record=False,
    )
    edits: list[Edit] = []
    pos = 0
    for line in buf.text.split("\n"):
        body = line.strip(" ")
        if body:
            lead = len(line) - len(line.lstrip(" "))
            if lead:
                edits.append(Edit(pos, pos + lead))
            tail = len(line) - len(line.rstrip(" "))
            if tail:
                edits.append(Edit(pos + len(line) - tail, pos + len(line)))
            for m in re.finditer(r" {2,}", body):
                edits.append(Edit(pos + lead + m.start() + 1, pos + lead + m.end()))
        elif line:
            edits.append(Edit(pos, pos + len(line)))
        pos += len(line) + 1
    buf.apply(edits, ChangeKind.WHITESPACE)
    text = buf.text
    edits = [Edit(m.start() + 2, m.end()) for m in re.finditer(r"\n{3,}", text)]
    lead_nl = len(text) - len(text.lstrip("\n"))
    trail_nl = len(text) - len(text.rstrip("\n"))
    if lead_nl == len(text):
        edits = [Edit(0, len(text))] if text else []
    else:
        edits = [e for e in edits if e.start >= lead_nl and e.end <= len(text) - trail_nl]
        if lead_nl:
            edits.append(Edit(0, lead_nl))
        if trail_nl:
            edits.append(Edit(len(text) - trail_nl, len(text)))
    buf.apply(edits, ChangeKind.WHITESPACE)
