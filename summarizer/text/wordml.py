"""A Word body's text as Word shows it, from its XML (python-docx opens the package).

python-docx's paragraph text holds only a paragraph's direct runs and hyperlinks: a tracked insertion
(w:ins), a simple field's result (w:fldSimple), a smart tag or an inline content control is missing, and
list numbering (一、 （一） 1.) is not text at all but a definition in numbering.xml. Offices number
their headings that way, so a heading loses the very mark that makes it one. Here:

- text: every w:t in reading order, through w:ins, w:fldSimple, w:hyperlink, w:smartTag, w:sdt;
  never w:del/w:moveFrom (deleted), w:instrText (a field's code) or mc:Fallback (a VML copy of a shape);
- text boxes (w:txbxContent) as lines of their own after the paragraph that anchors them;
- numbering: each numbered paragraph's label rendered from its level's format and lvlText (%1、, （%1）,
  %1.%2), counted per list as Word counts, restored in front of the text. docx2python renders only
  Western formats (decimal, letters, roman) and ignores lvlText, so 一、 and （一） would be lost.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from docx.oxml.ns import qn

__all__ = ["BodyReader"]

_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_SKIPPED = frozenset(
    {
        qn("w:del"),
        qn("w:moveFrom"),
        qn("w:instrText"),
        qn("w:delText"),
        qn("w:pPr"),
        qn("w:rPr"),
        _MC_FALLBACK,
    }
)
_CHINESE_DIGITS = "零一二三四五六七八九"
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _chinese(n: int) -> str:
    """一 … 十, 十一 … 九十九 (as Word's chineseCounting writes them); larger numbers in digits."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _CHINESE_DIGITS[tens] + "十")
    return head + (_CHINESE_DIGITS[ones] if ones else "")


_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))  # fmt: skip


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


