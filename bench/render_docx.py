"""Render .docx outputs the way a reader's office suite lays them out: LibreOffice -> PDF -> PNG.

A human looks at the PNG (is the 报头 red, the title centred, the body in 仿宋, the page one A4?);
the script records each document's page count, which checks the `--pages` budget against a real
layout engine instead of our line estimate.

    python bench/render_docx.py [DOCX...]     # default: examples/out/*.docx

Needs LibreOffice and poppler (Debian: apt-get install libreoffice-writer-nogui poppler-utils
fonts-noto-cjk); without them it says so and exits 1. Writes <name>.page1.png next to each .docx and
bench/results/docx_render.md.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "docx_render.md"


def render(docx: Path, workdir: Path) -> tuple[Path, int]:
    # A private profile dir: a user's running LibreOffice would otherwise swallow the conversion.
    profile = (workdir / "profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir",
         str(workdir), str(docx)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = workdir / f"{docx.stem}.pdf"
    pages = len(PdfReader(pdf).pages)
    stem = docx.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf), f"{stem}.page1"],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return Path(f"{stem}.page1.png"), pages


def main(argv: list[str]) -> int:
    missing = [tool for tool in ("soffice", "pdftoppm") if shutil.which(tool) is None]
    if missing:
        print(
            f"缺少 {'、'.join(missing)}。请安装：apt-get install libreoffice-writer-nogui poppler-utils "
            "fonts-noto-cjk",
            file=sys.stderr,
        )
        return 1
    files = [Path(a).resolve() for a in argv] or sorted((ROOT / "examples" / "out").glob("*.docx"))
    if not files:
        print("没有 .docx 可渲染：先运行 make examples。", file=sys.stderr)
        return 1
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for docx in files:
            png, pages = render(docx, Path(tmp))
            rows.append(f"| `{docx.relative_to(ROOT)}` | {pages} | `{png.relative_to(ROOT)}` |")
            print(f"{docx.name}: {pages} page(s) -> {png}")
    RESULTS.write_text(
        "# .docx rendered by LibreOffice (bench/render_docx.py)\n\n"
        "Page counts as LibreOffice lays the documents out with the fonts of this machine "
        "(fonts-noto-cjk standing in for 仿宋/黑体/小标宋); the first page of each is a PNG next to it.\n\n"
        "| document | pages | first page |\n| --- | ---: | --- |\n" + "\n".join(rows) + "\n",
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
