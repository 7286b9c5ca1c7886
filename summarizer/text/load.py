"""Read one input (a path, or "-" for stdin) into a `LoadedText`.

Format by content first, extension second: a zip holding ``word/document.xml`` is .docx, ``%PDF-`` is
PDF, a ``.html``/``.htm`` name or content opening with ``<!doctype html``/``<html`` is HTML, anything
else is text in a detected encoding (UTF-8/16/32, GB18030 ⊃ GBK, Big5).

- .docx: one line per paragraph in body order, as Word shows it (`wordml`: list numbers, tracked
  insertions, fields, text boxes); each table row is one line, cells joined by ``TABLE_CELL_SEP``
  (" | "); the continuation of a vertical merge is an empty cell. An old .doc renamed .docx is named so.
- PDF: each page's text layer (pypdf) without its running header, footer and page number; pages
  joined by ``PAGE_SEP`` (a blank line), or by one line break where a sentence runs across the break;
  a layer that is mostly glyph numbers rather than text (a font without a Unicode map) is refused
  like a scan.
- HTML: trafilatura's main content (tables as " | " rows); whole-page text via lxml when it finds none.
- What reading did that the user should know (tracked changes accepted, page furniture taken out)
  goes to `LoadedText.notes`, shown with the summary's warnings.
- The text is otherwise untouched: only ``\\r\\n``/``\\r`` become ``\\n`` and a leading BOM goes.

Every failure is an `InputError` with a one-line Chinese message; files are only opened for reading.
"""

from __future__ import annotations

import codecs
import io
import logging
import os
import re
import stat
import sys
import unicodedata
import warnings
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any, BinaryIO, Literal

