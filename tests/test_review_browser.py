"""The review page in a real headless Chromium: clicks, scrolling, inert hostile text, no network."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from summarizer.outputs.review import render_review

from .test_review import HOSTILE, REPORT, SECTION, TRADITIONAL, grounded

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Route

# Forty lines of plain prose between the title and the figures: the figures start out of view.
FILLER = "".join(
    f"（{'一二三四五六七八'[i % 8]}）持续优化营商环境，深化“一网通办”改革，服务企业全覆盖。\n"
    for i in range(40)
)
LONG_REPORT = REPORT.replace("\n", "\n" + FILLER, 1)
IN_VIEWPORT = """el => { const r = el.getBoundingClientRect();
  return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight
    && r.left >= 0 && r.right <= window.innerWidth; }"""


@dataclass
class Opened:
    page: Page
    url: str
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def in_viewport(self, selector: str) -> bool:
        return bool(self.page.locator(selector).first.evaluate(IN_VIEWPORT))

    def mark_ids(self, item: str) -> list[str]:
        ids: list[str] = self.page.evaluate(
            "key => JSON.parse(document.getElementById('review-data').textContent).items[key].marks", item
        )
        return ids


@pytest.fixture
def open_page(browser: Browser, tmp_path: Path) -> Iterator[Callable[[str], Opened]]:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, service_workers="block")

    def opener(html: str) -> Opened:
        path = tmp_path / "page.review.html"
        path.write_text(html, encoding="utf-8")
        opened = Opened(context.new_page(), path.as_uri())

        def record(route: Route) -> None:
            opened.requests.append(route.request.url)
            if route.request.url == opened.url:
                route.continue_()
            else:
                route.abort()

        def dismiss(dialog: Any) -> None:
            opened.dialogs.append(dialog.message)
            dialog.dismiss()

        opened.page.route("**/*", record)
        # what CSP blocked never reaches the router: record the attempts too
        opened.page.add_init_script(
            "window.__blocked = []; document.addEventListener('securitypolicyviolation',"
            " e => window.__blocked.push(e.blockedURI || e.violatedDirective));"
        )
        opened.page.on("dialog", dismiss)
        opened.page.goto(opened.url, wait_until="load")
        return opened

    yield opener
    context.close()


def test_clicking_an_indicator_scrolls_its_source_span_into_view(open_page: Callable[[str], Opened]) -> None:
    summary, doc = grounded(LONG_REPORT)
    opened = open_page(render_review(summary, doc))
    value = f'#source [data-m~="{opened.mark_ids("indicators[0]")[0]}"]'
    assert opened.page.locator(value).first.inner_text() == "186.4亿元"
    assert not opened.in_viewport(value)  # below the fold before the click
    opened.page.click('[data-item="indicators[0]"]')
    assert opened.in_viewport(value)
    assert "active" in (opened.page.locator(value).first.get_attribute("class") or "").split()
    assert "selected" in (opened.page.get_attribute('[data-item="indicators[0]"]', "class") or "").split()


def test_clicking_a_highlight_selects_its_item(open_page: Callable[[str], Opened]) -> None:
    summary, doc = grounded(LONG_REPORT)
    opened = open_page(render_review(summary, doc))
    opened.page.locator("#source .hl", has_text="18.6亿元").first.click()
    project = '[data-item="projects[0]"]'
    assert "selected" in (opened.page.get_attribute(project, "class") or "").split()
    assert opened.in_viewport(project)
    opened.page.locator("#source .fig", has_text="8.1%").first.click()  # a figure no item cites
    assert opened.page.inner_text("#notice") == "这个数字摘要中没有引用。"


def test_unverified_items_stand_out_with_the_visible_mark(open_page: Callable[[str], Opened]) -> None:
    summary, doc = grounded()
    opened = open_page(render_review(summary, doc))
    for key in ("indicators[1]", "indicators[2]", "next_steps[0]"):
        mark = opened.page.locator(f'[data-item="{key}"] .mark')
        assert mark.is_visible() and mark.inner_text() == "【待核】"
    red = opened.page.locator('[data-item="next_steps[0]"]').evaluate(
        "el => getComputedStyle(el).borderTopColor"
    )
    assert red == "rgb(198, 40, 40)"
    assert opened.page.locator('[data-item="problems[0]"] .mark').count() == 0
    opened.page.click('[data-item="indicators[1]"]')  # not in the source: says so instead of scrolling
    assert "在原文中没有找到对应位置" in opened.page.inner_text("#notice")


def test_hostile_source_text_runs_nothing_and_shows_literally(open_page: Callable[[str], Opened]) -> None:
    summary, doc = grounded(REPORT + HOSTILE + "\n")
    opened = open_page(render_review(summary, doc))
    opened.page.click('[data-item="indicators[0]"]')  # the page's own script still works
    assert opened.page.evaluate("typeof window.__pwned") == "undefined"
    assert opened.dialogs == []
    assert HOSTILE in opened.page.inner_text("#source")
    assert opened.page.locator("#source img, #source script").count() == 0
    assert "49" not in opened.page.inner_text("body")


def test_the_page_makes_no_network_requests(open_page: Callable[[str], Opened]) -> None:
    summary, doc = grounded(REPORT + HOSTILE + "\n")
    opened = open_page(render_review(summary, doc))
    for item in ("indicators[0]", "projects[0]", "problems[1]"):
        opened.page.click(f'[data-item="{item}"]')
    opened.page.click(".count[data-status='figure_not_in_source']")
    opened.page.wait_for_load_state("networkidle")
    assert opened.requests == [opened.url]
    assert opened.page.evaluate("window.__blocked") == []


def test_traditional_source_highlights_the_traditional_figure(open_page: Callable[[str], Opened]) -> None:
    section = {**SECTION, "indicators": [{"name": "规模以上工业总产值", "value": "186.4亿元"}]}
    summary, doc = grounded(TRADITIONAL, section)
    opened = open_page(render_review(summary, doc))
    opened.page.click('[data-item="indicators[0]"]')
    active = opened.page.locator("#source .active").all_inner_texts()
    assert "".join(active) == "186.4億元"
    assert "規模以上工業總產值" in opened.page.inner_text("#source")
