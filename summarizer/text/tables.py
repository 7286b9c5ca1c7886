"""Indicator tables: the most common way a 总结 or an 经济运行 report gives its figures.

A table reaches the text as rows of cells joined by " | " (`load.TABLE_CELL_SEP`: Word, HTML):

    指标 | 单位 | 1-9月 | 同比增长（%）
    规模以上工业总产值 | 亿元 | 256.4 | 8.1

A value cell holds a bare number whose unit stands in another cell (the 单位 column, the column's
header 总量（亿元）, or the row's name 一般公共预算收入（万元）), and a growth cell a signed number whose
meaning is its column's (同比增长（%）). Read as prose these are nameless numbers. Here each value cell
becomes the figure it is: parsed with its unit, its span the cell itself (so grounding and the review
page point at the cell), `subject` the row's name, `column` its column header (the period, 1-9月), and
`shown` how a reader writes it (256.4亿元). A growth cell becomes the rate of the row's value before it
(同比增长8.1%; −4.2 is 下降4.2%).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..core.models import Quantity, Span
from .quantities import find_quantities

__all__ = ["read_tables"]

_BAR = "|"  # cells are joined by " | "; an empty one leaves "| |"
_UNIT_NOTE = re.compile(r"[（(]\s*([^（）()]{1,8}?)\s*[）)]\s*$")  # 总量（亿元）, 同比增长（%）
_UNIT_HEADER = re.compile(r"^(?:计量)?单位$")
_GROWTH_HEADER = re.compile(r"增长|增速|增幅|同比|环比|比上年|比去年|增减|±")
_NAME_HEADER = re.compile(r"^(?:主要)?(?:指标|项目|指标名称|名称|类别)$")
_EMPTY = {"", "-", "—", "--", "/", "－", "…", "——"}
_NUMBER = re.compile(r"^[-−－+]?\d+(?:\.\d+)?$")


@dataclass(frozen=True)
class _Cell:
    text: str
    start: int  # in the cleaned text
    end: int


def _cells(text: str, start: int, end: int) -> list[_Cell]:
    """The cells of one row, an empty cell too (a | | b), each with its span."""
    cells, at = [], start
    for piece in text[start:end].split(_BAR):
        lead = len(piece) - len(piece.lstrip())
        cells.append(_Cell(piece.strip(), at + lead, at + lead + len(piece.strip())))
        at += len(piece) + len(_BAR)
    return cells


def _rows(text: str) -> list[list[list[_Cell]]]:
    """Runs of two or more consecutive table lines (each with a cell separator): one run a table."""
    tables: list[list[list[_Cell]]] = []
    run: list[list[_Cell]] = []
    at = 0
    for line in text.split("\n"):
        if _BAR in line:
            run.append(_cells(text, at, at + len(line)))
        else:
            if len(run) >= 2:
                tables.append(run)
            run = []
        at += len(line) + 1
    if len(run) >= 2:
        tables.append(run)
    return tables


def _has_figure(cell: str) -> bool:
    """A figure in a header cell makes it a row of data (产值 | 12亿元); a period (1-9月, 2025年) or a
    unit note (（%）) does not."""
    return any(q.is_figure for q in find_quantities(_UNIT_NOTE.sub("", cell)))


def _unit(header: str) -> str:
    m = _UNIT_NOTE.search(header)
    return m.group(1).strip() if m else ""


def read_tables(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """`quantities` (of the cleaned `text`) with each indicator table's cells read as figures: the
    numbers the prose reading found inside value and growth cells give way to the cells' own."""
    replaced: list[tuple[int, int]] = []
    found: list[Quantity] = []
    for rows in _rows(text):
        header = rows[0]
        if any(_NUMBER.match(c.text) or _has_figure(c.text) for c in header):
            continue  # no header row: not a table this reader can name
        heads = [c.text for c in header]
        unit_col = next((i for i, h in enumerate(heads) if _UNIT_HEADER.match(h)), None)
        growth_cols = {i for i, h in enumerate(heads) if i and _GROWTH_HEADER.search(h)}
        value_cols = [i for i in range(1, len(heads)) if i != unit_col and i not in growth_cols]
        if not value_cols and not growth_cols:
            continue
        for row in rows[1:]:
            if not row or not row[0].text or _NUMBER.match(row[0].text):
                continue
            name = _UNIT_NOTE.sub("", row[0].text).strip()
            row_unit = _unit(row[0].text)
            own_unit = row[unit_col].text if unit_col is not None and unit_col < len(row) else ""
            for i, cell in enumerate(row[1:], start=1):
                if i >= len(heads) or i == unit_col or cell.text in _EMPTY:
                    continue
                column = _UNIT_NOTE.sub("", heads[i]).strip()
                if i in growth_cols:
                    q = _growth(cell, heads[i], name, column)
                else:
                    q = _value(cell, own_unit or row_unit or _unit(heads[i]), name, column)
                if q is None:
                    continue
                replaced.append((cell.start, cell.end))
                found.append(q)  # a rate's host is the row's value: the skeleton finds it by name
    if not found:
        return quantities
    kept = [q for q in quantities if not any(s <= q.span.start < e for s, e in replaced)]
    return sorted([*kept, *found], key=lambda q: q.span.start)


def _value(cell: _Cell, unit: str, name: str, column: str) -> Quantity | None:
    """A value cell: its own figure when it writes its unit (256.4亿元), else the bare number with the
    unit its table gives it."""
    own = [q for q in find_quantities(cell.text) if q.is_figure]
    if own and own[0].unit:
        q = own[0]
        return q.model_copy(
            update={"span": Span(start=cell.start + q.span.start, end=cell.start + q.span.end),
                    "subject": name, "column": column}
        )  # fmt: skip
    if not _NUMBER.match(cell.text) or not unit:
        return None
    number = cell.text.replace("−", "-").replace("－", "-")
    parsed = [q for q in find_quantities(f"{number}{unit}") if q.is_figure]
    if not parsed:
        return None
    return parsed[0].model_copy(
        update={"text": cell.text, "span": Span(start=cell.start, end=cell.end), "shown": f"{number}{unit}",
                "subject": name, "column": column}
    )  # fmt: skip


def _growth(cell: _Cell, header: str, name: str, column: str) -> Quantity | None:
    """A growth cell: 8.1 under 同比增长（%） is 同比增长8.1%; −4.2 is 下降4.2%."""
    number = cell.text.replace("−", "-").replace("－", "-").rstrip("%％")
    if not _NUMBER.match(number):
        return None
    unit = "个百分点" if "百分点" in header else "%"
    comparison = next((w for w in ("同比", "环比", "比上年", "比去年") if w in header), "同比")
    falling = number.startswith("-")
    said = f"{comparison}{'下降' if falling else '增长'}{number.lstrip('+-')}{unit}"
    parsed = [q for q in find_quantities(said) if q.is_figure]
    if not parsed:
        return None
    return parsed[0].model_copy(
        update={"text": cell.text, "span": Span(start=cell.start, end=cell.end),
                "shown": f"{number.lstrip('+-')}{unit}", "subject": name, "column": column}
    )  # fmt: skip