from ..core.errors import (
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
from ..core.models import LoadedText

__all__ = ["DEFAULT_MAX_CHARS", "PAGE_SEP", "STDIN_NAME", "TABLE_CELL_SEP", "load"]

DEFAULT_MAX_CHARS = 2_000_000
STDIN_NAME = "标准输入"
TABLE_CELL_SEP = " | "
PAGE_SEP = "\n\n"

_TEXT_BYTES_PER_CHAR = 8  # text beyond 8 bytes per allowed character is refused unread
_DOC_BYTES_FLOOR = 200 * 1024 * 1024  # .docx/.pdf/.html carry markup and images: a looser byte limit
_DOCX_XML_LIMIT = 50 * 1024 * 1024  # uncompressed word/document.xml (zip-bomb guard)
_DOCX_TOTAL_LIMIT = 512 * 1024 * 1024  # all parts uncompressed: python-docx reads every part
_OCR_CHARS_PER_PAGE = 5  # fewer extractable characters per page than this: a scan
_MIN_QUALITY = 0.5  # plausibility a detected decoding must reach (see `_quality`)
_HEAD = 4096

_logger = logging.getLogger(__name__)

_BOMS = (  # UTF-32 first: FF FE 00 00 also starts with the UTF-16 LE BOM
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
    (b"\x84\x31\x95\x33", "gb18030", "gb18030"),
)
_BOM_PREFIXES = tuple(bom for bom, _, _ in _BOMS)
_ZIP, _OLE = (b"PK\x03\x04", b"PK\x05\x06"), b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OLE_WORD = "WordDocument".encode("utf-16-le")  # the main stream of a Word 97-2003 file
_HTML_EXTS = frozenset({".html", ".htm", ".xhtml", ".shtml"})
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\v\f\r\x1a\x1b") + b"\x7f"

_SAVE_UTF8 = "请用记事本或 WPS 打开后另存为 UTF-8 编码的 .txt 再处理。"
_RESAVE_DOCX = "请用 Word 或 WPS 打开确认，必要时另存为新的 .docx 后再处理。"
_OLD_WORD = ("这是旧版 Word（.doc）或 WPS 格式的文档，暂不支持", "请在 Word 或 WPS 中另存为 .docx 后再处理。")
_EXCEL = ("这是 Excel 表格，暂不支持", "请把需要的内容复制到 Word 文档或文本文件后再处理。")
_SLIDES = ("这是 PowerPoint 演示文稿，暂不支持", "请把文字内容导出为 .docx 或 .txt 后再处理。")
_IMAGE = ("这是图片文件，无法直接读取文字", "请先用 OCR 软件识别为文字，保存为 .txt 或 .docx 后再处理。")
_ARCHIVE = ("这是压缩包，不是可读取的文档", "请先解压，再逐个处理其中的 .docx、.pdf 或 .txt 文件。")
_RTF = ("这是 RTF 文档，暂不支持", "请在 Word 或 WPS 中另存为 .docx 后再处理。")
_ODF = ("这是 OpenDocument 格式的文件，暂不支持", "请在 WPS 或 LibreOffice 中另存为 .docx 后再处理。")
_BY_EXT = {
    **dict.fromkeys((".doc", ".dot", ".wps"), _OLD_WORD),
    **dict.fromkeys((".xls", ".xlsx", ".et"), _EXCEL),
    **dict.fromkeys((".ppt", ".pptx", ".dps"), _SLIDES),
    **dict.fromkeys((".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp"), _IMAGE),
    **dict.fromkeys((".zip", ".rar", ".7z", ".gz", ".tar"), _ARCHIVE),
    **dict.fromkeys((".odt", ".ods", ".odp"), _ODF),
    ".rtf": _RTF,
}
_MAGIC = {  # signatures of files we cannot read, whatever their name
    _IMAGE: (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*"),
    _ARCHIVE: (b"Rar!\x1a\x07", b"7z\xbc\xaf\x27\x1c", b"\x1f\x8b"),
    _RTF: (b"{\\rtf",),
}


def load(
    path: str | os.PathLike[str], *, max_chars: int = DEFAULT_MAX_CHARS, stdin: BinaryIO | None = None
) -> LoadedText:
    """Read `path` ("-": bytes from `stdin`, default `sys.stdin.buffer`) and extract its text."""
    spec = os.fspath(path)
    if spec == "-":
        source, ext = STDIN_NAME, ""
        data = _read_stdin(stdin, max_chars)
    else:
        source, ext = spec, os.path.splitext(spec)[1].lower()
        data = _read_file(spec, ext, max_chars)
    notes: list[str] = []
    fmt, text, encoding = _extract(data, source, ext, max_chars, notes)
    text = text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
    if not text.strip():
        problem = "文件是空的（没有可读取的文字）" if fmt == "text" else "文件中没有可提取的文字"
        raise EmptyInput(source, problem, "请确认选择了正确的文件。")
    if len(text) > max_chars:
        raise _too_large(source, f"正文共 {len(text)} 字，超过上限 {max_chars} 字")
    return LoadedText(source=source, format=fmt, encoding=encoding, text=text, notes=notes)


# --- reading bytes -------------------------------------------------------------------------------


_CLOSED_STDIN = ("标准输入已关闭，没有可读取的内容", "请用管道或“< 文件”提供报告，或直接给出文件路径。")


def _read_stdin(stdin: BinaryIO | None, max_chars: int) -> bytes:
    """`-`: a started-without-stdin process (`< &-`) has sys.stdin None; a closed one raises on read."""
    stream = stdin if stdin is not None else getattr(sys.stdin, "buffer", None)
    if stream is None or stream.closed:
        raise InputNotFound(STDIN_NAME, *_CLOSED_STDIN)
    try:
        return _read_stream(stream, STDIN_NAME, "", max_chars, None)
    except (OSError, ValueError) as exc:  # EBADF, "I/O operation on closed file"
        raise InputNotFound(STDIN_NAME, *_CLOSED_STDIN) from exc


def _read_file(spec: str, ext: str, max_chars: int) -> bytes:
    try:
        info = os.stat(spec)
        if stat.S_ISDIR(info.st_mode):
            raise InputNotFound(spec, "这是一个文件夹，不是文件", "请指定其中的具体文件，例如 报告.docx。")
        if not stat.S_ISREG(info.st_mode):  # opening a FIFO with no writer waits forever
            kind = "命名管道（FIFO）" if stat.S_ISFIFO(info.st_mode) else "设备或套接字"
            raise UnsupportedFormat(
                spec, f"这是{kind}，不是普通文件", "请给出文件路径；要从管道读取，请用 - 表示标准输入。"
            )
        size = info.st_size
        if size > _byte_limit(max_chars, markup=True):  # beyond every limit
            raise _too_large(spec, _size_problem(size, max_chars))
        with open(spec, "rb") as handle:
            return _read_stream(handle, spec, ext, max_chars, size)
    except (FileNotFoundError, NotADirectoryError) as exc:
        raise InputNotFound(spec, "文件不存在", "请检查路径和文件名是否正确。") from exc
    except PermissionError as exc:
        raise InputNotFound(spec, "没有读取该文件的权限", "请检查文件权限，或换有权限的账户运行。") from exc
    except OSError as exc:
        raise InputNotFound(spec, "无法读取该文件", "请确认文件可以正常打开后重试。") from exc


def _read_stream(stream: BinaryIO, source: str, ext: str, max_chars: int, size: int | None) -> bytes:
    """Sniff the first bytes to pick the byte limit, then read at most one byte past it."""
    head = _read_upto(stream, _HEAD)
    markup = ext in _HTML_EXTS or ext in {".docx", ".pdf"} or _is_document(head) or _looks_html(head)
    limit = _byte_limit(max_chars, markup=markup)
    if size is not None and size > limit:
        raise _too_large(source, _size_problem(size, max_chars))
    data = head + (_read_upto(stream, limit + 1 - len(head)) if len(head) == _HEAD else b"")
    if len(data) > limit:
        raise _too_large(source, _size_problem(len(data), max_chars))
    return data


def _read_upto(stream: BinaryIO, count: int) -> bytes:
    parts: list[bytes] = []
    while count > 0 and (chunk := stream.read(count)):
        parts.append(chunk)
        count -= len(chunk)
    return b"".join(parts)


def _byte_limit(max_chars: int, *, markup: bool) -> int:
    return (
        max(_DOC_BYTES_FLOOR, _TEXT_BYTES_PER_CHAR * max_chars)
        if markup
        else _TEXT_BYTES_PER_CHAR * max_chars
    )


def _size_problem(size: int, max_chars: int) -> str:
    return f"文件过大（{size / 1_048_576:.1f} MB），远超正文上限 {max_chars} 字"


def _too_large(source: str, problem: str) -> InputTooLarge:
    return InputTooLarge(source, problem, "请拆分文件后分别处理，或用 --max-input-chars 调大上限。")


# --- format dispatch -----------------------------------------------------------------------------


def _is_document(head: bytes) -> bool:
    return b"%PDF-" in head[:1024] or head.startswith(_ZIP)


def _looks_html(head: bytes) -> bool:
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").lower().startswith((b"<!doctype html", b"<html"))


def _extract(
    data: bytes, source: str, ext: str, max_chars: int, notes: list[str]
) -> tuple[Literal["text", "docx", "pdf", "html"], str, str | None]:
    """(format, text, encoding); what reading did that the user should hear goes to `notes`."""
    if not data:
        raise EmptyInput(source, "文件是空的", "请确认选择了正确的文件。")
    if b"%PDF-" in data[:1024]:
        return "pdf", _pdf_text(data, source, max_chars, notes), None
    if data.startswith(_ZIP):
        return "docx", _docx_text(data, source, notes), None
    if data.startswith(_OLE):
        # an old .doc renamed .docx holds a WordDocument stream; a password-protected OOXML file is an
        # OLE container too, holding an EncryptedPackage
        if ext in {".docx", ".xlsx", ".pptx"} and _OLE_WORD not in data:
            raise CorruptDocument(source, "文档设置了打开密码", "请在 Word 或 WPS 中取消密码后另存为 .docx。")
        if ext == ".docx":
            problem = "文件扩展名是 .docx，但内容是旧版 Word（.doc）格式，暂不支持"
            raise UnsupportedFormat(source, problem, _OLD_WORD[1])
        raise UnsupportedFormat(source, *_BY_EXT.get(ext, _OLD_WORD))
    for reason, magics in _MAGIC.items():
        if data.startswith(magics) or (reason is _IMAGE and data[:4] == b"RIFF" and data[8:12] == b"WEBP"):
            raise UnsupportedFormat(source, *reason)
    if ext in _HTML_EXTS or _looks_html(data[:_HEAD]):
        return "html", *_html_text(data, source)
    try:
        return "text", *_decode_text(data, source, notes)
    except (BinaryInput, DecodeError) as exc:
        if ext in {".docx", ".pdf"}:
            problem = f"文件内容不是有效的 {ext} 文档（可能已损坏或扩展名有误）"
            raise CorruptDocument(
                source, problem, "请用 Word、WPS 或 PDF 阅读器打开确认后重新导出。"
            ) from exc
        if ext in _BY_EXT:
            raise UnsupportedFormat(source, *_BY_EXT[ext]) from exc
        raise


@contextmanager
def _quiet() -> Iterator[None]:
    """Keep library chatter off the terminal: UserWarnings (pypdf's PdfReadWarning, zipfile's duplicate
    names) and pypdf's / trafilatura's WARNING logs, which Python's last-resort handler would print when
    the application configured no logging. DeprecationWarnings are left alone.
    """
    loggers = [logging.getLogger(name) for name in ("pypdf", "trafilatura")]
    levels = [logger.level for logger in loggers]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        for logger in loggers:
            logger.setLevel(max(logger.getEffectiveLevel(), logging.ERROR))
        try:
            yield
        finally:
            for logger, level in zip(loggers, levels, strict=True):
                logger.setLevel(level)


# --- text decoding -------------------------------------------------------------------------------


def _decode_text(data: bytes, source: str, notes: list[str] | None = None) -> tuple[str, str]:
    """BOM; BOM-less UTF-16; binary check; strict UTF-8; lines of UTF-8 and of GBK pasted together,
    each read in its own (said in `notes`); the most plausible of the CJK candidates."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec), name
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    source, f"文件带有 {name} 标记，但内容无法按该编码解码", _SAVE_UTF8
                ) from exc
    if utf16 := _bomless_utf16(data):
        return utf16
    if b"\x00" in data or _control_share(data[:65536]) > 0.05:
        raise BinaryInput(source, "文件内容是二进制数据，不是文本", "请确认选择了正确的文件。")
    if (utf8 := _try(data, "utf-8")) is not None:
        return utf8, "utf-8"
    if (mixed := _mixed_utf8_gbk(data)) is not None:
        if notes is not None:
            notes.append(
                f"文件中有 {mixed[1]} 行是 GBK 编码、其余是 UTF-8，已逐行分别解码；"
                "请核对这些行的文字和数字，并把文件统一另存为 UTF-8。"
            )
        return mixed[0], "utf-8+gb18030"
    scored = [(_quality(text), text, codec) for codec in _candidates(data) if (text := _try(data, codec))]
    best = max(scored, key=lambda item: item[0], default=None)  # first of equals: GB18030 wins ties
    if best is None or best[0] < _MIN_QUALITY:  # a truncated last character or a stray bad byte
        for codec in ("gb18030", "utf-8", "big5"):
            text = data.decode(codec, errors="replace")
            score = _quality(text)
            if text.count("\ufffd") <= max(4, len(text) // 1000) and (best is None or score > best[0]):
                best = (score, text, codec)
                _logger.info("%s: read as %s with a few undecodable bytes replaced", source, codec)
    if best is None or best[0] < _MIN_QUALITY:
        raise DecodeError(source, "无法识别文件的文字编码", _SAVE_UTF8)
    return best[1], best[2]


def _mixed_utf8_gbk(data: bytes) -> tuple[str, int] | None:
    """A file pasted together from a UTF-8 and a GBK one (a common result of merging exports): some
    lines with Chinese are valid UTF-8, the others valid GB18030 only. Decoded line by line, with the
    number of GBK lines; None when the file is not so mixed."""
    decoded: list[str] = []
    utf8 = gbk = 0
    for line in data.split(b"\n"):
        if line.isascii():
            decoded.append(line.decode("ascii"))
            continue
        # the reading with more common hanzi: GBK's 一 (D2 BB) is valid UTF-8 too, as Cyrillic һ
        readings = [(_quality(t), t, c) for c in ("utf-8", "gb18030") if (t := _try(line, c)) is not None]
        if not readings:
            return None
        score, text, codec = max(readings, key=lambda r: r[0])  # a tie goes to UTF-8, listed first
        if score < _MIN_QUALITY:
            return None
        decoded.append(text)
        utf8, gbk = (utf8 + 1, gbk) if codec == "utf-8" else (utf8, gbk + 1)
    return ("\n".join(decoded), gbk) if gbk and utf8 else None


def _try(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _is_utf8(data: bytes) -> bool:
    return _try(data, "utf-8") is not None


def _bomless_utf16(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a BOM: the NUL high bytes of ASCII characters all fall on one side."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    codec = "utf-16-le" if odd > 4 * even + 1 else "utf-16-be" if even > 4 * odd + 1 else ""
    text = _try(data, codec) if codec else None
    return (text, codec) if text is not None and _quality(text) >= 0.8 else None


def _control_share(sample: bytes) -> float:
    return (len(sample) - len(sample.translate(None, _CONTROL_BYTES))) / max(1, len(sample))


def _candidates(data: bytes) -> list[str]:
    """GB18030 (a superset of GBK and GB2312), Big5 / cp950, then charset-normalizer's suggestions."""
    from charset_normalizer import from_bytes

    names = ["gb18030", "big5", "cp950"]
    try:
        names += [match.encoding for match in from_bytes(data)][:4]
    except Exception:  # detection is only a hint; the fixed candidates still apply
        _logger.debug("charset-normalizer failed", exc_info=True)
    return list(dict.fromkeys(codecs.lookup(name).name for name in names if _try(b"", name) is not None))


@cache
def _common_hanzi() -> frozenset[str]:
    """GB2312 level 1 (3755 frequent Simplified) and Big5 level 1 (5401 frequent Traditional)."""
    gb = (bytes((lead, trail)) for lead in range(0xB0, 0xD8) for trail in range(0xA1, 0xFF))
    trails = [*range(0x40, 0x7F), *range(0xA1, 0xFF)]
    big5 = (
        bytes((lead, trail)) for lead in range(0xA4, 0xC7) for trail in trails if lead << 8 | trail <= 0xC67E
    )
    chars = {pair.decode("gb2312", errors="ignore") for pair in gb}
    chars |= {pair.decode("big5", errors="ignore") for pair in big5}
    return frozenset(char for char in chars if len(char) == 1 and ord(char) >= 0x2E80)


_PUNCT_RANGES = ((0x2010, 0x205E), (0x2100, 0x24FF), (0x3000, 0x303F), (0x3200, 0x33FF), (0xFF01, 0xFF65))


def _quality(text: str) -> float:
    """Share of plausible characters (ASCII, frequent hanzi, CJK punctuation), bad ones counted thrice.

    A wrong Big5/GBK guess often decodes strictly, but into rare hanzi, stray symbols and private-use
    code points: the right decoding scores near 1, the wrong one far lower (Big5 read as GBK: below 0).
    """
    common = _common_hanzi()
    good = bad = total = 0
    for char in text[:200_000]:
        if char.isspace():
            continue
        total += 1
        code = ord(char)
        if 0x20 <= code < 0x7F or char in common or any(lo <= code <= hi for lo, hi in _PUNCT_RANGES):
            good += 1
        elif char == "\ufffd" or unicodedata.category(char) in {"Cc", "Co", "Cn", "Cs"}:
            bad += 1
    return (good - 3 * bad) / total if total else 1.0


# --- .docx ---------------------------------------------------------------------------------------


def _docx_text(data: bytes, source: str, notes: list[str]) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            sizes = {info.filename: info.file_size for info in archive.infolist()}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise CorruptDocument(source, "文件已损坏，无法按 .docx（ZIP）结构打开", _RESAVE_DOCX) from exc
    if "word/document.xml" not in sizes:
        kinds = {"xl/workbook.xml": _EXCEL, "ppt/presentation.xml": _SLIDES, "mimetype": _ODF}
        raise UnsupportedFormat(source, *next((v for k, v in kinds.items() if k in sizes), _ARCHIVE))
    if sizes["word/document.xml"] > _DOCX_XML_LIMIT or sum(sizes.values()) > _DOCX_TOTAL_LIMIT:
        problem = f"文档解压后过大（约 {sum(sizes.values()) >> 20} MB），可能已损坏或是恶意构造的"
        raise InputTooLarge(source, problem, "请用 Word 或 WPS 打开后把正文另存为 .txt 再处理。")
    try:
        import docx

        from .wordml import BodyReader

        with _quiet():
            document = docx.Document(io.BytesIO(data))
            reader = BodyReader.of(document)
            text = "\n".join(reader.lines(document.element.body, _docx_table))
    except Exception as exc:  # python-docx / lxml / zipfile raise many kinds; all mean "unreadable"
        if isinstance(exc, ValueError) and "not a Word file" in str(exc):  # .docm / .dotx content types
            raise UnsupportedFormat(source, "这是启用宏的 Word 文档或模板，暂不支持", _RESAVE_DOCX) from exc
        raise CorruptDocument(source, "Word 文档已损坏或结构不完整，无法读取", _RESAVE_DOCX) from exc
    if reader.inserted or reader.deleted:
        notes.append(
            f"文档含修订标记：已按接受修订读取（插入 {reader.inserted} 处计入，"
            f"删除 {reader.deleted} 处不计）；如修订尚未定稿，请在 Word 或 WPS 中处理修订后再生成。"
        )
    if reader.boxes:
        notes.append(f"文档含文本框 {reader.boxes} 个，其文字已按所在段落的位置读入。")
    return text


def _docx_table(reader: Any, table: Any) -> Iterator[str]:
    """A table's rows, one line each, its cells joined by `TABLE_CELL_SEP`."""
    from docx.oxml.ns import qn

    for row in table.iterchildren(qn("w:tr")):
        cells = [_docx_cell(reader, cell) for cell in row.iterchildren(qn("w:tc"))]
        while cells and not cells[-1].strip():
            cells.pop()
        if cells:
            yield TABLE_CELL_SEP.join(cells)


def _docx_cell(reader: Any, cell: Any) -> str:
    from docx.oxml.ns import qn

    if cell.vMerge == "continue":  # continuation of a vertical merge: the text is in the cell above
        return ""
    texts = (reader.text(paragraph) for paragraph in cell.iter(qn("w:p")))
    return " ".join(text.replace("\n", " ") for text in texts if text.strip())


# --- PDF -----------------------------------------------------------------------------------------


def _pdf_text(data: bytes, source: str, max_chars: int, notes: list[str]) -> str:
    import pypdf

    pages: list[str] = []
    try:
        with _quiet():
            reader = pypdf.PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not _pdf_decrypt(reader):  # an empty user password is common
                remedy = "请在 PDF 阅读器中输入密码后另存为不加密的 PDF 再处理。"
                raise CorruptDocument(source, "PDF 文件已加密，无法读取", remedy)
            count = -len(PAGE_SEP)
            for page in reader.pages:
                text = (page.extract_text() or "").replace("\r\n", "\n").replace("\r", "\n").rstrip("\n")
                pages.append(text)
                if (count := count + len(PAGE_SEP) + len(text)) > max_chars:  # stop early
                    raise _too_large(source, f"正文至少 {count} 字，超过上限 {max_chars} 字")
    except InputError:
        raise
    except Exception as exc:  # pypdf raises PdfReadError, KeyError, ValueError, RecursionError ...
        remedy = "请用 PDF 阅读器打开确认，必要时重新导出为 PDF。"
        raise CorruptDocument(source, "PDF 文件已损坏，无法读取", remedy) from exc
    if sum(len("".join(page.split())) for page in pages) < _OCR_CHARS_PER_PAGE * max(1, len(pages)):
        problem = "PDF 中没有可提取的文字（可能是扫描件或图片）"
        raise NeedsOCR(source, problem, "请先用 OCR 软件识别为文字后再处理。")
    text, removed = _without_running_lines(pages)
    if removed:
        notes.append(f"PDF 每页的页眉、页脚和页码共 {removed} 行已去掉，跨页的句子已接上。")
    # A font without a Unicode map (no /ToUnicode on an Identity-H subset) yields glyph numbers as
    # control characters and stray Latin; pdfium reads these no better than pypdf (bench/results/pdf.md).
    if _quality(text) < _MIN_QUALITY:
        problem = "PDF 的文字层无法转换为正确的文字（字体缺少字符编码映射，提取出的是乱码）"
        remedy = "请用 WPS 或 Word 打开原文档重新导出 PDF，或把正文复制到 .txt 文件；"
        remedy += "也可先用 OCR 软件识别后再处理。"
        raise NeedsOCR(source, problem, remedy)
    return text


# a page number on a line of its own: 3, - 3 -, —3—, 第3页, 第3页 共12页, 3/12
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–－]?\s*\d{1,4}\s*[-—–－]?|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4})\s*$"
)
_SENTENCE_END = ("。", "！", "？", "：", "；", ":", "!", "?")


