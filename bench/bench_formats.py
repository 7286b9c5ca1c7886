"""The same report as plain text, as a Word file, as a PDF and as a saved web page: what each format
loses.

Each report of the project's own fixtures (examples/*.txt, tests/data/genres/*.txt) is made into the
files offices hand the tool, the way they make them:

- docx: python-docx, one paragraph per line; headings (一、 （一） 1.) numbered by Word's own list
  numbering (the marker is not in the text, numbering.xml renders it), as the 样式 of a template do;
- pdf: reportlab (STSong-Light), lines hard-wrapped at 34 characters, 38 lines a page, a running
  header and a page number on every page, as an export of a printed layout;
- html: the text as <p> under its <h1>, inside a government site's page: top bar, breadcrumb, info
  line, related links, footer with its ICP number.

Against the plain text's reading, per format: figure recall (the plain reading's figures, by value as
a reader writes it, found again), section recall (its headings found again, by title), and extra
figures (found only in the format: page numbers, chrome).

    .venv/bin/python bench/bench_formats.py     # writes bench/results/formats.md
"""

from __future__ import annotations

import re
import tempfile
from collections import Counter
from collections.abc import Callable
from datetime import date
from itertools import takewhile
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from summarizer.core.models import Document
from summarizer.text.analyze import analyze_text
from summarizer.text.load import load

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "results" / "formats.md"
REPORTS = sorted(
    [
        *(ROOT / "examples").glob("*.txt"),
        *(ROOT / "tests" / "data" / "genres").glob("*.txt"),
        *(ROOT / "bench" / "data" / "formats").glob("*.txt"),  # an indicator table
    ]
)
_SEP = " | "
_NOTES = "\n<!-- notes -->\n"

_W = nsdecls("w")
_LEVELS = [  # (marker pattern, numFmt, lvlText) of the three heading levels a 总结 numbers
    (re.compile(r"^[一二三四五六七八九十]+、"), "chineseCounting", "%1、"),
    (re.compile(r"^[（(][一二三四五六七八九十]+[）)]"), "chineseCounting", "（%2）"),
    (re.compile(r"^\d{1,2}[.．、](?!\d)"), "decimal", "%3."),
]


def as_docx(text: str, path: Path) -> Path:
    document = docx.Document()
    levels = "".join(
        f'<w:lvl w:ilvl="{n}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{said}"/></w:lvl>'
        for n, (_p, fmt, said) in enumerate(_LEVELS)
    )
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(f'<w:abstractNum {_W} w:abstractNumId="77">{levels}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {_W} w:numId="77"><w:abstractNumId w:val="77"/></w:num>'))
    lines = text.splitlines()
    for n, line in enumerate(lines):
        if _SEP in line:  # a table's rows: a Word table, added at its first row
            if n == 0 or _SEP not in lines[n - 1]:
                rows = [r.split(_SEP) for r in takewhile(lambda r: _SEP in r, lines[n:])]
                table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
                for r, cells in enumerate(rows):
                    for c, cell in enumerate(cells):
                        table.cell(r, c).text = cell
            continue
        level = next((n for n, (pattern, _f, _s) in enumerate(_LEVELS) if pattern.match(line)), None)
        if level is None:
            document.add_paragraph(line)
            continue
        paragraph = document.add_paragraph(_LEVELS[level][0].sub("", line, count=1))
        paragraph._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {_W}><w:ilvl w:val="{level}"/><w:numId w:val="77"/></w:numPr>')
        )
    document.save(path)
    return path


def as_pdf(text: str, path: Path) -> Path:
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(path))
    lines = [chunk for line in text.splitlines() for chunk in ([line] if _SEP in line else _wrap(line, 34))]
    pages = [lines[i : i + 38] for i in range(0, len(lines), 38)] or [[]]
    for number, page in enumerate(pages, start=1):
        pdf.setFont("STSong-Light", 11)
        pdf.drawString(220, 810, "桐川经济开发区管委会办公室")
        for index, line in enumerate(page):
            # a table row: each cell drawn at its column, as a layout program places them
            for x, cell in zip((50, 230, 310, 390, 470), line.split(_SEP), strict=False):
                pdf.drawString(x, 780 - 19 * index, cell)
        pdf.drawString(290, 30, f"- {number} -")
        pdf.showPage()
    pdf.save()
    return path


def _wrap(line: str, width: int) -> list[str]:
    return [line[i : i + width] for i in range(0, len(line), width)] or [""]