def _letter(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """One level's count in its w:numFmt."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "chineseLegalSimplified", "ideographLegalTraditional"):  # fmt: skip
        return _chinese(n)
    if fmt == "ideographTraditional" and 0 < n <= len(_HEAVENLY_STEMS):
        return _HEAVENLY_STEMS[n - 1]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 0 < n <= len(_CIRCLED):
        return _CIRCLED[n - 1]
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt in ("lowerLetter", "upperLetter"):
        return _letter(n) if fmt == "lowerLetter" else _letter(n).upper()
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(n) if fmt == "lowerRoman" else _roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)  # decimal, and any format we do not know: the count is still right


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = ""
    start: int = 1


@dataclass
class BodyReader:
    """Reads one document's body in order; `inserted`/`deleted` count the tracked changes it met."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # numId -> ilvl -> level
    abstract_of: dict[str, str] = field(default_factory=dict)  # numId -> abstractNumId
    style_numbering: dict[str, tuple[str, int]] = field(default_factory=dict)  # styleId -> (numId, ilvl)
    counts: dict[str, list[int]] = field(default_factory=dict)  # abstractNumId -> count per level
    inserted: int = 0
    deleted: int = 0
    boxes: int = 0

    @classmethod
    def of(cls, document: Any) -> BodyReader:
        reader = cls()
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return reader  # no numbering part: nothing is numbered
        abstract: dict[str, dict[int, _Level]] = {}
        for definition in numbering.iterchildren(qn("w:abstractNum")):
            abstract[definition.get(qn("w:abstractNumId"))] = {
                int(lvl.get(qn("w:ilvl"), "0")): _level(lvl) for lvl in definition.iterchildren(qn("w:lvl"))
            }
        for num in numbering.iterchildren(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is None:
                continue
            base = ref.get(qn("w:val"))
            levels = dict(abstract.get(base, {}))
            for override in num.iterchildren(qn("w:lvlOverride")):
                ilvl = int(override.get(qn("w:ilvl"), "0"))
                own = override.find(qn("w:lvl"))
                start = override.find(qn("w:startOverride"))
                level = _level(own) if own is not None else levels.get(ilvl, _Level())
                if start is not None:
                    level = _Level(level.fmt, level.text, int(start.get(qn("w:val"), "1")))
                levels[ilvl] = level
            num_id = num.get(qn("w:numId"))
            reader.levels[num_id] = levels
            # lists of one definition count on together, unless a list restarts its own count
            restarts = num.find(f"{qn('w:lvlOverride')}/{qn('w:startOverride')}") is not None
            reader.abstract_of[num_id] = f"num:{num_id}" if restarts else base
        for style in document.styles.element.iterchildren(qn("w:style")):
            num_pr = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
            if num_pr is not None and (num_id := _val(num_pr, "w:numId")) is not None:
                reader.style_numbering[style.get(qn("w:styleId"))] = (
                    num_id,
                    int(_val(num_pr, "w:ilvl") or 0),
                )
        return reader

    def lines(self, container: Any, cell: Any = None) -> Iterator[str]:
        """Paragraphs and table rows of `container` in body order (`cell`: how a table row becomes a
        line), looking into content controls."""
        for child in container.iterchildren():
            if child.tag == qn("w:p"):
                text, boxes = self._paragraph(child)
                yield self.label(child) + text
                for box in boxes:
                    self.boxes += 1
                    yield from self.lines(box, cell)
            elif child.tag == qn("w:tbl") and cell is not None:
                yield from cell(self, child)
            elif child.tag == qn("w:sdt"):
                for content in child.iterchildren(qn("w:sdtContent")):
                    yield from self.lines(content, cell)

    def text(self, paragraph: Any) -> str:
        return self._paragraph(paragraph)[0]

    def _paragraph(self, paragraph: Any) -> tuple[str, list[Any]]:
        parts: list[str] = []
        boxes: list[Any] = []

        def walk(element: Any) -> None:
            for child in element.iterchildren():
                tag = child.tag
                if tag in _SKIPPED:
                    if tag in (qn("w:del"), qn("w:moveFrom")):
                        self.deleted += 1
                    continue
                if tag == qn("w:txbxContent"):
                    boxes.append(child)
                elif tag == qn("w:t"):
                    parts.append(child.text or "")
                elif tag == qn("w:tab"):
                    parts.append("\t")
                elif tag in (qn("w:br"), qn("w:cr")):
                    parts.append("\n")
                else:
                    if tag in (qn("w:ins"), qn("w:moveTo")):
                        self.inserted += 1
                    walk(child)

        walk(paragraph)
        return "".join(parts), boxes

    def label(self, paragraph: Any) -> str:
        """The number Word shows in front of a numbered paragraph (一、, （二）, 3.), "" for none or a
        bullet."""
        num_pr = paragraph.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        num_id, ilvl = None, 0
        if num_pr is not None:
            num_id, ilvl = _val(num_pr, "w:numId"), int(_val(num_pr, "w:ilvl") or 0)
        if num_id is None and style is not None:
            num_id, ilvl = self.style_numbering.get(style.get(qn("w:val")), (None, 0))
        if num_id is None or num_id == "0" or num_id not in self.levels:
            return ""
        levels = self.levels[num_id]
        if ilvl not in levels:
            return ""
        counts = self.counts.setdefault(self.abstract_of[num_id], [0] * 9)
        if not 0 <= ilvl < len(counts):
            return ""
        counts[ilvl] = counts[ilvl] + 1 if counts[ilvl] else levels[ilvl].start
        for deeper in range(ilvl + 1, len(counts)):
            counts[deeper] = 0
        level = levels[ilvl]
        if level.fmt in ("bullet", "none"):
            return ""
        label = level.text
        for n in range(ilvl + 1):
            own = levels.get(n, _Level())
            label = label.replace(f"%{n + 1}", format_number(counts[n] or own.start, own.fmt))
        return label


def _level(lvl: Any) -> _Level:
    return _Level(
        fmt=_val(lvl, "w:numFmt") or "decimal",
        text=_val(lvl, "w:lvlText") or "",
        start=int(_val(lvl, "w:start") or 1),
    )


def _val(element: Any, tag: str) -> str | None:
    found = element.find(qn(tag))
    return None if found is None else found.get(qn("w:val"))
