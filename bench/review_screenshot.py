"""Screenshot of the review page for the README: examples/review-screenshot.png.

An invented zone report (鹭汀湾经济开发区), a summary scripted through FakeBackend with one figure
deliberately wrong (实际利用外资 2680万美元; the report says 2860万美元), grounded, rendered, opened in
Debian's headless chromium at 1280x800 with the first indicator clicked. No model is loaded.
Run: .venv/bin/python bench/review_screenshot.py [OUT.png]
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from summarizer.backends.fake import FakeBackend
from summarizer.core.models import LoadedText
from summarizer.grounding.ground import apply_policy, ground
from summarizer.llm.extract import Extractor
from summarizer.outputs.review import render_review
from summarizer.text.analyze import analyze_text

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REPORT = """鹭汀湾经济开发区2025年上半年工作总结
今年以来，开发区坚持项目为王、产业立区，主要经济指标稳中有进。
一、主要指标完成情况
上半年，规模以上工业总产值完成158.6亿元，同比增长9.4%；规上工业增加值同比增长8.2%。
完成固定资产投资36.8亿元，其中工业投资24.5亿元，同比增长15.3%。
实现一般公共预算收入4.72亿元，税收收入3.96亿元；实际利用外资2860万美元。
二、重点工作及成效
（一）项目建设提速。鹭汀新能源电池材料项目总投资32亿元，一期年产5万吨正极材料生产线已投产。
（二）招商引资有力。新签约亿元以上项目14个，协议总投资86.3亿元。
（三）营商环境优化。推行“拿地即开工”审批模式，企业开办时间压缩至1个工作日。
三、存在问题
一是工业用地储备不足；二是龙头企业带动作用不强；三是高层次人才引进难。
四、下半年工作打算
力争全年规上工业总产值突破330亿元，完成固定资产投资75亿元。
加快推进鹭汀新能源电池材料项目二期建设，确保年底前开工。
"""
META = {
    "title": "鹭汀湾经济开发区2025年上半年工作总结",
    "issuer": "鹭汀湾经济开发区",
    "period": "2025年上半年",
    "doc_type": "summary_with_next_steps",
    "overview": "上半年主要经济指标稳中有进，重点项目建设提速。",
}
SECTION = {
    "indicators": [
        {"name": "规模以上工业总产值", "value": "158.6亿元", "change": "同比增长9.4%", "period": "上半年"},
        {"name": "固定资产投资", "value": "36.8亿元", "period": "上半年"},
        {"name": "工业投资", "value": "24.5亿元", "change": "同比增长15.3%"},
        {"name": "一般公共预算收入", "value": "4.72亿元"},
        {"name": "税收收入", "value": "3.96亿元"},
        {"name": "实际利用外资", "value": "2680万美元"},  # the deliberate error: digits swapped
    ],
    "projects": [
        {
            "name": "鹭汀新能源电池材料项目",
            "investment": "总投资32亿元",
            "status": "投产",
            "timeline": "二期年底前开工",
        }
    ],
    "measures": [
        {"theme": "招商引资", "text": "新签约亿元以上项目14个，协议总投资86.3亿元"},
        {"theme": "营商环境", "text": "推行“拿地即开工”审批模式，企业开办时间压缩至1个工作日"},
    ],
    "problems": ["工业用地储备不足", "龙头企业带动作用不强", "高层次人才引进难"],
    "next_steps": ["力争全年规上工业总产值突破330亿元", "加快推进鹭汀新能源电池材料项目二期建设"],
}


def build_page() -> str:
    doc = analyze_text(LoadedText(source="ludingwan-2025h1-summary.txt", format="text", text=REPORT))
    meta, body = json.dumps(META, ensure_ascii=False), json.dumps(SECTION, ensure_ascii=False)
    backend = FakeBackend(default=lambda m, s: meta if s and "doc_type" in s["properties"] else body)
    summary = Extractor(backend).extract(doc)
    return render_review(apply_policy(summary, ground(summary, doc), "flag"), doc)


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "examples" / "review-screenshot.png"
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        page_file = Path(tmp) / "ludingwan.review.html"
        page_file.write_text(build_page(), encoding="utf-8")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(page_file.as_uri(), wait_until="load")
        page.click('[data-item="indicators[0]"]')
        page.wait_for_timeout(1500)  # let the flash fade: the still shows the steady highlight
        page.screenshot(path=str(out))
        browser.close()
    print(f"{out}: {out.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