def as_html(text: str, path: Path) -> Path:
    title, *body = text.splitlines()
    paragraphs = ""
    for n, line in enumerate(body):
        if _SEP not in line:
            paragraphs += f"<p>{line}</p>" if line.strip() else ""
        elif n == 0 or _SEP not in body[n - 1]:  # a table's rows: an HTML table at its first row
            rows = takewhile(lambda r: _SEP in r, body[n:])
            cells = ("".join(f"<td>{c}</td>" for c in r.split(_SEP)) for r in rows)
            paragraphs += "<table>" + "".join(f"<tr>{r}</tr>" for r in cells) + "</table>"
    path.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{title}_枫岭市人民政府</title></head><body>"
        "<div class='top'>枫岭市人民政府 | 无障碍 | 长者模式 | 登录 | 注册</div>"
        "<div class='crumb'>首页 &gt; 政务公开 &gt; 工作动态</div>"
        f"<div class='article'><h1>{title}</h1><div class='info'>发布时间：2025-12-20 浏览次数：1024</div>"
        f"{paragraphs}</div>"
        "<div class='related'><p>相关链接：</p>"
        "<ul><li>枫岭市政府工作报告</li><li>关于印发实施方案的通知</li></ul></div>"
        "<div class='foot'>主办：枫岭市人民政府办公室 ICP备12345678号 网站标识码1234</div></body></html>",
        encoding="utf-8",
    )
    return path


FORMATS: dict[str, Callable[[str, Path], Path]] = {"docx": as_docx, "pdf": as_pdf, "html": as_html}


def _figures(doc: Document) -> Counter[str]:
    return Counter(q.shown or q.text for q in doc.figures)


def _headings(doc: Document) -> Counter[str]:
    return Counter((n.title or "").strip() for n in doc.outline.walk() if n.kind == "heading" and n.title)


def _items(doc: Document) -> Counter[str]:
    """一是/二是 items, by their opening words."""
    return Counter(
        doc.cleaned[n.span.start : n.span.end][:12] for n in doc.outline.walk() if n.kind == "item"
    )


def _recall(found: Counter[str], wanted: Counter[str]) -> tuple[int, int]:
    return sum((found & wanted).values()), sum(wanted.values())


def main() -> None:
    rows = []
    totals: dict[str, list[int]] = {f: [0] * 7 for f in FORMATS}
    with tempfile.TemporaryDirectory() as tmp:
        for report in REPORTS:
            text = report.read_text(encoding="utf-8")
            plain = analyze_text(load(report))
            want_figures, want_headings, want_items = _figures(plain), _headings(plain), _items(plain)
            cells = [report.stem]
            for name, make in FORMATS.items():
                doc = analyze_text(load(make(text, Path(tmp) / f"{report.stem}.{name}")))
                got_f, all_f = _recall(_figures(doc), want_figures)
                got_h, all_h = _recall(_headings(doc), want_headings)
                got_i, all_i = _recall(_items(doc), want_items)
                extra = sum((_figures(doc) - want_figures).values())
                for i, v in enumerate((got_f, all_f, got_h, all_h, got_i, all_i, extra)):
                    totals[name][i] += v
                cells.append(f"{got_f}/{all_f} · {got_h}/{all_h} · {got_i}/{all_i} · +{extra}")
            rows.append(cells)
    lines = [
        "# The same report in four formats",
        "",
        f"Run {date.today().isoformat()} by `bench/bench_formats.py` on {len(REPORTS)} of the project's own",
        "reports (examples, genre fixtures and one indicator table), each made into a Word file (headings",
        "numbered by Word's list numbering, tables as Word tables), a PDF (hard-wrapped, running header and",
        "page numbers, table cells placed at their columns) and a saved government page (top bar,",
        "breadcrumb, related links, footer, tables as <table>). Against the plain-text reading: figures",
        "found again, headings found again, 一是/二是 items found again, and figures found only in that",
        "format.",
        "",
        "| format | figure recall | section recall | item recall | extra figures |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name, (gf, af, gh, ah, gi, ai, extra) in totals.items():
        lines.append(
            f"| {name} | {gf}/{af} ({gf / max(af, 1):.1%}) | {gh}/{ah} ({gh / max(ah, 1):.1%}) "
            f"| {gi}/{ai} ({gi / max(ai, 1):.1%}) | {extra} |"
        )
    lines += [
        "",
        "Per report (figures · headings · items · extra figures):",
        "",
        "| report | docx | pdf | html |",
        "| --- | --- | --- | --- |",
    ]
    lines += ["| " + " | ".join(cells) + " |" for cells in rows]
    # the reading of the results, written by hand under the marker, survives a new run
    notes = OUT.read_text(encoding="utf-8").partition(_NOTES)[2] if OUT.exists() else ""
    OUT.write_text("\n".join(lines) + "\n" + (_NOTES + notes if notes else ""), encoding="utf-8")
    print("\n".join(lines[8:13]))


if __name__ == "__main__":
    main()
