"""Metadata read off the title line by rules: exact where it is there, nothing where it is not."""

from __future__ import annotations

import pytest

from summarizer.core.models import LoadedText
from summarizer.text.analyze import analyze_text
from summarizer.text.docmeta import guess_meta


def guess(first_line: str) -> dict[str, str]:
    text = f"{first_line}\n上半年，园区实现工业总产值12.3亿元。\n"
    return dict(guess_meta(analyze_text(LoadedText(source="t.txt", format="text", text=text))))


@pytest.mark.parametrize(
    ("title", "issuer", "period", "doc_type"),
    [
        ("青禾经济开发区2025年上半年工作总结", "青禾经济开发区", "2025年上半年", "summary"),
        ("2025年青禾高新区工作要点", "青禾高新区", "2025年", "plan"),
        ("松川产业园管委会2024年度工作总结", "松川产业园", "2024年", "summary"),
        ("梧桐经济技术开发区2025年1-9月经济运行情况", "梧桐经济技术开发区", "2025年1-9月", "summary"),
        ("云岭高新区2025年工作总结和2026年工作打算", "云岭高新区", "2025年", "summary_with_next_steps"),
        ("xx经济开发区2021年上半年工作总结", "xx经济开发区", "2021年上半年", "summary"),
        # a park inside a zone reports as the park
        ("桦溪高新区光电产业园2025年工作总结", "桦溪高新区光电产业园", "2025年", "summary"),
    ],
)
def test_a_full_title_gives_every_field(title: str, issuer: str, period: str, doc_type: str) -> None:
    found = guess(title)
    assert found == {"title": title, "issuer": issuer, "period": period, "doc_type": doc_type}
    assert guess_meta(
        analyze_text(LoadedText(source="t.txt", format="text", text=title + "\n正文。"))
    ).complete


@pytest.mark.parametrize(
    ("first_line", "expected"),
    [
        ("关于做好安全生产工作的通知", {"title": "关于做好安全生产工作的通知"}),  # no zone, no year
        ("上半年，青禾经济开发区实现工业总产值271.3亿元，同比增长8.1%。", {}),  # a sentence, not a title
        ("xx经济开发区上半年工作总结和下步打算", {"title": "xx经济开发区上半年工作总结和下步打算",
                                          "issuer": "xx经济开发区", "doc_type": "summary_with_next_steps"}),
    ],
)  # fmt: skip
def test_what_the_title_does_not_say_is_left_to_the_model(first_line: str, expected: dict[str, str]) -> None:
    assert guess(first_line) == expected


def test_a_district_that_opens_a_news_title_is_its_unit() -> None:
    # not the zone the story's body names later (桐溪经开区管委会有关负责同志…)
    assert guess("桐溪区召开新闻发布会介绍上半年经济运行情况")["issuer"] == "桐溪区"
