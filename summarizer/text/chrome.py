"""Recognise web-site and document-site boilerplate ("chrome") around the article text.

Rules work on whole lines of Simplified text whose punctuation `clean` has already normalised, and
return edits for `MappedText`; they never touch a line that reads like article prose (long, ending in
sentence punctuation) unless it sits in the trailing block after the article's editor line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .mapped import Edit

__all__ = ["find_chrome", "find_trailing_block"]

# A short line is at most this long; chrome lines are short, article paragraphs are not.
_SHORT = 80

# Field labels of news pages and document-sharing sites ("来源：水母网", "上传人：…").
_FIELD = (
    r"来源|作者|记者|编辑|责任编辑|实习编辑|审核|审校|校对|摄影|通讯员|供稿|稿源|发布时间|发布日期|"
    r"更新时间|发表时间|浏览次数|浏览量|点击数|点击量|阅读量|阅读数|上传人|上传者|上传时间|文档编号|"
    r"页数|大小|格式|字数|下载次数|分类"
)
_FIELD_LINE = re.compile(rf"(?:^|\s)(?:{_FIELD})\s*[:：]")
_FOOTER_LINE = re.compile(r"^\s*(?:来源|编辑|责任编辑|实习编辑|审核|校对)\s*[:：]")

_CHROME_LINE = re.compile(
    r"""
    ^\s*\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?\s*$   # dateline
    | 版权声明 | 版权所有 | [Cc]opyright | © | 爆料热线 | 举报电话 | 违法和不良信息
    | ICP[备证] | 公网安备 | 经营许可证 | 备案号
    | 当前位置\s*[:：] | ^\s*首页\s*[>›»]
    | ^\s*第\s*\d+\s*页\s*/\s*共\s*\d+\s*页\s*$ | _第\d+页\s*$ | ^\s*(?:上一页|下一页)
    | 请在.{0,12}上搜索 | ^\s*资源描述\s*$
    | ^\s*(?:相关搜索|最新文档|相关资源|猜你喜欢|热门推荐)\s*$
    | 电脑版\s*\| | 手机版\s*\| | 扫一扫 | 分享到 | 打印本页 | 关闭窗口
    """,
    re.VERBOSE,
)

# Phrases only document-sharing sites print: the whole line goes, however long.
_SITE_LINE = re.compile(
    r"该文档总共\d+页|超出免费预览|由会员分享|展开阅读全文|正为您匹配|珍藏版）》请在|VIP专享|开通VIP"
    r"|本文档由用户上传|如有侵权请联系删除"
)

# Lines that are nothing but navigation words: "返回 下载 相关 举报".
_MENU_WORDS = frozenset(("返回", "下载", "相关", "举报", "收藏", "分享", "打印", "关闭", "评论", "纠错"))
_MENU_WORDS |= {"顶部", "首页", "登录", "注册", "点赞", "下载文档", "在线阅读", "免费下载", "全文阅读"}

# News lead-ins: "青禾网3月5日讯（记者 王某 通讯员 李某）" — the body sentence follows on the same line.
# The prefix is a media name (and place), never a clause: no spaces or punctuation in it. The line
# may be indented ("　　青禾网讯"): whitespace is normalised only after chrome is removed.
_LEAD_IN = re.compile(
    r"^\s*[^\s，。；：:、！？“”（）()]{0,24}?(?:\d{1,2}月\d{1,2}日)?(?:讯|电)\s*"
    r"(?:[（(](?:记者|通讯员|实习生|见习记者|特约记者)[^）)\n]{0,40}[）)])?\s*"
)
_REPORTER = re.compile(r"^\s*[（(](?:记者|通讯员|实习生|见习记者)[^）)\n]{0,40}[）)]\s*")

# A line ending like this reads as article prose.
_PROSE_END = ("。", "！", "？")

# Markers after which only related links or adverts follow.
_TRAILING_MARKER = re.compile(
    r"^\s*(?:展开阅读全文|相关(?:资源|文档|阅读|推荐|新闻|文章|链接)|推荐阅读|延伸阅读|猜你喜欢|热门(?:推荐|文章)|"
    r"更多(?:推荐|阅读)|上一篇|下一篇)"
)


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every line, newline excluded."""
    start = 0
    while start <= len(text):
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        yield start, end
        start = end + 1


def _is_menu(line: str) -> bool:
    words = line.split()
    return len(words) >= 2 and all(w in _MENU_WORDS for w in words)


# A site's top bar or breadcrumb: short items between | or > (松川市人民政府 | 无障碍 | 长者模式 | 登录;
# 笔杆文苑网 | 首页 > 范文 > 工作总结), never a table row (指标 | 单位 | 1-9月), which names no page.
_BAR_SPLIT = re.compile(r"\s*[|｜>›»]\s*")
_BAR_WORDS = _MENU_WORDS | {
    "无障碍",
    "长者模式",
    "关怀版",
    "繁体",
    "简体",
    "English",
    "网站地图",
    "范文",
    "政务公开",
}


