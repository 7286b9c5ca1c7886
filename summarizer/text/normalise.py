"""The one text normaliser: what "the same text" means wherever written text is compared.

Every comparison starts from NFKC, which folds full-width digits, Latin letters and punctuation to
ASCII (１２．５％ -> 12.5%, ，；：（） -> ,;:()) and the ideographic space to a space, so a model's
"１２．５%" and the parser's "12.5%" compare equal. Keys for comparing names and phrases then drop
whitespace and punctuation; dashes stay, because they carry meaning (1-9月 is a range).

Cleaning (text/clean.py) has its own, selective width step: it rewrites the document itself and
keeps Chinese punctuation full-width, which NFKC would not.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["PUNCTUATION", "dedupe_key", "name_key", "nfkc", "plain"]

# What a comparison ignores besides whitespace. The full-width forms of ，；：！？（） are already
# ASCII after NFKC; they are listed so the set reads like the text it is applied to.
PUNCTUATION = "，。、；：,.;:!?！？“”‘’\"'（）()《》【】"
_NOISE = re.compile(rf"[\s{re.escape(PUNCTUATION)}]+")
_DASHES = re.compile(r"[-—]+")
# The short form reports write for a long one; either spelling names the same indicator.
_SHORT_FORMS = (("规模以上", "规上"),)


def nfkc(text: str) -> str:
    """Width-folded text: what parsed figures and written text are compared in."""
    return unicodedata.normalize("NFKC", text)


def plain(text: str) -> str:
    """NFKC with whitespace and punctuation removed: "（一）规模以上 工业，" -> "一规模以上工业"."""
    return _NOISE.sub("", nfkc(text))


def name_key(text: str) -> str:
    """`plain`, with short forms for long ones: 规模以上工业增加值 and 规上工业增加值 give one key."""
    text = plain(text)
    for long, short in _SHORT_FORMS:
        text = text.replace(long, short)
    return text


def dedupe_key(text: str) -> str:
    """`plain`, also without dashes and case: the key under which one item written twice is dropped.

    Only for telling duplicates apart, never for reading: 1-9月 and 19月 share a key."""
    return _DASHES.sub("", plain(text)).lower()