def _shape(line: str) -> str:
    """A line with its numbers blanked: 第3页 and 第4页, 2025年5月 headers alike, are one running line."""
    return re.sub(r"\d+", "#", line.strip())


_CELL = re.compile(r"^[^。；;，,！？!?：:]{1,24}$")  # a short line without a sentence's punctuation
_BARE_NUMBER = re.compile(r"^[-−－+]?\d+(?:\.\d+)?[%％]?$")
_MAX_COLUMNS = 8


def _cell_rows(lines: list[str]) -> list[str]:
    """A table's text layer gives one cell a line (指标⏎单位⏎1-9月⏎同比增长（%）⏎规上工业总产值⏎亿元
    ⏎248.6⏎7.9…). A run of such lines that falls into rows of one width — a header without a bare
    number, then rows that open with a name and hold a number — becomes rows of cells joined by
    `TABLE_CELL_SEP`, as a Word table's are; the lines around it stay as they were."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _CELL.match(lines[j].strip()):
            j += 1
        rows = _as_rows([line.strip() for line in lines[i:j]]) if j - i >= 6 else None
        if rows is None:
            out.append(lines[i])
            i += 1
            continue
        skip, width, count = rows
        out += lines[i : i + skip]
        start = i + skip
        out += [
            TABLE_CELL_SEP.join(c.strip() for c in lines[k : k + width])
            for k in range(start, start + width * count, width)
        ]
        i = start + width * count
    return out


def _as_rows(cells: list[str]) -> tuple[int, int, int] | None:
    """(lines before the table, columns, rows with the header) of the widest reading of `cells` as a
    table with at least two rows of data; None when no width fits."""
    best: tuple[int, int, int] | None = None
    for skip in range(3):  # a caption or two (主要经济指标完成情况表) may stand over the header
        for width in range(2, _MAX_COLUMNS + 1):
            body = cells[skip:]
            header = body[:width]
            if len(header) < width or any(_BARE_NUMBER.match(c) for c in header):
                continue
            count = 1
            while len(body) >= (count + 1) * width:
                row = body[count * width : (count + 1) * width]
                if _BARE_NUMBER.match(row[0]) or not any(_BARE_NUMBER.match(c) for c in row[1:]):
                    break
                count += 1
            if count >= 3 and (best is None or count * width > best[1] * best[2]):
                best = (skip, width, count)
        if best is not None:
            return best
    return None


def _without_running_lines(pages: list[str]) -> tuple[str, int]:
    """The pages' text without what the page layout adds: a page number standing first or last on its
    page, and a header or footer line that opens or closes most pages alike (digits aside). A page
    that ends mid-sentence runs on into the next (one line break, for `unwrap` to join); otherwise
    pages stand apart by `PAGE_SEP`. Returns the text and how many lines were taken out."""
    lines = [page.split("\n") for page in pages]
    edges: dict[str, int] = {}
    for page in lines:
        for line in {page[0], page[-1]} if page else set():
            if line.strip():
                edges[_shape(line)] = edges.get(_shape(line), 0) + 1
    running = {k for k, n in edges.items() if len(pages) >= 2 and n >= max(2, (len(pages) + 1) // 2)}
    removed, kept_pages = 0, []
    for page in lines:
        kept = list(page)
        for end in (0, -1):  # the page's first lines, then its last: a header over a page number
            while kept and (_PAGE_NUMBER.match(kept[end]) or _shape(kept[end]) in running):
                if not kept[end].strip():
                    break
                kept.pop(end)
                removed += 1
        kept_pages.append("\n".join(_cell_rows(kept)).strip("\n"))
    joined = ""
    for body in (p for p in kept_pages if p):
        joint = "\n" if joined and not joined.rstrip().endswith(_SENTENCE_END) else PAGE_SEP
        joined = joined + joint + body if joined else body
    return joined, removed


def _pdf_decrypt(reader: Any) -> bool:
    try:
        return bool(reader.decrypt(""))
    except Exception:  # a missing crypto backend or an unknown scheme: treat as locked
        return False


# --- HTML ----------------------------------------------------------------------------------------

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-]+)""", re.IGNORECASE)
_CHARSET_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030"}
_MD_TABLE_RULE = re.compile(r"^\|(?:\s*:?-+:?\s*\|)+\s*$")
_MD_TABLE_ROW = re.compile(r"^\| (.*?) \|\s*$")
_BLOCK_TAGS = ("p", "div", "br", "li", "tr", "table", "article", "section", "h1", "h2", "h3", "h4")


