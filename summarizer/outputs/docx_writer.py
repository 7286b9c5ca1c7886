"""The 简报 as a real .docx in GB/T 9704-2012 layout, written with python-docx.

A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm. Title 2号 (22 pt) 方正小标宋 with
宋体 as the fallback a machine without it shows; body 3号 (16 pt) 仿宋_GB2312 → 仿宋; level-1 headings
黑体; 报头 red and a red rule under it; page numbers "— 1 —" in 4号 宋体. Chinese fonts are set on the
East Asian slot (w:eastAsia) as Word and WPS expect, and every style is a real Word style, so a user
can restyle the document instead of fixing it by hand.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from pathlib import Path
from typing import Any

from docx import Document as new_document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from ..core.errors import InputNotFound, UsageError

__all__ = ["FONTS", "GongwenDocument", "brief_docx", "docx_text", "read_reference_doc", "reference_texts"]

# Font stacks: first name for machines that have it, then the common fallback.
FONTS = {
    "title": ("方正小标宋简体", "宋体"),
    "body": ("仿宋_GB2312", "仿宋"),
    "heading": ("黑体", "黑体"),
    "masthead": ("方正小标宋简体", "宋体"),
    "page": ("宋体", "宋体"),
    "note": ("楷体_GB2312", "楷体"),
}
RED = RGBColor(0xC0, 0x00, 0x00)
TYPE_AREA_MM = 156  # 210 mm less the 28 mm and 26 mm side margins


def _font(
    style_or_run: Any, role: str, size: float, *, bold: bool = False, color: RGBColor | None = None
) -> None:
    name, fallback = FONTS[role]
    font = style_or_run.font
    font.name = fallback  # the Latin slot: a font every Chinese Windows/WPS has
    font.size = Pt(size)
    font.bold = bold
    if color is not None:
        font.color.rgb = color
    props = style_or_run.element.get_or_add_rPr()
    fonts = props.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        props.append(fonts)
    fonts.set(qn("w:eastAsia"), name)  # Word falls back by itself when the named font is missing
    fonts.set(qn("w:ascii"), fallback)
    fonts.set(qn("w:hAnsi"), fallback)


_THEME_FONT_ATTRIBUTES = tuple(qn(f"w:{slot}Theme") for slot in ("ascii", "hAnsi", "eastAsia", "cs"))


def _chinese_defaults(doc: Any) -> None:
    """python-docx's template names theme fonts on every style (asciiTheme/eastAsiaTheme), and a theme
    attribute wins over the font named beside it: Word and WPS would set headings in the theme's
    Japanese fonts (the template's theme language is ja-JP). Strip them all; make zh-CN the language."""
    for fonts in doc.styles.element.iter(qn("w:rFonts")):
        for attribute in _THEME_FONT_ATTRIBUTES:
            fonts.attrib.pop(attribute, None)
    for lang in doc.styles.element.iter(qn("w:lang")):
        lang.set(qn("w:eastAsia"), "zh-CN")
    for lang in doc.settings.element.iter(qn("w:themeFontLang")):
        lang.set(qn("w:eastAsia"), "zh-CN")


def _styles(doc: Any) -> None:
    styles = doc.styles
    _font(styles["Normal"], "body", 16)
    styles["Normal"].paragraph_format.line_spacing = Pt(28.95)  # 22 lines on the type area
    styles["Normal"].paragraph_format.first_line_indent = Pt(32)  # two characters
    styles["Normal"].paragraph_format.space_before = Pt(0)  # 公文 sets lines, not paragraph gaps
    styles["Normal"].paragraph_format.space_after = Pt(0)
    for name, role, size in (("Title", "title", 22), ("Heading 1", "heading", 16)):
        style = styles[name]
        _font(style, role, size, color=RGBColor(0, 0, 0))
        style.paragraph_format.first_line_indent = Pt(0) if name == "Title" else Pt(32)
        style.paragraph_format.space_before = Pt(0)
        style.paragraph_format.space_after = Pt(0)
    styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # python-docx's default Title draws a blue rule under it; a 公文 title has none.
    title_props = styles["Title"].element.pPr
    for border in title_props.findall(qn("w:pBdr")) if title_props is not None else []:
        title_props.remove(border)


def _page(doc: Any) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.paragraph_format.first_line_indent = Pt(0)
    _font(footer.add_run("— "), "page", 14)
    run = footer.add_run()
    _font(run, "page", 14)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            field = OxmlElement("w:fldChar")
            field.set(qn("w:fldCharType"), kind)
        else:
            field = OxmlElement("w:instrText")
            field.set(qn("xml:space"), "preserve")
            field.text = text
        run._r.append(field)
    _font(footer.add_run(" —"), "page", 14)


def _rule(paragraph: Any, edges: list[str], *, color: str, size: str) -> None:
    props = paragraph._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    for edge in edges:
        line = OxmlElement(f"w:{edge}")
        for key, value in (("w:val", "single"), ("w:sz", size), ("w:space", "4"), ("w:color", color)):
            line.set(qn(key), value)
        border.append(line)
    props.append(border)


def _red_rule(paragraph: Any) -> None:
    _rule(paragraph, ["bottom"], color="C00000", size="18")


# What XML 1.0 cannot hold (C0 controls but \t \n \r, lone surrogates, U+FFFE/U+FFFF): lxml refuses it
# and the whole .docx would fail. It reaches here from a hand-edited summary JSON or an endpoint's
# answer; it is deleted, as `text/clean.py` deletes control characters from reports.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml(text: str) -> str:
    """Every string this module puts into a document passes here."""
    return _NOT_XML.sub("", text)


def _plain(doc: Any, text: str, *, indent: bool = True, style: str | None = None) -> Any:
    paragraph = doc.add_paragraph(_xml(text), style=style)
    if not indent:
        paragraph.paragraph_format.first_line_indent = Pt(0)
    return paragraph


_TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_DOCUMENT_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def open_reference(data: bytes) -> Any:
    """An office's own .docx or .dotx (python-docx opens only documents: a template's main part is
    relabelled in memory; the file itself is never changed)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    patched = io.BytesIO()
    with zipfile.ZipFile(patched, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                content = content.replace(_TEMPLATE_TYPE, _DOCUMENT_TYPE)
            target.writestr(item, content)
    return new_document(io.BytesIO(patched.getvalue()))


def reference_texts(reference: bytes | None) -> list[str]:
    """The office's own words in a reference document (its 红头, 文号): theirs, exempt from the gate."""
    return [p.text for p in open_reference(reference).paragraphs if p.text.strip()] if reference else []


_REFERENCE_FILE_LIMIT = 50 << 20
_REFERENCE_UNPACKED_LIMIT = 200 << 20


def read_reference_doc(path: Path) -> bytes:
    """The bytes of a --reference-doc, or a clear error saying what to give instead."""
    if path.suffix.lower() not in (".docx", ".dotx"):
        raise UsageError(f"--reference-doc 须为 Word 文档或模板（.docx 或 .dotx）：{path}")
    try:
        if path.stat().st_size > _REFERENCE_FILE_LIMIT:  # a template is a few hundred KB
            limit = _REFERENCE_FILE_LIMIT >> 20
            raise UsageError(f"--reference-doc 文件过大（超过 {limit} MB）：{path}。请换用本单位的模板文档。")
        data = path.read_bytes()
    except OSError as exc:
        raise InputNotFound(str(path), "无法读取参考文档", "请检查 --reference-doc 的路径。") from exc
    try:  # what it unpacks to, before anything unpacks it: a zip bomb is refused in no time
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        unpacked = 0  # not a zip: python-docx says so below
    if unpacked > _REFERENCE_UNPACKED_LIMIT:
        raise UsageError(
            f"--reference-doc 解压后过大（约 {unpacked >> 20} MB），可能已损坏或是恶意构造的：{path}。"
            "请换用本单位的模板文档。"
        )
    try:
        open_reference(data)
    except Exception as exc:  # python-docx and zipfile raise many kinds on a broken package
        raise UsageError(
            f"--reference-doc 不是有效的 Word 文档：{path}。请用 Word 或 WPS 另存为 .docx 后再试。"
        ) from exc
    return data


class GongwenDocument:
    """Building blocks shared by the memo, the plan and the digest: one layout, one set of styles.

    With `reference` (the bytes of an office's own .docx/.dotx, as pandoc's --reference-doc), its
    styles, page set-up and the content it opens with (its 红头) are kept; the memo follows that content,
    and only the styles the memo needs and the reference lacks are added, in this module's layout."""

    def __init__(self, reference: bytes | None = None) -> None:
        self.referenced = reference is not None
        if reference is None:
            self.doc = new_document()
            _chinese_defaults(self.doc)
            _styles(self.doc)
            _page(self.doc)
            return
        self.doc = open_reference(reference)
        defaults = new_document()
        _chinese_defaults(defaults)
        _styles(defaults)
        for name in ("Title", "Heading 1", "Table Grid"):
            if name not in [s.name for s in self.doc.styles]:
                self.doc.styles.element.append(copy.deepcopy(defaults.styles[name].element))

    def masthead(self, name: str, issue: str, editor: str, date: str) -> None:
        """The 报头 as 简报 set it: the red name centred, 期号 centred under it, then 编发单位 at the left
        and the date at the right margin on one line over a red rule, with a blank line under the rule.
        A reference document brings its own 红头: then only the 期号 and the ruled line are written."""
        if self.referenced:
            number = _plain(self.doc, issue, indent=False)
            number.alignment = WD_ALIGN_PARAGRAPH.CENTER
            line = _plain(self.doc, f"{editor}\t{date}", indent=False)
            line.paragraph_format.tab_stops.add_tab_stop(Mm(TYPE_AREA_MM), WD_TAB_ALIGNMENT.RIGHT)
            _red_rule(line)
            return
        mast = self.doc.add_paragraph()
        mast.alignment = WD_ALIGN_PARAGRAPH.CENTER
        mast.paragraph_format.first_line_indent = Pt(0)
        _font(mast.add_run(_xml(name)), "masthead", 36, color=RED)
        number = _plain(self.doc, issue, indent=False)
        number.alignment = WD_ALIGN_PARAGRAPH.CENTER
        line = _plain(self.doc, f"{editor}\t{date}", indent=False)
        line.paragraph_format.tab_stops.add_tab_stop(Mm(TYPE_AREA_MM), WD_TAB_ALIGNMENT.RIGHT)
        line.paragraph_format.space_after = Pt(28.95)  # the title never touches the rule
        _red_rule(line)

    def distribution(self, lines: list[str]) -> None:
        """版记: 报/送/发 lines and the 印发 line in 4号, between thin black rules, after a blank line."""
        _plain(self.doc, "", indent=False)
        for index, text in enumerate(lines):
            paragraph = _plain(self.doc, text, indent=False)
            for run in paragraph.runs:
                _font(run, "body", 14)
            edges = (["top"] if index == 0 else []) + (["bottom"] if index == len(lines) - 1 else [])
            if edges:
                _rule(paragraph, edges, color="000000", size="6")

    def title(self, text: str) -> None:
        _plain(self.doc, text, style="Title")

    def heading(self, text: str) -> None:
        """Level 1, "一、…" in 黑体."""
        _plain(self.doc, text, style="Heading 1")

    def paragraph(self, text: str, *, indent: bool = True, role: str = "", lead: str = "") -> None:
        """`lead`: a run-in heading before the text — 一、… in 黑体, （一）… in 楷体 (GB/T 9704's
        first and second levels), the way a 简报 item opens with its heading."""
        paragraph = _plain(self.doc, "" if lead else text, indent=indent)
        if lead:
            _font(paragraph.add_run(_xml(lead)), "heading" if not lead.startswith("（") else "note", 16)
            paragraph.add_run(_xml(text))
        if role:  # e.g. "note": 编者按 in 楷体, as 简报 set it apart from the body
            for run in paragraph.runs:
                _font(run, role, 16)

    def table(
        self, headers: tuple[str, ...], rows: list[tuple[str, ...]], widths_mm: tuple[float, ...] = ()
    ) -> None:
        """A grid table in 4号 body font (3号 does not fit four columns on A4). Without widths the
        first column (names) gets a third of the 156 mm type area and the rest share the remainder."""
        table = self.doc.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        if not widths_mm:
            rest = (TYPE_AREA_MM - TYPE_AREA_MM / 3) / max(1, len(headers) - 1)
            widths_mm = (TYPE_AREA_MM / 3, *[rest] * (len(headers) - 1))
        for cell, text in zip(table.rows[0].cells, headers, strict=True):
            cell.text = _xml(text)
        for row in rows:
            for cell, text in zip(table.add_row().cells, row, strict=True):
                cell.text = _xml(text)
        for column, width in zip(table.columns, widths_mm, strict=True):
            column.width = Mm(width)  # the grid LibreOffice and WPS lay out by
        for table_row in table.rows:
            for cell, width in zip(table_row.cells, widths_mm, strict=True):
                cell.width = Mm(width)  # Word reads widths per cell; LibreOffice per column grid too
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.first_line_indent = Pt(0)
                    paragraph.paragraph_format.line_spacing = 1.0  # 4号 rows, not the body's 28.95 pt grid
                    for run in paragraph.runs:
                        _font(run, "body", 14)

    def picture(self, png: bytes, *, width_mm: float = 150, caption: str = "") -> None:
        """A chart, centred, 150 mm wide (the type area is 156 mm)."""
        self.doc.add_picture(io.BytesIO(png), width=Mm(width_mm))
        holder = self.doc.paragraphs[-1]
        holder.alignment = WD_ALIGN_PARAGRAPH.CENTER
        holder.paragraph_format.first_line_indent = Pt(0)
        # The body's exact 28.95 pt line height would crop the picture to one line (seen in LibreOffice).
        holder.paragraph_format.line_spacing = 1.0
        if caption:
            note = _plain(self.doc, caption, indent=False)
            note.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()


def brief_docx(context: dict[str, Any], reference: bytes | None = None) -> bytes:
    """The memo from `brief.brief_context(...)` (the same variables the templates see)."""
    out = GongwenDocument(reference)
    header = context["header"]
    out.masthead(header["name"], header["issue"], header["editor"], header["date"])
    out.title(context["title"])
    if context["note"]:
        out.paragraph(f"编者按：{context['note']}", role="note")
    if context["template_note"]:
        out.paragraph(f"【模板】{context['template_note']}")
    if context["source_note"]:
        out.paragraph(context["source_note"])
    out.paragraph(context["lead"])
    if context["indicators"]:
        out.heading(f"{context['table_number']}、主要指标")
        if context["show_period"]:
            out.table(
                ("指标", "本期", "同比", "时期"),
                [(r["name"], r["value"], r["change"], r["period"]) for r in context["indicators"]],
                widths_mm=(56, 36, 40, 24),
            )
        else:
            out.table(
                ("指标", "本期", "同比"),
                [(r["name"], r["value"], r["change"]) for r in context["indicators"]],
                widths_mm=(68, 44, 44),
            )
    if context.get("chart"):
        out.picture(context["chart"]["png"], caption=context["chart"]["alt"])
    for section in context["sections"]:
        if section["title"]:
            out.heading(f"{section['number']}、{section['title']}")
        for item in section["entries"]:
            out.paragraph(f"{item['text']}{item['mark']}", lead=item["head"])
    if context["omitted_note"]:
        out.paragraph(context["omitted_note"])
    out.paragraph(context["footer"], indent=False)
    if context["distribution"]:
        out.distribution([*context["distribution"], context["printed"]])
    return out.to_bytes()


def docx_text(data: bytes) -> str:
    """Reading text of a .docx for the figure gate: paragraphs, then one line per table row."""
    doc = new_document(io.BytesIO(data))
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        lines += ["\t".join(cell.text for cell in row.cells) for row in table.rows]
    return "\n".join(lines)