def _is_site_bar(line: str) -> bool:
    items = [item for item in _BAR_SPLIT.split(line) if item]
    return (
        len(items) >= 3
        and all(len(item) <= 12 and not re.search("[。，；！？,;]", item) for item in items)
        and (bool(set(items) & _BAR_WORDS) or re.search(r"[>›»]", line) is not None)
    )


def _is_chrome_line(line: str) -> str | None:
    """Why this line is chrome, or None. Long prose lines are never chrome by field matching."""
    stripped = line.strip()
    if not stripped:
        return None
    if _SITE_LINE.search(stripped):
        return "文库页面元素"
    if _CHROME_LINE.search(stripped) and (len(stripped) <= _SHORT or not stripped.endswith("。")):
        return "网页或文库页面元素"
    if len(stripped) <= _SHORT and _FIELD_LINE.search(stripped):
        return "来源/作者/发布信息"
    if _is_menu(stripped):
        return "导航菜单"
    if len(stripped) <= _SHORT and _is_site_bar(stripped):
        return "网站导航栏"
    return None


def _is_prose(line: str) -> bool:
    return line.rstrip().endswith(_PROSE_END) and _is_chrome_line(line) is None


def find_trailing_block(text: str) -> int | None:
    """Offset where the trailing related-links / advert block starts, or None.

    A 来源/编辑 footer line or an explicit marker such as 展开阅读全文 ends the article (the footer
    line itself goes with the block), once some article prose has come before it: then in the second
    half that is enough; earlier (a short article followed by a long list of links and adverts) only
    when no line after it reads like prose. So a 来源 line under the headline, however long the header
    chrome above it, never cuts the article.
    """
    half = len(text) // 2
    lines = list(_lines(text))
    prose = [_is_prose(text[start:end]) for start, end in lines]
    prose_after = [False] * (len(lines) + 1)
    for index in range(len(lines) - 1, -1, -1):
        prose_after[index] = prose_after[index + 1] or prose[index]
    prose_before = False
    for index, (start, end) in enumerate(lines):
        line = text[start:end]
        closes = _TRAILING_MARKER.match(line) or (_FOOTER_LINE.match(line) and len(line.strip()) <= _SHORT)
        if closes and prose_before and (start >= half or not prose_after[index + 1]):
            return start
        prose_before = prose_before or prose[index]
    return None


def find_chrome(text: str, limit: int | None = None) -> list[Edit]:
    """Edits removing chrome lines, a repeated title and news lead-ins before offset `limit`.

    "Near the top" (where a title repeats and a lead-in stands) counts only the lines kept, so the
    same lines qualify when the text is cleaned again without its chrome; the title is the first
    line that is not chrome itself (a dateline often comes first).
    """
    edits: list[Edit] = []
    limit = len(text) if limit is None else limit
    first_line: str | None = None
    kept = 0  # lines before this one with text left after chrome removal
    for start, end in _lines(text):
        if start >= limit:
            break
        line = text[start:end]
        reason = _is_chrome_line(line)
        if reason is not None:
            edits.append(Edit(start, min(end + 1, len(text)), "", reason))
            continue
        near_top = kept <= 8
        cut = 0
        lead = _LEAD_IN.match(line) if near_top else None
        if lead is not None and _has_lead_evidence(lead.group()):
            edits.append(Edit(start, start + lead.end(), "", "新闻电头"))
            cut = lead.end()
        elif (reporter := _REPORTER.match(line)) is not None:
            edits.append(Edit(start, start + reporter.end(), "", "记者署名"))
            cut = reporter.end()
        rest = line[cut:].strip()
        if cut and _is_chrome_line(rest) is not None:  # "青禾网讯 来源：…": the whole line goes
            edits[-1] = Edit(start, min(end + 1, len(text)), "", edits[-1].note)
            continue
        if not rest:
            continue
        if first_line is None:
            first_line = rest
        elif cut == 0 and near_top and rest == first_line and len(rest) <= _SHORT:
            edits.append(Edit(start, min(end + 1, len(text)), "", "重复的标题"))
            continue
        kept += 1
    return edits


def _has_lead_evidence(lead: str) -> bool:
    # "讯"/"电" alone also ends ordinary words (通讯, 电力, 互联网电子, 合作社电商); demand a news-agency
    # shape: "青禾网讯", "青禾日报3月5日讯", "新华社北京3月5日电", or a reporter credit in brackets.
    return bool(
        re.search(r"(?:网|报|台|社|新闻)(?:\d{1,2}月\d{1,2}日)?讯", lead)
        or re.search(r"\d{1,2}月\d{1,2}日电", lead)
        or re.search(r"[（(](?:记者|通讯员|实习生|见习记者|特约记者)", lead)
    )