def _html_text(data: bytes, source: str) -> tuple[str, str]:
    html, encoding = _decode_html(data, source)
    if not html.strip():
        return "", encoding  # reported as empty by `load`
    try:
        import trafilatura

        with _quiet():
            extracted = trafilatura.extract(
                html, include_tables=True, include_comments=False, include_links=False,
                favor_recall=True, deduplicate=False, output_format="txt",
            )  # fmt: skip
    except Exception:  # fall back to the whole page below
        _logger.debug("trafilatura failed on %s", source, exc_info=True)
        extracted = None
    if extracted and extracted.strip():  # markdown table rows -> "a | b | c", rules dropped
        lines = [_MD_TABLE_ROW.sub(r"\1", line) for line in extracted.split("\n")]
        body = "\n".join(line for line in lines if not _MD_TABLE_RULE.match(line))
        # the main content leaves out the article's own title: put it back on top, as the page shows it
        title = _page_title(html)
        if title and title not in "\n".join(body.lstrip().split("\n")[:3]):
            body = f"{title}\n{body}"
        return body, encoding
    _logger.info("%s: no main content found; using the whole page text", source)
    try:
        return _html_fallback(html), encoding
    except Exception as exc:  # lxml's ParserError for a page with nothing in it, among others
        remedy = "请用浏览器打开后把正文复制到 .txt 文件再处理。"
        raise CorruptDocument(source, "网页文件无法解析", remedy) from exc


