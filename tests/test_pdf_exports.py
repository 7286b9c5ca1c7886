"""PDF exports whose text layer reads right but is not the right text, through the real CLI.

The fixtures are made by bench/bench_pdf.py --fixtures (bench/results/pdf.md compares pypdf and
pypdfium2 on them); report-sc.txt is the source text they were made from.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from summarizer.cli import commands as cli

from .conftest import DATA

PDFS = DATA / "load" / "pdf"


def test_radical_code_points_are_read_as_their_ideographs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the font's /ToUnicode gives ⼯ (U+2F2F) for 工, ⽐ for 比, ⻓ (U+2ED3) for 长: before, the figure
    # 512.7亿元 measured "规模以上⼯业总产值" and 9.3% grew "同⽐增⻓", matching no indicator name
    path = tmp_path / "radicals.pdf"
    shutil.copyfile(PDFS / "handmade-tounicode-radicals.pdf", path)
    code = cli.main(["inspect", str(path), "--json"])
    out = capsys.readouterr().out
    assert code == 0
    data = json.loads(out)
    subjects = {q["text"]: q["subject"] for q in data["quantities"]}
    assert subjects["512.7亿元"] == "规模以上工业总产值" and subjects["9.3%"] == "规模以上工业总产值"
    assert data["cleaned"].startswith("临江经济技术开发区2025年前三季度工作总结")
    assert "".join(data["cleaned"].split()) == "".join((PDFS / "report-sc.txt").read_text("utf-8").split())
    folded = [c for c in data["changes"] if c["kind"] == "radical"]
    assert folded and {c["before"] for c in folded} >= {"⼯", "⼀", "⽐"}
    assert path.read_bytes() == (PDFS / "handmade-tounicode-radicals.pdf").read_bytes()  # input untouched
