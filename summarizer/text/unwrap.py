"""Rejoin hard-wrapped lines of a PDF text layer.

A PDF stores visual lines; the text layer ends each with a newline, cutting sentences, and sometimes
figures ("386.5\\n亿元"), in two. A break is joined when the line before it does not end a sentence and
the line after it does not open a heading, an item or a list, and the line fills the column — so
real paragraph ends and title lines survive. An 一是 item at a line start runs on in its paragraph
when the line before fills the column (the edge fell between two items).
"""

from __future__ import annotations

import re

from .mapped import Edit

__all__ = ["find_hard_wraps"]

_ENDS_BLOCK = tuple("。！？；：!?;:”’）)】》")
# A following line that starts a new block: heading markers and table rows. An 一是 item is no
# block of its own: it runs on in its paragraph, wherever the column's edge fell.
_OPENS_BLOCK = re.compile(
    r"[ \t\u3000]*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[.．、](?!\d)"
    r"|第[一二三四五六七八九十]+(?:部分|章|篇|条)|.*\|)"
)


_WORDS = re.compile(r"[\u4e00-\u9fff]{2}")
_UNIT_AHEAD = re.compile(r"[\d.]*[万亿千百元家个项人亩吨米平公%％倍件户套台辆座次名]")
_ITEM = re.compile(r"[ \t\u3000]*[一二三四五六七八九十]是")


def _full_width(text: str) -> int:
    """Typical length of a full visual line: wrapped lines fill the column, short ones end blocks."""
    lengths = sorted(len(line.strip()) for line in text.split("\n") if line.strip())
    return lengths[int(len(lengths) * 0.8)] if lengths else 0


def find_hard_wraps(text: str) -> list[Edit]:
    edits: list[Edit] = []
    full = _full_width(text)
    for m in re.finditer(r"\n", text):
        i = m.start()
        prev_start = text.rfind("\n", 0, i) + 1
        prev = text[prev_start:i].rstrip()
        nxt_end = text.find("\n", i + 1)
        nxt = text[i + 1 : nxt_end if nxt_end >= 0 else len(text)]
        if not prev or not nxt.strip() or _OPENS_BLOCK.match(nxt):
            continue
        # an item the column's edge put at a line start (…首条产线投产。⏎二是项目服务…) runs on in its
        # paragraph when the line before fills the column; after a short line it opens a paragraph
        # so does the body of an item whose short title ends the line (…二是项目服务持续优化。⏎推行…)
        titled = re.search(r"[一二三四五六七八九十]是[^。；;，,]{2,16}。$", prev) is not None
        runs_on = (_ITEM.match(nxt) is not None and prev.endswith(("。", "；", ";"))) or titled
        if prev.endswith(_ENDS_BLOCK) and not runs_on:
            continue
        # a figure cut before its unit or inside it (医药企业5⏎家, 突破52⏎0亿元) is a wrap however short
        # the line: no line of words ends a block on a bare number
        # (only a line of words: a line that is a bare number is a table's cell, never joined to the
        # next cell: 29⏎12.0 is two figures, not 2912.0)
        cut_figure = (
            prev[-1:].isdigit() and _WORDS.search(prev) is not None and _UNIT_AHEAD.match(nxt) is not None
        )
        if "|" in prev or (len(prev.strip()) < 0.8 * full and not cut_figure):
            continue  # table rows and short lines end blocks
        edits.append(Edit(i, i + 1, "", "PDF 换行合并"))
    return edits