_TITLE_SITE = re.compile(r"\s*[_|｜—–-]+\s*")  # 标题_松岭市人民政府, 标题 - 某某网


def _page_title(html: str) -> str:
    """The article's own title: its <h1>, else og:title, else the <title> before the site's name; never
    the site's top bar. "" when the page has none that reads as a title."""
    try:
        import lxml.html  # type: ignore[import-untyped]

        root = lxml.html.document_fromstring(re.sub(r"^\s*<\?xml[^>]*\?>", "", html))
    except Exception:  # an unparsable page has no title to offer; its text still reads
        return ""
    found = [" ".join(h.text_content().split()) for h in root.xpath("//h1")]
    found += [str(c).strip() for c in root.xpath("//meta[@property='og:title']/@content")]
    found += [_TITLE_SITE.split(t.text_content().strip())[0] for t in root.xpath("//title")]
    return next((t for t in found if 4 <= len(t) <= 80 and re.search("[\u4e00-\u9fff]", t)), "")


def _decode_html(data: bytes, source: str) -> tuple[str, str]:
    """A BOM, then valid UTF-8, then the declared <meta> charset, then detection: declarations lie."""
    match = _META_CHARSET.search(data[:_HEAD])
    if match and not data.startswith(_BOM_PREFIXES) and not _is_utf8(data):
        declared = match.group(1).decode("ascii").lower()
        codec = _CHARSET_ALIASES.get(declared, declared)
        if (text := _try(data, codec)) is not None:
            return text, codecs.lookup(codec).name
    return _decode_text(data, source)


def _html_fallback(html: str) -> str:
    import lxml.html

    root = lxml.html.document_fromstring(re.sub(r"^\s*<\?xml[^>]*\?>", "", html))
    for element in root.xpath("//script|//style|//noscript|//template|//head"):
        element.drop_tree()
    for element in root.iter(*_BLOCK_TAGS):
        element.tail = "\n" + (element.tail or "")
    for element in root.iter("td", "th"):
        element.tail = TABLE_CELL_SEP + (element.tail or "")
    lines = (line.strip().removesuffix("|").strip() for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)
