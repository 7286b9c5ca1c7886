"""The same report as .txt (GBK), .docx, .html and a hard-wrapped .pdf gives the same outline and figures."""

from __future__ import annotations

import html
import textwrap
from pathlib import Path

import docx
import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from summarizer.core.models import Document
from summarizer.text.analyze import analyze_file

from .conftest import DATA

REPORT = (DATA / "segment" / "summary_qinghe.txt").read_text(encoding="utf-8")
LINES = [line.strip("\u3000 ") for line in REPORT.splitlines() if line.strip()]


def as_txt_gbk(path: Path) -> Path:
    path.write_bytes(REPORT.encode("gb18030"))
    return path


def as_docx(path: Path) -> Path:
    document = docx.Document()
    for line in LINES:
        document.add_paragraph(line)
    document.save(str(path))
    return path


def as_html(path: Path) -> Path:
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in LINES)
    page = (
        "<!doctype html><html><head><meta charset='utf-8'><title>工作总结</title></head><body>"
        "<nav>首页 | 政务公开 | 工作总结</nav>"
        f"<article><h1>{html.escape(LINES[0])}</h1>{body}</article>"
        "<footer>版权所有 某某开发区管委会 备案号：某ICP备00000000号</footer></body></html>"
    )
    path.write_text(page, encoding="utf-8")
    return path


def as_wrapped_pdf(path: Path) -> Path:
    """A narrow column: paragraphs cut into 17-character visual lines (four figures cut in two)."""
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(path))
    y = 800
    for line in LINES:
        for piece in textwrap.wrap(line, 17) or [line]:
            if y < 60:
                pdf.showPage()
                y = 800
            pdf.setFont("STSong-Light", 11)
            pdf.drawString(50, y, piece)
            y -= 16
    pdf.save()
    return path


def signature(doc: Document) -> tuple[list[str], list[str]]:
    headings = [f"{n.marker}{n.title}" for n in doc.outline.walk() if n.kind == "heading"]
    return headings, [q.text for q in doc.figures]


@pytest.fixture(scope="module")
def reference() -> tuple[list[str], list[str]]:
    return signature(analyze_file(DATA / "segment" / "summary_qinghe.txt"))


@pytest.mark.parametrize(
    ("name", "build"),
    [("r.txt", as_txt_gbk), ("r.docx", as_docx), ("r.html", as_html), ("r.pdf", as_wrapped_pdf)],
)
def test_same_outline_and_figures_in_every_format(
    tmp_path: Path, reference: tuple[list[str], list[str]], name: str, build: object
) -> None:
    path = build(tmp_path / name)  # type: ignore[operator]
    headings, figures = signature(analyze_file(path))
    assert headings == reference[0]
    assert figures == reference[1]
    assert len(figures) >= 15
