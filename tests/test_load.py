"""Tests for summarizer.text.load: encodings, .docx, .pdf, .html, stdin and every input error.

Text fixtures live in tests/data/load/ (invented zones and figures, UTF-8); re-encoded copies, .docx
and .pdf files are generated here under tmp_path so the repository stays small.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import itertools
import logging
import os
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from summarizer.core.errors import (
    BinaryInput,
    CorruptDocument,
    DecodeError,
    EmptyInput,
    InputError,
    InputNotFound,
    InputTooLarge,
    NeedsOCR,
    UnsupportedFormat,
)
from summarizer.text import load as load_module
from summarizer.text.load import PAGE_SEP, STDIN_NAME, TABLE_CELL_SEP, load

DATA = Path(__file__).parent / "data" / "load"
SIMPLIFIED = (DATA / "simplified.txt").read_text(encoding="utf-8")
TRADITIONAL = (DATA / "traditional.txt").read_text(encoding="utf-8")
ARTICLE_HTML = (DATA / "article.html").read_text(encoding="utf-8")


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_fixtures_are_what_the_tests_assume() -> None:
    assert "青禾经济开发区" in SIMPLIFIED and "\r" not in SIMPLIFIED
    assert "雲嶺高新技術產業園區" in TRADITIONAL
    SIMPLIFIED.encode("gbk")  # encodable, so the GBK tests below test detection, not the fixture
    TRADITIONAL.encode("big5")
    with pytest.raises(UnicodeEncodeError):
        SIMPLIFIED.encode("big5")  # Simplified really is Simplified


# --- text and encodings ------------------------------------------------------------------------


def test_utf8_fast_path() -> None:
    loaded = load(DATA / "simplified.txt")
    assert (loaded.format, loaded.encoding, loaded.text) == ("text", "utf-8", SIMPLIFIED)
    assert loaded.source == str(DATA / "simplified.txt")


def test_utf8_bom_is_stripped(tmp_path: Path) -> None:
    loaded = load(write(tmp_path, "bom.txt", codecs.BOM_UTF8 + SIMPLIFIED.encode("utf-8")))
    assert loaded.encoding == "utf-8-sig"
    assert loaded.text == SIMPLIFIED
    assert not loaded.text.startswith("\ufeff")


@pytest.mark.parametrize(
    ("fixture", "raw", "expected"),
    [
        ("simplified", lambda t: t.encode("gbk"), "gb18030"),
        ("simplified", lambda t: t.encode("gb18030"), "gb18030"),
        ("traditional", lambda t: t.encode("big5"), "big5"),
        ("traditional", lambda t: t.encode("gbk"), "gb18030"),  # GBK holds Traditional characters too
        ("simplified", lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"), "utf-16"),
        ("simplified", lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), "utf-16"),
        ("traditional", lambda t: t.encode("utf-16"), "utf-16"),
        ("traditional", lambda t: t.encode("utf-32"), "utf-32"),
        ("simplified", lambda t: t.encode("utf-16-le"), "utf-16-le"),  # no BOM
        ("traditional", lambda t: t.encode("utf-16-be"), "utf-16-be"),  # no BOM
    ],
)
def test_encodings_are_detected(
    tmp_path: Path, fixture: str, raw: Callable[[str], bytes], expected: str
) -> None:
    text = SIMPLIFIED if fixture == "simplified" else TRADITIONAL
    loaded = load(write(tmp_path, "report.txt", raw(text)))
    assert loaded.text == text
    assert loaded.encoding == expected


@pytest.mark.parametrize(("fixture", "encoding"), [("simplified", "gbk"), ("traditional", "big5")])
def test_every_single_line_is_detected(tmp_path: Path, fixture: str, encoding: str) -> None:
    """Short inputs are where Big5 and GBK get confused; the plausibility score must still decide."""
    text = SIMPLIFIED if fixture == "simplified" else TRADITIONAL
    for number, line in enumerate(line for line in text.splitlines() if line.strip()):
        loaded = load(write(tmp_path, f"line{number}.txt", line.encode(encoding)))
        assert loaded.text == line, (line, loaded.encoding)


def _snippets(text: str) -> st.SearchStrategy[str]:
    return (
        st.tuples(st.integers(0, len(text) - 8), st.integers(8, 80))
        .map(lambda se: text[se[0] : se[0] + se[1]])
        .filter(lambda s: len(s.encode("utf-8")) != len(s))  # pure ASCII is UTF-8 by definition
    )


@settings(max_examples=60, deadline=None)
@given(snippet=_snippets(TRADITIONAL))
def test_traditional_snippets_in_big5_round_trip(snippet: str) -> None:
    loaded = load("-", stdin=io.BytesIO(snippet.encode("big5")))
    assert loaded.text == snippet


@settings(max_examples=60, deadline=None)
@given(snippet=_snippets(SIMPLIFIED))
def test_simplified_snippets_in_gbk_round_trip(snippet: str) -> None:
    loaded = load("-", stdin=io.BytesIO(snippet.encode("gbk")))
    assert loaded.text == snippet


def test_newlines_are_the_only_change(tmp_path: Path) -> None:
    raw = "一、基本情况\r\n  上半年　完成86.4亿元 \r（一）招商\n\n结尾\t"
    loaded = load(write(tmp_path, "nl.txt", raw.encode("gbk")))
    assert loaded.text == "一、基本情况\n  上半年　完成86.4亿元 \n（一）招商\n\n结尾\t"


def test_a_truncated_last_character_is_tolerated(tmp_path: Path) -> None:
    data = SIMPLIFIED.encode("gbk") + "增".encode("gbk")[:1]
    loaded = load(write(tmp_path, "cut.txt", data))
    assert loaded.encoding == "gb18030"
    assert loaded.text == SIMPLIFIED + "\ufffd"


def test_markdown_and_unknown_extensions_are_text(tmp_path: Path) -> None:
    assert load(write(tmp_path, "a.md", SIMPLIFIED.encode("gbk"))).format == "text"
    assert load(write(tmp_path, "a.log", TRADITIONAL.encode("big5"))).text == TRADITIONAL


# --- .docx -------------------------------------------------------------------------------------


def make_docx(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("青禾经济开发区2024年上半年工作总结")
    document.add_paragraph("一、基本情况")
    document.add_paragraph("上半年主要指标如下表。")
    table = document.add_table(rows=4, cols=3)
    for row, values in enumerate(
        [
            ("指标", "上半年完成", "同比增长"),
            ("规上工业总产值", "86.4亿元", "12.7%"),
            ("固定资产投资", "23.1亿元", "9.3%"),
            ("", "", ""),
        ]
    ):
        for col, value in enumerate(values):
            table.cell(row, col).text = value
    table.cell(3, 0).text = "备注"
    table.cell(3, 1).merge(table.cell(3, 2)).text = "数据为快报数"  # horizontal merge
    table.cell(1, 0).merge(table.cell(2, 0))  # vertical merge: text moves into the top cell
    continuation = table._tbl.tr_lst[2].tc_lst[0]  # hand-made leftover text in the merged-away cell
    docx.text.paragraph.Paragraph(continuation.p_lst[0], None).add_run("不应出现")
    document.add_paragraph("二、主要工作")
    document.add_paragraph("新签约项目9个，协议总投资58.5亿元。")
    document.save(str(path))
    return path


def test_docx_paragraphs_and_table_in_body_order(tmp_path: Path) -> None:
    loaded = load(make_docx(tmp_path / "report.docx"))
    assert loaded.format == "docx" and loaded.encoding is None
    sep = TABLE_CELL_SEP
    assert loaded.text.split("\n") == [
        "青禾经济开发区2024年上半年工作总结",
        "一、基本情况",
        "上半年主要指标如下表。",
        f"指标{sep}上半年完成{sep}同比增长",
        f"规上工业总产值 固定资产投资{sep}86.4亿元{sep}12.7%",  # merged cell holds both texts, once
        f"{sep}23.1亿元{sep}9.3%",  # continuation of the vertical merge is left empty
        f"备注{sep}数据为快报数",  # the horizontal merge appears once
        "二、主要工作",
        "新签约项目9个，协议总投资58.5亿元。",
    ]


def test_docx_is_recognised_by_content_not_name(tmp_path: Path) -> None:
    source = make_docx(tmp_path / "report.docx")
    renamed = write(tmp_path, "report.txt", source.read_bytes())
    assert load(renamed).format == "docx"
    loaded = load("-", stdin=io.BytesIO(source.read_bytes()))
    assert (loaded.source, loaded.format) == (STDIN_NAME, "docx")


def test_docx_zip_bomb_is_refused_from_the_directory(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/document.xml", "w") as member,
    ):
        for _ in range(52):  # 52 MiB of spaces; about 50 KiB on disk
            member.write(b" " * (1 << 20))
    assert path.stat().st_size < 1_000_000
    with pytest.raises(InputTooLarge, match=r"bomb\.docx"):
        load(path)


# --- .pdf --------------------------------------------------------------------------------------


def make_pdf(path: Path, pages: list[list[str]], font: str = "STSong-Light", **kwargs: object) -> Path:
    pdfmetrics.registerFont(UnicodeCIDFont(font))  # reportlab's built-in CJK CID fonts, no font files
    pdf = canvas.Canvas(str(path), **kwargs)  # type: ignore[arg-type]
    for lines in pages:
        pdf.setFont(font, 12)
        for index, line in enumerate(lines):
            pdf.drawString(50, 800 - 20 * index, line)
        pdf.showPage()
    pdf.save()
    return path


PDF_PAGES = [
    ["青禾经济开发区2024年上半年工作总结", "规模以上工业总产值完成86.4亿元，同比增长12.7%；"],
    ["二、主要工作", "新签约项目9个，协议总投资58.5亿元。"],
]


def test_pdf_round_trip_with_cjk_font(tmp_path: Path) -> None:
    loaded = load(make_pdf(tmp_path / "report.pdf", PDF_PAGES))
    assert loaded.format == "pdf" and loaded.encoding is None
    assert loaded.text == PAGE_SEP.join("\n".join(lines) for lines in PDF_PAGES)


def test_pdf_round_trip_traditional(tmp_path: Path) -> None:
    pages = [[line] for line in TRADITIONAL.splitlines()[:6] if line]
    loaded = load(make_pdf(tmp_path / "trad.pdf", pages, font="MSung-Light"))
    # a page that ends mid-sentence runs on into the next; one that ends a sentence stands apart
    expected = pages[0][0]
    for [before], [line] in itertools.pairwise(pages):
        expected += ("\n" if not before.endswith(("。", "：", "；")) else PAGE_SEP) + line
    assert loaded.text == expected


def test_pdf_page_numbers_and_running_headers_are_no_text(tmp_path: Path) -> None:
    pages = [
        [
            "柘原经济开发区管委会",
            "柘原经济开发区2025年工作总结",
            "一、主要工作",
            "全年新签约项目22个，二是强化要素保障，",
            "- 1 -",
        ],
        ["柘原经济开发区管委会", "盘活低效用地约210亩。", "二、存在问题", "进出口总额下降2.6%。", "第 2 页"],
        ["柘原经济开发区管委会", "三、下步打算", "力争新签约项目25个以上。", "3"],
    ]
    loaded = load(make_pdf(tmp_path / "r.pdf", pages))
    assert loaded.text.startswith("柘原经济开发区2025年工作总结")  # the header is no title
    assert "管委会" not in loaded.text and "第 2 页" not in loaded.text and "- 1 -" not in loaded.text
    assert not any(line.strip() == "3" for line in loaded.text.splitlines())
    # the sentence cut by the page break runs on (the blank line of a page break would split it)
    assert "二是强化要素保障，\n盘活低效用地约210亩。" in loaded.text
    assert "页眉、页脚和页码共 6 行" in "".join(loaded.notes)


def test_pdf_with_owner_password_only_is_read(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "locked.pdf", PDF_PAGES, encrypt=StandardEncryption("", "owner"))
    assert "协议总投资58.5亿元" in load(path).text


def test_scanned_pdf_needs_ocr(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.rect(50, 50, 400, 700, fill=1)  # a page that is only a picture
    pdf.showPage()
    pdf.save()
    with pytest.raises(NeedsOCR, match="OCR") as caught:
        load(path)
    assert "scan.pdf" in caught.value.message


# PDFs exported the ways offices make them, by bench/bench_pdf.py --fixtures (report-*.txt is the source):
# LibreOffice from a .docx in a TrueType CJK font; a 公文 typesetting system's unembedded 仿宋_GB2312
# with GBK-EUC-H bytes and no /ToUnicode; the same in Big5 (ETen-B5-H) for a Traditional report.
PDF_EXPORTS = DATA / "pdf"


@pytest.mark.parametrize(
    ("name", "source"),
    [
        ("lo-wqy-zenhei-sc.pdf", "report-sc.txt"),
        ("handmade-gbk-euc-no-tounicode.pdf", "report-sc.txt"),
        ("handmade-eten-b5-no-tounicode.pdf", "report-tc.txt"),
    ],
)
def test_pdf_exports_give_every_character_and_figure(name: str, source: str) -> None:
    text = "".join(load(PDF_EXPORTS / name).text.split())  # line breaks and gaps are layout, not text
    assert text == "".join((PDF_EXPORTS / source).read_text(encoding="utf-8").split())
    assert "512.7" in text and "1,386" in text and "3.12%" in text  # the figures, exactly


def test_pdf_text_layer_without_a_unicode_map_is_refused(tmp_path: Path) -> None:
    # the LibreOffice export above with its /ToUnicode maps removed: glyph numbers, not text
    path = tmp_path / "无映射.pdf"
    path.write_bytes((PDF_EXPORTS / "lo-wqy-zenhei-sc-no-tounicode.pdf").read_bytes())
    with pytest.raises(NeedsOCR) as caught:
        load(path)
    assert "无映射.pdf" in caught.value.message and "乱码" in caught.value.message
    assert "重新导出" in caught.value.message


# --- .html -------------------------------------------------------------------------------------


def test_html_main_content_without_chrome() -> None:
    loaded = load(DATA / "article.html")
    assert (loaded.format, loaded.encoding) == ("html", "utf-8")
    text = loaded.text
    assert "7月11日，青禾经济开发区召开2024年上半年经济运行分析会" in text
    assert "部署下半年重点工作。\n会议指出" in text  # paragraphs stay on their own lines
    assert f"规上工业总产值{TABLE_CELL_SEP}86.4亿元{TABLE_CELL_SEP}12.7%" in text.split("\n")
    assert "---" not in text  # markdown table rules are not text of the page
    assert "会议还对安全生产和生态环境保护工作作了安排。" in text
    for chrome in ("相关阅读", "29800", "备案号", "联系我们", "当前位置", "云杉物流园", "登录"):
        assert chrome not in text, chrome


def test_html_meta_charset_gbk(tmp_path: Path) -> None:
    html = ARTICLE_HTML.replace('charset="utf-8"', 'charset="gb2312"')
    loaded = load(write(tmp_path, "gbk.htm", html.encode("gbk")))
    assert loaded.encoding == "gb18030"
    assert "协议总投资58.5亿元" in loaded.text


def test_html_with_a_wrong_meta_charset_is_detected(tmp_path: Path) -> None:
    loaded = load(write(tmp_path, "wrong.html", ARTICLE_HTML.encode("gbk")))  # declares utf-8, is GBK
    assert loaded.encoding == "gb18030"
    assert "固定资产投资完成23.1亿元" in loaded.text


def test_traditional_html_in_big5_without_a_declaration(tmp_path: Path) -> None:
    body = "".join(f"<p>{line}</p>" for line in TRADITIONAL.splitlines() if line)
    html = (
        f"<!DOCTYPE html><html><head><title>雲嶺</title></head><body><article>{body}</article></body></html>"
    )
    loaded = load(write(tmp_path, "big5.html", html.encode("big5")))
    assert loaded.encoding == "big5"
    assert "簽約項目11個，總投資36.9億元" in loaded.text


def test_html_is_recognised_by_content(tmp_path: Path) -> None:
    loaded = load("-", stdin=io.BytesIO(ARTICLE_HTML.encode("utf-8")))
    assert loaded.format == "html"
    loaded = load(write(tmp_path, "saved-from-web.doc", ARTICLE_HTML.encode("utf-8")))
    assert loaded.format == "html"  # old "Word" exports are often HTML


def test_html_fallback_to_whole_page_text(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    html = "<html><body><aside><div>青禾经济开发区</div><div>新签约项目9个</div></aside></body></html>"
    with caplog.at_level(logging.INFO, logger="summarizer.text.load"):
        loaded = load(write(tmp_path, "aside.html", html.encode("utf-8")))
    assert loaded.text == "青禾经济开发区\n新签约项目9个"
    assert "whole page" in caplog.text


# --- stdin -------------------------------------------------------------------------------------


def test_stdin_text_is_sniffed_like_a_file() -> None:
    loaded = load("-", stdin=io.BytesIO(TRADITIONAL.encode("big5")))
    assert (loaded.source, loaded.format, loaded.encoding) == (STDIN_NAME, "text", "big5")
    assert loaded.text == TRADITIONAL


def test_stdin_is_read_only_up_to_the_limit() -> None:
    class Endless(io.RawIOBase):
        consumed = 0

        def readable(self) -> bool:
            return True

        def read(self, size: int = -1) -> bytes:
            assert size > 0, "load must never read an unbounded amount"
            chunk = min(size, 1000)
            self.consumed += chunk
            return b"a" * chunk

    stream = Endless()
    with pytest.raises(InputTooLarge, match=STDIN_NAME):
        load("-", max_chars=100, stdin=stream)  # type: ignore[arg-type]
    assert stream.consumed <= 8 * 100 + 4096 + 1


def test_stdin_errors_name_the_stream() -> None:
    with pytest.raises(EmptyInput) as caught:
        load("-", stdin=io.BytesIO(b" \n"))
    assert caught.value.message.startswith(f"{STDIN_NAME}：") and caught.value.exit_code == 3
    with pytest.raises(BinaryInput, match=STDIN_NAME):
        load("-", stdin=io.BytesIO(b"\x00\x01\x02" * 100))


def test_stdin_defaults_to_sys_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    class FakeStdin:
        buffer = io.BytesIO(SIMPLIFIED.encode("gb18030"))

    monkeypatch.setattr("sys.stdin", FakeStdin())
    assert load("-").text == SIMPLIFIED


# --- errors ------------------------------------------------------------------------------------


def _ole(name: str, stream: str = "") -> Callable[[Path], Path]:
    """An OLE compound file whose directory names `stream` (WordDocument: a Word 97-2003 file)."""
    entry = stream.encode("utf-16-le")
    return lambda tmp: write(tmp, name, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600 + entry)


def _zip(name: str, member: str) -> Callable[[Path], Path]:
    def build(tmp: Path) -> Path:
        with zipfile.ZipFile(tmp / name, "w") as archive:
            archive.writestr(member, "<x/>")
        return tmp / name

    return build


def _docx_with_body(body: bytes) -> Callable[[Path], Path]:
    def build(tmp: Path) -> Path:
        good = make_docx(tmp / "good.docx")
        with zipfile.ZipFile(good) as src, zipfile.ZipFile(tmp / "broken.docx", "w") as dst:
            for info in src.infolist():
                data = body if info.filename == "word/document.xml" else src.read(info)
                dst.writestr(info, data)
        return tmp / "broken.docx"

    return build


def _cut(build: Callable[[Path], Path], keep: float) -> Callable[[Path], Path]:
    def cut(tmp: Path) -> Path:
        path = build(tmp)
        data = path.read_bytes()
        return write(tmp, "cut-" + path.name, data[: int(len(data) * keep)])

    return cut


def _docm(tmp: Path) -> Path:
    good = make_docx(tmp / "good.docx")
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(tmp / "macro.docm", "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "[Content_Types].xml":
                main = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
                assert main in data
                data = data.replace(main, b"application/vnd.ms-word.document.macroEnabled.main+xml")
            dst.writestr(info, data)
    return tmp / "macro.docm"


EMPTY_DOCX_BODY = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body><w:p/><w:p/></w:body></w:document>"
)

ERROR_CASES: dict[str, tuple[Callable[[Path], Path], type[InputError], str]] = {
    "missing": (lambda tmp: tmp / "不存在的报告.txt", InputNotFound, "不存在"),
    "directory": (lambda tmp: tmp, InputNotFound, "文件夹"),
    "empty": (lambda tmp: write(tmp, "empty.txt", b""), EmptyInput, "空"),
    "whitespace": (lambda tmp: write(tmp, "blank.txt", " \r\n\t　\n".encode()), EmptyInput, "空"),
    "nul-bytes": (lambda tmp: write(tmp, "data.bin", b"ab\x00\x01" * 300), BinaryInput, "二进制"),
    "control-bytes": (lambda tmp: write(tmp, "ctl.txt", b"\x01\x02abc\x03\x04" * 50), BinaryInput, "二进制"),
    "undecodable": (lambda tmp: write(tmp, "odd.txt", b"\x81 \xff " * 60), DecodeError, "编码"),
    "bad-utf16-bom": (
        lambda tmp: write(tmp, "u16.txt", codecs.BOM_UTF16_LE + b"\x00\xd8"),
        DecodeError,
        "编码",
    ),
    "old-doc": (_ole("report.doc"), UnsupportedFormat, "另存为 .docx"),
    "old-xls": (_ole("report.xls"), UnsupportedFormat, "Excel"),
    "xlsx": (_zip("report.xlsx", "xl/workbook.xml"), UnsupportedFormat, "Excel"),
    "pptx": (_zip("deck.pptx", "ppt/presentation.xml"), UnsupportedFormat, "PowerPoint"),
    "zip": (_zip("bundle.zip", "a.txt"), UnsupportedFormat, "解压"),
    "png": (
        lambda tmp: write(tmp, "scan.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
        UnsupportedFormat,
        "OCR",
    ),
    "jpeg-named-txt": (
        lambda tmp: write(tmp, "photo.txt", b"\xff\xd8\xff\xe0" + b"\x00" * 64),
        UnsupportedFormat,
        "图片",
    ),
    "binary-named-xlsx": (lambda tmp: write(tmp, "t.xlsx", b"\x00\x01\x02" * 99), UnsupportedFormat, "Excel"),
    "encrypted-docx": (_ole("secret.docx", "EncryptedPackage"), CorruptDocument, "密码"),
    "doc-renamed-docx": (_ole("old.docx", "WordDocument"), UnsupportedFormat, "内容是旧版 Word（.doc）"),
    "truncated-docx": (_cut(lambda tmp: make_docx(tmp / "r.docx"), 0.5), CorruptDocument, ".docx"),
    "bad-docx-xml": (_docx_with_body(b"<w:document><unclosed"), CorruptDocument, "Word"),
    "docm": (_docm, UnsupportedFormat, "另存为新的 .docx"),
    "empty-docx": (_docx_with_body(EMPTY_DOCX_BODY), EmptyInput, "没有可提取"),
    "garbage-named-docx": (lambda tmp: write(tmp, "x.docx", b"\x00\x01" * 50), CorruptDocument, ".docx"),
    "truncated-pdf": (_cut(lambda tmp: make_pdf(tmp / "r.pdf", PDF_PAGES), 0.3), CorruptDocument, "PDF"),
    "garbage-pdf": (lambda tmp: write(tmp, "g.pdf", b"%PDF-1.4\n garbage\n"), CorruptDocument, "PDF"),
    "encrypted-pdf": (
        lambda tmp: make_pdf(tmp / "pw.pdf", PDF_PAGES, encrypt=StandardEncryption("secret", "owner")),
        CorruptDocument,
        "加密",
    ),
    "blank-html": (lambda tmp: write(tmp, "b.html", b" \r\n "), EmptyInput, "没有"),
    "empty-html": (lambda tmp: write(tmp, "e.html", b"<html><body> </body></html>"), EmptyInput, "没有"),
}


@pytest.mark.parametrize("case", list(ERROR_CASES))
def test_input_errors(tmp_path: Path, case: str) -> None:
    build, error, phrase = ERROR_CASES[case]
    path = build(tmp_path)
    with pytest.raises(error) as caught:
        load(path)
    exc = caught.value
    assert exc.exit_code == 3
    assert exc.source == str(path)
    assert exc.message.startswith(f"{path}：")
    assert phrase in exc.message
    assert "\n" not in exc.message and exc.message.endswith("。")


def test_permission_denied_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "locked.txt", SIMPLIFIED.encode())

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(load_module, "open", denied, raising=False)  # shadows the builtin in the module
    with pytest.raises(InputNotFound, match="权限") as caught:
        load(path)
    assert caught.value.message.startswith(f"{path}：") and caught.value.exit_code == 3


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads everything")
def test_permission_denied(tmp_path: Path) -> None:
    path = write(tmp_path, "locked.txt", SIMPLIFIED.encode())
    path.chmod(0)
    try:
        with pytest.raises(InputNotFound, match="权限") as caught:
            load(path)
        assert "locked.txt" in caught.value.message and caught.value.exit_code == 3
    finally:
        path.chmod(0o600)


def test_too_many_characters() -> None:
    assert len(SIMPLIFIED.encode()) < 8 * 200 < 8 * len(SIMPLIFIED)  # past the byte guard
    with pytest.raises(InputTooLarge, match=r"超过上限 200 字") as caught:
        load(DATA / "simplified.txt", max_chars=200)
    assert "simplified.txt" in caught.value.message and caught.value.exit_code == 3
    assert load(DATA / "simplified.txt", max_chars=len(SIMPLIFIED)).text == SIMPLIFIED


def test_too_many_characters_in_a_pdf(tmp_path: Path) -> None:
    with pytest.raises(InputTooLarge):
        load(make_pdf(tmp_path / "r.pdf", PDF_PAGES), max_chars=30)


def test_huge_file_is_refused_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:  # sparse files: sizes on paper, nothing on disk
        handle.truncate(1 << 30)
    large = tmp_path / "large.txt"
    with large.open("wb") as handle:
        handle.truncate(20 << 20)  # beyond 8 bytes a char for text, within the document limit
    requested: list[int] = []
    real_read_upto = load_module._read_upto

    def counting(stream: BinaryIO, count: int) -> bytes:
        requested.append(count)
        return real_read_upto(stream, count)

    monkeypatch.setattr(load_module, "_read_upto", counting)
    with pytest.raises(InputTooLarge, match=r"1024\.0 MB"):
        load(huge)
    assert requested == []  # not even opened for the sniff
    with pytest.raises(InputTooLarge, match=r"large\.txt"):
        load(large)
    assert requested == [4096]  # only the sniffing head


def test_huge_document_byte_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(load_module, "_DOC_BYTES_FLOOR", 1000)
    with pytest.raises(InputTooLarge, match=r"report\.pdf"):
        load(make_pdf(tmp_path / "report.pdf", PDF_PAGES), max_chars=10)


def test_inputs_are_never_modified(tmp_path: Path) -> None:
    paths = [
        write(tmp_path, "a.txt", SIMPLIFIED.encode("gbk")),
        make_docx(tmp_path / "b.docx"),
        make_pdf(tmp_path / "c.pdf", PDF_PAGES),
        write(tmp_path, "d.html", ARTICLE_HTML.encode()),
    ]
    before = [(hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in paths]
    for path in paths:
        load(path)
    after = [(hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in paths]
    assert before == after
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.docx", "c.pdf", "d.html"]


def test_a_saved_government_page_reads_under_its_own_title_not_the_site_bar(tmp_path: Path) -> None:
    # saved from a site: a top bar (枫岭市人民政府 | 无障碍 | 长者模式 | 登录), a breadcrumb, the article
    # under its <h1>, related links and a footer
    loaded = load(DATA / "saved-gov-page.html")
    lines = loaded.text.splitlines()
    assert lines[0] == "桐川经济开发区2025年工作总结"
    assert not any(word in loaded.text for word in ("无障碍", "长者模式", "相关链接", "ICP"))
    assert "力争2026年新签约项目30个以上。" in loaded.text


def test_a_page_title_is_taken_before_the_sites_name(tmp_path: Path) -> None:
    page = (
        "<html><head><title>桐川经开区三季度经济运行情况_枫岭市统计局</title></head><body>"
        "<div><p>前三季度，桐川经开区规上工业总产值完成186.3亿元，同比增长8.6%。</p>"
        "<p>固定资产投资完成52.4亿元，同比增长9.2%。</p></div></body></html>"
    )
    loaded = load(write(tmp_path, "p.html", page.encode("utf-8")))
    assert loaded.text.splitlines()[0] == "桐川经开区三季度经济运行情况"


def test_a_file_pasted_together_from_utf8_and_gbk_reads_each_line_in_its_own(tmp_path: Path) -> None:
    data = (
        "桐川经济开发区2025年工作总结\n一、主要工作\n".encode()
        + "全年完成固定资产投资52.4亿元，同比增长9.2%。\n二、存在问题\n".encode("gbk")
        + "要素保障趋紧，待供地约260亩。\n".encode()
    )
    loaded = load(write(tmp_path, "merged.txt", data))
    assert "全年完成固定资产投资52.4亿元，同比增长9.2%。\n二、存在问题\n要素保障趋紧" in loaded.text
    assert loaded.text.startswith("桐川经济开发区2025年工作总结")
    assert "2 行是 GBK 编码" in "".join(loaded.notes)  # said, never silently garbled


def test_a_pdf_tables_cells_come_back_as_rows(tmp_path: Path) -> None:
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "t.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.setFont("STSong-Light", 11)
    pdf.drawString(50, 800, "桐川经济开发区2025年1-9月经济运行情况")
    pdf.drawString(50, 780, "前三季度，全区经济运行总体平稳。主要指标如下：")
    rows = [
        ("指标", "单位", "1-9月", "同比增长（%）"),
        ("规模以上工业总产值", "亿元", "248.6", "7.9"),
        ("固定资产投资", "亿元", "61.2", "-3.4"),
        ("新签约项目", "个", "29", "12.0"),
    ]
    for i, row in enumerate(rows):  # each cell drawn on its own, as a table is laid out
        for x, cell in zip((50, 220, 300, 380), row, strict=True):
            pdf.drawString(x, 750 - 20 * i, cell)
    pdf.drawString(50, 650, "二、存在问题")
    pdf.showPage()
    pdf.save()
    lines = load(path).text.splitlines()
    assert lines[2:6] == [TABLE_CELL_SEP.join(row) for row in rows]
    assert lines[6] == "二、存在问题"  # what follows the table stays as it was
