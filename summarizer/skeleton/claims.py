"""What a text item claims beyond its words: negation, direction, degree, completion, comparison.

Word overlap alone verifies reversed meanings (科技创新能力不弱 against 偏弱; 土地指标并不紧张 against
紧张; 已全部盘活 against 正在盘活). A text item is verified only when, besides the overlap, every claim
word it makes stands in its source sentence, and no negation of the source is dropped. The word lists
are the genre's own; a claim word the source lacks means "not found", never "close enough".
"""

from __future__ import annotations

import re

from .vocabulary import STATE_WORDS

__all__ = ["disagreement"]

# Negators, and the words that merely contain one (未来, 不断, 无锡, 非常 are no negations).
_NEGATOR = re.compile("尚未|并非|没有|[不未没无非]")
_NOT_NEGATIONS = (
    "未来", "不断", "不仅", "不但", "不少", "不同", "不久", "不管", "不论", "不良", "不锈", "不动产",
    "不定期", "无锡", "无人机", "无论", "无缝", "无偿", "无形", "非常", "非公", "非遗", "非洲", "非法",
    "非物质", "毫不", "无不", "不得不", "并不亚于",
)  # fmt: skip

# Words saying something is still to be done: dropping one turns a problem into an achievement.
_NEED = re.compile("仍需|仍待|尚需|尚待|还需|有待|亟需|亟待|急需|需要进一步|需进一步")

# Claim classes: a word of a class in the item must have a word of the same class in its source.
_CLAIM_PATTERNS = {name: re.compile("|".join(words)) for name, words in STATE_WORDS.items()}


def _negations(text: str) -> list[tuple[int, str]]:
    """(position, negator) of every real negation in `text`."""
    found = []
    for m in _NEGATOR.finditer(text):
        around = text[max(0, m.start() - 2) : m.end() + 3]
        if any(word in around and _covers(text, m.start(), word) for word in _NOT_NEGATIONS):
            continue
        found.append((m.start(), m.group()))
    return found


def _covers(text: str, at: int, word: str) -> bool:
    """`word` occurs in `text` over position `at`."""
    start = text.find(word, max(0, at - len(word) + 1))
    while start != -1 and start <= at:
        if start + len(word) > at:
            return True
        start = text.find(word, start + 1)
    return False


def disagreement(written: str, source: str) -> str:
    """Why `written` says something its source sentence does not ("" when they agree)."""
    for at, negator in _negations(written):
        phrase = written[at : at + len(negator) + 1]  # 不弱, 未开, 并非
        if phrase not in source:
            return f"原文没有否定说法“{written[at : at + len(negator) + 2]}”"
    for at, negator in _negations(source):
        negated = source[at + len(negator) : at + len(negator) + 2]  # what the source says is not so
        if len(negated) == 2 and negated in written and negator + negated not in written:
            return f"原文为“{negator}{negated}”，此处丢了否定"
    for m in _NEED.finditer(source):  # 产业结构仍需优化 condensed to 产业结构优化 reads as done
        needed = source[m.end() : m.end() + 2]
        if len(needed) == 2 and needed in written and not _NEED.search(written):
            return f"原文为“{m.group()}{needed}”，此处丢了“{m.group()}”"
    for name, pattern in _CLAIM_PATTERNS.items():
        mine = pattern.findall(written)
        if mine and not pattern.search(source):
            return f"原文没有“{mine[0]}”这类{name}的说法"
    return ""
